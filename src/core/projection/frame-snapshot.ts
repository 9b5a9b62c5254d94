import type { FrameGroup, FrameRegion, ProjectionFrame } from './frame.js';

/** One reporting unit of an aggregate snapshot, as ONPE's results site shows it. */
export interface SnapshotUnit {
  readonly unit: string;
  readonly actasCounted: number;
  readonly actasTotal: number;
  /** Electors of the whole unit, when the source gives them. */
  readonly eligibleTotal?: number | undefined;
  /** Votes per choice (aligned with the contest's choices), blank and null so far. */
  readonly votes: readonly number[];
  readonly blank: number;
  readonly null: number;
}

export interface SnapshotModelOptions {
  /** sd of the uncounted remainder's own deviation from the unit's counted part, in between-unit sds. */
  readonly withinBias?: number;
  /** Loading of the common arrival-bias term, in between-unit sds. */
  readonly arrivalBias?: number;
  readonly varianceScale?: number;
}

export const SNAPSHOT_DEFAULTS = { withinBias: 0.5, arrivalBias: 0.75 } as const;

const FLOOR = 1e-6;

/**
 * The projection frame from aggregates: each unit is its own region. Its uncounted actas are
 * predicted at the unit's counted shares (shrunk toward the national shares by the between-unit
 * variance) and counted votes per acta; a unit that has reported nothing takes the national
 * shares, with the between-unit variance as its uncertainty, and the national votes per acta —
 * or, when its electors are given, the national turnout of the units that give theirs.
 */
export function frameFromSnapshot(
  units: readonly SnapshotUnit[],
  choices: readonly string[],
  options: SnapshotModelOptions = {},
): ProjectionFrame {
  const K = choices.length;
  const S = K + 2;
  const D = S + 1;
  const R = S; // the rate: emitted votes per acta
  const alpha = options.withinBias ?? SNAPSHOT_DEFAULTS.withinBias;
  const gamma = options.arrivalBias ?? SNAPSHOT_DEFAULTS.arrivalBias;
  const scale = options.varianceScale ?? 1;

  const figures = units.map((u) => {
    const f = new Float64Array(S);
    for (let k = 0; k < K; k++) f[k] = u.votes[k] ?? 0;
    f[K] = u.blank;
    f[K + 1] = u.null;
    return f;
  });
  const emitted = figures.map((f) => f.reduce((x, y) => x + y, 0));
  const hasData = units.map((u, i) => u.actasCounted > 0 && (emitted[i] as number) > 0);

  // Unit means per dimension, national vote-weighted means, between-unit variances.
  const m = units.map((u, i) => {
    const row = new Float64Array(D);
    const e = emitted[i] as number;
    const f = figures[i] as Float64Array;
    for (let k = 0; k < S; k++) row[k] = e > 0 ? (f[k] as number) / e : 0;
    row[R] = u.actasCounted > 0 ? e / u.actasCounted : 0;
    return row;
  });
  const national = new Float64Array(D);
  let totalEmitted = 0;
  let totalCounted = 0;
  units.forEach((u, i) => {
    if (!hasData[i]) return;
    const f = figures[i] as Float64Array;
    for (let k = 0; k < S; k++) national[k] = (national[k] as number) + (f[k] as number);
    totalEmitted += emitted[i] as number;
    totalCounted += u.actasCounted;
  });
  for (let k = 0; k < S; k++)
    national[k] = totalEmitted > 0 ? (national[k] as number) / totalEmitted : 1 / S;
  national[R] = totalCounted > 0 ? totalEmitted / totalCounted : 0;
  // National turnout over the units that give their electors (counted part ≈ counted share of them).
  let turnoutNum = 0;
  let turnoutDen = 0;
  units.forEach((u, i) => {
    if (!hasData[i] || u.eligibleTotal === undefined || u.actasTotal <= 0) return;
    turnoutNum += emitted[i] as number;
    turnoutDen += (u.eligibleTotal * u.actasCounted) / u.actasTotal;
  });
  const turnout = turnoutDen > 0 ? turnoutNum / turnoutDen : null;

  const tau = new Float64Array(D);
  const withData = m.filter((_, i) => hasData[i]);
  for (let k = 0; k < D; k++) {
    if (withData.length < 2) {
      tau[k] = k === R ? (0.1 * (national[R] as number)) ** 2 : 0.01;
      continue;
    }
    const mean = withData.reduce((x, row) => x + (row[k] as number), 0) / withData.length;
    const ss = withData.reduce((x, row) => x + ((row[k] as number) - mean) ** 2, 0);
    tau[k] = Math.max(ss / (withData.length - 1), FLOOR);
  }

  const regions: FrameRegion[] = [];
  const groups: FrameGroup[] = [];
  units.forEach((u, i) => {
    const mean = new Float64Array(D);
    const sd = new Float64Array(D);
    const row = m[i] as Float64Array;
    for (let k = 0; k < D; k++) {
      const t = tau[k] as number;
      if (hasData[i]) {
        // Mesas within a unit assumed twice as variable as units are between them.
        const v = (2 * t) / u.actasCounted;
        const lambda = t / (t + v);
        mean[k] = lambda * (row[k] as number) + (1 - lambda) * (national[k] as number);
        sd[k] = Math.sqrt(lambda * v) * scale;
      } else {
        mean[k] = national[k] as number;
        sd[k] = Math.sqrt(t) * scale;
      }
    }
    if (!hasData[i] && turnout !== null && u.eligibleTotal !== undefined && u.actasTotal > 0)
      mean[R] = (turnout * u.eligibleTotal) / u.actasTotal;
    regions.push({ code: u.unit, label: u.unit, counted: figures[i] as Float64Array, mean, sd });
    const remaining = Math.max(0, u.actasTotal - u.actasCounted);
    if (remaining === 0) return;
    const f = u.actasTotal > 0 ? remaining / u.actasTotal : 1;
    const c0 = new Float64Array(D);
    const c1 = new Float64Array(D).fill(1);
    const gsd = new Float64Array(D);
    const cb = new Float64Array(D);
    for (let k = 0; k < D; k++) {
      const s = Math.sqrt(tau[k] as number);
      gsd[k] = hasData[i] ? alpha * s * f * scale : 0;
      cb[k] = gamma * s * f * scale;
    }
    groups.push({ region: i, base: remaining, c0, c1, sd: gsd, cb });
  });

  const actasProcessed = units.reduce((x, u) => x + Math.min(u.actasCounted, u.actasTotal), 0);
  return {
    choices,
    regions,
    groups,
    rateMax: Number.POSITIVE_INFINITY,
    actasProcessed,
    actasTotal: units.reduce((x, u) => x + u.actasTotal, 0),
    unitsWithoutData: units.filter((_, i) => !hasData[i]).map((u) => u.unit),
  };
}
