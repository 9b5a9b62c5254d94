/**
 * The divisor engine of the SeatEngine's hot path, on one district's lists gathered into small
 * contiguous typed arrays (`v` votes, `s` seats; all lists with votes > 0). The same algorithm and
 * contract as `allocateDivisorInto` (divisor.ts), which serves the general path on plain arrays:
 * keeping the two apart keeps each monomorphic for V8, and the gathered layout reads each list's
 * votes from one cache line instead of through an index into the district × party matrix.
 * The `…Row` functions at the end are the SeatEngine's common D'Hondt path, which skips the
 * gather: they work on a district's row of the matrix in place and only guess and certify; a
 * row they cannot certify goes through the gathered functions above. The two sets do the same
 * steps on purpose: running the row functions on the gathered arrays through an identity list
 * (one kernel) left the engine's lines unchanged but made the DistrictRunner (other methods,
 * computePreparedSeats' districts, fallbacks) 25 % slower by CPU (BENCHMARKS.md, 2026-11-30).
 *
 * Quotients are compared by cross-multiplication, v_a·d_b vs v_b·d_a, exact while
 * votes·divisor < 2^53 (votes ≤ 10^9, divisors ≤ 10^6). A differential test holds it equal to
 * the naive table method (reference.ts), ties included.
 * @see Pukelsheim, Proportional Representation (2nd ed., 2017), §4.6 (jump-and-step).
 */

/** A divisor sequence as the kernel reads it: exact divisors and their float reciprocals. */
export interface DivisorTables {
  /** d(s) on the method's integer scale: exact comparisons. */
  readonly divisors: Float64Array;
  /** 1/d(s) (Infinity where d(s) = 0): float quotients v·(1/d), for guessing only. */
  readonly inverse: Float64Array;
  /** 1/d(s − 1), with Infinity at s = 0: the quotient of a list's last seat. */
  readonly inversePrevious: Float64Array;
}

export function divisorTables(divisors: Float64Array): DivisorTables {
  const inverse = divisors.map((d) => 1 / d);
  const inversePrevious = new Float64Array(divisors.length);
  inversePrevious[0] = Infinity;
  inversePrevious.set(inverse.subarray(0, divisors.length - 1), 1);
  return { divisors, inverse, inversePrevious };
}

/**
 * How far apart, relatively, the smallest awarded and the largest unawarded float quotient must be
 * for the float comparison to prove the exact one. Each float quotient v·(1/d) is within
 * 2·2⁻⁵³ of v/d; 10⁻⁹ leaves a margin of seven orders of magnitude.
 */
const CERTAIN = 1e-9;

/**
 * How far from an integer every float v·λ of the jump start must be for its floor to be exact:
 * v·λ ≤ seats + k is off by a few ulps (< 10⁻¹²), so 10⁻⁹ leaves three orders of magnitude.
 */
const JUMP_CLEAR = 1e-9;

/**
 * The fast path: guesses the allocation with float quotients (jump start for D'Hondt, then steps)
 * and certifies it. An allocation of `seats` in which every awarded quotient exceeds every
 * unawarded one is the method's one allocation, untied; when the floats show that with room to
 * spare the answer is exact, however it was guessed. Returns false when they do not (a tie, or
 * quotients too close for floats): the caller then runs the exact `allocateGathered`.
 * Kept small so that V8 inlines it into the district loop; the steps live in `stepAndCertify`.
 */
export function allocateCertified(
  v: Float64Array,
  s: Int32Array,
  k: number,
  total: number,
  seats: number,
  t: DivisorTables,
  jump: boolean,
): boolean {
  if (!jump || seats < 2) {
    s.fill(0, 0, k);
    return stepAndCertify(v, s, k, 0, seats, t);
  }
  const lambda = (seats + k / 2) / total;
  let assigned = 0;
  // when every v·λ is clear of an integer (its float floor is exact) and the floors sum to
  // `seats`, 1/λ is itself a divisor separating awarded from unawarded quotients
  // (v/(s+1) < 1/λ ≤ v/s): exact and untied without a certifying pass
  let clear = true;
  for (let j = 0; j < k; j++) {
    const x = (v[j] as number) * lambda;
    const sj = Math.floor(x);
    const f = x - sj;
    // branches, not Math.min: almost never taken, and Math.min's NaN/−0 rules cost
    if (f < JUMP_CLEAR || f > 1 - JUMP_CLEAR) clear = false;
    s[j] = sj;
    assigned += sj;
  }
  if (!clear) return stepAndCertify(v, s, k, assigned, seats, t);
  if (assigned === seats) return true;
  return (
    oneStepFromClearJump(v, s, k, assigned, seats, t) || stepAndCertify(v, s, k, assigned, seats, t)
  );
}

