import { actaCounts, type Acta } from '../../src/core/model/acta.js';
import { createRng } from '../../src/core/random.js';
import { columnsFromActas } from '../../src/core/tally/acta-columns.js';
import {
  frameFromMesas,
  mesasFromActas,
  priorsByMesa,
  type MesaModelOptions,
  type ProjectionPlaces,
} from '../../src/core/projection/frame-mesas.js';
import {
  frameFromSnapshot,
  type SnapshotModelOptions,
  type SnapshotUnit,
} from '../../src/core/projection/frame-snapshot.js';
import type { PriorFigures } from '../../src/core/projection/prior.js';
import { replayOrder, type ReplayOrder } from '../../src/core/projection/replay-order.js';
import {
  simulate,
  type ContestKind,
  type ProjectionResult,
} from '../../src/core/projection/simulate.js';

/**
 * Calibration of the projection on a complete election (npm run calibrate): the count is replayed
 * in an order, the projection is made at checkpoints from what had arrived, and compared with
 * the final result it could not see — and with two baselines, the raw count (the current national
 * share) and unit scaling (each department's counted shares scaled to all its actas). Pure; the
 * caller loads the actas and prints.
 */
export type CalibrationMode = 'mesas' | 'department-snapshot';

export interface CalibrationRun {
  readonly order: ReplayOrder;
  readonly seed: number;
  readonly mode: CalibrationMode;
  readonly checkpoint: number;
  readonly pctCounted: number;
  /** Per choice of the final top five (top two in a runoff): final %, projection, baselines. */
  readonly top: readonly {
    readonly choice: string;
    readonly final: number;
    readonly median: number;
    readonly lo90: number;
    readonly hi90: number;
    readonly naive: number;
    readonly unitScaling: number;
  }[];
  readonly maeProjected: number;
  readonly maeNaive: number;
  readonly maeUnitScaling: number;
  readonly covered90: number;
  readonly covered80: number;
  /** Mean width of the 90 % intervals of the top choices (pp). */
  readonly width90: number;
  /** First round: the projected top two are the real pair; runoff: the projected winner won. */
  readonly outcomeRight: boolean;
  /** The same by the raw count (the current national leaders). */
  readonly naiveOutcomeRight: boolean;
  /** P(the real runoff pair) or P(the real winner). */
  readonly pTrue: number;
  /** The highest probability on a wrong outcome (the loser, or a pair that did not go through). */
  readonly pWrong: number;
}

export interface CalibrationSetup {
  readonly actas: readonly Acta[];
  /** The election's jurisdiction: the projection's groups and regions. */
  readonly jurisdiction: ProjectionPlaces;
  readonly choices: readonly string[];
  readonly kind: Exclude<ContestKind, 'list'>;
  readonly pendingFiguresCount: boolean;
  readonly sims: number;
  /** The previous round's actas (same mesa numbers): priors per mesa and per department. */
  readonly prior?: readonly Acta[] | undefined;
  readonly priorPendingFiguresCount?: boolean;
  /**
   * Attach the previous round's count history to each snapshot unit (its figures at the same share
   * of the unit's actas counted), replayed in the same order with another seed: a similar arrival,
   * not the same one. Default true when a prior is given.
   */
  readonly history?: boolean;
  /** The earlier snapshot for the arrival drift: this fraction of each checkpoint. */
  readonly previousAt?: number;
  /**
   * Without a prior: the election serves as its own previous round, its count history replayed
   * with another seed (a pseudo-history, to size what depends on a history on a fit set that has
   * none; favourable: the same mesas, the same votes). Use with the model's priorRegression off.
   */
  readonly pseudoHistory?: boolean;
  readonly modes?: readonly CalibrationMode[];
  readonly mesaModel?: MesaModelOptions;
  readonly snapshotModel?: SnapshotModelOptions;
}

/** The actas that had arrived after the first `n` in the order: the rest stay pending. */
export function partialCount(actas: readonly Acta[], order: readonly number[], n: number): Acta[] {
  const arrived = new Uint8Array(actas.length);
  for (let i = 0; i < n && i < order.length; i++) arrived[order[i] as number] = 1;
  return actas.map((a, i) =>
    arrived[i] === 1
      ? a
      : {
          ...a,
          state: 'pending',
          stateLabel: 'PENDIENTE',
          voters: null,
          votes: null,
          blank: 0,
          null: 0,
          impugned: 0,
        },
  );
}

