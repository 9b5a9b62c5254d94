import { expect } from 'vitest';
import {
  allocateKieswet,
  type KieswetAssignment,
  type KieswetLot,
  type KieswetLotRequest,
  type KieswetRule,
  type KieswetStep,
} from '../../src/core/allocation/kieswet.js';
import type { Ratio } from '../../src/core/ratio.js';

/**
 * Runs kiesraad/abacus's seat-assignment cases (abacus-cases.ts) through allocateKieswet and
 * compares every value the abacus test asserts. Fractions are compared by value: abacus keeps
 * them unreduced (900/15), cifra reduces them (60).
 */

/** A fraction as abacus writes it: [numerator, denominator]. */
export type Frac = readonly [number, number];

/** abacus's lot variants: which procedure asked for the lot. */
export type LotVariant =
  | 'LargestRemainderResidualSeat'
  | 'HighestAverageResidualSeat'
  | 'AbsoluteMajorityLargestRemainder'
  | 'AbsoluteMajorityHighestAverage';

export interface ExpectedLot {
  readonly variant: LotVariant;
  readonly options: readonly number[];
  readonly value?: Frac;
  readonly residualSeats?: readonly number[];
  readonly values?: readonly (readonly [number, Frac])[];
  readonly assignTo?: number;
}

export type ExpectedStep =
  | {
      readonly seat: KieswetRule;
      readonly list: number;
      readonly residualSeat?: number;
      readonly tied?: readonly number[];
      readonly group?: readonly number[];
      readonly value?: Frac;
      readonly exhausted?: readonly number[];
      readonly lot?: ExpectedLot | null;
    }
  | { readonly majority: number; readonly from: number; readonly lot?: ExpectedLot | null }
  | { readonly removal: number }
  /** A step the abacus test does not assert. */
  | null;

export interface Expected {
  readonly outcome: KieswetAssignment['kind'];
  readonly seats?: readonly number[];
  /** Seats the abacus test does not assert, from the research's re-statement of the rules. */
  readonly derivedSeats?: readonly number[];
  readonly residualPerList?: readonly number[];
  /** Σ full and Σ residual seats: final when assigned, initial (P 6) when lots are needed. */
  readonly fullSeats?: number;
  readonly residualSeats?: number;
  readonly quota?: Frac;
  readonly stepCount?: number;
  readonly steps?: readonly ExpectedStep[];
  /** abacus's warnings as cifra's issue codes. */
  readonly warnings?: readonly string[];
  readonly request?: ExpectedLot;
  readonly hasExhaustionStep?: boolean;
  readonly firstStanding?: {
    readonly list: number;
    readonly remainder: Frac;
    readonly meetsThreshold: boolean;
    readonly nextAverage: Frac;
    readonly fullSeats: number;
    readonly residualSeats: number;
  };
  readonly finalStanding?: {
    readonly list: number;
    readonly fullSeats: number;
    readonly residualSeats: number;
    readonly seats: number;
  };
}

export interface AbacusCase {
  readonly id: string;
  /** Path and test function in kiesraad/abacus. */
  readonly source: string;
  readonly subcase?: string;
  readonly phase?: number;
  readonly seats: number;
  /** List numbers in input order (default 1…n). */
  readonly lists?: readonly number[];
  readonly votes: readonly number[];
  /** Candidates per list (one number: every list). */
  readonly candidates: number | readonly number[];
  /** Deceased candidates per list number (P 19a: they cannot take a seat). */
  readonly deceased?: Readonly<Record<number, number>>;
  /** Lists drawn, in the order abacus consumes them. */
  readonly lots?: readonly number[];
  /** Why cifra's documented behaviour differs from abacus here (the test asserts ours). */
  readonly differs?: string;
  readonly expected: Expected;
}

export interface LegacyCase {
  readonly id: string;
  readonly source: string;
  readonly seats: number;
  readonly votes: readonly number[];
  readonly candidates: number | readonly number[];
  /** What the 2025 implementation returned. */
  readonly abacus2025: string;
  /** The current abacus case with the same input. */
  readonly current: string;
  readonly expected: Expected;
}

