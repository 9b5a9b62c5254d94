import { assert } from '../assert.js';
import { issue, type Issue } from '../issues.js';
import type { Rng } from '../random.js';
import { ratio, type Ratio } from '../ratio.js';

/**
 * The residual seats of the Dutch seat assignment (Kieswet arts. P 7 and P 8), one round at a
 * time, in exact BigInt fractions. A round gives one seat to every list that shares the best
 * value (remainder or average); when more lists share it than seats are left, the seats go by
 * drawing of lots, one lot per seat. Which list comes first in the input never decides a seat;
 * lists are kept in ballot order (position, then name) only so that steps read like the
 * official record.
 * @see Kieswet (BWBR0004627) arts. P 7, P 8 and P 10 (re-assignment).
 */

/** Councils with at least this many seats assign residual seats by highest averages (P 7). */
export const LARGE_COUNCIL = 19;

/** The rule that gave a residual seat (P 7: highest averages; P 8: the three in turn). */
export type KieswetRule = 'largest-remainder' | 'unique-highest-average' | 'highest-average';

/** One drawing of lots: the lists it was among and the list drawn. */
export interface KieswetLot {
  readonly options: readonly string[];
  readonly drawn: string;
  /** The residual seat numbers still open when it was drawn (empty for the P 9 lot). */
  readonly residualSeats: readonly number[];
  /** given: from the lot results passed in (an official drawing); rng: drawn by cifra, seeded. */
  readonly source: 'given' | 'rng';
}

/** A residual seat and the rule, value and tie behind it. */
export interface ResidualSeatStep {
  readonly kind: 'residual-seat';
  /** Residual seat number: 1… in the first pass, continuing after it in the P 10 re-assignment. */
  readonly seat: number;
  readonly pass: 'residual' | 'exhaustion';
  readonly party: string;
  readonly rule: KieswetRule;
  /** The list's remainder (largest remainder) or votes per seat with this seat (averages). */
  readonly value: Ratio;
  /** Lists still sharing that value when this seat was given (this list included). */
  readonly tied: readonly string[];
  /** Lists that took seats at this value in this round so far: P 9's "last seat" group. */
  readonly group: readonly string[];
  /** Lists left out because they have no candidate left (P 10 re-assignment only). */
  readonly exhausted: readonly string[];
  readonly lot: KieswetLot | null;
}

/** P 9: a residual seat moved to the list with an absolute majority of the votes. */
export interface MajorityStep {
  readonly kind: 'absolute-majority';
  readonly from: string;
  readonly to: string;
  readonly lot: KieswetLot | null;
}

/** P 10: a seat taken back from a list with fewer candidates than seats. */
export interface ExhaustionStep {
  readonly kind: 'exhaustion-removal';
  readonly party: string;
  readonly seat: 'residual' | 'full';
}

/** One entry of the assignment's record, in the order the Kieswet's procedure takes them. */
export type KieswetStep = ResidualSeatStep | MajorityStep | ExhaustionStep;

/** A tie only a drawing of lots can settle, as the procedure meets it. */
export type KieswetLotRequest =
  | {
      readonly kind: 'residual-seat';
      readonly rule: KieswetRule;
      /** The value the options share. */
      readonly value: Ratio;
      /** The residual seat numbers still open in this pass (more lists tied than these seats). */
      readonly residualSeats: readonly number[];
      readonly options: readonly string[];
      /** Every list's value for this rule at that moment, in ballot order. */
      readonly values: readonly { readonly party: string; readonly value: Ratio }[];
    }
  | {
      readonly kind: 'absolute-majority';
      /** The rule that gave the last residual seat. */
      readonly rule: KieswetRule;
      /** The list with the absolute majority of votes, which gets the seat. */
      readonly assignTo: string;
      /** The lists that took the last residual seat together: one of them gives it up. */
      readonly options: readonly string[];
    };

/** An exact non-negative fraction, compared by cross-multiplication. */
export interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}

/** Sign of a − b, by cross-multiplication in BigInt. */
export function compareFracs(a: Frac, b: Frac): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l > r ? 1 : l < r ? -1 : 0;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The fraction in lowest terms as a Ratio (numbers; vote counts keep it far below 2^53). */
export function ratioOfFrac(f: Frac): Ratio {
  const g = gcd(f.n, f.d);
  const n = f.n / g;
  const d = f.d / g;
  assert(n <= BigInt(Number.MAX_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER), 'ratio');
  return ratio(Number(n), Number(d));
}

