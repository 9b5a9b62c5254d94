// `npm run calibrate:trend-noise -- [--seeds N] [--orders a,b]`: run 19's diagnostic and fit, on
// the 2021 first round only (the fit set): how far a unit's own two-snapshot slope lands from
// the slope its final result asks for, in units of its nominal sampling sd, by checkpoint and by
// unit size. A moment estimate, nothing projected. docs/projection.md, "Run 19".
import { departmentSnapshot, snapshotCases } from './lib/calibration.js';
import { SNAPSHOT_PARAMETERS } from '../src/core/projection/model-parameters.js';
import type { ReplayOrder } from '../src/core/projection/replay-order.js';
import { calibrationSetupOf } from './calibration-data.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const seeds = Number(opt('seeds', '20'));
const orders = opt('orders', 'urban-first,odpe').split(',') as ReplayOrder[];
const CHECKPOINTS = [0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98];

const base = await calibrationSetupOf('pe-2021-presidencial', null);
const setup = { ...base, sims: 1, modes: ['department-snapshot' as const], previousAt: 0.8 };
const K = setup.choices.length;
const shares = (u: { votes: readonly number[]; blank: number; null: number }): number[] => {
  const f = [...u.votes, u.blank, u.null];
  const e = f.reduce((a, b) => a + b, 0);
  return f.map((x) => (e > 0 ? x / e : 0));
};
const finals = new Map(
  departmentSnapshot(setup.actas, K, setup.pendingFiguresCount).map((u) => [u.unit, shares(u)]),
);
type Acc = { n: number; za: number; zg: number };
const acc = new Map<string, Acc>();
const add = (key: string, za: number, zg: number): void => {
  const a = acc.get(key) ?? { n: 0, za: 0, zg: 0 };
  a.n++;
  a.za += za;
  a.zg += zg;
  acc.set(key, a);
};
for (const order of orders)
  for (let seed = 1; seed <= seeds; seed++)
    for (const c of snapshotCases(setup, order, seed, CHECKPOINTS)) {
      const data = c.units.filter((u) => u.actasCounted > 0);
      const sh = data.map(shares);
      const S = K + 2;
      const sd = Array.from({ length: S }, (_, k) => {
        const m = sh.reduce((a, x) => a + (x[k] as number), 0) / sh.length;
        return Math.max(
          1e-3,
          Math.sqrt(sh.reduce((a, x) => a + ((x[k] as number) - m) ** 2, 0) / (sh.length - 1)),
        );
      });
      for (const u of c.units) {
        const b = u.previous;
        if (b === undefined || u.actasTotal <= 0) continue;
        const f0 = b.actasCounted / u.actasTotal;
        const f1 = u.actasCounted / u.actasTotal;
        const added = u.actasCounted - b.actasCounted;
        if (f0 < SNAPSHOT_PARAMETERS.minTrendFraction || f1 >= 1 || added <= 0 || f1 - f0 < 0.005)
          continue;
        const c1 = shares(u);
        const c0 = shares(b);
        const fin = finals.get(u.unit) as number[];
        let za = 0;
        let zg = 0;
        for (let k = 0; k < S; k++) {
          const s = ((c1[k] as number) - (c0[k] as number)) / (f1 - f0);
          const d = ((fin[k] as number) - (c1[k] as number)) / (1 - f1);
          const e2 = (s - d) ** 2;
          const sk2 = (sd[k] as number) ** 2;
          za += e2 / ((2 * sk2) / (added * f1 * f1));
          zg += e2 / (sk2 / ((f1 - f0) * f1 * f1));
        }
        const size = u.actasTotal < 1500 ? 'small' : u.actasTotal < 5000 ? 'mid' : 'large';
        add(`all`, za / S, zg / S);
        // the fit (run 19): the realistic orders up to the targets' range, where a trend rests on little
        if (c.checkpoint <= 0.5) add('fit: checkpoints 10–50 %', za / S, zg / S);
        add(`${order} ${c.checkpoint}`, za / S, zg / S);
        add(`size ${size}`, za / S, zg / S);
        add(`${order} ${c.checkpoint} ${size}`, za / S, zg / S);
      }
    }
console.log(
  '| group | n | mean z² (per-acta form) | mean z² (per-share form) |\n|---|---|---|---|',
);
for (const [k, a] of [...acc].sort((x, y) => (x[0] < y[0] ? -1 : 1)))
  console.log(`| ${k} | ${a.n} | ${(a.za / a.n).toFixed(2)} | ${(a.zg / a.n).toFixed(4)} |`);
