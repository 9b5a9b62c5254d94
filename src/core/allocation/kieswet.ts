import { assert } from '../assert.js';
import { issue, type Issue } from '../issues.js';
import type { Rng } from '../random.js';
import type { Ratio } from '../ratio.js';
import { err, ok, type Result } from '../result.js';
import {
  assignResidualSeats,
  lotDrawer,
  ratioOfFrac,
  seatsOf,
  type Engine,
  type KieswetLot,
  type KieswetLotRequest,
  type KieswetStep,
  type PassEnd,
  type Round,
  type Standing,
} from './kieswet-residual.js';

export type {
  ExhaustionStep,
  KieswetLot,
  KieswetLotRequest,
  KieswetRule,
  KieswetStep,
  MajorityStep,
  ResidualSeatStep,
} from './kieswet-residual.js';
export { LARGE_COUNCIL } from './kieswet-residual.js';

/**
 * The Dutch seat assignment (Kieswet, Afdeling II, hoofdstuk P, §2), exact in integers and BigInt
 * fractions:
 * - P 5–P 6: the quota is votes / seats; each list takes ⌊votes / quota⌋ full seats and keeps its
 *   remainder (fixed from then on);
 * - P 7 (19 seats or more): residual seats by highest averages, votes / (seats + 1);
 * - P 8 (fewer than 19): largest remainders among lists with at least ¾ of the quota, one such
 *   seat per list; then unique highest averages, one per list; then plain highest averages;
 * - P 9: a list with more than half of the votes but not more than half of the seats takes one
 *   residual seat from the list that won the last one (a lot when a tied group won it together);
 *   only when residual seats were assigned, and only once;
 * - P 10: a list with fewer candidates than seats gives the extra ones back (residual seats
 *   first, then full seats); they are re-assigned by the same rules and history, leaving out
 *   lists with no candidate left. Seats nobody can take stay unassigned.
 * Ties: when all tied lists fit in the seats left, each takes one; otherwise a drawing of lots,
 * one lot per seat. Lots come from `lots` (an official drawing, replayed in order; a drawn list
 * must be among the tied lists), then from `rng`; without either the result is `lots-needed`,
 * with the tie and the standing so far. Input order never decides a seat.
 * Decisions compare BigInt fractions; total votes × (seats + 1) must stay below 2^53 so that every
 * quota, remainder and average is also reported exactly as a Ratio (cifra's counts, at most 10^9
 * votes a list, are far inside that).
 * @see Kieswet (BWBR0004627, 2026-01-01) arts. P 5–P 10 and P 19a (deceased candidates reduce the
 *   candidates a caller passes as caps); kiesraad/abacus `backend/apportionment` (the Electoral
 *   Council's implementation, whose tests test/peers/abacus.test.ts translates).
 */

export interface KieswetList {
  readonly party: string;
  readonly votes: number;
  /** Ballot position (the list number): orders the steps and lot options, never a seat. */
  readonly position?: number | undefined;
}

export interface KieswetInput {
  readonly lists: readonly KieswetList[];
  readonly seats: number;
  /** Candidates per list who can take a seat (P 10; P 19a: deceased ones not counted). */
  readonly caps?: ReadonlyMap<string, number> | undefined;
  /** Lists drawn in an official drawing of lots, in the order the procedure needs them. */
  readonly lots?: readonly string[] | undefined;
  /** Draws the lots the given results do not cover (recorded as source 'rng'). */
  readonly rng?: Rng | undefined;
}

export interface KieswetStanding {
  readonly party: string;
  readonly votes: number;
  readonly fullSeats: number;
  readonly residualSeats: number;
  readonly seats: number;
  readonly remainder: Ratio;
  readonly meetsThreshold: boolean;
}