interface UnitSum {
  counted: number;
  total: number;
  eligible: number;
  votes: number[];
  blank: number;
  null: number;
}

/** Department-level aggregates of a partial count (abroad: by continent), what ONPE's site shows. */
export function departmentSnapshot(
  actas: readonly Acta[],
  choices: number,
  pendingFiguresCount: boolean,
): SnapshotUnit[] {
  const units = new Map<string, UnitSum>();
  for (const a of actas) {
    const code = a.ubigeo.slice(0, 2);
    let u = units.get(code);
    if (u === undefined) {
      u = {
        counted: 0,
        total: 0,
        eligible: 0,
        votes: new Array<number>(choices).fill(0),
        blank: 0,
        null: 0,
      };
      units.set(code, u);
    }
    u.total++;
    u.eligible += a.eligible;
    const counts = actaCounts(a, pendingFiguresCount);
    if (counts || a.state === 'not_installed') u.counted++;
    if (counts && a.votes !== null) {
      for (let k = 0; k < choices; k++) u.votes[k] = (u.votes[k] as number) + (a.votes[k] ?? 0);
      u.blank += a.blank;
      u.null += a.null + a.impugned;
    }
  }
  return [...units]
    .sort((x, y) => (x[0] < y[0] ? -1 : 1))
    .map(([unit, u]) => ({
      unit,
      actasCounted: u.counted,
      actasTotal: u.total,
      eligibleTotal: u.eligible,
      votes: u.votes,
      blank: u.blank,
      null: u.null,
    }));
}

/**
 * A complete previous round per mesa (by mesa number, as the runoff's projection reads it from the
 * store's columns: one algorithm) and per unit (default: the department, the place code's first two
 * digits; abroad, the continent), as priors.
 */
export function priorsOf(
  actas: readonly Acta[],
  pendingFiguresCount: boolean,
  unitOf: (place: string) => string = (place) => place.slice(0, 2),
): { byMesa: Map<string, PriorFigures>; byUnit: Map<string, PriorFigures> } {
  const choices = actas.find((a) => a.votes !== null)?.votes?.length ?? 0;
  const byMesa = priorsByMesa(columnsFromActas(actas, choices), pendingFiguresCount);
  const dep = new Map<string, { votes: number[]; eligible: number; emitted: number }>();
  for (const a of actas) {
    const code = unitOf(a.ubigeo);
    let d = dep.get(code);
    if (d === undefined) dep.set(code, (d = { votes: [], eligible: 0, emitted: 0 }));
    d.eligible += a.eligible;
    const p = byMesa.get(a.mesa); // absent when the acta did not count (mesa numbers are unique)
    if (p === undefined) continue;
    p.votes.forEach((v, k) => (d.votes[k] = (d.votes[k] ?? 0) + v));
    d.emitted += p.emitted ?? 0;
  }
  return { byMesa, byUnit: new Map([...dep].map(([k, v]) => [k, v])) };
}

/** Unit scaling: each unit's counted votes × its actas / its counted actas; units with none at the national counted shares and votes per acta. % of valid votes. */
export function unitScaling(units: readonly SnapshotUnit[], choices: number): number[] {
  const counted = new Array<number>(choices).fill(0);
  let actas = 0;
  for (const u of units) {
    if (u.actasCounted <= 0) continue;
    actas += u.actasCounted;
    u.votes.forEach((v, k) => (counted[k] = (counted[k] as number) + v));
  }
  const valid = counted.reduce((a, b) => a + b, 0);
  const out = new Array<number>(choices).fill(0);
  for (const u of units) {
    const own = u.votes.reduce((a, b) => a + b, 0);
    for (let k = 0; k < choices; k++) {
      const add =
        u.actasCounted > 0 && own > 0
          ? ((u.votes[k] ?? 0) * u.actasTotal) / u.actasCounted
          : actas > 0
            ? ((counted[k] as number) / actas) * u.actasTotal
            : 0;
      out[k] = (out[k] as number) + add;
    }
  }
  const total = out.reduce((a, b) => a + b, 0);
  return out.map((x) => (total > 0 ? (100 * x) / total : 0)).map((x) => (valid > 0 ? x : 0));
}