export function listNumbers(c: Pick<AbacusCase, 'lists' | 'votes'>): readonly number[] {
  return c.lists ?? c.votes.map((_, i) => i + 1);
}

/** The case as allocateKieswet's input: list numbers as names and ballot positions. */
export function runCase(
  c: Pick<AbacusCase, 'lists' | 'votes' | 'seats' | 'candidates' | 'deceased' | 'lots'>,
): KieswetAssignment {
  const numbers = listNumbers(c);
  const cands = (i: number): number =>
    typeof c.candidates === 'number' ? c.candidates : (c.candidates[i] as number);
  const r = allocateKieswet({
    lists: numbers.map((n, i) => ({ party: String(n), votes: c.votes[i] as number, position: n })),
    seats: c.seats,
    caps: new Map(numbers.map((n, i) => [String(n), cands(i) - (c.deceased?.[n] ?? 0)])),
    lots: c.lots?.map(String),
  });
  if (!r.ok) throw new Error(`unexpected issues: ${JSON.stringify(r.error)}`);
  return r.value;
}

export const sameValue = (r: Ratio, f: Frac): boolean =>
  r.numerator * f[1] === f[0] * r.denominator;

const names = (xs: readonly number[] | undefined): string[] | undefined => xs?.map(String);

function perList(a: KieswetAssignment, numbers: readonly number[], pick: 'seats' | 'residual') {
  return numbers.map((n) => {
    const s = a.standings.find((x) => x.party === String(n));
    return pick === 'seats' ? s?.seats : s?.residualSeats;
  });
}

/** Seats, standings, totals, quota and warnings. */
export function checkTotals(
  a: KieswetAssignment,
  c: Pick<AbacusCase, 'lists' | 'votes'>,
  e: Expected,
): void {
  const numbers = listNumbers(c);
  expect(a.kind).toBe(e.outcome);
  const seats = e.seats ?? e.derivedSeats;
  if (seats !== undefined) expect(perList(a, numbers, 'seats')).toEqual(seats);
  if (e.residualPerList !== undefined)
    expect(perList(a, numbers, 'residual')).toEqual(e.residualPerList);
  const totals =
    a.kind === 'assigned'
      ? {
          full: a.standings.reduce((x, s) => x + s.fullSeats, 0),
          residual: a.standings.reduce((x, s) => x + s.residualSeats, 0),
        }
      : { full: a.initial.fullSeats, residual: a.initial.residualSeats };
  if (e.fullSeats !== undefined) expect(totals.full).toBe(e.fullSeats);
  if (e.residualSeats !== undefined) expect(totals.residual).toBe(e.residualSeats);
  if (e.quota !== undefined) expect(a.quota !== null && sameValue(a.quota, e.quota)).toBe(true);
  if (e.warnings !== undefined) expect(a.issues.map((i) => i.code)).toEqual(e.warnings);
  if (e.hasExhaustionStep !== undefined)
    expect(a.steps.some((s) => s.kind === 'exhaustion-removal')).toBe(e.hasExhaustionStep);
  if (e.firstStanding !== undefined) checkFirstStanding(a, e.firstStanding);
  if (e.finalStanding !== undefined) {
    const s = a.standings.find((x) => x.party === String(e.finalStanding?.list));
    expect([s?.fullSeats, s?.residualSeats, s?.seats]).toEqual([
      e.finalStanding.fullSeats,
      e.finalStanding.residualSeats,
      e.finalStanding.seats,
    ]);
  }
}

/**
 * abacus's standing of a list before the first residual seat. Remainders and the ¾ test never
 * change; with no P 10 removal from the list its full seats are still the initial ones, and its
 * average for the next seat was votes / (full seats + 1).
 */
function checkFirstStanding(a: KieswetAssignment, f: NonNullable<Expected['firstStanding']>): void {
  const s = a.standings.find((x) => x.party === String(f.list));
  expect(s).toBeDefined();
  if (s === undefined) return;
  expect(a.steps.some((x) => x.kind === 'exhaustion-removal' && x.party === s.party)).toBe(false);
  expect(sameValue(s.remainder, f.remainder)).toBe(true);
  expect(s.meetsThreshold).toBe(f.meetsThreshold);
  expect(s.fullSeats).toBe(f.fullSeats);
  expect(f.residualSeats).toBe(0);
  expect(sameValue({ numerator: s.votes, denominator: s.fullSeats + 1 }, f.nextAverage)).toBe(true);
}