/**
 * A clear jump one seat short or over (most misses): every awarded quotient is ≥ 1/λ and every
 * next one below it, so one pass finds the seat and certifies it. Short: the largest next
 * quotient takes it if it exceeds the runner-up. Over: the smallest awarded quotient gives its
 * seat back if the runner-up exceeds it. Leaves `s` as it was and returns false otherwise.
 */
function oneStepFromClearJump(
  v: Float64Array,
  s: Int32Array,
  k: number,
  assigned: number,
  seats: number,
  t: DivisorTables,
): boolean {
  if (assigned === seats - 1) {
    const inverse = t.inverse;
    let best = -1;
    let bq = -1;
    let second = -1;
    for (let j = 0; j < k; j++) {
      const q = (v[j] as number) * (inverse[s[j] as number] as number);
      if (q > bq) {
        second = bq;
        bq = q;
        best = j;
      } else if (q > second) second = q;
    }
    if (!(bq > second + second * CERTAIN)) return false;
    s[best] = (s[best] as number) + 1;
    return true;
  }
  if (assigned !== seats + 1) return false;
  const previous = t.inversePrevious;
  let worst = -1;
  let wq = Infinity;
  let second = Infinity;
  for (let j = 0; j < k; j++) {
    const q = (v[j] as number) * (previous[s[j] as number] as number);
    if (q < wq) {
      second = wq;
      wq = q;
      worst = j;
    } else if (q < second) second = q;
  }
  if (!(second > wq + wq * CERTAIN)) return false;
  s[worst] = (s[worst] as number) - 1;
  return true;
}

/**
 * From `assigned` seats in `s`, steps to `seats` by float quotients (up: the largest next
 * quotient; down: the smallest last one), then certifies: every awarded quotient must exceed
 * every unawarded one by the relative margin CERTAIN.
 */
function stepAndCertify(
  v: Float64Array,
  s: Int32Array,
  k: number,
  assigned: number,
  seats: number,
  t: DivisorTables,
): boolean {
  const inverse = t.inverse;
  const previous = t.inversePrevious;
  for (; assigned < seats; assigned++) {
    let best = 0;
    let bq = (v[0] as number) * (inverse[s[0] as number] as number);
    for (let j = 1; j < k; j++) {
      const q = (v[j] as number) * (inverse[s[j] as number] as number);
      if (q > bq) {
        best = j;
        bq = q;
      }
    }
    s[best] = (s[best] as number) + 1;
  }
  for (; assigned > seats; assigned--) {
    let worst = 0;
    let wq = (v[0] as number) * (previous[s[0] as number] as number);
    for (let j = 1; j < k; j++) {
      const q = (v[j] as number) * (previous[s[j] as number] as number);
      if (q < wq) {
        worst = j;
        wq = q;
      }
    }
    s[worst] = (s[worst] as number) - 1;
  }
  let awarded = Infinity;
  let next = 0;
  for (let j = 0; j < k; j++) {
    const vj = v[j] as number;
    const sj = s[j] as number;
    const a = vj * (previous[sj] as number);
    const b = vj * (inverse[sj] as number);
    if (a < awarded) awarded = a;
    if (b > next) next = b;
  }
  return awarded > next + next * CERTAIN;
}

/**
 * Allocates `seats` among the `k` lists of `v` (votes > 0, `total` their sum), writing each
 * list's seats to `s`. Returns true when the last seat is tied (the smallest awarded quotient
 * equals the largest unawarded one); `s` then holds one of the tied allocations.
 * `divisors` must hold at least seats + k + 1 entries: the jump start may overshoot.
 */
