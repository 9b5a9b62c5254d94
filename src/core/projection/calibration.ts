import { actaCounts, type Acta } from '../model/acta.js';
import { createRng } from '../random.js';
import {
  frameFromMesas,
  mesasFromActas,
  type MesaModelOptions,
  type ProjectionPlaces,
} from './frame-mesas.js';
import {
  frameFromSnapshot,
  type SnapshotModelOptions,
  type SnapshotUnit,
} from './frame-snapshot.js';
import { replayOrder, type ReplayOrder } from './replay-order.js';
import { simulate, type ProjectionResult } from './simulate.js';

/**
 * Calibration of the projection on a complete election (npm run calibrate): the count is replayed
 * in an order, the projection is made at checkpoints from what had arrived, and compared with
 * the final result it could not see. Pure; the caller loads the actas and prints.
 */
export interface CalibrationRun {
  readonly order: ReplayOrder;
  readonly seed: number;
  readonly mode: 'mesas' | 'department-snapshot';
  readonly checkpoint: number;
  readonly pctCounted: number;
  /** Per choice of the final top five: final %, projected median and 90 % interval, naive %. */
  readonly top: readonly {
    readonly choice: string;
    readonly final: number;
    readonly median: number;
    readonly lo90: number;
    readonly hi90: number;
    readonly naive: number;
  }[];
  readonly maeProjected: number;
  readonly maeNaive: number;
  readonly covered90: number;
  readonly covered80: number;
  readonly topTwoRight: boolean;
  readonly naiveTopTwoRight: boolean;
  readonly pTrueTopTwo: number;
}

export interface CalibrationSetup {
  readonly actas: readonly Acta[];
  /** The election's jurisdiction: the projection's groups and regions. */
  readonly jurisdiction: ProjectionPlaces;
  readonly choices: readonly string[];
  readonly pendingFiguresCount: boolean;
  readonly sims: number;
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

/** Department-level aggregates of a partial count: what ONPE's results site shows. */
export function departmentSnapshot(
  actas: readonly Acta[],
  choices: number,
  pendingFiguresCount: boolean,
): SnapshotUnit[] {
  const units = new Map<
    string,
    {
      counted: number;
      total: number;
      eligible: number;
      votes: number[];
      blank: number;
      null: number;
    }
  >();
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

function sharesOfValid(
  actas: readonly Acta[],
  choices: number,
  pendingFiguresCount: boolean,
): number[] {
  const v = new Array<number>(choices).fill(0);
  for (const a of actas)
    if (actaCounts(a, pendingFiguresCount) && a.votes !== null)
      for (let k = 0; k < choices; k++) v[k] = (v[k] as number) + (a.votes[k] ?? 0);
  const valid = v.reduce((x, y) => x + y, 0);
  return v.map((x) => (valid > 0 ? (100 * x) / valid : 0));
}

function topTwo(shares: readonly number[]): string {
  return shares
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 2)
    .map((x) => x[1])
    .sort((a, b) => a - b)
    .join(',');
}

/** Runs one replay order and seed through the checkpoints (fractions of actas arrived). */
export function calibrateOrder(
  setup: CalibrationSetup,
  order: ReplayOrder,
  seed: number,
  checkpoints: readonly number[],
): CalibrationRun[] {
  const K = setup.choices.length;
  const finalShares = sharesOfValid(setup.actas, K, setup.pendingFiguresCount);
  const top5 = finalShares
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5)
    .map((x) => x[1]);
  const trueTopTwo = topTwo(finalShares);
  const sequence = replayOrder(
    setup.actas.map((a) => ({ ubigeo: a.ubigeo, eligible: a.eligible })),
    order,
    createRng(seed),
  );
  const runs: CalibrationRun[] = [];
  for (const checkpoint of checkpoints) {
    const partial = partialCount(
      setup.actas,
      sequence,
      Math.round(checkpoint * setup.actas.length),
    );
    const naive = sharesOfValid(partial, K, setup.pendingFiguresCount);
    const modes: [CalibrationRun['mode'], ProjectionResult][] = [
      [
        'mesas',
        simulate(
          frameFromMesas(
            mesasFromActas(partial, K, setup.jurisdiction, setup.pendingFiguresCount),
            setup.choices,
            setup.mesaModel,
          ),
          {
            sims: setup.sims,
            seed,
            kind: 'first-round',
          },
        ),
      ],
      [
        'department-snapshot',
        simulate(
          frameFromSnapshot(
            departmentSnapshot(partial, K, setup.pendingFiguresCount),
            setup.choices,
            setup.snapshotModel,
          ),
          {
            sims: setup.sims,
            seed,
            kind: 'first-round',
          },
        ),
      ],
    ];
    for (const [mode, p] of modes) {
      const byChoice = new Map(p.choices.map((c) => [c.choice, c]));
      const top = top5.map((k) => {
        const c = byChoice.get(setup.choices[k] as string);
        if (c === undefined) throw new Error('choice missing from the projection');
        return {
          choice: c.choice,
          final: finalShares[k] as number,
          median: c.median,
          lo90: c.lo90,
          hi90: c.hi90,
          lo80: c.lo80,
          hi80: c.hi80,
          naive: naive[k] as number,
        };
      });
      const projectedShares = setup.choices.map((c) => byChoice.get(c)?.median ?? 0);
      const pair = p.runoffPairs?.find(
        (x) =>
          x.choices
            .map((c) => setup.choices.indexOf(c))
            .sort((a, b) => a - b)
            .join(',') === trueTopTwo,
      );
      runs.push({
        order,
        seed,
        mode,
        checkpoint,
        pctCounted: p.pctCounted,
        top: top.map(({ choice, final, median, lo90, hi90, naive: nv }) => ({
          choice,
          final,
          median,
          lo90,
          hi90,
          naive: nv,
        })),
        maeProjected: mean(top.map((t) => Math.abs(t.median - t.final))),
        maeNaive: mean(top.map((t) => Math.abs(t.naive - t.final))),
        covered90: mean(top.map((t) => (t.final >= t.lo90 && t.final <= t.hi90 ? 1 : 0))),
        covered80: mean(top.map((t) => (t.final >= t.lo80 && t.final <= t.hi80 ? 1 : 0))),
        topTwoRight: topTwo(projectedShares) === trueTopTwo,
        naiveTopTwoRight: topTwo(naive) === trueTopTwo,
        pTrueTopTwo: pair?.probability ?? 0,
      });
    }
  }
  return runs;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
}