function sharesOfValid(actas: readonly Acta[], choices: number, pending: boolean): number[] {
  const v = new Array<number>(choices).fill(0);
  for (const a of actas)
    if (actaCounts(a, pending) && a.votes !== null)
      for (let k = 0; k < choices; k++) v[k] = (v[k] as number) + (a.votes[k] ?? 0);
  const valid = v.reduce((x, y) => x + y, 0);
  return v.map((x) => (valid > 0 ? (100 * x) / valid : 0));
}

/** The indices of the two largest shares, sorted: a runoff pair's key. */
function topTwo(shares: readonly number[]): string {
  return shares
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 2)
    .map((x) => x[1])
    .sort((a, b) => a - b)
    .join(',');
}

function leader(shares: readonly number[]): number {
  let best = 0;
  shares.forEach((s, i) => {
    if (s > (shares[best] as number)) best = i;
  });
  return best;
}

/** The department snapshot at a checkpoint, with the earlier one and the priors attached. */
function snapshotAt(
  setup: CalibrationSetup,
  partial: readonly Acta[],
  earlier: readonly Acta[] | null,
  priors: ReturnType<typeof priorsOf> | null,
  history: PriorHistory | null,
): SnapshotUnit[] {
  const K = setup.choices.length;
  const now = departmentSnapshot(partial, K, setup.pendingFiguresCount);
  const before =
    earlier === null ? null : departmentSnapshot(earlier, K, setup.pendingFiguresCount);
  return now.map((u, i) => {
    const b = before?.[i];
    const prior = priors?.byUnit.get(u.unit);
    const priorCounted =
      history === null || u.actasTotal <= 0
        ? undefined
        : history(u.unit, u.actasCounted / u.actasTotal);
    return {
      ...u,
      ...(b === undefined ? {} : { previous: b }),
      ...(prior === undefined ? {} : { prior }),
      ...(priorCounted === undefined ? {} : { priorCounted }),
    };
  });
}

/** The metrics of one projection against the final result. */
function score(
  setup: CalibrationSetup,
  p: ProjectionResult,
  truth: CalibrationTruth,
  naive: readonly number[],
  scaled: readonly number[],
): Omit<CalibrationRun, 'order' | 'seed' | 'mode' | 'checkpoint'> {
  const byChoice = new Map(p.choices.map((c) => [c.choice, c]));
  const top = truth.top.map((k) => {
    const c = byChoice.get(setup.choices[k] as string);
    if (c === undefined) throw new Error('choice missing from the projection');
    return {
      choice: c.choice,
      final: truth.shares[k] as number,
      c,
      naive: naive[k] as number,
      unitScaling: scaled[k] as number,
    };
  });
  const projected = setup.choices.map((c) => byChoice.get(c)?.median ?? 0);
  const runoff = setup.kind === 'runoff';
  const pTrue = runoff
    ? (p.winner?.find((w) => w.choice === setup.choices[truth.winner])?.probability ?? 0)
    : (p.runoffPairs?.find(
        (x) =>
          x.choices
            .map((c) => setup.choices.indexOf(c))
            .sort((a, b) => a - b)
            .join(',') === truth.pair,
      )?.probability ?? 0);
  const pWrong = runoff
    ? Math.max(
        0,
        ...(p.winner ?? [])
          .filter((w) => w.choice !== setup.choices[truth.winner])
          .map((w) => w.probability),
      )
    : Math.max(
        0,
        ...(p.runoffPairs ?? [])
          .filter(
            (x) =>
              x.choices
                .map((c) => setup.choices.indexOf(c))
                .sort((a, b) => a - b)
                .join(',') !== truth.pair,
          )
          .map((x) => x.probability),
      );
  return {
    pctCounted: p.pctCounted,
    top: top.map((t) => ({
      choice: t.choice,
      final: t.final,
      median: t.c.median,
      lo90: t.c.lo90,
      hi90: t.c.hi90,
      naive: t.naive,
      unitScaling: t.unitScaling,
    })),
    maeProjected: mean(top.map((t) => Math.abs(t.c.median - t.final))),
    maeNaive: mean(top.map((t) => Math.abs(t.naive - t.final))),
    maeUnitScaling: mean(top.map((t) => Math.abs(t.unitScaling - t.final))),
    covered90: mean(top.map((t) => (t.final >= t.c.lo90 && t.final <= t.c.hi90 ? 1 : 0))),
    covered80: mean(top.map((t) => (t.final >= t.c.lo80 && t.final <= t.c.hi80 ? 1 : 0))),
    width90: mean(top.map((t) => t.c.hi90 - t.c.lo90)),
    outcomeRight: runoff ? leader(projected) === truth.winner : topTwo(projected) === truth.pair,
    naiveOutcomeRight: runoff ? leader(naive) === truth.winner : topTwo(naive) === truth.pair,
    pTrue,
    pWrong,
  };
}