export interface KieswetAssignment {
  /** assigned: the procedure ran to the end; lots-needed: it stopped at `request`. */
  readonly kind: 'assigned' | 'lots-needed';
  /** votes / seats (null for a council of 0 seats). */
  readonly quota: Ratio | null;
  /** Full and residual seats as P 6 first gives them (before P 10 takes any back). */
  readonly initial: { readonly fullSeats: number; readonly residualSeats: number };
  /** Every list in ballot order, as it stands at the end (or when lots are needed). */
  readonly standings: readonly KieswetStanding[];
  readonly seats: ReadonlyMap<string, number>;
  /** Seats no list holds: left unassigned (P 10, or no votes at all), or still open. */
  readonly unassigned: number;
  readonly steps: readonly KieswetStep[];
  /** Every lot drawn, in order. */
  readonly lots: readonly KieswetLot[];
  readonly request: KieswetLotRequest | null;
  /** Warnings: seats_unassigned, absolute_majority_with_exhaustion, lot_unused. */
  readonly issues: readonly Issue[];
}

function checkInput(input: KieswetInput): void {
  assert(Number.isSafeInteger(input.seats) && input.seats >= 0, 'kieswet: seats');
  const names = new Set(input.lists.map((l) => l.party));
  assert(names.size === input.lists.length, 'kieswet: duplicate list');
  for (const l of input.lists)
    assert(Number.isSafeInteger(l.votes) && l.votes >= 0, `kieswet: votes of ${l.party}`);
  for (const [p, c] of input.caps ?? [])
    assert(Number.isSafeInteger(c) && c >= 0, `kieswet: candidates of ${p}`);
  const total = input.lists.reduce((a, l) => a + BigInt(l.votes), 0n);
  assert(
    total * BigInt(input.seats + 1) <= BigInt(Number.MAX_SAFE_INTEGER),
    'kieswet: votes × (seats + 1) must stay below 2^53, so that every fraction is reported exactly',
  );
}

function ballotOrder(a: KieswetList, b: KieswetList): number {
  const pa = a.position ?? Number.POSITIVE_INFINITY;
  const pb = b.position ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.party < b.party ? -1 : a.party > b.party ? 1 : 0;
}

/** P 5–P 6: the quota, full seats, remainders and the ¾-quota test, per list. */
function fullSeats(input: KieswetInput, total: bigint): Standing[] {
  const S = BigInt(input.seats);
  return [...input.lists].sort(ballotOrder).map((l): Standing => {
    const v = BigInt(l.votes);
    const full = total === 0n ? 0n : (v * S) / total;
    return {
      party: l.party,
      votes: v,
      cap: input.caps?.get(l.party),
      remainder: S === 0n ? { n: 0n, d: 1n } : { n: v * S - full * total, d: S },
      meetsThreshold: 4n * v * S >= 3n * total,
      full: Number(full),
      residual: 0,
      byRemainder: 0,
      byUniqueAverage: 0,
      retracted: false,
    };
  });
}

type Stop = Exclude<PassEnd, { kind: 'done' }>;

/**
 * P 9: a list with more than half of the votes and no more than half of the seats takes one
 * residual seat from the list that won the last one; a lot picks it among a group that won the
 * last seat together.
 */
function giveMajoritySeat(e: Engine, total: bigint, last: Round): Stop | null {
  const major = e.lists.find((s) => 2n * s.votes > total);
  if (major === undefined || 2 * seatsOf(major) > e.seats) return null;
  const options = [...new Set(last.parties)];
  let from = options[0] as string;
  let lot: KieswetLot | null = null;
  if (options.length > 1) {
    const pick = e.lots.draw(options, []);
    if (pick.kind === 'invalid') return pick;
    if (pick.kind === 'needed')
      return {
        kind: 'lots',
        request: { kind: 'absolute-majority', rule: last.rule, assignTo: major.party, options },
      };
    from = pick.lot.drawn;
    lot = pick.lot;
  }
  const loser = e.lists.find((s) => s.party === from) as Standing;
  assert(loser.residual > 0, 'P 9: the last residual seat is held');
  loser.residual--;
  loser.retracted = true;
  major.residual++;
  e.steps.push({ kind: 'absolute-majority', from, to: major.party, lot });
  return null;
}

/**
 * P 10: lists with more seats than candidates give the extra back (residual seats first), and
 * the seats are assigned again, numbered after the first pass, without the exhausted lists.
 */
