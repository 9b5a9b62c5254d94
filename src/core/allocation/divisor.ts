/**
 * The shared divisor engine (highest averages), on typed arrays so that the Monte Carlo path
 * allocates nothing. Quotients are compared by cross-multiplication: v_a·d_b vs v_b·d_a, exact
 * while votes·divisor < 2^53 (votes ≤ 10^9, divisors ≤ 10^6).
 *
 * The result is exact even with ties: after filling the seats it tests whether the smallest
 * awarded quotient equals the largest unawarded one; if so the allocation is a tie, and
 * `divisorTie` names the lists involved. Which tied list the loop picked is never reported as a
 * result.
 * @see LOE art. 30 (Peru) for the cifra repartidora; Pukelsheim, Proportional Representation (2017), ch. 3–4.
 */

/**
 * Allocates `seats` among the lists `idx[0..k)` (indices into `votes` and `out`, all with
 * votes > 0). Writes each list's seats to `out`. Returns true when the last seat is tied.
 * `divisors` must hold at least seats + k + 1 entries: the jump start may overshoot.
 */
export function allocateDivisorInto(
  votes: ArrayLike<number>,
  idx: ArrayLike<number>,
  k: number,
  seats: number,
  divisors: Float64Array,
  startAtLowerQuota: boolean,
  out: Int32Array | number[],
): boolean {
  let assigned = 0;
  if (startAtLowerQuota && seats > 1) {
    // D'Hondt (the one divisor method with lower quota) rounds down: s = ⌊v/λ⌋ is its exact
    // allocation for the house Σs. Jump with λ = V/(S + k/2), then step down or up to S
    // (Pukelsheim's jump-and-step, §4.6); house monotonicity makes each step exact.
    let total = 0;
    for (let j = 0; j < k; j++) total += votes[idx[j] as number] as number;
    const num = 2 * seats + k;
    const den = 2 * total;
    for (let j = 0; j < k; j++) {
      const p = idx[j] as number;
      const v = votes[p] as number;
      let s = Math.floor((v * num) / den);
      if (s * den > v * num) s--; // guard against a float rounding up
      out[p] = s;
      assigned += s;
    }
    for (; assigned > seats; assigned--) {
      // drop the seat with the smallest last quotient
      const worst = smallestAwardedQuotient(votes, idx, k, out, divisors);
      out[worst] = (out[worst] as number) - 1;
    }
  } else {
    for (let j = 0; j < k; j++) out[idx[j] as number] = 0;
  }
  for (; assigned < seats; assigned++) {
    let best = idx[0] as number;
    let bv = votes[best] as number;
    let bd = divisors[out[best] as number] as number;
    for (let j = 1; j < k; j++) {
      const p = idx[j] as number;
      const v = votes[p] as number;
      const d = divisors[out[p] as number] as number;
      if (v * bd > bv * d) {
        best = p;
        bv = v;
        bd = d;
      }
    }
    out[best] = (out[best] as number) + 1;
  }
  if (seats === 0 || k < 2) return false;
  // smallest awarded quotient c = cv/cd, largest unawarded n = nv/nd
  let cv = -1;
  let cd = 1;
  let nv = -1;
  let nd = 1;
  for (let j = 0; j < k; j++) {
    const p = idx[j] as number;
    const v = votes[p] as number;
    const s = out[p] as number;
    if (s > 0) {
      const d = divisors[s - 1] as number;
      if (cv < 0 || v * cd < cv * d) {
        cv = v;
        cd = d;
      }
    }
    const d = divisors[s] as number;
    if (nv < 0 || v * nd > nv * d) {
      nv = v;
      nd = d;
    }
  }
  return cv * nd === nv * cd;
}

export interface DivisorTie {
  /** The quotient at the cut, as votes / divisor (divisor on the method's scale). */
  readonly quotientVotes: number;
  readonly quotientDivisor: number;
  /** Lists holding a seat at the cut quotient (their last seat is the contested one). */
  readonly holders: readonly number[];
  /** Lists whose next quotient equals the cut quotient. */
  readonly challengers: readonly number[];
}

/** The list whose last awarded quotient is the smallest (the cifra repartidora); -1 if none has a seat. */
function smallestAwardedQuotient(
  votes: ArrayLike<number>,
  idx: ArrayLike<number>,
  k: number,
  seatsOut: ArrayLike<number>,
  divisors: Float64Array,
): number {
  let worst = -1;
  let wv = 0;
  let wd = 1;
  for (let j = 0; j < k; j++) {
    const p = idx[j] as number;
    const s = seatsOut[p] as number;
    if (s === 0) continue;
    const v = votes[p] as number;
    const d = divisors[s - 1] as number;
    if (worst < 0 || v * wd < wv * d) {
      worst = p;
      wv = v;
      wd = d;
    }
  }
  return worst;
}

/** Names the lists involved in a tie found by allocateDivisorInto. */
export function divisorTie(
  votes: ArrayLike<number>,
  idx: ArrayLike<number>,
  k: number,
  seatsOut: ArrayLike<number>,
  divisors: Float64Array,
): DivisorTie {
  const c = smallestAwardedQuotient(votes, idx, k, seatsOut, divisors);
  const cv = votes[c] as number;
  const cd = divisors[(seatsOut[c] as number) - 1] as number;
  const holders: number[] = [];
  const challengers: number[] = [];
  for (let j = 0; j < k; j++) {
    const p = idx[j] as number;
    const s = seatsOut[p] as number;
    const v = votes[p] as number;
    if (s > 0 && v * cd === cv * (divisors[s - 1] as number)) holders.push(p);
    else if (v * cd === cv * (divisors[s] as number)) challengers.push(p);
  }
  return { quotientVotes: cv, quotientDivisor: cd, holders, challengers };
}
