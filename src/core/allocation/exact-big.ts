import { allocateDivisorExact } from './divisor-exact.js';
import type { AllocationMethod } from './methods.js';

/**
 * Allocation on votes held as BigInt: votes that are exact fractions brought to one common
 * denominator (a national pool of unused votes, whose district quotas have different
 * denominators). Same results and ties as allocateRaw on the same votes (tested against it).
 */
export interface BigOutcome {
  readonly seats: number[];
  readonly tie: { readonly candidates: number[]; readonly seatsInContention: number } | null;
}

/** The quota as a fraction of BigInts: Hare V/S, Droop ⌊V/(S+1)⌋ + 1, and the rest by their rule. */
function quotaBig(quota: string, total: bigint, seats: number): [bigint, bigint] {
  const S = BigInt(seats);
  const atLeastOne = (q: bigint): bigint => (q < 1n ? 1n : q);
  const halfUp = (n: bigint, d: bigint): bigint => atLeastOne((2n * n + d) / (2n * d));
  const ceil = (n: bigint, d: bigint): bigint => atLeastOne((n + d - 1n) / d);
  switch (quota) {
    case 'hare':
      return [total, S];
    case 'droop':
      return [total / (S + 1n) + 1n, 1n];
    case 'hagenbach-bischoff':
      return [total, S + 1n];
    case 'imperiali':
      return [total, S + 2n];
    case 'hare-rounded':
      return [halfUp(total, S), 1n];
    case 'hagenbach-bischoff-ceil':
      return [ceil(total, S + 1n), 1n];
    case 'hagenbach-bischoff-rounded':
      return [halfUp(total, S + 1n), 1n];
    default:
      throw new Error(`unknown quota ${quota}`);
  }
}

function largestRemainderBig(votes: readonly bigint[], seats: number, quota: string): BigOutcome {
  const out = votes.map(() => 0);
  const total = votes.reduce((a, b) => a + b, 0n);
  if (total === 0n || seats === 0) return { seats: out, tie: null };
  const [qn, qd] = quotaBig(quota, total, seats);
  const rem = votes.map((v, i) => {
    const whole = (v * qd) / qn;
    out[i] = Number(whole);
    return v * qd - whole * qn;
  });
  let left = seats - out.reduce((a, b) => a + b, 0);
  const withVotes = [...votes.keys()].filter((i) => (votes[i] as bigint) > 0n);
  while (left < 0) {
    // over-award: the smallest remainder gives a seat back (one quota more unused votes)
    const holders = withVotes.filter((i) => (out[i] as number) > 0);
    const min = holders.reduce(
      (m, i) => ((rem[i] as bigint) < m ? (rem[i] as bigint) : m),
      rem[holders[0] as number] as bigint,
    );
    const tied = holders.filter((i) => rem[i] === min);
    for (const i of tied) {
      out[i] = (out[i] as number) - 1;
      rem[i] = (rem[i] as bigint) + qn;
    }
    if (tied.length > -left)
      return { seats: out, tie: { candidates: tied, seatsInContention: tied.length + left } };
    left += tied.length;
  }
  while (left >= withVotes.length && withVotes.length > 0) {
    for (const i of withVotes) out[i] = (out[i] as number) + 1;
    left -= withVotes.length;
  }
  if (left === 0) return { seats: out, tie: null };
  const order = [...withVotes].sort((a, b) =>
    (rem[b] as bigint) > (rem[a] as bigint) ? 1 : (rem[b] as bigint) < (rem[a] as bigint) ? -1 : 0,
  );
  const cut = rem[order[left - 1] as number] as bigint;
  const above = order.filter((i) => (rem[i] as bigint) > cut);
  const atCut = order.filter((i) => rem[i] === cut);
  for (const i of above) out[i] = (out[i] as number) + 1;
  const contested = left - above.length;
  if (atCut.length === contested) {
    for (const i of atCut) out[i] = (out[i] as number) + 1;
    return { seats: out, tie: null };
  }
  return {
    seats: out,
    tie: { candidates: atCut.sort((a, b) => a - b), seatsInContention: contested },
  };
}

/** Seats by the method on BigInt votes; a tie at the cut left open, never by list order. */
export function allocateBig(
  votes: readonly bigint[],
  seats: number,
  method: AllocationMethod,
): BigOutcome {
  if (method.kind === 'divisor') return allocateDivisorExact(votes, seats, method);
  if (method.kind === 'largest-remainder') return largestRemainderBig(votes, seats, method.quota);
  // a tier's method is checked when the ruleset is compiled (compile.ts)
  throw new Error(`pooled votes are not allocated by ${method.id}`);
}
