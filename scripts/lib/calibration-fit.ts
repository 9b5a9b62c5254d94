import {
  scoreSnapshotCase,
  type CalibrationRun,
  type CalibrationSetup,
  type CalibrationTruth,
  type SnapshotCase,
} from './calibration.js';
import type { SnapshotModelOptions } from '../../src/core/projection/frame-snapshot.js';
import type { SnapshotParameters } from '../../src/core/projection/model-parameters.js';

/**
 * The snapshot model's parameters searched on a fit set of replays (the 2021 first round): first
 * the ones that move the projection's centre (drift, driftSd, ownDrift, minTrendFraction), by the mean error
 * of the central projection; then the common arrival bias, which only widens the intervals, by
 * the 90 % coverage closest to 90 % (the narrower on a tie). Pure; slow only by its size.
 */
export interface FitGrid {
  readonly drift: readonly number[];
  readonly driftSd: readonly number[];
  readonly ownDrift: readonly number[];
  readonly minTrendFraction: readonly number[];
  readonly arrivalBias: readonly number[];
}

export interface FitPoint {
  readonly parameters: SnapshotParameters;
  readonly mae: number;
  readonly covered90: number;
  readonly width90: number;
}

export interface FitResult {
  readonly best: SnapshotParameters;
  /** Stage one: every centre tried, by its mean error. */
  readonly centre: readonly FitPoint[];
  /** Stage two: every arrival-bias loading tried at the best centre. */
  readonly spread: readonly FitPoint[];
}

function summarise(parameters: SnapshotParameters, runs: readonly CalibrationRun[]): FitPoint {
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    parameters,
    mae: mean(runs.map((r) => r.maeProjected)),
    covered90: mean(runs.map((r) => r.covered90)),
    width90: mean(runs.map((r) => r.width90)),
  };
}

/** Searches the grid on the cases (department snapshots of the fit set). */
export function fitSnapshotParameters(
  setup: CalibrationSetup,
  cases: readonly SnapshotCase[],
  truth: CalibrationTruth,
  grid: FitGrid,
  start: SnapshotParameters,
): FitResult {
  const central = { ...setup, sims: 1 };
  const centre: FitPoint[] = [];
  for (const drift of grid.drift)
    for (const driftSd of grid.driftSd)
      for (const ownDrift of grid.ownDrift)
        for (const minTrendFraction of grid.minTrendFraction) {
          const parameters = { ...start, drift, driftSd, ownDrift, minTrendFraction };
          const model = { ...parameters, varianceScale: 0 };
          centre.push(
            summarise(
              parameters,
              cases.map((c) => scoreSnapshotCase(central, c, truth, model)),
            ),
          );
        }
  const bestCentre = [...centre].sort((a, b) => a.mae - b.mae)[0]?.parameters ?? start;
  const { best, points: spread } = fitLoading(
    setup,
    cases,
    truth,
    'arrivalBias',
    grid.arrivalBias,
    bestCentre,
  );
  return { best, centre, spread };
}

/**
 * One loading that only widens the intervals, searched on its own at the other parameters (the
 * arrival-bias loading; run 6: the correlation of the uncounted units' residuals, the arrival-bias
 * loading where a history gives the drift; run 17: the remainder's sd, `driftSd`): by the 90 %
 * coverage closest to 90 %, the narrower on a tie.
 */
export function fitLoading(
  setup: CalibrationSetup,
  cases: readonly SnapshotCase[],
  truth: CalibrationTruth,
  key: 'arrivalBias' | 'unseenCorrelation' | 'historyArrivalBias' | 'driftSd',
  values: readonly number[],
  start: SnapshotParameters,
  model: SnapshotModelOptions = {},
): { readonly best: SnapshotParameters; readonly points: readonly FitPoint[] } {
  const points = values.map((value) => {
    const parameters = { ...start, [key]: value };
    return summarise(
      parameters,
      cases.map((c) => scoreSnapshotCase(setup, c, truth, { ...model, ...parameters })),
    );
  });
  const best =
    [...points].sort(
      (a, b) => Math.abs(a.covered90 - 0.9) - Math.abs(b.covered90 - 0.9) || a.width90 - b.width90,
    )[0]?.parameters ?? start;
  return { best, points };
}

/** One setting of the neighbours' term (runs 9–10) and its central error on the fit set. */
export interface NeighbourFitPoint {
  /** λ of the shrinkage; null: the term off (the baseline). */
  readonly lambda: number | null;
  readonly reach: 1 | 2;
  /** Weight of a unit two borders away (reach 2). */
  readonly far: number;
  readonly mae: number;
}

/**
 * The neighbours' term searched on a fit set (the 2021 first round, which has no prior line: the
 * term acts on the counted units' mean there, `neighboursWithoutPrior`): λ at reach 1 (run 9), and
 * λ with the distance-2 weight at reach 2 (run 10), each by the central projection's mean error
 * (the term moves the centre; its variance follows from its own algebra). Pure; slow by its size.
 */
export function fitNeighbours(
  setup: CalibrationSetup,
  cases: readonly SnapshotCase[],
  truth: CalibrationTruth,
  neighbours: Readonly<Record<string, readonly string[]>>,
  grid: { readonly lambda: readonly number[]; readonly far: readonly number[] },
  start: SnapshotParameters,
): {
  readonly points: readonly NeighbourFitPoint[];
  readonly run9: NeighbourFitPoint;
  readonly run10: NeighbourFitPoint;
} {
  const central = { ...setup, sims: 1 };
  const mae = (model: SnapshotModelOptions): number => {
    const runs = cases.map((c) =>
      scoreSnapshotCase(central, c, truth, { ...start, ...model, varianceScale: 0 }),
    );
    return runs.reduce((a, r) => a + r.maeProjected, 0) / Math.max(1, runs.length);
  };
  const points: NeighbourFitPoint[] = [{ lambda: null, reach: 1, far: 0, mae: mae({}) }];
  const settings = [
    ...grid.lambda.map((lambda) => ({ lambda, reach: 1 as const, far: 0 })),
    ...grid.lambda.flatMap((lambda) => grid.far.map((far) => ({ lambda, reach: 2 as const, far }))),
  ];
  for (const s of settings)
    points.push({
      ...s,
      mae: mae({
        neighbours,
        neighboursWithoutPrior: true,
        neighbourShrinkage: s.lambda,
        neighbourReach: s.reach,
        neighbourDistanceWeight: s.far,
      }),
    });
  const best = (reach: 1 | 2): NeighbourFitPoint =>
    [...points]
      .filter((p) => p.lambda !== null && p.reach === reach)
      .sort((a, b) => a.mae - b.mae)[0] as NeighbourFitPoint;
  return { points, run9: best(1), run10: best(2) };
}
