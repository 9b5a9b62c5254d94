import { priorDesign, type PriorFigures } from './prior.js';
import { predict, weightedRidge, type RidgeFit } from './regression.js';

/**
 * Arrival drift carried from the previous round's own count (docs/projection.md, "Arrival drift
 * from the previous round"): where a unit also gives its previous-round figures at the same share
 * of its actas counted (from that round's count history), the previous round says how its
 * remainder differs from its counted part, choice by choice. The transfer matrix — a regression,
 * across the units, of the current counted shares on the previous round's counted shares — carries
 * that difference into the current choices: remainder − counted ≈ Σⱼ βⱼ (prev. remainderⱼ −
 * prev. countedⱼ). No fitted parameter: the transfers are the night's own.
 */
export interface HistoryUnit {
  /** The unit's current counted shares (choices, blank, null: the share dimensions). */
  readonly shares: ArrayLike<number>;
  /** Whether it has counted votes, and its fraction of actas counted. */
  readonly has: boolean;
  readonly f: number;
  /** Its previous round, complete, and the same round at the same fraction of its actas counted. */
  readonly prior?: PriorFigures | undefined;
  readonly priorCounted?: PriorFigures | undefined;
}

/** Ridge penalty of the transfer matrix (as the prior regression's). */
const RIDGE = 0.05;

/** The previous round's remainder (complete − counted), or null when it has no valid vote. */
function remainderOf(u: HistoryUnit): PriorFigures | null {
  if (u.prior === undefined || u.priorCounted === undefined) return null;
  const votes = u.prior.votes.map((v, j) => Math.max(0, v - (u.priorCounted?.votes[j] ?? 0)));
  return votes.some((v) => v > 0) ? { votes } : null;
}

/** Per unit: the expected remainder − counted share per dimension, and that estimate's sd. */
export interface HistoryDrift {
  readonly drift: Float64Array;
  /**
   * sd of the drift from the transfers' own estimation error, (Δx' Cov(β) Δx)^½: one error for
   * every unit (the same β), so it is a common term, not a unit's own.
   */
  readonly sd: Float64Array;
}

/**
 * Expected remainder share − counted share per unit and share dimension, or null for a unit the
 * history does not cover (then the two-snapshot drift applies). maxCovariates: previous-round
 * choices as columns (at most one per four units with data).
 */
export function historyDrift(
  units: readonly HistoryUnit[],
  dims: number,
  maxCovariates: number,
): (HistoryDrift | null)[] {
  const remainders = units.map((u) => remainderOf(u));
  const usable = units.map(
    (u, i) =>
      u.has &&
      u.f > 0 &&
      u.f < 1 &&
      u.priorCounted !== undefined &&
      u.priorCounted.votes.some((v) => v > 0) &&
      remainders[i] !== null,
  );
  const n = usable.filter((x) => x).length;
  const J = Math.min(maxCovariates, Math.floor((n - 2) / 4));
  if (J < 1) return units.map(() => null);
  const counted = priorDesign(
    units.map((u, i) => (usable[i] ? u.priorCounted : undefined)),
    J,
    'valid',
  );
  const C = counted.covariates;
  const rest = remainders.map((r, i) => (usable[i] ? r : null));
  // the remainder's shares on the counted part's columns (the same previous-round choices)
  const restX = new Float64Array(units.length * C);
  rest.forEach((r, i) => {
    if (r === null) return;
    const valid = r.votes.reduce((a, b) => a + b, 0);
    counted.columns.forEach((j, c) => (restX[i * C + c] = (r.votes[j] ?? 0) / valid));
  });
  const w = usable.map((x) => (x ? 1 : 0));
  const out: (HistoryDrift | null)[] = units.map((_, i) =>
    usable[i] ? { drift: new Float64Array(dims), sd: new Float64Array(dims) } : null,
  );
  for (let k = 0; k < dims; k++) {
    const fit = weightedRidge(
      counted.x,
      units.map((u) => u.shares[k] as number),
      w,
      C,
      RIDGE,
    );
    if (fit === null) return units.map(() => null);
    const residual = residualVariance(fit, counted.x, units, usable, k, C);
    out.forEach((d, i) => {
      if (d === null) return;
      let s = 0;
      let v = 0;
      for (let c = 0; c < C; c++) {
        const dc = (restX[i * C + c] as number) - (counted.x[i * C + c] as number);
        s += (fit.beta[c + 1] as number) * dc;
        for (let e = 0; e < C; e++) {
          const de = (restX[i * C + e] as number) - (counted.x[i * C + e] as number);
          v += dc * (fit.inverse[(c + 1) * fit.p + e + 1] as number) * de;
        }
      }
      d.drift[k] = s;
      d.sd[k] = Math.sqrt(Math.max(0, v) * residual);
    });
  }
  return out;
}

/** The transfer regression's residual variance (unit weights) on the usable units. */
function residualVariance(
  fit: RidgeFit,
  x: Float64Array,
  units: readonly HistoryUnit[],
  usable: readonly boolean[],
  k: number,
  C: number,
): number {
  let ss = 0;
  let n = 0;
  units.forEach((u, i) => {
    if (!usable[i]) return;
    n++;
    ss += ((u.shares[k] as number) - predict(fit, x, i * C)) ** 2;
  });
  return ss / Math.max(1, n - C - 1);
}
