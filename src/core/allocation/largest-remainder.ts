import { assert } from '../assert.js';
import { quotaOf, type QuotaId } from './methods.js';

/**
 * Largest-remainder allocation in integers. The quota is an exact fraction qn/qd (Hare V/S,
 * Droop ⌊V/(S+1)⌋ + 1, Hagenbach-Bischoff V/(S+1), Imperiali V/(S+2)), so ⌊v/q⌋ = ⌊v·qd/qn⌋ and
 * the remainders v·qd − ⌊v/q⌋·qn compare exactly (one common denominator qd).
 * @see Pukelsheim, Proportional Representation (2017), §5 (quota methods).
 */
export interface LargestRemainderOutcome {
  /** Seats per list, in the order of `votes`; ties at the cut are left unawarded. */
  readonly seats: number[];
  /** Lists sharing the remainder at the cut, when that remainder decides seats. */
  readonly tie: {
    readonly candidates: readonly number[];
    readonly seatsInContention: number;
  } | null;
}

/** Whole quotas per list, after any over-award is taken back; remainders over the quota's denominator. */
export interface FullQuotas {
  readonly seats: number[];
  /** v·qd − seats·qn: the unused votes of each list, times qd. */
  readonly rem: number[];
  readonly qn: number;
  readonly qd: number;
  /** A tie in taking an over-award back (the seats of the tied lists are already reduced). */
  readonly tie: LargestRemainderOutcome['tie'];
}

/** ⌊v/q⌋ for every list; with a quota below Hare's, the seats beyond the house are taken back. */
export function fullQuotas(votes: readonly number[], seats: number, quota: QuotaId): FullQuotas {
  const total = votes.reduce((a, b) => a + b, 0);
  const n = votes.length;
  if (total === 0 || seats === 0)
    return { seats: votes.map(() => 0), rem: votes.map(() => 0), qn: 1, qd: 1, tie: null };
  const [qn, qd] = quotaOf(quota, total, seats);
  const result = new Array<number>(n).fill(0);
  const rem = new Array<number>(n).fill(0);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const vs = (votes[i] as number) * qd;
    let q = Math.floor(vs / qn);
    if (q * qn > vs) q--; // guard against a float rounding up
    result[i] = q;
    rem[i] = vs - q * qn;
    assigned += q;
  }
  const over = assigned - seats;
  const tie = over > 0 ? removeOverAward(votes, result, rem, over, qn).tie : null;
  return { seats: result, rem, qn, qd, tie };
}

export function allocateLargestRemainder(
  votes: readonly number[],
  seats: number,
  quota: QuotaId,
): LargestRemainderOutcome {
  const n = votes.length;
  const full = fullQuotas(votes, seats, quota);
  if (full.tie !== null) return { seats: full.seats, tie: full.tie };
  const result = full.seats;
  const rem = full.rem;
  let remaining = seats - result.reduce((a, b) => a + b, 0);
  if (votes.every((v) => v === 0) || seats === 0) return { seats: result, tie: null };
  // Tiny electorates under Droop can leave more seats than lists: each round gives every list
  // with votes one seat, the rest go by remainder (a convention; real elections never reach it).
  const withVotes = votes.filter((v) => v > 0).length;
  while (remaining >= withVotes && withVotes > 0) {
    for (let i = 0; i < n; i++) if ((votes[i] as number) > 0) result[i] = (result[i] as number) + 1;
    remaining -= withVotes;
  }
  if (remaining === 0) return { seats: result, tie: null };
  // Lists with votes, by remainder, descending; ties kept together, never ordered by position.
  const order = [...Array(n).keys()]
    .filter((i) => (votes[i] as number) > 0)
    .sort((a, b) => (rem[b] as number) - (rem[a] as number));
  assert(order.length >= remaining, 'largest remainder: not enough lists for the remaining seats');
  const cut = rem[order[remaining - 1] as number] as number;
  const above = order.filter((i) => (rem[i] as number) > cut);
  const atCut = order.filter((i) => (rem[i] as number) === cut);
  for (const i of above) result[i] = (result[i] as number) + 1;
  const left = remaining - above.length;
  if (atCut.length === left) {
    for (const i of atCut) result[i] = (result[i] as number) + 1;
    return { seats: result, tie: null };
  }
  return { seats: result, tie: { candidates: atCut, seatsInContention: left } };
}

/**
 * Quotas below the Hare quota (Imperiali, Hagenbach-Bischoff) can give more full seats than the
 * house. The extra seats are taken back, one at a time, from the list with the smallest remainder
 * (as votelib's `on_overaward='subtract'`); a list that gives a seat back has its remainder grow by
 * one quota. Lists tied at the cut share a tie.
 */
function removeOverAward(
  votes: readonly number[],
  result: number[],
  rem: number[],
  extra: number,
  quotaNumerator: number,
): LargestRemainderOutcome {
  let left = extra;
  while (left > 0) {
    const holders = [...votes.keys()].filter((i) => (result[i] as number) > 0);
    assert(holders.length > 0, 'largest remainder: over-award with no seat to take back');
    const min = Math.min(...holders.map((i) => rem[i] as number));
    const tied = holders.filter((i) => rem[i] === min);
    for (const i of tied) {
      result[i] = (result[i] as number) - 1;
      rem[i] = (rem[i] as number) + quotaNumerator;
    }
    if (tied.length > left) {
      return {
        seats: result,
        tie: { candidates: tied.sort((a, b) => a - b), seatsInContention: tied.length - left },
      };
    }
    left -= tied.length;
  }
  return { seats: result, tie: null };
}