export function allocateGathered(
  v: Float64Array,
  s: Int32Array,
  k: number,
  total: number,
  seats: number,
  divisors: Float64Array,
  jump: boolean,
): boolean {
  let assigned = 0;
  if (jump && seats > 1) assigned = jumpStart(v, s, k, total, seats, divisors);
  else s.fill(0, 0, k);
  for (; assigned < seats; assigned++) {
    let best = 0;
    let bv = v[0] as number;
    let bd = divisors[s[0] as number] as number;
    for (let j = 1; j < k; j++) {
      const vj = v[j] as number;
      const dj = divisors[s[j] as number] as number;
      if (vj * bd > bv * dj) {
        best = j;
        bv = vj;
        bd = dj;
      }
    }
    s[best] = (s[best] as number) + 1;
  }
  return seats > 0 && k > 1 && cutIsTied(v, s, k, divisors);
}

/**
 * D'Hondt (the one divisor method with lower quota) rounds down: s = ⌊v/λ⌋ is its exact
 * allocation for the house Σs. Jump with λ = V/(S + k/2), then step down to S if it overshoots
 * (house monotonicity makes each step exact). Returns the seats assigned.
 */
function jumpStart(
  v: Float64Array,
  s: Int32Array,
  k: number,
  total: number,
  seats: number,
  divisors: Float64Array,
): number {
  const num = 2 * seats + k;
  const den = 2 * total;
  // ⌊v·num/den⌋ by one multiplication per list: the float estimate is off by at most one, and
  // the two exact integer checks correct it (a division per list was a fifth of the profile)
  const inverse = num / den;
  let assigned = 0;
  for (let j = 0; j < k; j++) {
    const vj = v[j] as number;
    const vn = vj * num;
    let sj = Math.floor(vj * inverse);
    if (sj * den > vn) sj--;
    else if ((sj + 1) * den <= vn) sj++;
    s[j] = sj;
    assigned += sj;
  }
  for (; assigned > seats; assigned--) {
    // drop the seat with the smallest last quotient
    let worst = -1;
    let wv = 0;
    let wd = 1;
    for (let j = 0; j < k; j++) {
      const sj = s[j] as number;
      if (sj === 0) continue;
      const vj = v[j] as number;
      const dj = divisors[sj - 1] as number;
      if (worst < 0 || vj * wd < wv * dj) {
        worst = j;
        wv = vj;
        wd = dj;
      }
    }
    s[worst] = (s[worst] as number) - 1;
  }
  return assigned;
}

/** Whether the smallest awarded quotient equals the largest unawarded one. */
function cutIsTied(v: Float64Array, s: Int32Array, k: number, divisors: Float64Array): boolean {
  let cv = -1;
  let cd = 1;
  let nv = -1;
  let nd = 1;
  for (let j = 0; j < k; j++) {
    const vj = v[j] as number;
    const sj = s[j] as number;
    if (sj > 0) {
      const d = divisors[sj - 1] as number;
      if (cv < 0 || vj * cd < cv * d) {
        cv = vj;
        cd = d;
      }
    }
    const d = divisors[sj] as number;
    if (nv < 0 || vj * nd > nv * d) {
      nv = vj;
      nd = d;
    }
  }
  return cv * nd === nv * cd;
}

/**
 * After a tie (allocateGathered returned true): takes the contested seat from every list holding
 * one at the cut quotient, and marks in `contested` (1) those lists and the lists whose next
 * quotient equals the cut. Returns the number of lists involved.
 */
export function releaseTiedSeats(
  v: Float64Array,
  s: Int32Array,
  k: number,
  divisors: Float64Array,
  contested: Uint8Array,
): number {
  let cv = -1;
  let cd = 1;
  for (let j = 0; j < k; j++) {
    const sj = s[j] as number;
    if (sj === 0) continue;
    const vj = v[j] as number;
    const d = divisors[sj - 1] as number;
    if (cv < 0 || vj * cd < cv * d) {
      cv = vj;
      cd = d;
    }
  }
  let involved = 0;
  for (let j = 0; j < k; j++) {
    const sj = s[j] as number;
    const vj = v[j] as number;
    contested[j] = 0;
    if (sj > 0 && vj * cd === cv * (divisors[sj - 1] as number)) {
      s[j] = sj - 1;
      contested[j] = 1;
      involved++;
    } else if (vj * cd === cv * (divisors[sj] as number)) {
      contested[j] = 1;
      involved++;
    }
  }
  return involved;
}

