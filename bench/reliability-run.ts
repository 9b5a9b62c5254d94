// `npm run bench:reliability`: the crash harness with 100 SIGKILLs per backend, then the fuzz
// suite with 10⁵ runs per parser and write body (test/fuzz.test.ts, CIFRA_FUZZ_RUNS).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { CACHE } from './baselines.js';
import { startPostgres } from '../scripts/lib/pg-server.js';
import {
  buildCli,
  crashHarness,
  digest,
  ROOT,
  runToEnd,
  sampleFile,
} from '../scripts/lib/reliability.js';
import { openStore } from '../src/store/open.js';

const KILLS = Number(process.env['KILLS'] ?? 100);
const FUZZ = Number(process.env['FUZZ_RUNS'] ?? 100_000);
const dir = join(CACHE, 'reliability');
mkdirSync(dir, { recursive: true });
const given = process.env['CIFRA_TEST_PG_URL'];
const server = given ? null : startPostgres(24000 + (process.pid % 1000));
const admin = given ?? (server as { url: string }).url;
try {
  await buildCli();
  const file = sampleFile(join(dir, 'sample.csv'), 4000);
  const cleanDb = join(dir, `clean-${process.pid}.db`);
  const t = Date.now();
  if ((await runToEnd(file, cleanDb)).code !== 0) throw new Error('clean import failed');
  const cleanMs = Date.now() - t;
  const s = openStore(cleanDb);
  await s.migrate();
  const clean = await digest(s);
  await s.close();
  let n = 0;
  const freshPg = async (): Promise<string> => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    const name = `cifra_rel_${process.pid}_${n++}`;
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return u.toString();
  };
  for (const [backend, freshDb] of [
    ['sqlite', async (i: number) => join(dir, `k-${process.pid}-${i}.db`)],
    ['postgres', freshPg],
  ] as const) {
    const r = await crashHarness({
      backend,
      file,
      freshDb,
      kills: KILLS,
      seed: 7,
      maxDelayMs: cleanMs,
      clean,
    });
    console.log(
      `crash-harness (${backend}): ${r.kills} SIGKILLs (${r.killedBeforeCommit} before the commit), ${r.survived} restarts equal to a clean import, ${r.failures.length} failures`,
    );
    for (const f of r.failures) console.log(`  ${f}`);
    if (r.failures.length > 0) process.exitCode = 1;
  }
  const fuzz = spawnSync('npx', ['vitest', 'run', 'test/fuzz.test.ts'], {
    cwd: ROOT,
    env: { ...process.env, CIFRA_FUZZ_RUNS: String(FUZZ), CIFRA_TEST_PG_URL: admin },
    encoding: 'utf8',
  });
  const passed = /Tests\s+.*?(\d+) passed/.exec(
    fuzz.stdout.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), ''),
  );
  console.log(
    `fuzz: ${FUZZ} generated inputs for each of 8 parsers and write bodies — ${fuzz.status === 0 ? `all ${passed?.[1] ?? '?'} properties held` : 'FAILED'}`,
  );
  if (fuzz.status !== 0) {
    console.log(fuzz.stdout.slice(-3000));
    process.exitCode = 1;
  }
} finally {
  server?.stop();
}