/** The final result a calibration compares with: shares, the top choices, the pair, the winner. */
export interface CalibrationTruth {
  readonly shares: readonly number[];
  readonly top: readonly number[];
  readonly pair: string;
  readonly winner: number;
}

export function truthOf(setup: CalibrationSetup): CalibrationTruth {
  const shares = sharesOfValid(setup.actas, setup.choices.length, setup.pendingFiguresCount);
  const ranked = shares.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  return {
    shares,
    top: ranked.slice(0, setup.kind === 'runoff' ? 2 : 5).map((x) => x[1]),
    pair: topTwo(shares),
    winner: leader(shares),
  };
}

/** One checkpoint of one replay as department snapshots, with both baselines. */
export interface SnapshotCase {
  readonly order: ReplayOrder;
  readonly seed: number;
  readonly checkpoint: number;
  readonly units: readonly SnapshotUnit[];
  readonly naive: readonly number[];
  readonly unitScaled: readonly number[];
}

/** Walks one replay through the checkpoints: the partial count, and its department snapshot. */
function* checkpointsOf(
  setup: CalibrationSetup,
  order: ReplayOrder,
  seed: number,
  checkpoints: readonly number[],
): Generator<{ checkpoint: number; partial: Acta[]; snapshot: SnapshotCase }> {
  const K = setup.choices.length;
  const pseudo = setup.prior === undefined && setup.pseudoHistory === true;
  const priorActas = pseudo ? setup.actas : setup.prior;
  const priorPending = pseudo
    ? setup.pendingFiguresCount
    : (setup.priorPendingFiguresCount ?? false);
  const priors = priorActas === undefined ? null : priorsOnce(priorActas, priorPending);
  const history =
    priorActas === undefined || setup.history === false
      ? null
      : priorHistory(priorActas, priorPending, order, seed);
  const sequence = replayOrder(
    setup.actas.map((a) => ({ ubigeo: a.ubigeo, eligible: a.eligible })),
    order,
    createRng(seed),
  );
  for (const checkpoint of checkpoints) {
    const n = Math.round(checkpoint * setup.actas.length);
    const partial = partialCount(setup.actas, sequence, n);
    const earlier =
      setup.previousAt === undefined
        ? null
        : partialCount(setup.actas, sequence, Math.round(setup.previousAt * n));
    const units = snapshotAt(setup, partial, earlier, priors, history);
    const snapshot: SnapshotCase = {
      order,
      seed,
      checkpoint,
      units,
      naive: sharesOfValid(partial, K, setup.pendingFiguresCount),
      unitScaled: unitScaling(units, K),
    };
    yield { checkpoint, partial, snapshot };
  }
}

/** A unit's previous-round figures when a given fraction of its actas had been counted. */
type PriorHistory = (unit: string, fraction: number) => PriorFigures | undefined;

/** Seeds of the previous round's replay: the same order, other draws than the current round's. */
export const HISTORY_SEED_OFFSET = 1000;