function reassignExhaustedSeats(e: Engine, residualSeats: number): Stop | null {
  let removed = 0;
  for (const s of e.lists) {
    const extra = s.cap === undefined ? 0 : seatsOf(s) - s.cap;
    for (let k = 0; k < extra; k++) {
      const seat = s.residual > 0 ? 'residual' : 'full';
      if (seat === 'residual') s.residual--;
      else s.full--;
      e.steps.push({ kind: 'exhaustion-removal', party: s.party, seat });
      removed++;
    }
  }
  if (removed === 0) return null;
  const pass = assignResidualSeats(e, removed, residualSeats + 1, 'exhaustion');
  return pass.kind === 'done' ? null : pass;
}

function warnings(e: Engine, total: bigint, unassigned: number): Issue[] {
  const out: Issue[] = [];
  const majority = e.steps.some((s) => s.kind === 'absolute-majority');
  const exhaustion = e.steps.some((s) => s.kind === 'exhaustion-removal');
  const major = e.lists.find((s) => 2n * s.votes > total);
  if (majority && exhaustion && major !== undefined)
    out.push(
      issue(
        'absolute_majority_with_exhaustion',
        ['party', major.party],
        { seats: seatsOf(major), councilSeats: e.seats, majority: 2 * seatsOf(major) > e.seats },
        'warning',
      ),
    );
  if (unassigned > 0) out.push(issue('seats_unassigned', [], { seats: unassigned }, 'warning'));
  const unused = e.lots.unused();
  if (unused.length > 0) out.push(issue('lot_unused', ['lots'], { unused }, 'warning'));
  return out;
}

function outcome(
  e: Engine,
  base: Pick<KieswetAssignment, 'quota' | 'initial'>,
  end: { request: KieswetLotRequest | null; issues: Issue[] },
): KieswetAssignment {
  const held = e.lists.reduce((a, s) => a + seatsOf(s), 0);
  return {
    kind: end.request === null ? 'assigned' : 'lots-needed',
    ...base,
    standings: e.lists.map((s) => ({
      party: s.party,
      votes: Number(s.votes),
      fullSeats: s.full,
      residualSeats: s.residual,
      seats: seatsOf(s),
      remainder: ratioOfFrac(s.remainder),
      meetsThreshold: s.meetsThreshold,
    })),
    seats: new Map(e.lists.map((s) => [s.party, seatsOf(s)])),
    unassigned: e.seats - held,
    steps: e.steps,
    lots: e.lots.used,
    request: end.request,
    issues: end.issues,
  };
}

/**
 * Assigns the seats of a council by Kieswet arts. P 5–P 10. Err only when a given lot result is
 * not among the lists tied for it (`lot_invalid`).
 * @see Kieswet arts. P 5–P 10.
 * @example allocateKieswet({ lists: [{ party: 'A', votes: 540 }, { party: 'B', votes: 160 }], seats: 15 })
 */
export function allocateKieswet(input: KieswetInput): Result<KieswetAssignment, Issue[]> {
  checkInput(input);
  const total = input.lists.reduce((a, l) => a + BigInt(l.votes), 0n);
  const e: Engine = {
    seats: input.seats,
    lists: fullSeats(input, total),
    steps: [],
    lots: lotDrawer(input.lots ?? [], input.rng),
  };
  const full = e.lists.reduce((a, s) => a + s.full, 0);
  const base = {
    quota: input.seats === 0 ? null : ratioOfFrac({ n: total, d: BigInt(input.seats) }),
    initial: { fullSeats: full, residualSeats: input.seats - full },
  };
  const stop = (s: Stop): Result<KieswetAssignment, Issue[]> =>
    s.kind === 'invalid'
      ? err([s.issue])
      : ok(outcome(e, base, { request: s.request, issues: [] }));
  const first = assignResidualSeats(e, base.initial.residualSeats, 1, 'residual');
  if (first.kind !== 'done') return stop(first);
  const majority = first.last === null ? null : giveMajoritySeat(e, total, first.last);
  if (majority !== null) return stop(majority);
  const exhaustion = reassignExhaustedSeats(e, base.initial.residualSeats);
  if (exhaustion !== null) return stop(exhaustion);
  const unassigned = input.seats - e.lists.reduce((a, s) => a + seatsOf(s), 0);
  return ok(outcome(e, base, { request: null, issues: warnings(e, total, unassigned) }));
}
