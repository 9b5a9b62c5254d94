/**
 * The snapshot model's parameters, learned out of sample: `npm run calibrate -- --fit` searches
 * them on replays of the 2021 first round only (department snapshots, every order and seed of the
 * fit set) and prints the best; the values below are what it printed. The 2021 runoff, on which
 * the tables in docs/projection.md evaluate the model, never enters the fit.
 */
export interface SnapshotParameters {
  /** Damping of the arrival-drift extrapolation between two snapshots (drift.ts). */
  readonly drift: number;
  /** sd of a unit's remainder around its drift-corrected counted share, in between-unit sds. */
  readonly driftSd: number;
  /**
   * The same error's part that is the unit's own: sd per unit of its own drift correction (a unit
   * whose counted shares move fast between snapshots has a remainder unlike its count).
   */
  readonly ownDrift: number;
  /** Loading of the arrival bias shared by every unit's remainder, in between-unit sds × uncounted. */
  readonly arrivalBias: number;
  /** A unit's own trend needs this fraction of its actas counted in the earlier snapshot. */
  readonly minTrendFraction: number;
  /**
   * Correlation of the residuals of the units without a count (a share of their between-unit
   * variance drawn once for all of them): the units not yet counted are no random sample.
   */
  readonly unseenCorrelation: number;
  /**
   * The arrival-bias loading on a unit whose drift comes from the previous round's count history
   * (history-drift.ts), which carries most of the drift the plain loading stands for.
   * Run 7 scaled it by the transfers' residual sd; measured and rejected (docs/projection.md,
   * "Run 7 decision": more wrong confident calls on the runoff).
   */
  readonly historyArrivalBias: number;
  /**
   * Run 11: the scaled-inverse-χ² prior of the parent baseline's between-unit variance, ν₀ (0: none,
   * the sample variance of the counted units) and s₀² in units of m(1 − m) (between-prior.ts).
   */
  readonly betweenPriorDf: number;
  readonly betweenPriorScale: number;
  /**
   * Run 19: the design effect of the actas added between two snapshots (clustered: an office at a
   * time), in the noise of a unit's own slope (drift.ts); 0: before run 19.
   */
  readonly trendDesignEffect: number;
}

/**
 * `npm run calibrate -- --fit` of 2026-11-30 (run 3): realistic orders (urban-first, odpe) × 4
 * seeds at 25, 40 and 50 % counted, the targets' range (docs/projection.md). The arrival bias now
 * loads in full on every unit's remainder (run 2 damped it by the weight of the unit's count, so
 * it vanished where a prior carried the estimate). ownDrift stays 0: the fit with it in the grid
 * (run 4: driftSd 0.25, ownDrift 1, arrivalBias 0.25) narrows the 2026 runoff's interval past
 * ONPE's final, and is not adopted (docs/projection.md, "Run 4"). Run 5 adds no parameter: the
 * previous round's own drift (history-drift.ts) and the Paule–Mandel τ² need none, and the first
 * round, which has no previous round bundled, could not fit one. Run 6: unseenCorrelation from
 * `--fit-unseen` (the first round's snapshots with a unit not counted); historyArrivalBias is the
 * plain loading, not its `--fit-history` fit on a first-round pseudo-history (0: favourable, and
 * it brought back wrong confident calls on the runoff; docs/projection.md, "Run 6"). Run 7's
 * two variance changes under a history were rejected for production (docs/projection.md, "Run 7
 * decision"); only the turnout ratio's sample sd stays, and it changes no value here. Run 11
 * (docs/projection.md): the parent's between-unit variance prior, fitted on the first round's
 * complete departments; adopted with the history's rate ratio from `minTrendFraction` counted.
 * Run 13: the rate ratio also needs `minTrendFraction` of the previous round's votes, and the
 * between-unit prior is off again (both by run 13's rule).
 */
export const SNAPSHOT_PARAMETERS: SnapshotParameters = {
  drift: 1,
  driftSd: 0.5,
  ownDrift: 0,
  arrivalBias: 0.2,
  minTrendFraction: 0.05,
  unseenCorrelation: 0.1,
  historyArrivalBias: 0.2,
  // run 11 adopted the prior (ν₀ 6.204, s₀² 0.03524 from `--fit-between` on the first round);
  // run 13 took it out again: too narrow for a runoff, it cost the department order's coverage
  betweenPriorDf: 0,
  betweenPriorScale: 0,
  // run 19 (variant N, adopted by its rule): `npm run calibrate:trend-noise -- --seeds 20` on the
  // first round, the odpe order at 10–50 % counted (mean z² of the unit slopes against their
  // finals, per-acta form); urban-first's z² is its non-linear drift, not clustering (L, M: 10.06)
  trendDesignEffect: 4.53,
};

/**
 * Run 10 (docs/projection.md, "Run 10 / 12-seed re-measure"): the neighbours' residual term in
 * production. A unit without a count moves with the counted units within two borders (both at
 * weight 1), shrunk by k / (k + 0.5): `npm run calibrate -- --fit-neighbours` on the 2021 first
 * round's department snapshots (every order, 12 seeds, cases with a department uncounted; the
 * runoff never entered the fit); adopted by the rule declared before the runoff was measured.
 */
export const NEIGHBOUR_TERM = {
  neighbourShrinkage: 0.5,
  neighbourReach: 2,
  neighbourDistanceWeight: 1,
} as const;

/**
 * The lowest share of actas counted at which the projection's probabilities were measured out of
 * sample (scripts/calibrate.ts CHECKPOINTS starts here; the tables in docs/projection.md,
 * "Calibration"): below it nobody knows whether "77 %" comes true 77 times in 100, so the
 * probabilities are not shown there (docs/projection.md, "Odds only where calibrated").
 */
export const ODDS_CALIBRATED_FROM = { numerator: 1, denominator: 10 } as const;

/**
 * Whether a count of `counted` actas of `total` has reached ODDS_CALIBRATED_FROM, in integers
 * (counted × 10 ≥ total: 8,648 of 86,488 is below, 8,649 at it). No acta to count: no count, no odds.
 */
export function oddsWithinCalibration(counted: number, total: number): boolean {
  if (!Number.isSafeInteger(counted) || !Number.isSafeInteger(total) || counted < 0)
    throw new Error(`actas counted ${counted} of ${total}: not a count`);
  if (total <= 0) return false;
  return counted * ODDS_CALIBRATED_FROM.denominator >= total * ODDS_CALIBRATED_FROM.numerator;
}
