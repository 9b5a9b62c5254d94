// `npm run prior-history:cuts [-- --cuts 20 --sims 1000]`: what production loses against
// calibration by having the previous round's count course in cuts (docs/projection.md, "The
// previous round's count history"). On 2021 runoff department snapshots replayed from the bundled
// per-mesa files (urban-first and odpe, seeds 1–4, 25/40/50 % counted), three projections of
// each: calibration's history (a point at every acta), production's (the first round replayed as
// calibration replays it, cut every 100/N % of the actas arrived, interpolated), and none.
import {
  HISTORY_SEED_OFFSET,
  snapshotCases,
  truthOf,
  type CalibrationSetup,
} from './lib/calibration.js';
import { frameFromSnapshot, type SnapshotUnit } from '../src/core/projection/frame-snapshot.js';
import { attachHistory, type UnitHistory } from '../src/core/projection/prior-history.js';
import { replayCourse } from './lib/replay-course.js';
import { replayOrder, type ReplayOrder } from '../src/core/projection/replay-order.js';
import { simulate } from '../src/core/projection/simulate.js';
import { createRng } from '../src/core/random.js';
import { calibrationSetupOf } from './calibration-data.js';
import { bundledElection } from '../src/elections/manifests.js';

const args = process.argv.slice(2);
const opt = (name: string, d: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const CUTS = opt('cuts', 20);
const SIMS = opt('sims', 1000);
const ORDERS: ReplayOrder[] = ['urban-first', 'odpe'];
const SEEDS = [1, 2, 3, 4];
const CHECKPOINTS = [0.25, 0.4, 0.5];

const base = await calibrationSetupOf('pe-2021-presidencial-segunda', 'pe-2021-presidencial');
const setup: CalibrationSetup = { ...base, sims: SIMS, modes: ['department-snapshot'] };
const choices = setup.choices;
const firstRound = setup.prior ?? [];
const firstRoundChoices = bundledElection('pe-2021-presidencial')?.choices.length ?? 0;
const truth = truthOf(setup);

/** The first round's course in CUTS cuts, replayed as calibration replays it. */
function course(order: ReplayOrder, seed: number): Map<string, UnitHistory> {
  const sequence = replayOrder(
    firstRound.map((a) => ({ ubigeo: a.ubigeo, eligible: a.eligible })),
    order,
    createRng(seed + HISTORY_SEED_OFFSET),
  );
  const cuts = Array.from({ length: CUTS }, (_, i) =>
    Math.round(((i + 1) / CUTS) * sequence.length),
  );
  const rows = replayCourse(
    firstRound,
    sequence,
    (p) => p.slice(0, 2),
    cuts,
    firstRoundChoices,
    setup.priorPendingFiguresCount ?? false,
  );
  const out = new Map<string, { actasTotal: number; cuts: UnitHistory['cuts'][number][] }>();
  for (const r of rows) {
    let h = out.get(r.unit);
    if (h === undefined) out.set(r.unit, (h = { actasTotal: r.actasTotal, cuts: [] }));
    h.cuts.push({ actasCounted: r.actasCounted, votes: r.votes, blank: r.blank, null: r.null });
  }
  return out;
}

type Variant = 'every acta (calibration)' | `${number} cuts (production)` | 'none';
const stats = new Map<Variant, { err: number[]; cover: number[]; pTrue: number[] }>();
function score(v: Variant, units: readonly SnapshotUnit[], seed: number): void {
  const p = simulate(frameFromSnapshot(units, choices), { sims: SIMS, seed, kind: 'runoff' });
  const s = stats.get(v) ?? { err: [], cover: [], pTrue: [] };
  stats.set(v, s);
  for (const k of truth.top) {
    const c = p.choices.find((x) => x.choice === choices[k]);
    const final = truth.shares[k] as number;
    if (c === undefined) throw new Error('choice');
    s.err.push(Math.abs(c.median - final));
    s.cover.push(final >= c.lo90 && final <= c.hi90 ? 1 : 0);
  }
  s.pTrue.push(p.winner?.find((w) => w.choice === choices[truth.winner])?.probability ?? 0);
}

for (const order of ORDERS)
  for (const seed of SEEDS) {
    const histories = course(order, seed);
    for (const c of snapshotCases(setup, order, seed, CHECKPOINTS)) {
      score('every acta (calibration)', c.units, seed);
      const bare = c.units.map(({ priorCounted: _c, ...u }) => u);
      score(`${CUTS} cuts (production)`, attachHistory(bare, histories).units, seed);
      score('none', bare, seed);
    }
  }
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(
  `| history (${ORDERS.join(', ')}; seeds ${SEEDS.join(',')}; ${CHECKPOINTS.map((c) => c * 100).join('/')} %) | mean abs error, top two (pp) | 90 % cover | mean P(real winner) |`,
);
console.log('|---|---|---|---|');
for (const [v, s] of stats)
  console.log(
    `| ${v} | ${mean(s.err).toFixed(3)} | ${(100 * mean(s.cover)).toFixed(0)} % | ${mean(s.pTrue).toFixed(3)} |`,
  );
