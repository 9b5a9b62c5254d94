// `npm run calibrate:variance`: where the snapshot model's interval width comes from (issue 13,
// run 7's diagnosis). On the department snapshots of the targets' cases (urban-first and odpe,
// 4 seeds, 25–50 % counted) it simulates the frame with one of its terms alone and prints each
// term's share of the national variance of the winner's %, against the squared error the central
// projection actually made. A linear model's variances add; the sum is checked against the full
// frame's.
//
//   --only r1|r2      the first round (fit set) or the runoff (default: both)
//   --no-history      the runoff without the previous round's count history
//   --sims N          simulations per variant (2000)
//   --case o:s:c      one snapshot (e.g. department:1:0.6): the terms, and each unit's remainder
//                     share of the winner, projected against the final, with its votes' error
import {
  departmentSnapshot,
  snapshotCases,
  truthOf,
  type CalibrationSetup,
  type SnapshotCase,
} from './lib/calibration.js';
import type { ReplayOrder } from '../src/core/projection/replay-order.js';
import { frameFromSnapshot } from '../src/core/projection/frame-snapshot.js';
import type { FrameGroup, FrameRegion, ProjectionFrame } from '../src/core/projection/frame.js';
import { simulate } from '../src/core/projection/simulate.js';
import type { SnapshotModelOptions } from '../src/core/projection/frame-snapshot.js';
import { REALISTIC_ORDERS } from './lib/calibration-tables.js';
import { calibrationSetupOf } from './calibration-data.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const sims = Number(opt('sims', '2000'));
const only = opt('only', '');
const CHECKPOINTS = [0.25, 0.4, 0.5];

type Part = 'own' | 'bias' | 'common';
/** A frame keeping only one term: the units' own (region sd), the arrival bias (cb), the common prior draw (cp); shares or rate; counted or uncounted units. */
function keep(
  frame: ProjectionFrame,
  part: Part,
  rate: boolean,
  counted: boolean,
): ProjectionFrame {
  const S = frame.choices.length + 2;
  const without = new Set(frame.unitsWithoutData);
  const on = (k: number, code: string): boolean =>
    (k === S) === rate && without.has(code) !== counted;
  const mask = (a: Float64Array, yes: boolean, code: string): Float64Array =>
    a.map((x, k) => (yes && on(k, code) ? x : 0));
  const regions: FrameRegion[] = frame.regions.map((r) => ({
    ...r,
    sd: mask(r.sd, part === 'own', r.code),
  }));
  const groups: FrameGroup[] = frame.groups.map((g) => {
    const code = frame.regions[g.region]?.code ?? '';
    return {
      ...g,
      cb: mask(g.cb, part === 'bias', code),
      cp: mask(g.cp ?? new Float64Array(g.cb.length), part === 'common', code),
    };
  });
  return { ...frame, regions, groups };
}

/** Variance (pp²) of the winner's national % under a frame, from its 90 % interval. */
function variance(frame: ProjectionFrame, seed: number, winner: string): number {
  const p = simulate(frame, { sims, seed, kind: 'runoff' });
  const c = p.choices.find((x) => x.choice === winner);
  if (c === undefined) throw new Error('winner missing');
  return ((c.hi90 - c.lo90) / (2 * 1.6449)) ** 2;
}

