import { betweenVariance, type BetweenPrior } from './between-prior.js';
import { arrivalDriftWithNoise } from './drift.js';
import { historyDrift } from './history-drift.js';
import type { FrameGroup, FrameRegion, ProjectionFrame, UnitBasis } from './frame.js';
import { SNAPSHOT_PARAMETERS, type SnapshotParameters } from './model-parameters.js';
import { meanRow, priorDesign, type PriorDesign, type PriorFigures } from './prior.js';
import { leverage, predict, weightedRidge, type RidgeFit } from './regression.js';

/** What a unit has counted at one cut: actas, votes per choice (the contest's order), blank, null. */
export interface SnapshotCount {
  readonly actasCounted: number;
  readonly votes: readonly number[];
  readonly blank: number;
  readonly null: number;
}

/** One reporting unit of an aggregate snapshot, as ONPE's results site shows it. */
export interface SnapshotUnit extends SnapshotCount {
  readonly unit: string;
  /** Its name, when the source gives one (the unit code otherwise). */
  readonly name?: string | undefined;
  readonly actasTotal: number;
  /** Electors of the whole unit, when the source or the padrón gives them. */
  readonly eligibleTotal?: number | undefined;
  /** The same unit in an earlier snapshot of the same count: the arrival drift. */
  readonly previous?: SnapshotCount | undefined;
  /** The unit's figures in a previous round or election: the covariates. */
  readonly prior?: PriorFigures | undefined;
  /**
   * The same previous round when it had counted the same share of this unit's actas (from that
   * round's count history): how its late actas differed from its early ones (history-drift.ts).
   */
  readonly priorCounted?: PriorFigures | undefined;
}

export interface SnapshotModelOptions extends Partial<SnapshotParameters> {
  /** Multiplies every sd: 0 gives the deterministic central projection. */
  readonly varianceScale?: number;
  /** The figures counted: every vote emitted, or valid votes only (then so is the prior's turnout). */
  readonly figures?: 'emitted' | 'valid';
  /** At most this many prior choices as covariates (fewer with few units). Default 6. */
  readonly maxPriorCovariates?: number;
  /**
   * false: the units' prior feeds the history drift only, not the prior regression (calibration's
   * pseudo-history, where the prior is the election itself). Default true.
   */
  readonly priorRegression?: boolean;
  /**
   * Units sharing a border, by unit code (data from the I/O layer, e.g. the bundled department
   * adjacency): a unit without a count has its prior shifted by its counted neighbours' residuals on
   * the prior line (run 9, docs/projection.md). Absent: no neighbours' term.
   */
  readonly neighbours?: Readonly<Record<string, readonly string[]>>;
  /** λ of the neighbours' shrinkage k / (k + λ) with k counted neighbours. Default 1 (a priori). */
  readonly neighbourShrinkage?: number;
  /**
   * Run 10: how far the term reaches over the adjacency graph: 1 (run 9, the bordering units) or 2
   * (also their neighbours, at weight `neighbourDistanceWeight`): a unit whose neighbours are all
   * uncounted still gets the residuals of the counted units one border further. Default 1.
   */
  readonly neighbourReach?: 1 | 2;
  /** Weight of a unit at graph distance 2 against 1 for a bordering one. Default 0.5. */
  readonly neighbourDistanceWeight?: number;
  /**
   * The term also where the baseline is the counted units' mean (no prior line): how λ is fitted
   * on the 2021 first round, which has no previous round. Default false (the prior line only).
   */
  readonly neighboursWithoutPrior?: boolean;
  /**
   * Run 11 (B): the previous round's votes-per-acta ratio only where the unit has counted at least
   * this fraction of its actas, as a unit's own trend. Default `minTrendFraction`; 0: from any count.
   */
  readonly historyRateMinFraction?: number;
  /**
   * Run 13: and only where the previous round's counted part holds at least this fraction of the
   * unit's previous-round votes. Default `minTrendFraction`; 0: any.
   */
  readonly historyRateMinVoteFraction?: number;
  /**
   * Run 14: a group per unit code (data from the I/O layer, e.g. abroad apart from the
   * departments): a unit resting on the parent takes its own group's counted units. Absent: one.
   */
  readonly unitGroups?: Readonly<Record<string, string>>;
  /**
   * Run 15: with fewer than six counted units with a prior (no prior line), the parent's
   * between-unit variance is never below the previous round's widest split (`widestSplitRatio`).
   * Default true (adopted by run 15's rule); false: before it.
   */
  readonly widestSplit?: boolean;
  /**
   * Run 16: where run 15's floor acts, in a two-choice contest, an uncounted unit's parent centre
   * moves by its own position on the previous round's widest split, slope 1. Default true
   * (adopted by run 16's rule); false: before it.
   */
  readonly campCentre?: boolean;
  /**
   * Run 17: per choice of the contest, the previous round's choices it ran as (indices into a
   * unit's prior votes; data from the I/O layer, e.g. a runoff manifest's `previousRound`). Then
   * run 16's camp is the widest split that puts the two choices' previous selves apart, and its
   * candidate is the one that ran in it; absent: the camp's candidate is inferred from vote levels.
   */
  readonly previousChoices?: readonly (readonly number[])[];
}

const FLOOR_SD = 1e-3;
/** Ridge penalty of the transfer regression, relative to each covariate's own variation. */
const RIDGE = 0.05;

/** Per unit: figures, emitted votes, fraction of actas counted, shares, drift. */
interface Observed {
  readonly figures: Float64Array;
  readonly emitted: number;
  readonly has: boolean;
  readonly f: number;
  readonly shares: Float64Array;
  /** Drift-corrected estimate of the unit's final shares, and its error variance. */
  readonly y: Float64Array;
  readonly e2: Float64Array;
  /** Run 19: variance of the remainder from the noise of the unit's own two-snapshot trend. */
  readonly tn: Float64Array;
  /** sd of the previous round's drift, shared by every unit (the transfers' error); 0 without. */
  readonly hsd: Float64Array;
  /** Whether its drift is the previous round's (history-drift.ts), not the two snapshots'. */
  readonly fromHistory: boolean;
}

/** One share dimension's estimate per unit: the remainder's mean and sd, and common loadings. */
interface DimEstimate {
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly cb: Float64Array;
  readonly cp: Float64Array;
  readonly fromPrior: Uint8Array;
}

function figuresOf(c: SnapshotCount, K: number): Float64Array {
  const f = new Float64Array(K + 2);
  for (let k = 0; k < K; k++) f[k] = c.votes[k] ?? 0;
  f[K] = c.blank;
  f[K + 1] = c.null;
  return f;
}