function ruleMatches(rule: KieswetRule, variant: LotVariant): boolean {
  return variant.endsWith('LargestRemainder') || variant === 'LargestRemainderResidualSeat'
    ? rule === 'largest-remainder'
    : rule !== 'largest-remainder';
}

/** A lot recorded in a step or a lot request against abacus's lot variant. */
export function checkLot(
  got: KieswetLot | KieswetLotRequest | null,
  e: ExpectedLot | null,
  rule?: KieswetRule,
): void {
  if (e === null) return void expect(got).toBeNull();
  expect(got).not.toBeNull();
  if (got === null) return;
  expect(got.options).toEqual(names(e.options));
  const r = 'rule' in got ? got.rule : rule;
  if (r !== undefined) expect(ruleMatches(r, e.variant)).toBe(true);
  if (e.residualSeats !== undefined && 'residualSeats' in got)
    expect(got.residualSeats).toEqual(e.residualSeats);
  if (e.assignTo !== undefined && 'assignTo' in got) expect(got.assignTo).toBe(String(e.assignTo));
  if ('kind' in got) {
    expect(got.kind).toBe(
      e.variant.startsWith('AbsoluteMajority') ? 'absolute-majority' : 'residual-seat',
    );
    if (got.kind === 'residual-seat') {
      if (e.value !== undefined) expect(sameValue(got.value, e.value)).toBe(true);
      if (e.values !== undefined) {
        expect(got.values.map((v) => v.party)).toEqual(e.values.map(([n]) => String(n)));
        got.values.forEach((v, i) =>
          expect(sameValue(v.value, e.values?.[i]?.[1] ?? [0, 1])).toBe(true),
        );
      }
    }
  }
}

function checkStep(got: KieswetStep | undefined, e: ExpectedStep): void {
  if (e === null) return;
  expect(got).toBeDefined();
  if (got === undefined) return;
  if ('removal' in e)
    return void expect(got).toMatchObject({ kind: 'exhaustion-removal', party: String(e.removal) });
  if ('majority' in e) {
    expect(got).toMatchObject({
      kind: 'absolute-majority',
      to: String(e.majority),
      from: String(e.from),
    });
    if (e.lot !== undefined && got.kind === 'absolute-majority') checkLot(got.lot, e.lot);
    return;
  }
  expect(got).toMatchObject({ kind: 'residual-seat', party: String(e.list), rule: e.seat });
  if (got.kind !== 'residual-seat') return;
  if (e.residualSeat !== undefined) expect(got.seat).toBe(e.residualSeat);
  if (e.tied !== undefined) expect(got.tied).toEqual(names(e.tied));
  if (e.group !== undefined) expect(got.group).toEqual(names(e.group));
  if (e.value !== undefined) expect(sameValue(got.value, e.value)).toBe(true);
  if (e.exhausted !== undefined) expect(got.exhausted).toEqual(names(e.exhausted));
  if (e.lot !== undefined) {
    checkLot(got.lot, e.lot, got.rule);
    // abacus's variant holds the tied value and the seats still open: the step's value and seat
    if (e.lot !== null && e.lot.value !== undefined)
      expect(sameValue(got.value, e.lot.value)).toBe(true);
    if (e.lot?.residualSeats !== undefined) expect(got.seat).toBe(e.lot.residualSeats[0]);
  }
}

/** Steps (count and each asserted step), and the lot request of a lots-needed result. */
export function checkSteps(a: KieswetAssignment, e: Expected): void {
  if (e.stepCount !== undefined) expect(a.steps).toHaveLength(e.stepCount);
  e.steps?.forEach((s, i) => checkStep(a.steps[i], s));
  if (e.request !== undefined) checkLot(a.request, e.request);
  else if (a.kind === 'assigned') expect(a.request).toBeNull();
}