/** The previous round's count history per department (abroad: per continent), replayed. */
function priorHistory(
  actas: readonly Acta[],
  pendingFiguresCount: boolean,
  order: ReplayOrder,
  seed: number,
): PriorHistory {
  const sequence = replayOrder(
    actas.map((a) => ({ ubigeo: a.ubigeo, eligible: a.eligible })),
    order,
    createRng(seed + HISTORY_SEED_OFFSET),
  );
  const byUnit = new Map<string, Acta[]>();
  for (const i of sequence) {
    const a = actas[i] as Acta;
    const code = a.ubigeo.slice(0, 2);
    let list = byUnit.get(code);
    if (list === undefined) byUnit.set(code, (list = []));
    list.push(a);
  }
  return (unit, fraction) => {
    const list = byUnit.get(unit);
    if (list === undefined) return undefined;
    const n = Math.round(fraction * list.length);
    const votes: number[] = [];
    let emitted = 0;
    for (let i = 0; i < n; i++) {
      const a = list[i] as Acta;
      if (!actaCounts(a, pendingFiguresCount) || a.votes === null) continue;
      a.votes.forEach((v, k) => (votes[k] = (votes[k] ?? 0) + v));
      emitted += a.votes.reduce((x, y) => x + y, 0) + a.blank + a.null + a.impugned;
    }
    return { votes: Array.from(votes, (v) => v ?? 0), emitted };
  };
}

const PRIORS = new WeakMap<readonly Acta[], ReturnType<typeof priorsOf>>();
function priorsOnce(actas: readonly Acta[], pending: boolean): ReturnType<typeof priorsOf> {
  let p = PRIORS.get(actas);
  if (p === undefined) {
    p = priorsOf(actas, pending);
    PRIORS.set(actas, p);
  }
  return p;
}

/** The department snapshots of one replay (what the snapshot model's fit runs on). */
export function snapshotCases(
  setup: CalibrationSetup,
  order: ReplayOrder,
  seed: number,
  checkpoints: readonly number[],
): SnapshotCase[] {
  return [...checkpointsOf(setup, order, seed, checkpoints)].map((c) => c.snapshot);
}

/** One snapshot case projected with the snapshot model and scored. */
export function scoreSnapshotCase(
  setup: CalibrationSetup,
  c: SnapshotCase,
  truth: CalibrationTruth,
  model: SnapshotModelOptions | undefined,
): CalibrationRun {
  const frame = frameFromSnapshot(c.units, setup.choices, model);
  const p = simulate(frame, { sims: setup.sims, seed: c.seed, kind: setup.kind });
  return {
    order: c.order,
    seed: c.seed,
    mode: 'department-snapshot',
    checkpoint: c.checkpoint,
    ...score(setup, p, truth, c.naive, c.unitScaled),
  };
}

/** Runs one replay order and seed through the checkpoints (fractions of actas arrived). */
export function calibrateOrder(
  setup: CalibrationSetup,
  order: ReplayOrder,
  seed: number,
  checkpoints: readonly number[],
): CalibrationRun[] {
  const K = setup.choices.length;
  const truth = truthOf(setup);
  const priors =
    setup.prior === undefined
      ? null
      : priorsOnce(setup.prior, setup.priorPendingFiguresCount ?? false);
  const modes = setup.modes ?? ['mesas', 'department-snapshot'];
  const runs: CalibrationRun[] = [];
  for (const { checkpoint, partial, snapshot } of checkpointsOf(setup, order, seed, checkpoints))
    for (const mode of modes) {
      if (mode === 'department-snapshot') {
        runs.push(scoreSnapshotCase(setup, snapshot, truth, setup.snapshotModel));
        continue;
      }
      const mesas = mesasFromActas(
        partial,
        K,
        setup.jurisdiction,
        setup.pendingFiguresCount,
        priors?.byMesa,
      );
      const frame = frameFromMesas(mesas, setup.choices, setup.mesaModel);
      const p = simulate(frame, { sims: setup.sims, seed, kind: setup.kind });
      runs.push({
        order,
        seed,
        mode,
        checkpoint,
        ...score(setup, p, truth, snapshot.naive, snapshot.unitScaled),
      });
    }
  return runs;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
}