function sharesOf(f: Float64Array): { shares: Float64Array; emitted: number } {
  const emitted = f.reduce((a, b) => a + b, 0);
  return { shares: f.map((x) => (emitted > 0 ? x / emitted : 0)), emitted };
}

/** Between-unit sd of each share among the units with data (unweighted), floored. */
function betweenSd(obs: readonly Observed[], S: number): Float64Array {
  const sd = new Float64Array(S);
  const data = obs.filter((o) => o.has);
  for (let k = 0; k < S; k++) {
    if (data.length < 2) {
      sd[k] = 0.1;
      continue;
    }
    const m = data.reduce((a, o) => a + (o.shares[k] as number), 0) / data.length;
    const ss = data.reduce((a, o) => a + ((o.shares[k] as number) - m) ** 2, 0);
    sd[k] = Math.max(Math.sqrt(ss / (data.length - 1)), FLOOR_SD);
  }
  return sd;
}

function observe(
  units: readonly SnapshotUnit[],
  K: number,
  p: SnapshotParameters,
  maxPriorCovariates: number,
): { obs: Observed[]; s: Float64Array } {
  const S = K + 2;
  const base = units.map((u) => {
    const figures = figuresOf(u, K);
    const { shares, emitted } = sharesOf(figures);
    const f = u.actasTotal > 0 ? Math.min(1, u.actasCounted / u.actasTotal) : 1;
    return { figures, emitted, has: u.actasCounted > 0 && emitted > 0, f, shares };
  });
  const pre = base.map((b) => ({
    ...b,
    y: b.shares,
    e2: new Float64Array(S),
    tn: new Float64Array(S),
    hsd: new Float64Array(S),
    fromHistory: false,
  }));
  const s = betweenSd(pre, S);
  const trend = arrivalDriftWithNoise(
    units.map((u, i) => ({
      actasTotal: u.actasTotal,
      now: { actasCounted: u.actasCounted, shares: (base[i] as (typeof base)[number]).shares },
      before:
        u.previous === undefined || u.previous.actasCounted <= 0
          ? null
          : {
              actasCounted: u.previous.actasCounted,
              shares: sharesOf(figuresOf(u.previous, K)).shares,
            },
    })),
    S,
    {
      damping: p.drift,
      minFraction: p.minTrendFraction,
      designEffect: p.trendDesignEffect,
      between: s,
    },
  );
  const drift = trend.drift;
  // the previous round's own drift, where its count history is given, before the two snapshots'
  // only the five fields it reads (a SnapshotUnit has no shares, has or f to clash with base's)
  const history = historyDrift(
    units.map((u, i) => {
      const b = base[i] as (typeof base)[number];
      return { shares: b.shares, has: b.has, f: b.f, prior: u.prior, priorCounted: u.priorCounted };
    }),
    S,
    maxPriorCovariates,
  );
  const obs = base.map((b, i) => {
    const y = new Float64Array(S);
    const e2 = new Float64Array(S);
    const n = Math.max(1, units[i]?.actasCounted ?? 1);
    const h = history[i] ?? null;
    for (let k = 0; k < S; k++) {
      const sk = s[k] as number;
      const correction = (1 - b.f) * ((h?.drift ?? (drift[i] as Float64Array))[k] as number);
      y[k] = (b.shares[k] as number) + correction;
      // the remainder's error: the between-unit spread, the unit's own drift, sampling
      e2[k] =
        (p.driftSd * sk * (1 - b.f)) ** 2 +
        (p.ownDrift * correction) ** 2 +
        (2 * sk * sk * (1 - b.f)) / n +
        1e-12;
    }
    // run 19 (M): the two snapshots' trend's noise from its clustered actas, the remainder's own
    const tn = h === null ? (trend.noise[i] as Float64Array) : new Float64Array(S);
    return { ...b, y, e2, tn, hsd: h?.sd ?? new Float64Array(S), fromHistory: h !== null };
  });
  return { obs, s };
}

/**
 * Per share dimension, the gain that makes the common arrival bias move a share by its loading
 * after the simulation renormalises the shares: with independent shocks σ_j z_j, share k moves by
 * (1 − x_k) σ_k z_k − Σ_{j≠k} x_j σ_j z_j, which in a two-way race is ~0.7 σ and with many
 * choices ~0.9 σ; without the gain the same loading would mean less in a runoff than in a first
 * round. x: the national counted shares.
 */
function renormalisationGain(obs: readonly Observed[], s: Float64Array): Float64Array {
  const S = s.length;
  const x = new Float64Array(S);
  let total = 0;
  for (const o of obs) {
    if (!o.has) continue;
    for (let k = 0; k < S; k++) x[k] = (x[k] as number) + (o.figures[k] as number);
    total += o.emitted;
  }
  const g = new Float64Array(S).fill(1);
  if (total <= 0) return g;
  for (let k = 0; k < S; k++) x[k] = (x[k] as number) / total;
  for (let k = 0; k < S; k++) {
    let v = 0;
    for (let j = 0; j < S; j++) {
      const c = (j === k ? 1 - (x[j] as number) : (x[j] as number)) * (s[j] as number);
      v += c * c;
    }
    if (v > 0) g[k] = (s[k] as number) / Math.sqrt(v);
  }
  return g;
}

/**
 * The residual between-unit variance τ² by Paule–Mandel: Σ rᵢ² / (τ² + eᵢ²) = degrees of freedom.
 * The plain moment estimate (Σ rᵢ² − Σ eᵢ²) / df hit its floor whenever a few barely counted units
 * carried large eᵢ², and a prior then claimed to know a big department's share to 0.1 pp, pushing
 * its last actas' projected shares below 0 (docs/projection.md, run 5).
 */