/** One list while seats are assigned (mutable inside the procedure only). */
export interface Standing {
  readonly party: string;
  readonly votes: bigint;
  /** Candidates who can take a seat (P 10); undefined: no limit. */
  readonly cap: number | undefined;
  /** Votes left after the full seats, over the quota's denominator: fixed by P 6. */
  readonly remainder: Frac;
  /** Votes ≥ ¾ of the quota: may take a largest-remainder seat (P 8). */
  readonly meetsThreshold: boolean;
  full: number;
  residual: number;
  /** Seats ever won by largest remainder and by unique highest average (never decreased). */
  byRemainder: number;
  byUniqueAverage: number;
  /** P 9 took a residual seat from this list. */
  retracted: boolean;
}

/** Full plus residual seats. */
export const seatsOf = (s: Standing): number => s.full + s.residual;
/** P 10: no candidate left for another seat. */
export const isExhausted = (s: Standing): boolean => s.cap !== undefined && s.cap <= seatsOf(s);
const average = (s: Standing): Frac => ({ n: s.votes, d: BigInt(seatsOf(s) + 1) });
const remainder = (s: Standing): Frac => s.remainder;

/** The next lot: drawn (given or by the rng), needed (neither is there), or an invalid given result. */
export type LotPick =
  | { readonly kind: 'drawn'; readonly lot: KieswetLot }
  | { readonly kind: 'needed' }
  | { readonly kind: 'invalid'; readonly issue: Issue };

/** Lot results in the order the procedure needs them, then the seeded generator, if any. */
export interface LotDrawer {
  draw(options: readonly string[], residualSeats: readonly number[]): LotPick;
  /** Every lot drawn so far, in order. */
  readonly used: readonly KieswetLot[];
  /** Given lot results the procedure never needed. */
  unused(): readonly string[];
}

/**
 * Takes given lot results in order, validating each against the tied lists; when they run out,
 * draws with `rng` (uniformly among the options, in ballot order) or reports the lot as needed.
 * @see Kieswet arts. P 7–P 9 ("beslist het lot").
 */
export function lotDrawer(given: readonly string[], rng: Rng | undefined): LotDrawer {
  let next = 0;
  const used: KieswetLot[] = [];
  const record = (lot: KieswetLot): LotPick => {
    used.push(lot);
    return { kind: 'drawn', lot };
  };
  return {
    used,
    unused: () => given.slice(next),
    draw(options, residualSeats) {
      const drawn = given[next];
      if (drawn === undefined) {
        if (rng === undefined) return { kind: 'needed' };
        const pick = options[rng.int(0, options.length - 1)] as string;
        return record({ options, drawn: pick, residualSeats, source: 'rng' });
      }
      next++;
      if (!options.includes(drawn))
        return {
          kind: 'invalid',
          issue: issue('lot_invalid', ['lots', next - 1], { drawn, options, lot: next }),
        };
      return record({ options, drawn, residualSeats, source: 'given' });
    },
  };
}

/** The state of one assignment: the council, its lists, the record and the lots. */
export interface Engine {
  /** Seats of the council (S). */
  readonly seats: number;
  /** Every list, in ballot order. */
  readonly lists: readonly Standing[];
  readonly steps: KieswetStep[];
  readonly lots: LotDrawer;
}

/** The lists that took seats in one round (in order) and the rule of that round. */
export interface Round {
  readonly rule: KieswetRule;
  readonly parties: readonly string[];
}

/** How a pass of residual seats ended: done (with the last round), stopped for a lot, or invalid. */
export type PassEnd =
  | { readonly kind: 'done'; readonly assigned: number; readonly last: Round | null }
  | { readonly kind: 'lots'; readonly request: KieswetLotRequest }
  | { readonly kind: 'invalid'; readonly issue: Issue };

interface Contest {
  readonly rule: KieswetRule;
  readonly value: (s: Standing) => Frac;
  /** The lists sharing the best value, in ballot order. */
  readonly group: readonly Standing[];
}

/** P 8: one largest-remainder seat per list, unless P 9 took that seat back. */
export function mayTakeRemainderSeat(s: Standing): boolean {
  return s.meetsThreshold && (s.byRemainder === 0 || (s.retracted && s.byRemainder === 1));
}

/** P 8: one unique-highest-average seat per list, unless P 9 took a residual seat back. */
export function mayTakeUniqueAverageSeat(s: Standing): boolean {
  return s.byUniqueAverage === 0 || (s.retracted && s.byUniqueAverage === 1 && s.byRemainder <= 1);
}

function best(rule: KieswetRule, value: (s: Standing) => Frac, lists: Standing[]): Contest {
  let top: Frac | null = null;
  let group: Standing[] = [];
  for (const s of lists) {
    const c = top === null ? 1 : compareFracs(value(s), top);
    if (c > 0) {
      top = value(s);
      group = [s];
    } else if (c === 0) group.push(s);
  }
  return { rule, value, group };
}

