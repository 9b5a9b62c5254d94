import { assert } from '../assert.js';
import type { Ratio } from '../ratio.js';

/**
 * The allocation methods, as data. Shared engines never branch on a method's name: a divisor
 * method declares its divisor sequence, a largest-remainder method its quota. Every sequence and
 * quota is exact (integers or integer ratios); the engines compare quotients by
 * cross-multiplication.
 * @see Pukelsheim, Proportional Representation (2nd ed., 2017), ch. 3–5 and 7.
 */

/** Named divisor sequences (the k-th divisor is for the list's (k+1)-th seat). */
export const DIVISOR_FAMILIES = [
  'dhondt',
  'sainte-lague',
  'modified-sainte-lague',
  'danish',
  'imperiali',
  'adams',
  'huntington-hill',
  'dean',
  'macau',
] as const;
export type DivisorFamily = (typeof DIVISOR_FAMILIES)[number] | 'linear' | 'plurality';

/** Quotas for largest-remainder methods. */
export const QUOTAS = [
  'hare',
  'droop',
  'hagenbach-bischoff',
  'imperiali',
  'hare-rounded',
  'hagenbach-bischoff-ceil',
  'hagenbach-bischoff-rounded',
] as const;
export type QuotaId = (typeof QUOTAS)[number];

/**
 * How the k-th divisor is defined:
 * - linear: d(0) = first, d(k) = step·k + offset for k ≥ 1, all integers on one common scale
 *   (a rational first divisor such as 1.4 is held ×5: 7, 15, 25, …);
 * - geometric: d(k) = √(k(k+1)) (Huntington-Hill), compared through squares;
 * - harmonic: d(k) = 2k(k+1)/(2k+1) (Dean), compared as exact fractions.
 * A divisor of 0 (Adams, Huntington-Hill, Dean at k = 0) gives an infinite quotient: every list
 * with votes gets a first seat before any list gets a second; infinite quotients tie.
 */
export type DivisorSequence =
  | {
      readonly kind: 'linear';
      readonly first: number;
      readonly step: number;
      readonly offset: number;
      /** The integer scale of the three: the real divisors are these ÷ scale. */
      readonly scale: number;
    }
  | { readonly kind: 'geometric' }
  | { readonly kind: 'harmonic' }
  | { readonly kind: 'power'; readonly base: number };

export interface DivisorMethod {
  readonly kind: 'divisor';
  /** Stable id, e.g. 'dhondt', 'modified-sainte-lague' or 'modified-sainte-lague:6/5'. */
  readonly id: string;
  readonly family: DivisorFamily;
  readonly sequence: DivisorSequence;
  /**
   * k-th divisor on the sequence's integer scale (linear sequences); for geometric and harmonic
   * sequences, a float for display only — engines never decide with it.
   */
  readonly divisor: (seatsWon: number) => number;
  /** A first divisor replacing d(0) of a non-linear sequence (linear ones hold it in `sequence`). */
  readonly first?: Ratio;
  /** The method never gives a list fewer than ⌊S·v/V⌋ seats (D'Hondt), so allocation may start there. */
  readonly respectsLowerQuota: boolean;
  /** Only defined for a single seat (plurality). */
  readonly singleSeat: boolean;
}

export interface LargestRemainderMethod {
  readonly kind: 'largest-remainder';
  readonly id: string;
  readonly quota: QuotaId;
}

/**
 * The Dutch seat assignment (Kieswet arts. P 5–P 10) as one method: full seats by the Hare quota,
 * residual seats by highest averages (19 seats or more) or by largest remainders with the ¾-quota
 * limit, then unique highest averages (fewer than 19), the absolute-majority seat (P 9) and list
 * exhaustion (P 10). It includes P 9, so the generic `absolute-majority` tier never applies on
 * top of it.
 * @see Kieswet (BWBR0004627) arts. P 5–P 10; kieswet.ts.
 */
export interface KieswetMethod {
  readonly kind: 'kieswet';
  readonly id: 'kieswet';
}

export type AllocationMethod = DivisorMethod | LargestRemainderMethod | KieswetMethod;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

function linear(
  id: string,
  family: DivisorFamily,
  first: Ratio,
  step: Ratio,
  offset: Ratio,
  extra: Partial<Pick<DivisorMethod, 'respectsLowerQuota' | 'singleSeat'>> = {},
): DivisorMethod {
  // one integer scale for the three rationals: their denominators' least common multiple
  const dens = [first.denominator, step.denominator, offset.denominator];
  const scale = dens.reduce((l, d) => (l / gcd(l, d)) * d, 1);
  const at = (r: Ratio): number => (r.numerator * scale) / r.denominator;
  const sequence = {
    kind: 'linear',
    first: at(first),
    step: at(step),
    offset: at(offset),
    scale,
  } as const;
  assert(
    [sequence.first, sequence.step, sequence.offset].every(
      (x) => Number.isSafeInteger(x) && x >= 0,
    ) && sequence.step + sequence.offset > 0,
    'divisor sequence: non-negative, growing integers',
  );
  return {
    kind: 'divisor',
    id,
    family,
    sequence,
    divisor: (k) => (k === 0 ? sequence.first : sequence.step * k + sequence.offset),
    respectsLowerQuota: extra.respectsLowerQuota ?? false,
    singleSeat: extra.singleSeat ?? false,
  };
}

