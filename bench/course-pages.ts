// `npx tsx bench/course-pages.ts [--pages 256,1024,4096] [--runs 2] [--sqlite]`: the cold count
// course of the 2021 runoff (ONPE's per-mesa file in 4 cumulative slices: 4 imports, 86 k
// versions, as BENCHMARKS' cold course) read in keyset pages of each size, on a throwaway PostgreSQL (or SQLite with --sqlite). Per run: the course's
// wall time and the event loop's longest hold (perf_hooks' histogram, 10 ms resolution). Scratch
// measurement under whatever load the machine has: print `uptime` beside it. `--first-reader`:
// a server's first count course instead, without and with the course built at start.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { startPostgres } from '../scripts/lib/pg-server.js';
import { buildApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { actaCourse } from '../src/results/count-course.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const pages = (arg('--pages') ?? '256,1024,4096').split(',').map(Number);
const runs = Number(arg('--runs') ?? 2);
const sqlite = process.argv.includes('--sqlite');
const FILE =
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz';
const SLICES = 4;
const def = bundledElection('pe-2021-presidencial-segunda');
if (!def) throw new Error('election');

const dir = mkdtempSync(join(tmpdir(), 'cifra-course-pages-'));
const [head, ...rows] = gunzipSync(readFileSync(dataPath(FILE)))
  .toString('utf8')
  .trimEnd()
  .split('\n');
const files = Array.from({ length: SLICES }, (_, i) => {
  const f = join(dir, `slice-${i}.csv`);
  writeFileSync(
    f,
    [head, ...rows.slice(0, Math.ceil((rows.length * (i + 1)) / SLICES))].join('\n') + '\n',
  );
  return f;
});
const server = sqlite ? null : startPostgres();
let url = join(dir, 'c.db');
if (server !== null) {
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  await c.query('CREATE DATABASE course');
  await c.end();
  const u = new URL(server.url);
  u.pathname = '/course';
  url = u.toString();
}
/**
 * The plan of a page's query in the middle of the versions (`--analyze`: after ANALYZE; without,
 * as a store is right after its imports, until autovacuum's analyze runs).
 */
async function explain(analyze: boolean): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  if (analyze) await c.query('ANALYZE acta_versions');
  if (process.argv.includes('--no-sort')) await c.query('SET enable_sort = off');
  const { rows } = await c.query(
    "EXPLAIN ANALYZE SELECT * FROM acta_versions WHERE id > 40000 AND election = $1 AND kind <> 'conflict' AND import_id > 0 AND import_id <= 100 ORDER BY id LIMIT 256",
    [def?.id],
  );
  console.log(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
  await c.end();
}
/**
 * `--first-reader`: a server on the store (buildApi, ready), its first count course timed when
 * asked at once, without and with the start's build (courseAtStart), and with it once built.
 */
async function firstReaders(): Promise<void> {
  const path = `/api/v1/count-course?election=${def?.id}`;
  for (let run = 0; run < runs; run++)
    for (const [name, courseAtStart, awaitBuild] of [
      ['no build at start, asked at once', false, false],
      ['built at start, asked at once', true, false],
      ['built at start, asked once built', true, true],
    ] as const) {
      const s = open();
      const app = await buildApi({ store: s, tokenHash: null, courseAtStart });
      await app.ready();
      const t0 = performance.now();
      if (awaitBuild)
        await (app as unknown as { cifraCoursesBuilt: () => Promise<void> }).cifraCoursesBuilt();
      const t = performance.now();
      const r = await app.inject({ method: 'GET', url: path });
      const ms = performance.now() - t;
      if (r.statusCode !== 200) throw new Error(r.body);
      console.log(
        `${sqlite ? 'sqlite' : 'postgres'} ${name}: first count-course ${ms.toFixed(0)} ms${awaitBuild ? ` (build ${((t - t0) / 1000).toFixed(2)} s after ready)` : ''}`,
      );
      await app.close();
      await s.close();
    }
}
const open = (): Store => (server === null ? new SqliteStore(url) : new PgStore(url));

const store = open();
try {
  await store.migrate();
  await store.putElection(def);
  for (const [i, file] of files.entries()) {
    const r = await ingestFile(store, {
      file,
      election: def,
      now: () => `2021-06-07T0${i}:00:00.000Z`,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  }
  if (server !== null) await explain(process.argv.includes('--analyze'));
  if (process.argv.includes('--first-reader')) await firstReaders();
  else
    for (let run = 0; run < runs; run++)
      // every other run in reverse order: no size always first after the ingest (caches, stats)
      for (const page of run % 2 === 0 ? pages : [...pages].reverse()) {
        const s = open(); // a cold course: a store this process has not replayed
        const h = monitorEventLoopDelay({ resolution: 10 });
        h.enable();
        const t = performance.now();
        const cpu = process.cpuUsage();
        const points = await actaCourse(s, def, page);
        const ms = performance.now() - t;
        const used = process.cpuUsage(cpu);
        h.disable();
        await s.close();
        console.log(
          `${sqlite ? 'sqlite' : 'postgres'} page ${page}: ${(ms / 1000).toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s), longest hold ${(h.max / 1e6).toFixed(0)} ms, ${points.length} points, ${points.at(-1)?.actasCounted} actas counted`,
        );
      }
  console.log(execFileSync('uptime', { encoding: 'utf8' }).trim());
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await store.close();
  await server?.stopAsync();
  rmSync(dir, { recursive: true, force: true });
}
