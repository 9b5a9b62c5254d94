/**
 * Arrival drift from two snapshots of the same units: the actas counted late differ from those
 * counted early (cities report before the countryside), and the trend of a unit's shares between
 * an earlier snapshot and this one says in which direction. docs/projection.md, "Arrival drift".
 *
 * If the shares of the actas arriving at counted fraction φ move linearly with φ, the share of
 * the remainder exceeds the cumulative share by (c₁ − c₀)/(f₁ − f₀): the change of the cumulative
 * share per unit of fraction counted. A unit's own slope is noisy, so it is shrunk toward the
 * pooled slope of all units (weights: actas added × fraction added), itself shrunk toward zero by
 * its own noise (run 18), and the extrapolation is
 * damped by a factor learned on replays of another election (`drift`, model-parameters.ts). Run 19:
 * the actas between two snapshots are a clustered sample, and the noise the own slope leaves in the
 * drift is returned for the unit's remainder (`arrivalDriftWithNoise`).
 */
export interface TrendInput {
  readonly actasTotal: number;
  readonly now: { readonly actasCounted: number; readonly shares: ArrayLike<number> };
  readonly before: { readonly actasCounted: number; readonly shares: ArrayLike<number> } | null;
}

export interface DriftOptions {
  /** Damping of the linear extrapolation (0: no drift). */
  readonly damping: number;
  /** A unit's own slope needs at least this fraction counted in the earlier snapshot. */
  readonly minFraction: number;
  /**
   * Run 19: the design effect of the actas added between two snapshots (they arrive an office at a
   * time, a clustered sample), with `between`; absent or 0: no noise term.
   */
  readonly designEffect?: number;
  /** Between-unit sd per share: the acta-level variance 2 s² the count's sampling term assumes. */
  readonly between?: ArrayLike<number>;
}

/** Per unit and share: the drift, and the variance of its own slope's noise that it keeps. */
export interface DriftEstimate {
  readonly drift: Float64Array[];
  readonly noise: Float64Array[];
}

interface Slope {
  readonly s: Float64Array;
  readonly w: number;
  /** Run 19: the slope's sampling variance per share as a clustered sample (null: not modelled). */
  readonly v: Float64Array | null;
}

/** Expected remainder share − counted share, per unit and share dimension (zeros without a trend). */
export function arrivalDrift(
  units: readonly TrendInput[],
  dims: number,
  o: DriftOptions,
): Float64Array[] {
  return arrivalDriftWithNoise(units, dims, o).drift;
}

/**
 * The drift, and (run 19, variant M) the variance its own-slope part keeps from the slope's noise
 * as a clustered sample (a design effect): what the unit's remainder adds to its own error.
 */
export function arrivalDriftWithNoise(
  units: readonly TrendInput[],
  dims: number,
  o: DriftOptions,
): DriftEstimate {
  const slopes = units.map((u) => slopeOf(u, dims, o));
  const pooled = new Float64Array(dims);
  let sw = 0;
  const weights: number[] = [];
  for (const x of slopes) {
    if (x === null) continue;
    sw += x.w;
    weights.push(x.w);
    for (let k = 0; k < dims; k++) pooled[k] = (pooled[k] as number) + x.w * (x.s[k] as number);
  }
  for (let k = 0; k < dims; k++) pooled[k] = sw > 0 ? (pooled[k] as number) / sw : 0;
  const typical = median(weights);
  shrinkByNoise(pooled, slopes, sw);
  const drift: Float64Array[] = [];
  const noise: Float64Array[] = [];
  slopes.forEach((x) => {
    const d = new Float64Array(dims);
    const e = new Float64Array(dims);
    drift.push(d);
    noise.push(e);
    if (x === null) return;
    const lambda = x.w / (x.w + typical);
    for (let k = 0; k < dims; k++) {
      d[k] = o.damping * (lambda * (x.s[k] as number) + (1 - lambda) * (pooled[k] as number));
      // the drift keeps λ of the own slope, so λ²·V of its noise; λ·V (run 19), as an
      // empirical-Bayes estimate would keep, allows for the pooled part's own error too
      e[k] = x.v === null ? 0 : o.damping * o.damping * lambda * (x.v[k] as number);
    }
  });
  return { drift, noise };
}

function slopeOf(u: TrendInput, dims: number, o: DriftOptions): Slope | null {
  const b = u.before;
  if (b === null || u.actasTotal <= 0 || o.damping === 0) return null;
  const f0 = b.actasCounted / u.actasTotal;
  const f1 = u.now.actasCounted / u.actasTotal;
  const added = u.now.actasCounted - b.actasCounted;
  if (f0 < o.minFraction || f1 >= 1 || added <= 0 || f1 - f0 < 0.005) return null;
  const s = new Float64Array(dims);
  for (let k = 0; k < dims; k++)
    s[k] = ((u.now.shares[k] as number) - (b.shares[k] as number)) / (f1 - f0);
  const deff = o.designEffect ?? 0;
  const between = o.between;
  // s = (m − c₀)/f₁, m the mean of the actas added: Var = deff · 2 s_k² / (added · f₁²) (run 19)
  const v =
    deff > 0 && between !== undefined
      ? Float64Array.from(
          { length: dims },
          (_, k) => (deff * 2 * (between[k] as number) ** 2) / (added * f1 * f1),
        )
      : null;
  return { s, w: added * (f1 - f0), v };
}

/**
 * Runs 18 and 18b: the pooled slope is a weighted mean of noisy unit slopes; shrink it toward zero
 * by one factor for the whole vector, ‖p‖² / (‖p‖² + Σ SE²), SE² each share's sampling variance
 * from the unit slopes' spread (n/(n−1) · Σ w² (s − p)² / (Σ w)²). One factor keeps its sum at
 * zero (shares sum to one at both snapshots). Units drifting alike keep the trend; scattered
 * slopes (a few offices' actas between two close snapshots) lose most of it. Fewer than three
 * slopes: too few to tell the spread from the trend, kept.
 */
function shrinkByNoise(pooled: Float64Array, slopes: readonly (Slope | null)[], sw: number): void {
  const given = slopes.filter((x) => x !== null);
  const n = given.length;
  if (n < 3 || sw <= 0) return;
  let signal = 0;
  let noise = 0;
  for (let k = 0; k < pooled.length; k++) {
    const p = pooled[k] as number;
    let v = 0;
    for (const x of given) v += (x.w * ((x.s[k] as number) - p)) ** 2;
    signal += p * p;
    noise += (n / (n - 1)) * (v / (sw * sw));
  }
  const factor = signal + noise > 0 ? signal / (signal + noise) : 0;
  for (let k = 0; k < pooled.length; k++) pooled[k] = (pooled[k] as number) * factor;
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