/**
 * Who contests the next residual seat: highest averages for 19 seats or more (P 7); below that,
 * largest remainders among lists with ¾ of the quota, then unique highest averages, then plain
 * highest averages (P 8).
 */
function contest(e: Engine, eligible: Standing[]): Contest {
  if (e.seats < LARGE_COUNCIL) {
    const lr = eligible.filter(mayTakeRemainderSeat);
    if (lr.length > 0) return best('largest-remainder', remainder, lr);
    const uha = eligible.filter(mayTakeUniqueAverageSeat);
    if (uha.length > 0) return best('unique-highest-average', average, uha);
  }
  return best('highest-average', average, eligible);
}

interface SeatContext {
  readonly contest: Contest;
  readonly pass: ResidualSeatStep['pass'];
}

function giveSeat(
  e: Engine,
  ctx: SeatContext,
  s: Standing,
  at: { seat: number; tied: readonly string[]; group: readonly string[]; lot: KieswetLot | null },
): void {
  e.steps.push({
    kind: 'residual-seat',
    seat: at.seat,
    pass: ctx.pass,
    party: s.party,
    rule: ctx.contest.rule,
    value: ratioOfFrac(ctx.contest.value(s)),
    tied: at.tied,
    group: at.group,
    exhausted: ctx.pass === 'exhaustion' ? e.lists.filter(isExhausted).map((x) => x.party) : [],
    lot: at.lot,
  });
  s.residual++;
  if (ctx.contest.rule === 'largest-remainder') s.byRemainder++;
  if (ctx.contest.rule === 'unique-highest-average') s.byUniqueAverage++;
}

/** Every tied list fits in the seats left: each takes one (no lot, and no list goes first by input). */
function seatGroup(e: Engine, ctx: SeatContext, seat: number): Round {
  const names = ctx.contest.group.map((s) => s.party);
  ctx.contest.group.forEach((s, i) =>
    giveSeat(e, ctx, s, {
      seat: seat + i,
      tied: names.slice(i),
      group: names.slice(0, i + 1),
      lot: null,
    }),
  );
  return { rule: ctx.contest.rule, parties: names };
}

/** More tied lists than seats left: one lot per seat among the lists still tied. */
function drawGroup(
  e: Engine,
  ctx: SeatContext,
  seat: number,
  left: number,
): { kind: 'round'; round: Round } | Exclude<PassEnd, { kind: 'done' }> {
  let options = [...ctx.contest.group];
  const winners: string[] = [];
  for (let k = 0; k < left; k++) {
    const names = options.map((s) => s.party);
    const open = Array.from({ length: left - k }, (_, i) => seat + k + i);
    const pick = e.lots.draw(names, open);
    if (pick.kind === 'invalid') return pick;
    if (pick.kind === 'needed') {
      const first = options[0] as Standing;
      return {
        kind: 'lots',
        request: {
          kind: 'residual-seat',
          rule: ctx.contest.rule,
          value: ratioOfFrac(ctx.contest.value(first)),
          residualSeats: open,
          options: names,
          values: e.lists.map((s) => ({
            party: s.party,
            value: ratioOfFrac(ctx.contest.value(s)),
          })),
        },
      };
    }
    const s = options.find((x) => x.party === pick.lot.drawn) as Standing;
    winners.push(s.party);
    giveSeat(e, ctx, s, { seat: seat + k, tied: names, group: [...winners], lot: pick.lot });
    options = options.filter((x) => x !== s);
  }
  return { kind: 'round', round: { rule: ctx.contest.rule, parties: winners } };
}

/**
 * Assigns `count` residual seats numbered from `firstSeat`. Lists with no votes never take one;
 * in the P 10 re-assignment neither do lists with no candidate left. When no list may take a
 * seat, the rest stay unassigned (`assigned` < `count`).
 */
export function assignResidualSeats(
  e: Engine,
  count: number,
  firstSeat: number,
  pass: ResidualSeatStep['pass'],
): PassEnd {
  const end = firstSeat + count;
  let seat = firstSeat;
  let last: Round | null = null;
  while (seat < end) {
    const eligible = e.lists.filter(
      (s) => s.votes > 0n && !(pass === 'exhaustion' && isExhausted(s)),
    );
    if (eligible.length === 0) break;
    const ctx: SeatContext = { contest: contest(e, eligible), pass };
    const left = end - seat;
    if (ctx.contest.group.length <= left) last = seatGroup(e, ctx, seat);
    else {
      const drawn = drawGroup(e, ctx, seat, left);
      if (drawn.kind !== 'round') return drawn;
      last = drawn.round;
    }
    seat += last.parties.length;
  }
  return { kind: 'done', assigned: seat - firstSeat, last };
}
