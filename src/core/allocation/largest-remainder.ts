import { assert } from '../assert.js';

/**
 * Largest-remainder allocation in integers. Hare: quota V/S, held as the pair (V, S) so that
 * ⌊v/q⌋ = ⌊v·S/V⌋ and remainders v·S − ⌊v·S/V⌋·V compare exactly. Droop: q = ⌊V/(S+1)⌋ + 1.
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

export function allocateLargestRemainder(
  votes: readonly number[],
  seats: number,
  quota: 'hare' | 'droop',
): LargestRemainderOutcome {
  const total = votes.reduce((a, b) => a + b, 0);
  const n = votes.length;
  if (total === 0 || seats === 0) return { seats: votes.map(() => 0), tie: null };
  const result = new Array<number>(n).fill(0);
  const rem = new Array<number>(n).fill(0);
  let assigned = 0;
  if (quota === 'hare') {
    for (let i = 0; i < n; i++) {
      const vs = (votes[i] as number) * seats;
      let q = Math.floor(vs / total);
      if (q * total > vs) q--;
      result[i] = q;
      rem[i] = vs - q * total;
      assigned += q;
    }
  } else {
    const q = Math.floor(total / (seats + 1)) + 1;
    for (let i = 0; i < n; i++) {
      const v = votes[i] as number;
      const s = Math.floor(v / q);
      result[i] = s;
      rem[i] = v - s * q;
      assigned += s;
    }
  }
  let remaining = seats - assigned;
  assert(remaining >= 0, 'largest remainder: more seats than the house');
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
