// The election list's first answer per store revision (GET /api/v1/elections, `cifra elections`,
// the picker) on `npm start`'s store: each acta election's status from a national tally (before)
// or from the store's count of actas by state (after). Each round opens the store again, so every
// per-store cache is cold as on a server's first listing; the variants alternate in one process.
// `npx tsc -p tsconfig.bench.json && node .bench-cache/build/bench/elections-list.js [store.db]`
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBundledData } from '../src/cli/commands/bundled.js';
import { actaCountsOf, processedActas } from '../src/core/tally/aggregate.js';
import { buildResults } from '../src/results/documents.js';
import { listElections } from '../src/results/service.js';
import { actasComplete, statusOf, storedStatus } from '../src/results/status.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const ROUNDS = 7;
const db = process.argv[2] ?? join('.bench-cache', 'elections-list.db');

if (!existsSync(db)) {
  const store = new SqliteStore(db);
  await store.migrate();
  const io = { out: (s: string) => console.log(s), err: (s: string) => console.error(s) };
  if ((await loadBundledData(store, io, false)) !== 0) throw new Error('bundled data');
  await store.close();
}

type Variant = (store: SqliteStore) => Promise<string[]>;
/** Each acta election's listed status from the national tally (the list before this change). */
const tally: Variant = async (store) => {
  const out: string[] = [];
  for (const e of await store.listElections()) {
    if (e.published !== undefined || e.manifest === undefined) continue;
    const n = (await buildResults(store, e, 'national')).units[0];
    const { status } = await storedStatus(store, e, n, await store.revision(e.id));
    out.push(`${e.id}:${status.kind}`);
  }
  return out;
};
/** The same from the store's count by state (the list after). */
const count: Variant = async (store) => {
  const out: string[] = [];
  for (const e of await store.listElections()) {
    if (e.published !== undefined || e.manifest === undefined) continue;
    const a = actaCountsOf(await store.actaStates(e.id), e.pendingFiguresCount ?? false);
    out.push(`${e.id}:${statusOf(e, actasComplete(e, a.total, processedActas(a)), null).kind}`);
  }
  return out;
};
/** The whole list as served now (every election, its ruleset read, its status). */
const list: Variant = async (store) =>
  (await listElections(store)).map((e) => `${e.id}:${e.status}`);

async function time(v: Variant): Promise<{ ms: number; cpu: number; out: string[] }> {
  const store = new SqliteStore(db);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = await v(store);
  const ms = performance.now() - t;
  const c = process.cpuUsage(cpu);
  await store.close();
  return { ms, cpu: (c.user + c.system) / 1000, out };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
const variants = { tally, count, list } as const;
const runs = new Map<string, { ms: number[]; cpu: number[] }>();
let statuses: Record<string, string> = {};
for (let r = 0; r <= ROUNDS; r++)
  for (const [name, v] of Object.entries(variants)) {
    const x = await time(v);
    statuses = { ...statuses, [name]: x.out.join(' ') };
    if (r === 0) continue; // the first round warms the page cache and the JIT: not counted
    const m = runs.get(name) ?? { ms: [], cpu: [] };
    m.ms.push(x.ms);
    m.cpu.push(x.cpu);
    runs.set(name, m);
  }
if (statuses['tally'] !== statuses['count']) throw new Error(JSON.stringify(statuses));
for (const [name, m] of runs)
  console.log(
    `${name}: first listing on a fresh store, median of ${ROUNDS}: ${median(m.ms).toFixed(1)} ms wall, ${median(m.cpu).toFixed(1)} ms CPU (min ${Math.min(...m.ms).toFixed(1)}, max ${Math.max(...m.ms).toFixed(1)} ms)`,
  );
console.log(`statuses (both ways): ${statuses['count']}`);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; ${new Date().toISOString()}`,
);