async function run(key: 'r1' | 'r2'): Promise<void> {
  const id = key === 'r1' ? 'pe-2021-presidencial' : 'pe-2021-presidencial-segunda';
  const prior = key === 'r1' ? null : 'pe-2021-presidencial';
  const history = key === 'r2' && !args.includes('--no-history');
  const setup: CalibrationSetup = {
    ...(await calibrationSetupOf(id, prior)),
    previousAt: 0.8,
    sims,
    modes: ['department-snapshot'],
    history,
  };
  const truth = truthOf(setup);
  const winner = setup.choices[truth.winner] as string;
  const model: SnapshotModelOptions = setup.snapshotModel ?? {};
  const parts: [string, Part, boolean, boolean][] = [
    ['own share, counted units', 'own', false, true],
    ['own share, uncounted units', 'own', false, false],
    ['own rate (votes per acta)', 'own', true, true],
    ['own rate, uncounted', 'own', true, false],
    ['arrival bias + transfers (cb), shares', 'bias', false, true],
    ['arrival bias, rate', 'bias', true, true],
    ['prior line common draw (cp), counted', 'common', false, true],
    ['prior line + ρ (cp), uncounted', 'common', false, false],
    ['turnout common (cp), uncounted', 'common', true, false],
  ];
  const one = opt('case', '').split(':');
  const cases: SnapshotCase[] =
    one.length === 3
      ? snapshotCases(setup, one[0] as ReplayOrder, Number(one[1]), [Number(one[2])])
      : REALISTIC_ORDERS.flatMap((order) =>
          [1, 2, 3, 4].flatMap((seed) => snapshotCases(setup, order, seed, CHECKPOINTS)),
        );
  if (one.length === 3) unitsTable(setup, cases[0] as SnapshotCase, truth.winner, model);
  const sum = new Map<string, number>();
  let total = 0;
  let err2 = 0;
  let transfersOnly = 0;
  let n = 0;
  for (const c of cases) {
    const seed = c.seed;
    const frame = frameFromSnapshot(c.units, setup.choices, model);
    total += variance(frame, seed, winner);
    for (const [name, part, rate, counted] of parts)
      sum.set(
        name,
        (sum.get(name) ?? 0) + variance(keep(frame, part, rate, counted), seed, winner),
      );
    const noBias = frameFromSnapshot(c.units, setup.choices, {
      ...model,
      arrivalBias: 0,
      historyArrivalBias: 0,
    });
    transfersOnly += variance(keep(noBias, 'bias', false, true), seed, winner);
    const zero = frameFromSnapshot(c.units, setup.choices, { ...model, varianceScale: 0 });
    const central = simulate(zero, { sims: 1, seed, kind: 'runoff' });
    const med = central.choices.find((x) => x.choice === winner)?.median ?? 0;
    err2 += (med - (truth.shares[truth.winner] as number)) ** 2;
    n++;
  }
  console.log(
    `\n## ${key}${key === 'r2' ? (history ? ' (with the count history)' : ' (no history)') : ''}: ${n} snapshots, ${one.length === 3 ? one.join(' ') : 'urban-first and odpe, 25–50 %'}\n`,
  );
  console.log('| term | mean variance (pp²) | share of the full | sd (pp) |\n|---|---|---|---|');
  const row = (name: string, v: number): void =>
    console.log(
      `| ${name} | ${(v / n).toFixed(3)} | ${((100 * v) / total).toFixed(0)} % | ${Math.sqrt(v / n).toFixed(2)} |`,
    );
  for (const [name] of parts) row(name, sum.get(name) ?? 0);
  row('of cb: the transfers alone (loadings 0)', transfersOnly);
  row(
    'sum of the terms',
    [...sum.values()].reduce((a, b) => a + b, 0),
  );
  row('full frame', total);
  row("central projection's squared error (what the variance should match)", err2);
}

for (const key of ['r1', 'r2'] as const) if (only === '' || only === key) await run(key);

/** Per unit of one snapshot: counted, the winner's remainder share projected and final, votes. */
function unitsTable(
  setup: CalibrationSetup,
  c: SnapshotCase,
  winner: number,
  model: SnapshotModelOptions,
): void {
  const K = setup.choices.length;
  const final = departmentSnapshot(setup.actas, K, setup.pendingFiguresCount);
  const zero = frameFromSnapshot(c.units, setup.choices, { ...model, varianceScale: 0 });
  const p = simulate(zero, { sims: 1, seed: 1, kind: 'runoff' });
  console.log(
    '| unit | counted | basis | remainder: winner % proj. | final | remainder votes proj. | final | winner votes error |\n|---|---|---|---|---|---|---|---|',
  );
  c.units.forEach((u, i) => {
    const f = final[i];
    const r = p.regions.find((x) => x.code === u.unit);
    if (f === undefined || r === undefined || u.actasCounted >= u.actasTotal) return;
    const projW = (r.choices[winner]?.votes.median ?? 0) - (u.votes[winner] ?? 0);
    const projAll = r.choices.reduce((a, x) => a + x.votes.median, 0) - sum(u.votes);
    const trueW = (f.votes[winner] ?? 0) - (u.votes[winner] ?? 0);
    const trueAll = sum(f.votes) - sum(u.votes);
    const basis = zero.basis?.[i]?.basis ?? '';
    console.log(
      `| ${u.unit} | ${((100 * u.actasCounted) / u.actasTotal).toFixed(0)} % | ${basis} | ${((100 * projW) / projAll).toFixed(1)} | ${((100 * trueW) / trueAll).toFixed(1)} | ${Math.round(projAll)} | ${trueAll} | ${Math.round(projW - trueW)} |`,
    );
  });
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
