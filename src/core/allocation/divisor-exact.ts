import type { DivisorMethod } from './methods.js';

/**
 * Divisor methods whose quotients the typed-array engine (divisor.ts) cannot compare exactly in
 * doubles: Huntington-Hill (divisors √(k(k+1)), compared through their squares), Dean (divisors
 * 2k(k+1)/(2k+1)), and linear sequences whose divisor·votes products pass 2^53. Every
 * comparison here is in BigInt; a seat at a time, O(S·n). Same contract as allocateDivisorInto.
 * @see Pukelsheim, Proportional Representation (2017), §3.11 (the five traditional divisor methods).
 */

/** votes / d(k) as an exact fraction num/den (den = 0: an infinite quotient). */
function quotient(method: DivisorMethod, votes: number | bigint, k: number): [bigint, bigint] {
  const v = BigInt(votes);
  const s = method.sequence;
  if (k === 0 && method.first !== undefined && s.kind !== 'linear') {
    // another first divisor: v / (n/d) = v·d / n (squared for Huntington-Hill's comparison)
    const n = BigInt(method.first.numerator);
    const d = BigInt(method.first.denominator);
    return s.kind === 'geometric' ? [v * v * d * d, n * n] : [v * d, n];
  }
  switch (s.kind) {
    case 'linear':
      return [v, BigInt(method.divisor(k))];
    case 'geometric':
      // compare squares: v² / (k(k+1))
      return [v * v, BigInt(k) * BigInt(k + 1)];
    case 'harmonic':
      // v / (2k(k+1)/(2k+1)) = v(2k+1) / (2k(k+1))
      return [v * BigInt(2 * k + 1), 2n * BigInt(k) * BigInt(k + 1)];
    case 'power':
      return [v, BigInt(s.base) ** BigInt(k)];
  }
}

/** Sign of va/d(ka) − vb/d(kb); infinite quotients (divisor 0) are equal to each other. */
export function compareQuotients(
  method: DivisorMethod,
  va: number | bigint,
  ka: number,
  vb: number | bigint,
  kb: number,
): number {
  const [an, ad] = quotient(method, va, ka);
  const [bn, bd] = quotient(method, vb, kb);
  if (ad === 0n || bd === 0n) {
    if (ad === 0n && bd === 0n) return 0;
    return ad === 0n ? 1 : -1;
  }
  const l = an * bd;
  const r = bn * ad;
  return l > r ? 1 : l < r ? -1 : 0;
}

export interface ExactDivisorOutcome {
  /** Seats per list; with a tie, the contested seats are left out. */
  readonly seats: number[];
  readonly tie: { readonly candidates: number[]; readonly seatsInContention: number } | null;
}

/**
 * Allocates `seats` among lists with these votes (lists with 0 votes take no seat) by the
 * highest quotients, then tests the cut: when the smallest awarded quotient equals the largest
 * unawarded one, the seats at that quotient are a tie.
 */
export function allocateDivisorExact(
  votes: readonly (number | bigint)[],
  seats: number,
  method: DivisorMethod,
): ExactDivisorOutcome {
  const n = votes.length;
  const out = new Array<number>(n).fill(0);
  const idx = [...votes.keys()].filter((i) => BigInt(votes[i] as number | bigint) > 0n);
  if (idx.length === 0 || seats === 0) return { seats: out, tie: null };
  const cmp = (a: number, ka: number, b: number, kb: number): number =>
    compareQuotients(method, votes[a] as number | bigint, ka, votes[b] as number | bigint, kb);
  for (let s = 0; s < seats; s++) {
    let best = idx[0] as number;
    for (const i of idx) if (cmp(i, out[i] as number, best, out[best] as number) > 0) best = i;
    out[best] = (out[best] as number) + 1;
  }
  // the cut: smallest awarded quotient c, largest unawarded quotient x
  let c = -1;
  let x = -1;
  for (const i of idx) {
    const s = out[i] as number;
    if (s > 0 && (c < 0 || cmp(i, s - 1, c, (out[c] as number) - 1) < 0)) c = i;
    if (x < 0 || cmp(i, s, x, out[x] as number) > 0) x = i;
  }
  if (c < 0 || cmp(c, (out[c] as number) - 1, x, out[x] as number) !== 0) {
    return { seats: out, tie: null };
  }
  const holders: number[] = [];
  const challengers: number[] = [];
  const cv = votes[c] as number | bigint;
  const ck = (out[c] as number) - 1;
  for (const i of idx) {
    const s = out[i] as number;
    const v = votes[i] as number | bigint;
    if (s > 0 && compareQuotients(method, v, s - 1, cv, ck) === 0) holders.push(i);
    else if (compareQuotients(method, v, s, cv, ck) === 0) challengers.push(i);
  }
  for (const h of holders) out[h] = (out[h] as number) - 1;
  return {
    seats: out,
    tie: {
      candidates: [...holders, ...challengers].sort((a, b) => a - b),
      seatsInContention: holders.length,
    },
  };
}

/** Whether the typed-array engine compares this method's quotients exactly for these votes. */
export function fitsFastEngine(method: DivisorMethod, maxVotes: number, seats: number): boolean {
  if (method.sequence.kind !== 'linear') return false;
  const maxDivisor = method.divisor(seats + 64);
  return maxVotes * maxDivisor * 2 < Number.MAX_SAFE_INTEGER && maxDivisor > 0;
}
