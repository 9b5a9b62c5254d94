/**
 * Weighted ridge regression, small and dense: what the projection uses to carry a previous round
 * or election into the current one (transfers) — a few covariates over tens of units, or a few
 * dozen over tens of thousands of mesas.
 */
export interface RidgeFit {
  /** Coefficients, the intercept first, in the covariates' own units. */
  readonly beta: Float64Array;
  /** (X'WX + penalty)⁻¹ in the same units: β's covariance up to the residual variance. */
  readonly inverse: Float64Array;
  /** Number of coefficients (covariates + 1). */
  readonly p: number;
}

/** The normal equations' inverse for one design and weights, shared by every response fitted on it. */
export interface RidgeSystem {
  readonly inverse: Float64Array;
  readonly p: number;
}

/**
 * (X'WX + penalty)⁻¹ with X = (1, x), x row-major n × covariates; the penalty is ridge × each
 * covariate's weighted sum of squares about its mean (scale-free; the intercept is not
 * penalised). Cholesky; null when the system is singular or nothing has weight.
 */
export function ridgeSystem(
  x: Float64Array,
  w: ArrayLike<number>,
  covariates: number,
  ridge: number,
): RidgeSystem | null {
  const n = w.length;
  const p = covariates + 1;
  const a = new Float64Array(p * p);
  const row = new Float64Array(p);
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    if (!(wi > 0)) continue;
    sw += wi;
    row[0] = 1;
    for (let j = 1; j < p; j++) row[j] = x[i * covariates + j - 1] as number;
    for (let j = 0; j < p; j++) {
      const rj = wi * (row[j] as number);
      for (let k = 0; k <= j; k++)
        a[j * p + k] = (a[j * p + k] as number) + rj * (row[k] as number);
    }
  }
  if (sw <= 0) return null;
  for (let j = 1; j < p; j++) {
    const sx = a[j * p] as number;
    const variance = Math.max(0, (a[j * p + j] as number) - (sx * sx) / sw);
    a[j * p + j] = (a[j * p + j] as number) + ridge * variance + 1e-12 * sw;
  }
  for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) a[j * p + k] = a[k * p + j] as number;
  const inverse = invertSpd(a, p);
  return inverse === null ? null : { inverse, p };
}

/** The coefficients of one response on a system's design (same x and w as the system's). */
export function solveRidge(
  sys: RidgeSystem,
  x: Float64Array,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
): RidgeFit {
  const p = sys.p;
  const covariates = p - 1;
  const b = new Float64Array(p);
  for (let i = 0; i < w.length; i++) {
    const wi = w[i] as number;
    if (!(wi > 0)) continue;
    const wy = wi * (y[i] as number);
    b[0] = (b[0] as number) + wy;
    for (let j = 1; j < p; j++)
      b[j] = (b[j] as number) + wy * (x[i * covariates + j - 1] as number);
  }
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += (sys.inverse[j * p + k] as number) * (b[k] as number);
    beta[j] = s;
  }
  return { beta, inverse: sys.inverse, p };
}

/**
 * Minimises Σ wᵢ (yᵢ − β₀ − Σⱼ βⱼ xᵢⱼ)² + ridge · Σⱼ SSⱼ βⱼ² (SSⱼ: covariate j's weighted sum
 * of squares about its mean); null when the normal equations are singular.
 */
export function weightedRidge(
  x: Float64Array,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  covariates: number,
  ridge: number,
): RidgeFit | null {
  const sys = ridgeSystem(x, w, covariates, ridge);
  return sys === null ? null : solveRidge(sys, x, y, w);
}

/** β₀ + Σ βⱼ xⱼ for one row of covariates. */
export function predict(fit: RidgeFit, x: ArrayLike<number>, offset = 0): number {
  let s = fit.beta[0] as number;
  for (let j = 1; j < fit.p; j++) s += (fit.beta[j] as number) * (x[offset + j - 1] as number);
  return s;
}

/** x̃' (X'WX)⁻¹ x̃ with x̃ = (1, x): the prediction's variance per unit of residual variance. */
export function leverage(fit: RidgeFit, x: ArrayLike<number>, offset = 0): number {
  const p = fit.p;
  let s = 0;
  for (let j = 0; j < p; j++) {
    const xj = j === 0 ? 1 : (x[offset + j - 1] as number);
    for (let k = 0; k < p; k++) {
      const xk = k === 0 ? 1 : (x[offset + k - 1] as number);
      s += xj * (fit.inverse[j * p + k] as number) * xk;
    }
  }
  return Math.max(0, s);
}

/** The inverse of a symmetric positive-definite matrix (Cholesky), or null if it is not one. */
function invertSpd(a: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j] as number;
    for (let k = 0; k < j; k++) d -= (l[j * p + k] as number) ** 2;
    if (!(d > 1e-300)) return null;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      l[i * p + j] = s / ljj;
    }
  }
  // inverse of L, then L⁻ᵀ L⁻¹
  const li = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    li[j * p + j] = 1 / (l[j * p + j] as number);
    for (let i = j + 1; i < p; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= (l[i * p + k] as number) * (li[k * p + j] as number);
      li[i * p + j] = s / (l[i * p + i] as number);
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += (li[k * p + i] as number) * (li[k * p + j] as number);
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  return inv;
}