const r = (n: number, d = 1): Ratio => ({ numerator: n, denominator: d });

/** D'Hondt (Jefferson): divisors 1, 2, 3, … — LOE art. 30 (cifra repartidora); LOREG art. 163. */
export const DHONDT: DivisorMethod = linear('dhondt', 'dhondt', r(1), r(1), r(1), {
  respectsLowerQuota: true,
});

/** Sainte-Laguë (Webster): divisors 1, 3, 5, … */
export const SAINTE_LAGUE: DivisorMethod = linear('sainte-lague', 'sainte-lague', r(1), r(2), r(1));

/** Modified Sainte-Laguë with a first divisor other than 1 (Norway 1.4, Sweden 1.2): f, 3, 5, … */
export function modifiedSainteLague(first: Ratio): DivisorMethod {
  const isDefault = first.numerator * 5 === first.denominator * 7;
  return linear(
    isDefault
      ? 'modified-sainte-lague'
      : `modified-sainte-lague:${first.numerator}/${first.denominator}`,
    'modified-sainte-lague',
    first,
    r(2),
    r(1),
  );
}

/** Modified Sainte-Laguë (Nordic): divisors 1.4, 3, 5, … held ×5 as 7, 15, 25, … */
export const MODIFIED_SAINTE_LAGUE: DivisorMethod = modifiedSainteLague(r(7, 5));

/** Danish method: divisors 1, 4, 7, 10, … (3k + 1). */
export const DANISH: DivisorMethod = linear('danish', 'danish', r(1), r(3), r(1));

/** Imperiali divisors: 2, 3, 4, … (k + 2). */
export const IMPERIALI: DivisorMethod = linear('imperiali', 'imperiali', r(2), r(1), r(2));

/** Adams (smallest divisors): 0, 1, 2, … — every list with votes first gets one seat. */
export const ADAMS: DivisorMethod = linear('adams', 'adams', r(0), r(1), r(0));

/** Huntington-Hill (equal proportions): divisors √(k(k+1)): 0, √2, √6, … */
export const HUNTINGTON_HILL: DivisorMethod = {
  kind: 'divisor',
  id: 'huntington-hill',
  family: 'huntington-hill',
  sequence: { kind: 'geometric' },
  divisor: (k) => Math.sqrt(k * (k + 1)),
  respectsLowerQuota: false,
  singleSeat: false,
};

/** Dean (harmonic mean): divisors 2k(k+1)/(2k+1): 0, 4/3, 12/5, … */
export const DEAN: DivisorMethod = {
  kind: 'divisor',
  id: 'dean',
  family: 'dean',
  sequence: { kind: 'harmonic' },
  divisor: (k) => (2 * k * (k + 1)) / (2 * k + 1),
  respectsLowerQuota: false,
  singleSeat: false,
};

/** Macau's divisors 1, 2, 4, 8, … (2^k), compared exactly. */
export const MACAU: DivisorMethod = {
  kind: 'divisor',
  id: 'macau',
  family: 'macau',
  sequence: { kind: 'power', base: 2 },
  divisor: (k) => 2 ** k,
  respectsLowerQuota: false,
  singleSeat: false,
};

/**
 * The method with another first divisor (modified Sainte-Laguë's 1.4 on any sequence): linear
 * sequences take it into their integer scale, the others keep it apart.
 */
export function withFirstDivisor(method: DivisorMethod, first: Ratio): DivisorMethod {
  const s = method.sequence;
  const tag = `:${first.numerator}/${first.denominator}`;
  if (s.kind === 'linear') {
    if (method.family === 'sainte-lague' || method.family === 'modified-sainte-lague')
      return modifiedSainteLague(first);
    const r = (n: number): Ratio => ({ numerator: n, denominator: s.scale });
    return linear(`${method.id}${tag}`, method.family, first, r(s.step), r(s.offset));
  }
  return {
    ...method,
    id: `${method.id}${tag}`,
    first,
    divisor: (k) => (k === 0 ? first.numerator / first.denominator : method.divisor(k)),
  };
}

