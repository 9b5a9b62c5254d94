// `npm run calibrate`: replays the bundled 2021 first-round per-mesa file under several orders and
// seeds, projects at 10/25/50/75/90 % counted, and prints the error and interval coverage of the
// projection next to the naive "current share" (docs/projection.md). Options: --sims N,
// --seeds N, --json <file>, --orders a,b.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrateOrder, type CalibrationRun } from '../src/core/projection/calibration.js';
import { REPLAY_ORDERS, type ReplayOrder } from '../src/core/projection/replay-order.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const sims = Number(opt('sims', '1000'));
const seeds = Number(opt('seeds', '4'));
const orders = opt('orders', 'urban-first,department,random').split(',') as ReplayOrder[];
for (const o of orders) if (!REPLAY_ORDERS.includes(o)) throw new Error(`unknown order ${o}`);
const CHECKPOINTS = [0.1, 0.25, 0.5, 0.75, 0.9];

const election = bundledElection('pe-2021-presidencial');
if (election === null) throw new Error('pe-2021-presidencial is missing');
const dir = mkdtempSync(join(tmpdir(), 'cifra-calibrate-'));
const store = new SqliteStore(join(dir, 'calibrate.db'));
await store.migrate();
await store.putElection(election);
const started = Date.now();
const ingested = await ingestFile(store, {
  file: dataPath(
    'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
  ),
  election,
  now: () => new Date().toISOString(),
});
if (!ingested.ok) throw new Error('the bundled file did not ingest');
const actas = await store.currentActas(election.id);
await store.close();
rmSync(dir, { recursive: true, force: true });
console.error(
  `loaded ${actas.length} actas in ${Date.now() - started} ms; ${sims} simulations per projection`,
);

const setup = {
  actas,
  jurisdiction: requireJurisdiction(election.jurisdiction),
  choices: election.choices.map((c) => c.label),
  pendingFiguresCount: election.pendingFiguresCount ?? false,
  sims,
};
const runs: CalibrationRun[] = [];
for (const order of orders)
  for (let seed = 1; seed <= seeds; seed++) {
    const t = Date.now();
    runs.push(...calibrateOrder(setup, order, seed, CHECKPOINTS));
    console.error(`${order} seed ${seed}: ${Date.now() - t} ms`);
  }

const pct = (x: number): string => `${(100 * x).toFixed(0)} %`;
const pp = (x: number): string => x.toFixed(2);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
for (const mode of ['mesas', 'department-snapshot'] as const) {
  console.log(`\n### ${mode === 'mesas' ? 'Per-mesa projection' : 'Department-level snapshots'}\n`);
  console.log(
    '| order | counted | MAE proj. (pp) | MAE naive (pp) | naive ÷ proj. | 90 % cover | 80 % cover | top two right (proj. / naive) | P(true pair) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const order of orders)
    for (const c of CHECKPOINTS) {
      const rs = runs.filter((r) => r.mode === mode && r.order === order && r.checkpoint === c);
      const mp = mean(rs.map((r) => r.maeProjected));
      const mn = mean(rs.map((r) => r.maeNaive));
      console.log(
        `| ${order} | ${pct(c)} | ${pp(mp)} | ${pp(mn)} | ${(mn / mp).toFixed(1)}× | ${pct(mean(rs.map((r) => r.covered90)))} | ${pct(mean(rs.map((r) => r.covered80)))} | ${rs.filter((r) => r.topTwoRight).length}/${rs.length} / ${rs.filter((r) => r.naiveTopTwoRight).length}/${rs.length} | ${mean(rs.map((r) => r.pTrueTopTwo)).toFixed(2)} |`,
      );
    }
  const all = runs.filter((r) => r.mode === mode);
  console.log(
    `\nOverall 90 % coverage (${mode}, top five × ${all.length} projections): ${pct(mean(all.map((r) => r.covered90)))}`,
  );
}
const jsonOut = opt('json', '');
if (jsonOut !== '')
  writeFileSync(jsonOut, JSON.stringify({ sims, seeds, orders, runs }, null, 2) + '\n');