export function pauleMandel(r2: readonly number[], e2: readonly number[], df: number): number {
  const q = (t: number): number => r2.reduce((a, r, i) => a + r / (t + (e2[i] as number)), 0) - df;
  let lo = 1e-6;
  if (q(lo) <= 0) return lo;
  let hi = 1;
  for (let it = 0; it < 60; it++) {
    const mid = Math.sqrt(lo * hi);
    if (q(mid) > 0) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The prior prediction of dimension k: fitted on the units with data and a prior. */
function priorFit(
  obs: readonly Observed[],
  d: PriorDesign,
  k: number,
  s2: number,
): { pi: Float64Array; pv: Float64Array; tau2: number; ok: Uint8Array } | null {
  const rows = obs.map((o, i) => o.has && d.has[i] === 1);
  const n = rows.filter((x) => x).length;
  if (n < d.covariates + 3) return null;
  const y = obs.map((o) => o.y[k] as number);
  let tau2 = s2;
  let fit: RidgeFit | null = null;
  for (let it = 0; it < 8; it++) {
    const w = obs.map((o, i) => (rows[i] ? 1 / (tau2 + (o.e2[k] as number)) : 0));
    fit = weightedRidge(d.x, y, w, d.covariates, RIDGE);
    if (fit === null) return null;
    const r2: number[] = [];
    const e2: number[] = [];
    obs.forEach((o, i) => {
      if (!rows[i]) return;
      r2.push(((y[i] as number) - predict(fit as RidgeFit, d.x, i * d.covariates)) ** 2);
      e2.push(o.e2[k] as number);
    });
    tau2 = pauleMandel(r2, e2, Math.max(1, n - d.covariates - 1));
  }
  if (fit === null) return null;
  const f = fit;
  const fallback = meanRow(d);
  const pi = new Float64Array(obs.length);
  const pv = new Float64Array(obs.length);
  obs.forEach((_, i) => {
    const x = d.has[i] === 1 ? d.x : fallback;
    const at = d.has[i] === 1 ? i * d.covariates : 0;
    pi[i] = predict(f, x, at);
    pv[i] = leverage(f, x, at);
  });
  // A share outside [0, 1] is the line extrapolated past every unit it was fitted on (Asia's
  // first round is unlike any department's): there the transfers are taken non-negative — each
  // previous choice passes a share in [0, ∞) of its votes — which predicts no negative share.
  if (pi.some((p, i) => d.has[i] === 1 && (p < 0 || p > 1))) {
    const w = obs.map((o, i) => (rows[i] ? 1 / (tau2 + (o.e2[k] as number)) : 0));
    const b = nonNegativeTransfers(d, y, w);
    pi.forEach((p, i) => {
      if (d.has[i] === 1 && (p < 0 || p > 1)) pi[i] = transferOf(d, b, i);
    });
  }
  return { pi, pv, tau2, ok: d.has };
}

/** Row i's columns: its shares of the prior's main choices, then the rest (one minus their sum). */
function columnsOf(d: PriorDesign, i: number): number[] {
  const J = d.covariates;
  const x = Array.from(d.x.subarray(i * J, i * J + J));
  return [...x, Math.max(0, 1 - x.reduce((a, v) => a + v, 0))];
}

function transferOf(d: PriorDesign, b: readonly number[], i: number): number {
  return columnsOf(d, i).reduce((a, x, j) => a + x * (b[j] as number), 0);
}

/**
 * Weighted least squares of y on the rows' prior shares (every choice, no intercept) with
 * non-negative coefficients: cyclic coordinate descent, each coefficient clipped at 0 (a convex
 * problem: it converges to the constrained optimum).
 */
export function nonNegativeTransfers(
  d: PriorDesign,
  y: readonly number[],
  w: readonly number[],
): number[] {
  const rows = w.map((wi, i) => (wi > 0 ? columnsOf(d, i) : null));
  const P = d.covariates + 1;
  const b = new Array<number>(P).fill(0);
  const pred = new Float64Array(w.length);
  for (let it = 0; it < 500; it++)
    for (let j = 0; j < P; j++) {
      let num = 0;
      let den = 0;
      rows.forEach((x, i) => {
        if (x === null) return;
        const xj = x[j] as number;
        const wi = w[i] as number;
        num += wi * xj * ((y[i] as number) - (pred[i] as number) + xj * (b[j] as number));
        den += wi * xj * xj;
      });
      const next = den > 0 ? Math.max(0, num / den) : 0;
      const delta = next - (b[j] as number);
      if (delta === 0) continue;
      b[j] = next;
      rows.forEach((x, i) => {
        if (x !== null) pred[i] = (pred[i] as number) + delta * (x[j] as number);
      });
    }
  return b;
}

/** Without a prior: the units' precision-weighted mean and their between-unit variance. */
function parentFit(
  obs: readonly Observed[],
  k: number,
  between: BetweenPrior,
  floorRatio = 0,
  camp: Float64Array | null = null,
): { pi: Float64Array; pv: Float64Array; tau2: number; campMean: number } {
  const data = obs.filter((o) => o.has);
  let tau2 = 0.01;
  const m = data.reduce((a, o) => a + (o.y[k] as number), 0) / Math.max(1, data.length);
  if (data.length >= 2) {
    const raw = data.reduce((a, o) => a + ((o.y[k] as number) - m) ** 2, 0) / (data.length - 1);
    const noise = data.reduce((a, o) => a + (o.e2[k] as number), 0) / data.length;
    tau2 = Math.max(raw - noise, 0.1 * raw, 1e-6);
  }
  // a variance from k units has k − 1 degrees of freedom: with a prior, its posterior (run 11)
  if (between.df > 0 && data.length > 0)
    tau2 = betweenVariance(data.length >= 2 ? tau2 : 0, data.length, m, between);
  // run 15: a handful of units may not look more alike than the previous round allows
  const mm = Math.min(0.999, Math.max(0.001, m));
  if (floorRatio > 0) tau2 = Math.max(tau2, floorRatio * mm * (1 - mm));
  let sw = 0;
  let swm = 0;
  // run 16: the counted units' camp share, weighted as the mean (those with a prior)
  let cw = 0;
  let cwx = 0;
  obs.forEach((o, i) => {
    if (!o.has) return;
    const w = 1 / (tau2 + (o.e2[k] as number));
    sw += w;
    swm += w * (o.y[k] as number);
    const x = camp?.[i] ?? Number.NaN;
    if (Number.isNaN(x)) return;
    cw += w;
    cwx += w * x;
  });
  const mean = sw > 0 ? swm / sw : 1 / (obs[0]?.y.length ?? 1);
  return {
    pi: new Float64Array(obs.length).fill(mean),
    pv: new Float64Array(obs.length).fill(sw > 0 ? 1 / sw : tau2),
    tau2,
    campMean: cw > 0 ? cwx / cw : Number.NaN,
  };
}

/**
 * Run 14: the parent per group of units (e.g. the departments and abroad), each from its own
 * group's counted units, or from all of them when its group has none; one group without groups.
 */
function groupedParent(
  obs: readonly Observed[],
  k: number,
  between: BetweenPrior,
  groups: readonly number[] | null,
  split: SplitFloor | null,
  camp: Float64Array | null = null,
): { pi: Float64Array; pv: Float64Array; tau2: Float64Array; campMean: Float64Array } {
  const all = parentFit(obs, k, between, split?.all ?? 0, camp);
  const U = obs.length;
  const out = {
    pi: all.pi,
    pv: all.pv,
    tau2: new Float64Array(U).fill(all.tau2),
    campMean: new Float64Array(U).fill(all.campMean),
  };
  if (groups === null) return out;
  for (const g of new Set(groups)) {
    const members = obs.map((_, i) => i).filter((i) => groups[i] === g);
    if (!members.some((i) => (obs[i] as Observed).has)) continue;
    const fit = parentFit(
      members.map((i) => obs[i] as Observed),
      k,
      between,
      split?.byGroup.get(g) ?? 0,
      camp === null ? null : Float64Array.from(members, (i) => camp[i] as number),
    );
    for (const i of members) {
      out.pi[i] = fit.pi[0] as number;
      out.pv[i] = fit.pv[0] as number;
      out.tau2[i] = fit.tau2;
      out.campMean[i] = fit.campMean;
    }
  }
  return out;
}

/**
 * The prior line's residuals are spatially correlated (the 2021 runoff's south went to Castillo far
 * beyond what the first round's shares say: docs/projection.md, run 8): a unit without a count gets
 * the shrunk mean w = k / (k + λ) of its k counted neighbours' residuals yⱼ − πⱼ as a shift, and
 * w² (τ² + mean eⱼ²) / k, the shift's own error, as variance (never less than without it). With
 * weights ωⱼ (run 10: farther units count less) k = Σ ω, the mean is weighted, and the variance is
 * that of a weighted mean of independent errors: w² Σ ωⱼ² (τ² + eⱼ²) / k².
 */
export function neighbourShift(
  residuals: readonly number[],
  e2: readonly number[],
  tau2: number,
  lambda: number,
  weights?: readonly number[],
): { shift: number; variance: number } {
  const n = residuals.length;
  if (n === 0) return { shift: 0, variance: 0 };
  const wt = (j: number): number => weights?.[j] ?? 1;
  const k = residuals.reduce((a, _, j) => a + wt(j), 0);
  const k2 = residuals.reduce((a, _, j) => a + wt(j) * wt(j), 0);
  if (!(k > 0)) return { shift: 0, variance: 0 };
  const w = k / (k + lambda);
  const mean = residuals.reduce((a, r, j) => a + wt(j) * r, 0) / k;
  const noise = e2.reduce((a, e, j) => a + wt(j) * wt(j) * e, 0) / k2;
  // (Σ ω)² / Σ ω² is the weighted mean's effective count: k with equal weights
  return { shift: w * mean, variance: (w * w * (tau2 + noise)) / ((k * k) / k2) };
}

/**
 * The shift of a unit without a count from its counted neighbours (`neighbourShift`); with the
 * prior line (`lineOk`: the units it fits), only neighbours on the line, whose residual is on the
 * same baseline as the unit's: the line, or the mean.
 */
function countedNeighboursShift(
  obs: readonly Observed[],
  k: number,
  neighbours: readonly Neighbour[],
  lineOk: ArrayLike<number> | null,
  centre: ArrayLike<number>,
  tau2: number,
  pr: { readonly neighbourShrinkage: number },
): { shift: number; variance: number } {
  const nb = neighbours.filter(
    (n) => (obs[n.j] as Observed).has && (lineOk === null || lineOk[n.j] === 1),
  );
  return neighbourShift(
    nb.map((n) => ((obs[n.j] as Observed).y[k] as number) - (centre[n.j] as number)),
    nb.map((n) => (obs[n.j] as Observed).e2[k] as number),
    tau2,
    pr.neighbourShrinkage,
    nb.map((n) => n.w),
  );
}

/**
 * Dimension k of every unit: the posterior of its final share, then its remainder's. Run 16: an
 * uncounted unit's parent centre moves by its camp shift (`campShift`), the second choice's the
 * other way.
 */
function estimateShare(
  obs: readonly Observed[],
  design: PriorDesign | null,
  k: number,
  sk: number,
  pr: {
    readonly neighbours: readonly (readonly Neighbour[])[] | null;
    readonly neighbourShrinkage: number;
    readonly neighboursWithoutPrior: boolean;
    readonly arrivalBias: number;
    readonly historyArrivalBias: number;
    readonly unseenCorrelation: number;
    readonly between: BetweenPrior;
    readonly groups: readonly number[] | null;
    readonly split: SplitFloor | null;
    readonly camp: Float64Array | null;
    readonly scale: number;
    readonly counted: number;
    readonly gain: number;
  },
): DimEstimate {
  const U = obs.length;
  const prior = design === null ? null : priorFit(obs, design, k, sk * sk);
  const parent = groupedParent(obs, k, pr.between, pr.groups, pr.split);
  const out: DimEstimate = {
    mean: new Float64Array(U),
    sd: new Float64Array(U),
    cb: new Float64Array(U),
    cp: new Float64Array(U),
    fromPrior: new Uint8Array(U),
  };
  obs.forEach((o, i) => {
    const usePrior = prior !== null && prior.ok[i] === 1;
    const src = usePrior ? prior : parent;
    const moved = !usePrior && !o.has && k < 2 ? (pr.camp?.[i] ?? 0) * (k === 0 ? 1 : -1) : 0;
    const pi = (src.pi[i] as number) + moved;
    const pv = src.pv[i] as number;
    const tau2 = usePrior ? prior.tau2 : (parent.tau2[i] as number);
    out.fromPrior[i] = usePrior ? 1 : 0;
    if (!o.has) {
      const reaches = pr.neighbours !== null && (usePrior || pr.neighboursWithoutPrior);
      const nb = reaches ? (pr.neighbours?.[i] ?? []) : [];
      const shift = countedNeighboursShift(
        obs,
        k,
        nb,
        usePrior ? prior.ok : null,
        src.pi,
        tau2,
        pr,
      );
      out.mean[i] = pi + shift.shift;
      // the units without a count are no random sample (whole departments, abroad): a share ρ of
      // their residual variance is one draw for all of them (unseenCorrelation)
      out.sd[i] = Math.sqrt((1 - pr.unseenCorrelation) * tau2 + shift.variance) * pr.scale;
      out.cp[i] = Math.sqrt(pv + pr.unseenCorrelation * tau2) * pr.scale;
      out.cb[i] = pr.arrivalBias * sk * pr.gain * (1 - pr.counted) * pr.scale;
      return;
    }
    if (o.f >= 1) return;
    const a = 1 / (tau2 + pv);
    const b = 1 / (o.e2[k] as number);
    const post = (a * pi + b * (o.y[k] as number)) / (a + b);
    out.mean[i] = (post - o.f * (o.shares[k] as number)) / (1 - o.f);
    // The prior line's own error (leverage) is one error for every unit (the same β), as for the
    // units without a count: the part of it the posterior keeps is a common draw, not the unit's.
    const line = (a / (a + b)) * Math.sqrt(pv);
    const own = Math.sqrt(Math.max(0, 1 / (a + b) - line * line)) / (1 - o.f);
    out.sd[i] = Math.hypot(own, Math.sqrt(o.tn[k] as number)) * pr.scale;
    out.cp[i] = (line / (1 - o.f)) * pr.scale;
    // The arrival bias loads on every remainder in full: the prior's regression is fitted on the
    // same counted (early) shares, so weighting toward it does not remove the bias. The previous
    // round's drift errs for every unit at once too (one set of transfers): the same common draw.
    const loading = o.fromHistory ? pr.historyArrivalBias : pr.arrivalBias;
    out.cb[i] =
      Math.hypot(loading * sk * pr.gain * (1 - pr.counted), o.hsd[k] as number) * pr.scale;
  });
  return out;
}

/**
 * The rate of every unit's remainder, in emitted (or valid) votes per acta: its own where it has
 * counted, else its electors × a turnout — carried from its prior turnout by a regression on the
 * units that have counted, or the national one — and without electors the national votes per acta.
 */
function estimateRate(
  units: readonly SnapshotUnit[],
  obs: readonly Observed[],
  design: PriorDesign | null,
  pr: {
    readonly arrivalBias: number;
    readonly unseenCorrelation: number;
    readonly historyRateMinFraction: number;
    readonly historyRateMinVoteFraction: number;
    readonly scale: number;
    readonly counted: number;
  },
): DimEstimate {
  const U = units.length;
  const rate = obs.map((o, i) =>
    o.has ? o.emitted / Math.max(1, units[i]?.actasCounted ?? 1) : 0,
  );
  const data = obs.map((o, i) => i).filter((i) => (obs[i] as Observed).has);
  const m = data.reduce((a, i) => a + (rate[i] as number), 0) / Math.max(1, data.length);
  const t2 =
    data.length >= 2
      ? Math.max(
          data.reduce((a, i) => a + ((rate[i] as number) - m) ** 2, 0) / (data.length - 1),
          1e-6,
        )
      : (0.1 * m) ** 2;
  let nat = 0;
  let cnt = 0;
  for (const i of data) {
    nat += (obs[i] as Observed).emitted;
    cnt += units[i]?.actasCounted ?? 0;
  }
  const national = cnt > 0 ? nat / cnt : 0;
  const turnout = turnoutModel(units, obs, design);
  const rho = pr.unseenCorrelation;
  const out: DimEstimate = {
    mean: new Float64Array(U),
    sd: new Float64Array(U),
    cb: new Float64Array(U),
    cp: new Float64Array(U),
    fromPrior: new Uint8Array(U),
  };
  units.forEach((u, i) => {
    const o = obs[i] as Observed;
    if (o.has) {
      const v = (2 * t2) / Math.max(1, u.actasCounted);
      const lambda = t2 / (t2 + v);
      out.mean[i] =
        historyRateRatio(u, o.f, pr.historyRateMinFraction, pr.historyRateMinVoteFraction) *
        (lambda * (rate[i] as number) + (1 - lambda) * national);
      out.sd[i] = Math.sqrt(lambda * v) * pr.scale;
      out.cb[i] = pr.arrivalBias * Math.sqrt(t2) * (1 - o.f) * pr.scale;
      return;
    }
    const perActa =
      u.eligibleTotal !== undefined && u.actasTotal > 0 ? u.eligibleTotal / u.actasTotal : null;
    const t = perActa === null ? null : turnout(i);
    if (t === null || perActa === null) {
      out.mean[i] = national;
      out.sd[i] = Math.sqrt((1 - rho) * t2) * pr.scale;
      out.cp[i] = Math.sqrt(rho * t2) * pr.scale;
      return;
    }
    out.mean[i] = t.mean * perActa;
    // as the shares: a share ρ of the between-unit variance is common to the units without a count
    out.sd[i] = Math.sqrt(1 - rho) * t.sd * perActa * pr.scale;
    out.cp[i] = Math.sqrt(t.common ** 2 + rho * t.sd ** 2) * perActa * pr.scale;
    out.fromPrior[i] = t.fromPrior ? 1 : 0;
  });
  return out;
}

/**
 * The previous round's votes per acta in the unit's remainder over those in its counted part, at
 * the same fraction counted (its count history): under urban-first counting the last actas are
 * rural, with fewer voters; 1 without a history.
 */
function historyRateRatio(
  u: SnapshotUnit,
  f: number,
  minFraction: number,
  minVoteFraction: number,
): number {
  const total = u.prior;
  const counted = u.priorCounted;
  // run 11: from a handful of actas the ratio is noise (30 of America's actas, 3 votes each in the
  // previous round, made its remainder 20 times its counted votes per acta)
  if (total === undefined || counted === undefined || !(f >= minFraction && f > 0 && f < 1))
    return 1;
  const emitted = (x: PriorFigures): number => x.emitted ?? x.votes.reduce((a, b) => a + b, 0);
  const now = emitted(counted);
  const rest = emitted(total) - now;
  if (!(now > 0) || !(rest > 0)) return 1;
  // run 13: a ratio is as good as its denominator (132 near-empty actas: 0.8 % of the votes)
  if (now / (now + rest) < minVoteFraction) return 1;
  return rest / (1 - f) / (now / f);
}

/**
 * Turnout of a unit without data: its prior turnout × the mean ratio of current to prior turnout
 * over the units that have counted and give their electors (their counted votes over the electors
 * of the counted share of their actas), else the national turnout of those units; null when no
 * unit gives electors.
 */
function turnoutModel(
  units: readonly SnapshotUnit[],
  obs: readonly Observed[],
  design: PriorDesign | null,
): (i: number) => { mean: number; sd: number; common: number; fromPrior: boolean } | null {
  const t = units.map((u, i) => {
    const o = obs[i] as Observed;
    return o.has && u.eligibleTotal !== undefined && u.eligibleTotal > 0 && o.f > 0
      ? o.emitted / (u.eligibleTotal * o.f)
      : Number.NaN;
  });
  const known = t.map((x, i) => i).filter((i) => !Number.isNaN(t[i] as number));
  if (known.length === 0) return () => null;
  let num = 0;
  let den = 0;
  for (const i of known) {
    num += (obs[i] as Observed).emitted;
    den += (units[i]?.eligibleTotal ?? 0) * (obs[i] as Observed).f;
  }
  const national = num / den;
  const m = known.reduce((a, i) => a + (t[i] as number), 0) / known.length;
  const between =
    known.length >= 2
      ? Math.sqrt(known.reduce((a, i) => a + ((t[i] as number) - m) ** 2, 0) / (known.length - 1))
      : 0.1 * national;
  const withPrior =
    design === null ? [] : known.filter((i) => !Number.isNaN(design.turnout[i] as number));
  if (design === null || withPrior.length < 4)
    return () => ({
      mean: national,
      sd: between,
      common: between / Math.sqrt(known.length),
      fromPrior: false,
    });
  // Turnout moves in proportion between rounds (a ratio through the origin): a line with an
  // intercept, fitted on units between 60 and 85 %, extrapolates badly to abroad's 25 %. The ratio
  // is of sums (each unit weighted by its prior votes in its counted share): an unweighted mean let
  // a small unit with an unusual ratio (2021's America: 1.87, at home 1.00–1.13) move every
  // uncounted department's turnout by 8 % (docs/projection.md, run 6).
  const ratios = withPrior.map((i) => (t[i] as number) / (design.turnout[i] as number));
  const weights = withPrior.map(
    (i) => (design.turnout[i] as number) * (units[i]?.eligibleTotal ?? 0) * (obs[i] as Observed).f,
  );
  const sw = weights.reduce((a, w) => a + w, 0);
  const ratio = ratios.reduce((a, r, j) => a + r * (weights[j] as number), 0) / sw;
  // the weighted spread, with the effective number of units for its common part; the sample
  // (reliability-weights) variance Σw(r − r̄)² / (V₁ − V₂/V₁): the mean was fitted on the same
  // units, and the population form narrowed the term by up to √(3/4) with 4–6 units
  const sw2 = weights.reduce((a, w) => a + w * w, 0);
  const nEff = sw ** 2 / sw2;
  const rs = Math.sqrt(
    ratios.reduce((a, r, j) => a + (weights[j] as number) * (r - ratio) ** 2, 0) /
      Math.max(sw - sw2 / sw, Number.MIN_VALUE),
  );
  return (i) => {
    const xi = design.turnout[i] as number;
    if (Number.isNaN(xi))
      return {
        mean: national,
        sd: between,
        common: between / Math.sqrt(known.length),
        fromPrior: false,
      };
    return {
      mean: ratio * xi,
      sd: rs * xi,
      common: (rs / Math.sqrt(nEff)) * xi,
      fromPrior: true,
    };
  };
}

/**
 * The projection frame from aggregates: each unit is its own region, and its uncounted actas are
 * projected from (docs/projection.md, "From aggregate snapshots"):
 * - its counted shares, moved by the arrival drift when an earlier snapshot gives a trend, with an
 *   error that grows with the share of actas still to count;
 * - combined, precision-weighted, with what its figures in a previous round or election predict
 *   (a regression of the units' estimates on their prior shares: the transfers), when given;
 * - a unit with nothing counted: that prediction alone, or the other units' mean with the
 *   between-unit variance; its votes from its electors × a turnout (carried from its prior turnout
 *   where known), or the national votes per acta.
 */
export function frameFromSnapshot(
  units: readonly SnapshotUnit[],
  choices: readonly string[],
  options: SnapshotModelOptions = {},
): ProjectionFrame {
  const K = choices.length;
  const S = K + 2;
  const D = S + 1;
  const p: SnapshotParameters = { ...SNAPSHOT_PARAMETERS, ...definedOf(options) };
  const { obs, s } = observe(units, K, p, options.maxPriorCovariates ?? 6);
  const design = designOf(units, obs, options);
  const actasTotal = units.reduce((x, u) => x + u.actasTotal, 0);
  const actasProcessed = units.reduce((x, u) => x + Math.min(u.actasCounted, u.actasTotal), 0);
  const counted = actasTotal > 0 ? actasProcessed / actasTotal : 0;
  const pr = parentTerms(units, obs, design, options, p, counted, K);
  const g = renormalisationGain(obs, s);
  const nb = neighbourTerms(units, options);
  const dims: DimEstimate[] = [];
  for (let k = 0; k < S; k++)
    dims.push(
      estimateShare(obs, design, k, s[k] as number, { ...pr, ...nb, gain: g[k] as number }),
    );
  dims.push(
    estimateRate(units, obs, design, {
      ...pr,
      historyRateMinFraction: options.historyRateMinFraction ?? p.minTrendFraction,
      historyRateMinVoteFraction: options.historyRateMinVoteFraction ?? p.minTrendFraction,
    }),
  );
  const regions: FrameRegion[] = [];
  const groups: FrameGroup[] = [];
  const basis: UnitBasis[] = [];
  units.forEach((u, i) => {
    const o = obs[i] as Observed;
    const mean = new Float64Array(D);
    const sd = new Float64Array(D);
    const cb = new Float64Array(D);
    const cp = new Float64Array(D);
    dims.forEach((d, k) => {
      mean[k] = d.mean[i] as number;
      sd[k] = d.sd[i] as number;
      cb[k] = d.cb[i] as number;
      cp[k] = d.cp[i] as number;
    });
    const fromPrior = (dims[0] as DimEstimate).fromPrior[i] === 1;
    basis.push({
      code: u.unit,
      basis: o.has ? (fromPrior ? 'count-and-prior' : 'count') : fromPrior ? 'prior' : 'parent',
    });
    regions.push({ code: u.unit, label: u.name ?? u.unit, counted: o.figures, mean, sd });
    const remaining = Math.max(0, u.actasTotal - u.actasCounted);
    if (remaining === 0) return;
    const zero = new Float64Array(D);
    groups.push({
      region: i,
      base: remaining,
      c0: zero,
      c1: new Float64Array(D).fill(1),
      sd: zero,
      cb,
      cp,
    });
  });
  return {
    choices,
    regions,
    groups,
    rateMax: Number.POSITIVE_INFINITY,
    actasProcessed,
    actasTotal,
    unitsWithoutData: units.filter((_, i) => !(obs[i] as Observed).has).map((u) => u.unit),
    basis,
    ...(design === null ? {} : { priorColumns: design.columns }),
    ...(pr.camp === null ? {} : { campFrom: pr.split?.camp?.from ?? 'levels' }),
  };
}

/** The terms every share's and the rate's estimate share: the parent's groups and floors, the biases. */
function parentTerms(
  units: readonly SnapshotUnit[],
  obs: readonly Observed[],
  design: PriorDesign | null,
  options: SnapshotModelOptions,
  p: SnapshotParameters,
  counted: number,
  choices: number,
) {
  const groups = groupIndices(units, options.unitGroups);
  const split = splitFloor(units, design, options, groups, choices);
  const between = { df: p.betweenPriorDf, scale: p.betweenPriorScale };
  return {
    split,
    camp:
      options.campCentre !== false && split !== null && split.camp !== null
        ? campShift(obs, split, between, groups)
        : null,
    arrivalBias: p.arrivalBias,
    unseenCorrelation: p.unseenCorrelation,
    historyArrivalBias: p.historyArrivalBias,
    between,
    groups,
    scale: options.varianceScale ?? 1,
    counted,
  };
}

/**
 * Run 16 (docs/projection.md): each uncounted unit's shift of the first choice's parent centre,
 * (x_i − x̄) × V with slope 1 (the vertex transfer: the camp's voters all go to one candidate),
 * signed by the camp's orientation; x̄ the parent's counted units' camp share weighted as its mean,
 * V the parent's valid share, the centre kept inside [0, V]. 0 where a unit has no camp share.
 */
function campShift(
  obs: readonly Observed[],
  split: SplitFloor,
  between: BetweenPrior,
  groups: readonly number[] | null,
): Float64Array {
  const camp = split.camp as Camp;
  const a = groupedParent(obs, 0, between, groups, split, camp.x);
  const b = groupedParent(obs, 1, between, groups, split, camp.x);
  return Float64Array.from(obs, (o, i) => {
    const x = camp.x[i] as number;
    const xbar = a.campMean[i] as number;
    if (o.has || Number.isNaN(x) || Number.isNaN(xbar)) return 0;
    const c = a.pi[i] as number;
    const v = c + (b.pi[i] as number);
    const d = camp.sign * (x - xbar) * v;
    return Math.min(v - c, Math.max(-c, d));
  });
}

/** The neighbours' term (runs 9–10) as the share estimates take it. */
function neighbourTerms(units: readonly SnapshotUnit[], options: SnapshotModelOptions) {
  return {
    neighbours: neighbourIndices(
      units,
      options.neighbours,
      options.neighbourReach ?? 1,
      options.neighbourDistanceWeight ?? 0.5,
    ),
    neighbourShrinkage: options.neighbourShrinkage ?? 1,
    neighboursWithoutPrior: options.neighboursWithoutPrior ?? false,
  };
}

/** Run 15: the widest-split ratio of every unit's parent, over all units and per group. */
interface SplitFloor {
  readonly all: number;
  readonly byGroup: ReadonlyMap<number, number>;
  /** Run 16: every unit's camp share on the widest split of all units, null but in a runoff. */
  readonly camp: Camp | null;
}

/** Run 16: each unit's previous-round share in the widest split's camp (NaN without a prior). */
interface Camp {
  readonly x: Float64Array;
  /** +1 when the first choice takes the camp, −1 when the second does. */
  readonly sign: 1 | -1;
  /** Run 17: how the camp's candidate was found: the previous round's choices, or vote levels. */
  readonly from: 'previous-choices' | 'levels';
}

/**
 * Run 15 (docs/projection.md): with no prior line (by default fewer than six counted units with a
 * prior), the parent's spread comes from those few; then it is floored by the previous round's
 * widest split, over the units of the parent's group (all units for the whole). Null otherwise.
 */
function splitFloor(
  units: readonly SnapshotUnit[],
  design: PriorDesign | null,
  options: SnapshotModelOptions,
  groups: readonly number[] | null,
  choices: number,
): SplitFloor | null {
  // a prior line (designOf's rule: six counted units with a prior per covariate) needs no floor
  if (options.widestSplit === false || options.priorRegression === false || design !== null)
    return null;
  const figures = options.figures ?? 'emitted';
  const priors = units.map((u) => u.prior);
  const all = widestSplitRatio(priors, figures);
  const byGroup = new Map<number, number>();
  if (groups !== null)
    for (const g of new Set(groups))
      byGroup.set(
        g,
        widestSplitRatio(
          units.map((u, i) => (groups[i] === g ? u.prior : undefined)),
          figures,
        ),
      );
  return { all, byGroup, camp: campOf(units, priors, figures, choices, options.previousChoices) };
}

/**
 * Run 16: the camp share of every unit on the widest split of all units with a prior, and which of
 * the two choices takes the camp. Run 17: with the choices' previous selves known, the widest split
 * that puts them apart, taken by the one in it; else the orientation that puts the counted units'
 * valid shares nearer their camp shares (sum of squares). Null unless the contest has two choices
 * (or when no split puts the previous selves apart). Until run 17 the two choices were read from
 * every unit's votes, and a unit a universe added (no votes listed) turned the term off.
 */
function campOf(
  units: readonly SnapshotUnit[],
  priors: readonly (PriorFigures | undefined)[],
  figures: 'emitted' | 'valid',
  choices: number,
  previous: readonly (readonly number[])[] | undefined,
): Camp | null {
  // the contest's choices, not a unit's votes: a unit absent from the snapshot has none listed
  if (choices !== 2) return null;
  const named = previous !== undefined && previous.length === 2 ? previous : null;
  const { mask, design: d } = widestSplit(
    priors,
    figures,
    named === null ? undefined : (m, columns) => sideOf(m, columns, named) !== 0,
  );
  if (mask === 0) return null;
  const J = d.covariates;
  const x = Float64Array.from(units, (_, i) => {
    if (d.has[i] !== 1) return Number.NaN;
    let s = 0;
    for (let c = 0; c < J; c++) if (mask & (1 << c)) s += d.x[i * J + c] as number;
    return s;
  });
  if (named !== null)
    return { x, sign: sideOf(mask, d.columns, named) as 1 | -1, from: 'previous-choices' };
  return { x, sign: levelsSign(units, x), from: 'levels' };
}

/**
 * Run 17: +1 when the split's camp holds every previous self of the first choice and none of the
 * second's, −1 the other way round, 0 when it does not put them apart (a previous choice outside
 * the design's columns is in the rest, never in the camp).
 */
function sideOf(
  mask: number,
  columns: readonly number[],
  named: readonly (readonly number[])[],
): 0 | 1 | -1 {
  const inCamp = (j: number): boolean => {
    const c = columns.indexOf(j);
    return c >= 0 && (mask & (1 << c)) !== 0;
  };
  const [a = [], b = []] = named;
  if (a.length === 0 || b.length === 0) return 0;
  if (a.every(inCamp) && !b.some(inCamp)) return 1;
  if (b.every(inCamp) && !a.some(inCamp)) return -1;
  return 0;
}

/** Run 16: the orientation that puts the counted units' valid shares nearer their camp shares. */
function levelsSign(units: readonly SnapshotUnit[], x: Float64Array): 1 | -1 {
  let same = 0;
  let other = 0;
  units.forEach((u, i) => {
    const valid = (u.votes[0] ?? 0) + (u.votes[1] ?? 0);
    const xi = x[i] as number;
    if (u.actasCounted <= 0 || valid <= 0 || Number.isNaN(xi)) return;
    const v = (u.votes[0] ?? 0) / valid;
    same += (v - xi) ** 2;
    other += (v - (1 - xi)) ** 2;
  });
  return same <= other ? 1 : -1;
}

/**
 * Run 15: a current share is to first order Σⱼ Tⱼ xⱼ (xⱼ the previous round's share of choice j,
 * Tⱼ ∈ [0, 1] its voters' transfer); its between-unit variance Tᵀ Σ T is convex in T, so its
 * largest value over the box is at a vertex, a split of the previous choices into two camps. The
 * largest Var(Σ_{j∈S} xⱼ) / m_S(1 − m_S) over the splits of the prior's six main choices and the
 * rest (unweighted over the units with a prior, as the parent's spread is); 0 with fewer than two.
 */
export function widestSplitRatio(
  priors: readonly (PriorFigures | null | undefined)[],
  figures: 'emitted' | 'valid',
): number {
  return widestSplit(priors, figures).ratio;
}

/**
 * The widest split's ratio and its camp (a mask over the design's columns; 0: none), among the
 * splits `accept` takes (run 17: those that put the choices' previous selves apart; default all).
 */
function widestSplit(
  priors: readonly (PriorFigures | null | undefined)[],
  figures: 'emitted' | 'valid',
  accept?: (mask: number, columns: readonly number[]) => boolean,
): { ratio: number; mask: number; design: PriorDesign } {
  const d = priorDesign(priors, 6, figures);
  const J = d.covariates;
  const rows = [...d.has.keys()].filter((i) => d.has[i] === 1);
  if (rows.length < 2 || J < 1) return { ratio: 0, mask: 0, design: d };
  let best = 0;
  let bestMask = 0;
  // the rest stays out of S: S and its complement have the same ratio
  for (let mask = 1; mask < 1 << J; mask++) {
    if (accept !== undefined && !accept(mask, d.columns)) continue;
    const v = rows.map((i) => {
      let x = 0;
      for (let c = 0; c < J; c++) if (mask & (1 << c)) x += d.x[i * J + c] as number;
      return x;
    });
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const mm = Math.min(0.999, Math.max(0.001, m));
    const varS = v.reduce((a, x) => a + (x - m) ** 2, 0) / (v.length - 1);
    const ratio = varS / (mm * (1 - mm));
    if (ratio > best) {
      best = ratio;
      bestMask = mask;
    }
  }
  return { ratio: best, mask: bestMask, design: d };
}

/** Each unit's group as a number (units without one share the group ''), or null without groups. */
function groupIndices(
  units: readonly SnapshotUnit[],
  groups: Readonly<Record<string, string>> | undefined,
): number[] | null {
  if (groups === undefined) return null;
  const ids = new Map<string, number>();
  return units.map((u) => {
    const g = groups[u.unit] ?? '';
    let id = ids.get(g);
    if (id === undefined) ids.set(g, (id = ids.size));
    return id;
  });
}

/** A unit within the term's reach: its index into `units` and its weight (1 when bordering). */
interface Neighbour {
  readonly j: number;
  readonly w: number;
}

/**
 * Each unit's neighbours as indices into `units` (codes not among the units are left out); with
 * reach 2 also the units two borders away (not itself, not a bordering one), at `far` each.
 */
export function neighbourIndices(
  units: readonly { readonly unit: string }[],
  neighbours: Readonly<Record<string, readonly string[]>> | undefined,
  reach: 1 | 2 = 1,
  far = 0.5,
): Neighbour[][] | null {
  if (neighbours === undefined) return null;
  const index = new Map(units.map((u, i) => [u.unit, i] as const));
  return units.map((u) => {
    const near = new Set((neighbours[u.unit] ?? []).filter((c) => c !== u.unit));
    const out: Neighbour[] = [];
    for (const c of near) {
      const j = index.get(c);
      if (j !== undefined) out.push({ j, w: 1 });
    }
    if (reach === 1) return out;
    const second = new Set<string>();
    for (const c of near)
      for (const d of neighbours[c] ?? [])
        if (d !== u.unit && !near.has(d) && !second.has(d)) second.add(d);
    for (const d of [...second].sort()) {
      const j = index.get(d);
      if (j !== undefined) out.push({ j, w: far });
    }
    return out;
  });
}

/** The prior design when enough units with data have a prior (a covariate per 4 such units). */
function designOf(
  units: readonly SnapshotUnit[],
  obs: readonly Observed[],
  options: SnapshotModelOptions,
): PriorDesign | null {
  if (options.priorRegression === false || !units.some((u) => u.prior !== undefined)) return null;
  const n = units.filter((u, i) => u.prior !== undefined && (obs[i] as Observed).has).length;
  const J = Math.min(options.maxPriorCovariates ?? 6, Math.floor((n - 2) / 4));
  if (J < 1) return null;
  return priorDesign(
    units.map((u) => u.prior),
    J,
    options.figures ?? 'emitted',
  );
}

function definedOf(o: SnapshotModelOptions): Partial<SnapshotParameters> {
  const out: Partial<Record<keyof SnapshotParameters, number>> = {};
  for (const key of [
    'drift',
    'driftSd',
    'ownDrift',
    'arrivalBias',
    'minTrendFraction',
    'unseenCorrelation',
    'historyArrivalBias',
    'betweenPriorDf',
    'betweenPriorScale',
    'trendDesignEffect',
  ] as const)
    if (o[key] !== undefined) out[key] = o[key];
  return out;
}