/**
 * The D'Hondt jump straight on one district's row of the vote matrix (the SeatEngine's common
 * path, no gather): out[base + p] = ⌊votes[base + p]·λ⌋ for each p of list[0..n). Any λ gives
 * an exact allocation of its own house size when every v·λ is clear of an integer (1/λ then
 * separates awarded from unawarded quotients), so λ is a guess: (seats + n/2 + 1/4)/total lands
 * on `seats` more often than (seats + n/2)/total (49 % against 46.5 % of the bench's scenarios).
 * Returns the seats assigned when every v·λ is clear of an integer, else ~assigned (negative):
 * some floor may then be one off, and only a certifying pass can tell.
 * Votes must be ≥ 0; v·λ ≤ seats + n/2 + 1/4 fits an int32, so `| 0` is the floor.
 * In the same loop it sums the row at `nextBase` (the next district) into next[0], −1 when a
 * vote there is not ≥ 0 (rowTotal's contract): one pass over the lists per district fewer.
 */
export function jumpRow(
  votes: Float64Array,
  out: Int32Array,
  base: number,
  list: Int32Array,
  n: number,
  total: number,
  seats: number,
  nextBase: number,
  next: Float64Array,
): number {
  const lambda = (seats + n * 0.5 + 0.25) / total;
  let assigned = 0;
  let clear = true;
  let t = 0;
  let valid = true;
  for (let j = 0; j < n; j++) {
    const p = list[j] as number;
    const y = votes[nextBase + p] as number;
    if (!(y >= 0)) valid = false;
    t += y;
    const i = base + p;
    const x = (votes[i] as number) * lambda;
    const sj = x | 0;
    const f = x - sj;
    // a list without votes is exactly at 0 (no seat, quotient 0): clear by itself
    if (f < JUMP_CLEAR) {
      if (x !== 0) clear = false;
    } else if (f > 1 - JUMP_CLEAR) clear = false;
    out[i] = sj;
    assigned += sj;
  }
  next[0] = valid ? t : -1;
  return clear ? assigned : ~assigned;
}

/** The lists' votes in the row at `base`, or −1 when one of them is not ≥ 0 (NaN included). */
export function rowTotal(votes: Float64Array, base: number, list: Int32Array, n: number): number {
  let total = 0;
  let valid = true;
  for (let j = 0; j < n; j++) {
    const x = votes[base + (list[j] as number)] as number;
    if (!(x >= 0)) valid = false;
    total += x;
  }
  return valid ? total : -1;
}

/**
 * After a clear jumpRow one seat short or over: as oneStepFromClearJump, on the row in place.
 * Returns false (the row left as the jump wrote it) when the seat is not certain.
 */
export function stepRow(
  votes: Float64Array,
  out: Int32Array,
  base: number,
  list: Int32Array,
  n: number,
  assigned: number,
  seats: number,
  t: DivisorTables,
): boolean {
  if (assigned === seats - 1) {
    const inverse = t.inverse;
    let best = -1;
    let bq = -1;
    let second = -1;
    for (let j = 0; j < n; j++) {
      const i = base + (list[j] as number);
      const q = (votes[i] as number) * (inverse[out[i] as number] as number);
      if (q > bq) {
        second = bq;
        bq = q;
        best = i;
      } else if (q > second) second = q;
    }
    if (!(bq > second + second * CERTAIN)) return false;
    out[best] = (out[best] as number) + 1;
    return true;
  }
  if (assigned !== seats + 1) return false;
  const previous = t.inversePrevious;
  let worst = -1;
  let wq = Infinity;
  let second = Infinity;
  for (let j = 0; j < n; j++) {
    const i = base + (list[j] as number);
    const s = out[i] as number;
    if (s === 0) continue; // no seat to give back (and 0·∞ would be NaN)
    const q = (votes[i] as number) * (previous[s] as number);
    if (q < wq) {
      second = wq;
      wq = q;
      worst = i;
    } else if (q < second) second = q;
  }
  if (!(second > wq + wq * CERTAIN)) return false;
  out[worst] = (out[worst] as number) - 1;
  return true;
}

/**
 * The rest of the jumps, on the row in place (two or more seats off, or floors not clear): as
 * stepAndCertify, steps by float quotients to `seats`, then certifies that every awarded quotient
 * exceeds every unawarded one by the margin CERTAIN. Returns false when it does not (the row is
 * then left stepped, for the caller to clear). Lists without votes are never stepped (0·(1/d) and
 * 0·∞ never win a comparison).
 */
