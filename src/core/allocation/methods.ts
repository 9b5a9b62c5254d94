/**
 * The allocation methods, as data. Shared engines never branch on a method's id: each divisor
 * method declares its divisor sequence (integers, scaled so comparisons stay exact) and each
 * largest-remainder method declares its quota.
 */
export const METHOD_IDS = [
  'dhondt',
  'sainte-lague',
  'modified-sainte-lague',
  'hare',
  'droop',
  'plurality',
] as const;
export type MethodId = (typeof METHOD_IDS)[number];

export interface DivisorMethod {
  readonly kind: 'divisor';
  readonly id: MethodId;
  /** k-th divisor (k = seats already won), as a positive integer on a common scale. */
  readonly divisor: (seatsWon: number) => number;
  /** The method never gives a list fewer than ⌊S·v/V⌋ seats, so allocation may start there. */
  readonly respectsLowerQuota: boolean;
  /** Only defined for a single seat (plurality). */
  readonly singleSeat: boolean;
}

export interface LargestRemainderMethod {
  readonly kind: 'largest-remainder';
  readonly id: MethodId;
  readonly quota: 'hare' | 'droop';
}

export type AllocationMethod = DivisorMethod | LargestRemainderMethod;

/** D'Hondt: divisors 1, 2, 3, … — LOE art. 30 (cifra repartidora); LOREG art. 163 (Spain). */
export const DHONDT: DivisorMethod = {
  kind: 'divisor',
  id: 'dhondt',
  divisor: (k) => k + 1,
  respectsLowerQuota: true,
  singleSeat: false,
};

/** Sainte-Laguë (Webster): divisors 1, 3, 5, … */
export const SAINTE_LAGUE: DivisorMethod = {
  kind: 'divisor',
  id: 'sainte-lague',
  divisor: (k) => 2 * k + 1,
  respectsLowerQuota: false,
  singleSeat: false,
};

/** Modified Sainte-Laguë (Nordic): divisors 1.4, 3, 5, … held ×5 as 7, 15, 25, … */
export const MODIFIED_SAINTE_LAGUE: DivisorMethod = {
  kind: 'divisor',
  id: 'modified-sainte-lague',
  divisor: (k) => (k === 0 ? 7 : 5 * (2 * k + 1)),
  respectsLowerQuota: false,
  singleSeat: false,
};

/** Plurality for single-seat districts: the list with most votes (= D'Hondt with one seat). */
export const PLURALITY: DivisorMethod = {
  kind: 'divisor',
  id: 'plurality',
  divisor: (k) => k + 1,
  respectsLowerQuota: true,
  singleSeat: true,
};

/** Largest remainder with the Hare quota V/S (Hamilton, Hare-Niemeyer). */
export const HARE: LargestRemainderMethod = {
  kind: 'largest-remainder',
  id: 'hare',
  quota: 'hare',
};

/** Largest remainder with the Droop quota ⌊V/(S+1)⌋ + 1. */
export const DROOP: LargestRemainderMethod = {
  kind: 'largest-remainder',
  id: 'droop',
  quota: 'droop',
};

export const METHODS: ReadonlyMap<MethodId, AllocationMethod> = new Map<MethodId, AllocationMethod>(
  [
    ['dhondt', DHONDT],
    ['sainte-lague', SAINTE_LAGUE],
    ['modified-sainte-lague', MODIFIED_SAINTE_LAGUE],
    ['hare', HARE],
    ['droop', DROOP],
    ['plurality', PLURALITY],
  ],
);

export function divisorTable(method: DivisorMethod, maxSeats: number): Float64Array {
  const table = new Float64Array(maxSeats + 1);
  for (let k = 0; k <= maxSeats; k++) table[k] = method.divisor(k);
  return table;
}
