// `npm run calibrate:trace -- --case department:11:0.1 [--no-history] [--model k=v,...]`: one
// department snapshot of the 2021 runoff traced through the snapshot model (issue 13, run 11):
// which units have counted, what every uncounted unit's remainder rests on, and the variance
// terms of the winner's share, each as its contribution to the national margin's sd (linear,
// by remainder votes; the simulation renormalises, so the sum is approximate), against the
// central projection's error and the simulated P(real winner). A diagnostic, not production.
import { snapshotCases, truthOf, type CalibrationSetup } from './lib/calibration.js';
import type { ReplayOrder } from '../src/core/projection/replay-order.js';
import {
  frameFromSnapshot,
  type SnapshotModelOptions,
} from '../src/core/projection/frame-snapshot.js';
import { simulate } from '../src/core/projection/simulate.js';
import type { PriorFigures } from '../src/core/projection/prior.js';
import { NEIGHBOUR_TERM } from '../src/core/projection/model-parameters.js';
import { unitNeighbours } from '../src/elections/adjacency.js';
import { calibrationSetupOf } from './calibration-data.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const cases = opt('case', 'department:11:0.1').split(',');
const extra: Record<string, number> = Object.fromEntries(
  opt('model', '')
    .split(',')
    .filter((x) => x !== '')
    .map((kv) => [kv.split('=')[0] as string, Number(kv.split('=')[1])]),
);

const base = await calibrationSetupOf('pe-2021-presidencial-segunda', 'pe-2021-presidencial');
const setup: CalibrationSetup = {
  ...base,
  previousAt: 0.8,
  sims: 2000,
  modes: ['department-snapshot'],
  history: !args.includes('--no-history'),
};
const groups: Record<string, string> = {};
for (const a of setup.actas)
  groups[a.ubigeo.slice(0, 2)] = a.ubigeo >= '91' ? 'abroad' : 'departments';
const model: SnapshotModelOptions = {
  ...(args.includes('--no-previous-choices') ? {} : base.snapshotModel),
  neighbours: unitNeighbours('pe') ?? {},
  ...NEIGHBOUR_TERM,
  ...extra,
  ...(args.includes('--abroad-apart') ? { unitGroups: groups } : {}),
  ...(args.includes('--no-widest-split') ? { widestSplit: false } : {}),
  ...(args.includes('--no-camp-centre') ? { campCentre: false } : {}),
};
const truth = truthOf(setup);
const w = truth.winner;
const pp = (x: number): string => (100 * x).toFixed(2);

for (const spec of cases) {
  const [order, seed, at] = spec.split(':');
  const c = snapshotCases(setup, order as ReplayOrder, Number(seed), [Number(at)])[0];
  if (c === undefined) throw new Error(`no case ${spec}`);
  const frame = frameFromSnapshot(c.units, setup.choices, model);
  const p = simulate(frame, { sims: setup.sims, seed: c.seed, kind: 'runoff' });
  const win = p.choices.find((x) => x.choice === setup.choices[w]);
  const pWin = p.winner?.find((x) => x.choice === setup.choices[w])?.probability ?? 0;
  console.log(
    `\n## ${spec} (${setup.history === false ? 'no history' : 'with the history'}): P(real winner ${setup.choices[w]}) = ${pWin.toFixed(3)}; median ${win?.median.toFixed(2)} % (final ${(truth.shares[w] as number).toFixed(2)} %), 90 % [${win?.lo90.toFixed(2)}, ${win?.hi90.toFixed(2)}]\n`,
  );
  // remainder votes per group (central): actas × rate
  const D = setup.choices.length + 3;
  const R = D - 1;
  const votes = frame.groups.map((g) => g.base * (frame.regions[g.region]?.mean[R] ?? 0));
  const countedVotes = frame.regions.reduce((a, r) => a + r.counted.reduce((x, y) => x + y, 0), 0);
  const total = countedVotes + votes.reduce((a, b) => a + b, 0);
  console.log(
    '| unit | counted | basis | winner share: count | remainder mean | own sd | common cb | common cp | remainder votes (k) |\n|---|---|---|---|---|---|---|---|---|',
  );
  let own2 = 0;
  let cb = 0;
  let cp = 0;
  frame.groups.forEach((g, gi) => {
    const r = frame.regions[g.region];
    const u = c.units[g.region];
    if (r === undefined || u === undefined) return;
    const shareW =
      (r.counted[w] ?? 0) /
      Math.max(
        1,
        r.counted.reduce((a, b) => a + b, 0),
      );
    const sd = r.sd[w] as number;
    const wt = (votes[gi] as number) / total;
    own2 += (wt * sd) ** 2;
    cb += wt * (g.cb[w] as number);
    cp += wt * ((g.cp ?? [])[w] ?? 0);
    console.log(
      `| ${u.unit} | ${pp(u.actasCounted / u.actasTotal)} % | ${frame.basis?.[g.region]?.basis} | ${u.actasCounted > 0 ? pp(shareW) : '–'} | ${pp(r.mean[w] as number)} | ${pp(sd)} | ${pp(g.cb[w] as number)} | ${pp((g.cp ?? [])[w] ?? 0)} | ${((votes[gi] as number) / 1000).toFixed(0)} |`,
    );
  });
  console.log(
    '\n| counted unit | counted | winner share | actas counted / total | votes per acta: counted → remainder | prior emitted: counted part / total |\n|---|---|---|---|---|---|',
  );
  c.units.forEach((u, i) => {
    if (u.actasCounted <= 0) return;
    const r = frame.regions[i];
    if (r === undefined) return;
    const em = r.counted.reduce((a, b) => a + b, 0);
    const pe = (x: PriorFigures | undefined): string =>
      x === undefined ? '–' : String(x.emitted ?? x.votes.reduce((a, b) => a + b, 0));
    console.log(
      `| ${u.unit} | ${pp(u.actasCounted / u.actasTotal)} % | ${pp((r.counted[w] as number) / em)} | ${u.actasCounted} / ${u.actasTotal} | ${(em / u.actasCounted).toFixed(1)} → ${(r.mean[R] as number).toFixed(1)} | ${pe(u.priorCounted)} / ${pe(u.prior)} |`,
    );
  });
  const margin = (x: number): string => (2 * 100 * x).toFixed(2);
  console.log(
    `\nnational sd of the winner's share (pp; ×2 for the margin): own ${pp(Math.sqrt(own2))}, arrival bias ${pp(cb)}, common prior/parent ${pp(cp)}, together ${pp(Math.sqrt(own2 + cb * cb + cp * cp))}; margin sd ${margin(Math.sqrt(own2 + cb * cb + cp * cp))} pp; remainder ${((100 * (total - countedVotes)) / total).toFixed(0)} % of the votes`,
  );
}
