// What the count's expected extent costs (src/results/documents.ts `countExtent`): per store
// revision, an acta election whose manifest has a universe tabulates the universe's level once
// more to bound the count (its actas and electors to come). The bundled 2021 first round, its
// per-mesa file ingested once into two temp SQLite stores: one with the universe, one with it
// removed from the definition. Two measures, variants interleaved in one process:
//  1. the first summary of a new revision: each round opens the store again, so every per-store
//     cache (the columns, the tabulations, the extent) is cold, as after an import;
//  2. `electionExtent` itself against the tabulation of every level of the same columns.
// The first round warms the page cache and the JIT and is not counted.
// `npm run bench:extent [-- rounds]` (run it with `nice -n 10`); not part of `npm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ElectionDef } from '../src/core/model/acta.js';
import { MESA, NATIONAL } from '../src/core/model/jurisdiction.js';
import {
  placeSums,
  sumPlaceRows,
  tabulateColumns,
  type PlaceSums,
} from '../src/core/tally/aggregate.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { currentColumns } from '../src/results/documents.js';
import { electionExtent } from '../src/results/extent.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const ID = 'pe-2021-presidencial';
const FILE = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);
const ROUNDS = Number(process.argv[2] ?? 9);
const PASSES = 20; // `electionExtent` and the tabulation: calls per round, so a sample is ≥ 100 ms

const withUniverse = bundledElection(ID);
if (withUniverse?.manifest?.universe === undefined) throw new Error(`${ID}: no universe`);
const without: ElectionDef = {
  ...withUniverse,
  manifest: { ...withUniverse.manifest, universe: undefined },
};
const dir = mkdtempSync(join(tmpdir(), 'cifra-bench-extent-'));

/** A store at `name` holding the whole per-mesa file under `def`. */
async function ingested(name: string, def: ElectionDef): Promise<string> {
  const db = join(dir, name);
  const store = new SqliteStore(db);
  await store.migrate();
  await store.putElection(def);
  const r = await ingestFile(store, { file: FILE, election: def, now: () => '2021-06-15T00:00Z' });
  await store.close();
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return db;
}

interface Sample {
  readonly ms: number;
  readonly cpu: number;
}
const dbs = {
  universe: await ingested('universe.db', withUniverse),
  none: await ingested('none.db', without),
};

/** The first summary of a store opened again: wall and CPU ms, and what it says of the count. */
async function firstSummary(db: string): Promise<Sample & { count: string }> {
  const store = new SqliteStore(db);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const s = await getSummary(store, ID);
  const ms = performance.now() - t;
  const c = process.cpuUsage(cpu);
  await store.close();
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  const { actasTotal, actasProcessed, complete } = s.value.count;
  return {
    ms,
    cpu: (c.user + c.system) / 1000,
    count: `${actasProcessed}/${actasTotal} ${complete}`,
  };
}

// the columns and the jurisdiction of the store with the universe, read once
const reader = new SqliteStore(dbs.universe);
const cols = await currentColumns(reader, withUniverse);
const j = requireJurisdiction(withUniverse.jurisdiction);
const levels = j.levels.map((l) => l.id).filter((l) => l !== MESA);
const pendingFiguresCount = withUniverse.pendingFiguresCount ?? false;

/**
 * Every acta's per-place sums in one step: production's sums (documents.ts `sumPlacesInTurns`)
 * without the event-loop turns between its steps, so that one call is measured synchronously.
 */
function summedPlaces(): PlaceSums {
  const p = placeSums(cols, pendingFiguresCount);
  sumPlaceRows(p, cols.length);
  return p;
}

/** `PASSES` calls of `f`, per call: wall and CPU ms. */
function perCall(f: () => unknown): Sample {
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < PASSES; i++) if (f() === null) throw new Error('no extent');
  const ms = (performance.now() - t) / PASSES;
  const c = process.cpuUsage(cpu);
  return { ms, cpu: (c.user + c.system) / 1000 / PASSES };
}
const EVERY = `tabulateColumns, ${levels.length} levels`;
const calls: Record<string, () => unknown> = {
  // the sums included, as the first summary of a revision makes them
  electionExtent: () => electionExtent(withUniverse, j, summedPlaces()),
  [EVERY]: () => tabulateColumns(cols, j, levels, { pendingFiguresCount }),
  // the summary's own tabulation: the national unit only
  'tabulateColumns, national': () => tabulateColumns(cols, j, [NATIONAL], { pendingFiguresCount }),
};

const runs = new Map<string, Sample[]>();
const counts = new Map<string, string>();
const keep = (name: string, s: Sample, r: number): void => {
  if (r > 0) runs.set(name, [...(runs.get(name) ?? []), s]);
};
for (let r = 0; r <= ROUNDS; r++) {
  // alternate which goes first, so neither always follows the other's garbage
  const order = r % 2 === 0 ? (['universe', 'none'] as const) : (['none', 'universe'] as const);
  for (const v of order) {
    const s = await firstSummary(dbs[v]);
    counts.set(v, s.count);
    keep(`summary, ${v === 'universe' ? 'with the universe' : 'universe removed'}`, s, r);
  }
  for (const [name, f] of r % 2 === 0 ? Object.entries(calls) : Object.entries(calls).reverse())
    keep(name, perCall(f), r);
}
await reader.close();
rmSync(dir, { recursive: true, force: true });

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
const median = (xs: readonly number[]): number => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const spread = (xs: readonly number[]): string => spreadOf(xs, 1);
console.log(
  `count extent, ${ID}: ${cols.length} actas, levels ${levels.join(', ')}; ${ROUNDS} rounds after a warm-up; counts ${JSON.stringify(Object.fromEntries(counts))}`,
);
for (const [name, xs] of runs)
  console.log(
    `${name}: wall median ${median(xs.map((x) => x.ms)).toFixed(1)} ms (${spread(xs.map((x) => x.ms))}), CPU median ${median(xs.map((x) => x.cpu)).toFixed(1)} ms (${spread(xs.map((x) => x.cpu))})`,
  );
/** Two variants' ratio of wall medians and of CPU medians, with the spread of each round's. */
function ratio(a: string, b: string): string {
  const [xs, ys] = [runs.get(a) ?? [], runs.get(b) ?? []];
  const of = (k: keyof Sample): string => {
    const paired = xs.map((x, i) => x[k] / (ys[i]?.[k] ?? NaN));
    const m = median(xs.map((x) => x[k])) / median(ys.map((y) => y[k]));
    return `${m.toFixed(2)} (rounds ${spreadOf(paired, 2)})`;
  };
  return `wall ${of('ms')}, CPU ${of('cpu')}`;
}
function spreadOf(xs: readonly number[], digits: number): string {
  const s = sorted(xs);
  return `${(s[0] as number).toFixed(digits)}–${(s.at(-1) as number).toFixed(digits)}`;
}
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(
  `ratios: summary with / without the universe ${ratio('summary, with the universe', 'summary, universe removed')}; electionExtent / tabulation of every level ${ratio('electionExtent', EVERY)}, / the national one ${ratio('electionExtent', 'tabulateColumns, national')}; load ${load}`,
);