/** A divisor method from any linear sequence: first, then step·k + offset (rationals). */
export function linearDivisors(first: Ratio, step: Ratio, offset: Ratio): DivisorMethod {
  const t = (x: Ratio): string => `${x.numerator}/${x.denominator}`;
  return linear(`linear:${t(first)},${t(step)},${t(offset)}`, 'linear', first, step, offset);
}

/** Plurality for single-seat districts: the list with most votes (= D'Hondt with one seat). */
export const PLURALITY: DivisorMethod = linear('plurality', 'plurality', r(1), r(1), r(1), {
  respectsLowerQuota: true,
  singleSeat: true,
});

/** A largest-remainder method: its id and its quota (quotas.ts). */
const largestRemainder = (id: string, quota: QuotaId): LargestRemainderMethod => ({
  kind: 'largest-remainder',
  id,
  quota,
});

/** Largest remainder with the Hare quota V/S (Hamilton, Hare-Niemeyer). */
export const HARE = largestRemainder('hare', 'hare');

/** Largest remainder with the Droop quota ⌊V/(S+1)⌋ + 1. */
export const DROOP = largestRemainder('droop', 'droop');

/** Largest remainder with the Hagenbach-Bischoff quota V/(S+1), unrounded. */
export const HAGENBACH_BISCHOFF = largestRemainder('hagenbach-bischoff', 'hagenbach-bischoff');

/** Largest remainder with the Imperiali quota V/(S+2). */
export const IMPERIALI_QUOTA = largestRemainder('imperiali-quota', 'imperiali');

/** Largest remainder with the Hare quota rounded half up to a whole number of votes. */
export const HARE_ROUNDED = largestRemainder('hare-rounded', 'hare-rounded');

/** Largest remainder with the Hagenbach-Bischoff quota rounded up (⌈V/(S+1)⌉). */
export const HAGENBACH_BISCHOFF_CEIL = largestRemainder(
  'hagenbach-bischoff-ceil',
  'hagenbach-bischoff-ceil',
);

/** Largest remainder with the Hagenbach-Bischoff quota rounded half up (Slovakia's republic electoral number). */
export const HAGENBACH_BISCHOFF_ROUNDED = largestRemainder(
  'hagenbach-bischoff-rounded',
  'hagenbach-bischoff-rounded',
);

/** The Dutch seat assignment, Kieswet arts. P 5–P 10 (see kieswet.ts). */
export const KIESWET: KieswetMethod = { kind: 'kieswet', id: 'kieswet' };

/** The methods reachable by name (ruleset files, `--method`). */
export const NAMED_METHODS: ReadonlyMap<string, AllocationMethod> = new Map<
  string,
  AllocationMethod
>(
  [
    DHONDT,
    SAINTE_LAGUE,
    MODIFIED_SAINTE_LAGUE,
    DANISH,
    IMPERIALI,
    ADAMS,
    HUNTINGTON_HILL,
    DEAN,
    MACAU,
    PLURALITY,
    HARE,
    DROOP,
    HAGENBACH_BISCHOFF,
    IMPERIALI_QUOTA,
    HARE_ROUNDED,
    HAGENBACH_BISCHOFF_CEIL,
    HAGENBACH_BISCHOFF_ROUNDED,
    KIESWET,
  ].map((m) => [m.id, m]),
);

/** Every divisor on the integer scale up to maxSeats (linear sequences: the fast engine's table). */
export function divisorTable(method: DivisorMethod, maxSeats: number): Float64Array {
  assert(method.sequence.kind === 'linear', 'divisor table: linear sequences only');
  const table = new Float64Array(maxSeats + 1);
  for (let k = 0; k <= maxSeats; k++) table[k] = method.divisor(k);
  return table;
}

/**
 * The quota as an exact fraction [numerator, denominator] of the total V and house S:
 * Hare V/S, Droop ⌊V/(S+1)⌋ + 1, Hagenbach-Bischoff V/(S+1), Imperiali V/(S+2); the rounded
 * variants are whole numbers of votes (never below 1).
 */
export function quotaOf(quota: QuotaId, total: number, seats: number): [number, number] {
  const halfUp = (n: number, d: number): number => Math.max(1, Math.floor((2 * n + d) / (2 * d)));
  switch (quota) {
    case 'hare-rounded':
      return [halfUp(total, seats), 1];
    case 'hagenbach-bischoff-ceil':
      return [Math.max(1, Math.floor((total + seats) / (seats + 1))), 1];
    case 'hagenbach-bischoff-rounded':
      return [halfUp(total, seats + 1), 1];
    case 'hare':
      return [total, seats];
    case 'droop':
      return [Math.floor(total / (seats + 1)) + 1, 1];
    case 'hagenbach-bischoff':
      return [total, seats + 1];
    case 'imperiali':
      return [total, seats + 2];
  }
}