export function stepAndCertifyRow(
  votes: Float64Array,
  out: Int32Array,
  base: number,
  list: Int32Array,
  n: number,
  assigned: number,
  seats: number,
  t: DivisorTables,
): boolean {
  const inverse = t.inverse;
  const previous = t.inversePrevious;
  for (; assigned < seats; assigned++) {
    let best = -1;
    let bq = -1;
    for (let j = 0; j < n; j++) {
      const i = base + (list[j] as number);
      const q = (votes[i] as number) * (inverse[out[i] as number] as number);
      if (q > bq) {
        best = i;
        bq = q;
      }
    }
    out[best] = (out[best] as number) + 1;
  }
  for (; assigned > seats; assigned--) {
    let worst = -1;
    let wq = Infinity;
    for (let j = 0; j < n; j++) {
      const i = base + (list[j] as number);
      const s = out[i] as number;
      if (s === 0) continue;
      const q = (votes[i] as number) * (previous[s] as number);
      if (worst < 0 || q < wq) {
        worst = i;
        wq = q;
      }
    }
    out[worst] = (out[worst] as number) - 1;
  }
  let awarded = Infinity;
  let next = 0;
  for (let j = 0; j < n; j++) {
    const i = base + (list[j] as number);
    const v = votes[i] as number;
    const s = out[i] as number;
    if (s > 0 && v * (previous[s] as number) < awarded) awarded = v * (previous[s] as number);
    const b = v * (inverse[s] as number);
    if (b > next) next = b;
  }
  return awarded > next + next * CERTAIN;
}

/**
 * Two seats by D'Hondt on the row in place, from the three largest votes a ≥ b ≥ c in one pass
 * (a jump then lands one seat off in 38 % of the bench's two-seat districts, a second pass):
 * the first seat is a's; the second is a's again when a/2 > b, else b's. Integer votes compare
 * exactly (a > 2b, b > c). Returns false on a tie for the second seat (a = 2b, or b = c when b
 * takes it), the row untouched, for the runner to report. Sums the next district's row into
 * next[0] as jumpRow does, in the same loop on purpose: a separate rowTotal pass measured 3–6 %
 * slower (bench/ab-seat-engine.ts, 2026-12-01). Votes must be ≥ 0.
 */
export function twoSeatRow(
  votes: Float64Array,
  out: Int32Array,
  base: number,
  list: Int32Array,
  n: number,
  nextBase: number,
  next: Float64Array,
): boolean {
  let a = -1;
  let b = -1;
  let c = -1;
  let ia = -1;
  let ib = -1;
  let t = 0;
  let valid = true;
  for (let j = 0; j < n; j++) {
    const p = list[j] as number;
    const y = votes[nextBase + p] as number;
    if (!(y >= 0)) valid = false;
    t += y;
    const i = base + p;
    const v = votes[i] as number;
    if (v > c) {
      if (v > b) {
        c = b;
        if (v > a) {
          b = a;
          ib = ia;
          a = v;
          ia = i;
        } else {
          b = v;
          ib = i;
        }
      } else c = v;
    }
  }
  next[0] = valid ? t : -1;
  // D'Hondt's second quotient of a is a/2: a > 2b gives it the second seat, a < 2b gives it to b
  const twice = b + b;
  if (a > twice) {
    out[ia] = 2;
    return true;
  }
  if (a === twice || !(b > c)) return false;
  out[ia] = 1;
  out[ib] = 1;
  return true;
}

/**
 * One seat by a method whose first divisor is 1 (plurality, D'Hondt): the list with the most
 * votes, on the row in place. Returns false on an exact tie for the most votes (the runner then
 * reports it); votes compare exactly, so no margin is needed.
 */
export function singleSeatRow(
  votes: Float64Array,
  out: Int32Array,
  base: number,
  list: Int32Array,
  n: number,
): boolean {
  let best = -1;
  let bv = -1;
  let second = -1;
  for (let j = 0; j < n; j++) {
    const i = base + (list[j] as number);
    const v = votes[i] as number;
    if (v > bv) {
      second = bv;
      bv = v;
      best = i;
    } else if (v > second) second = v;
  }
  if (!(bv > second)) return false;
  out[best] = 1;
  return true;
}
