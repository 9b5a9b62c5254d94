// `npm run bench:load [-- --postgres]`: the API read at a bounded rate from many connections
// while the whole ONPE 2021 file is being imported into the same database by another process.
// Reports throughput, p99 and errors (must be 0), and checks the national totals at the end.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { dataPath } from '../src/io/paths.js';
import { CACHE } from './baselines.js';
import { startPostgres } from '../scripts/lib/pg-server.js';
import { sampleFile } from '../scripts/lib/reliability.js';

const CONNECTIONS = 64;
const RATE = Number(process.env['LOAD_RATE'] ?? 1000); // requests per second, all connections
const postgres = process.argv.includes('--postgres');
const main = join(CACHE, 'build', 'src', 'cli', 'main.js');
const FILE = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);

async function database(): Promise<{ db: string; stop: () => void }> {
  if (!postgres) {
    const dir = join(CACHE, 'load-import');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return { db: join(dir, 'night.db'), stop: () => {} };
  }
  const given = process.env['CIFRA_TEST_PG_URL'];
  const server = given ? null : startPostgres(23000 + (process.pid % 1000));
  const admin = given ?? (server as { url: string }).url;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  const name = `cifra_load_${process.pid}`;
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { db: u.toString(), stop: () => server?.stop() };
}

function run(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn('node', [main, ...args], { stdio: 'ignore' });
    p.on('exit', resolve);
  });
}

export async function loadDuringImport() {
  const { db, stop } = await database();
  const port = 18000 + Math.floor(Math.random() * 1000);
  const base = `http://127.0.0.1:${port}`;
  // the night has started: the first 100 actas are in before the readers come
  const first = sampleFile(join(CACHE, `first-100-${process.pid}.csv`), 100);
  if ((await run(['ingest', first, '--db', db, '--election', 'pe-2021-presidencial'])) !== 0)
    throw new Error('the first import failed');
  const server = spawn(
    'node',
    [main, 'serve', '--db', db, '--port', String(port), '--host', '127.0.0.1'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/v1/elections`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const started = Date.now();
  const importing = run(['ingest', FILE, '--db', db, '--election', 'pe-2021-presidencial']);
  let finish: (r: autocannon.Result) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const instance = autocannon(
    {
      url: base,
      connections: CONNECTIONS,
      overallRate: RATE,
      duration: 600,
      requests: [
        { method: 'GET', path: '/api/v1/results?election=pe-2021-presidencial&level=national' },
        { method: 'GET', path: '/api/v1/progress?election=pe-2021-presidencial' },
        { method: 'GET', path: '/api/v1/results?election=pe-2021-presidencial&level=department' },
      ],
    },
    (err, res) => {
      if (err) throw err;
      finish(res);
    },
  );
  const code = await importing;
  const importMs = Date.now() - started;
  // keep reading a little after the commit: the new revision must be served without errors
  await new Promise((r) => setTimeout(r, 2000));
  instance.stop();
  const result = await done;
  const national = (await (
    await fetch(`${base}/api/v1/results?election=pe-2021-presidencial&level=national`)
  ).json()) as {
    units: { valid: number; emitted: number }[];
  };
  server.kill('SIGTERM');
  stop();
  const n = national.units[0];
  return {
    backend: postgres ? 'postgres' : 'sqlite',
    importExit: code,
    importMs,
    requests: result.requests.total,
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    totalsRight: n?.valid === 14_400_630 && n.emitted === 17_713_716,
  };
}

const r = await loadDuringImport();
console.log(
  `api-reads-during-import (${r.backend}): ${r.requests} requests over ${(r.importMs / 1000).toFixed(1)} s of import + 2 s, ` +
    `${Math.round(r.rps)} req/s (bounded at ${RATE}), p99 ${r.p99} ms, ${r.errors} errors, ${r.non2xx} non-2xx; ` +
    `import exit ${r.importExit}; national totals after the import ${r.totalsRight ? 'equal ONPE (valid 14,400,630; emitted 17,713,716)' : 'WRONG'}`,
);
if (r.errors > 0 || r.non2xx > 0 || !r.totalsRight || r.importExit !== 0) process.exitCode = 1;
