// Crash safety (issue 6): the ingest process is killed with SIGKILL at seeded random moments, 20
// times per backend, restarted on the same database, and every time the result equals a clean
// import, with one committed import and intact hash chains. bench/reliability-run.ts does 100.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCli,
  crashHarness,
  digest,
  runToEnd,
  sampleFile,
} from '../scripts/lib/reliability.js';
import { openStore } from '../src/store/open.js';
import { freshDatabase } from './pg-helpers.js';
import { tempDir } from './helpers.js';

const dir = tempDir('cifra-crash-');
const FILE = join(dir, 'sample.csv');
let clean = '';

beforeAll(async () => {
  await buildCli();
  sampleFile(FILE, 4000);
  const db = join(dir, 'clean.db');
  const r = await runToEnd(FILE, db);
  expect(r.code).toBe(0);
  const store = openStore(db);
  await store.migrate();
  clean = await digest(store);
  await store.close();
  expect(clean.startsWith('4000:')).toBe(true);
}, 120_000);

const BACKENDS = [
  {
    name: 'SQLite',
    backend: 'sqlite',
    seed: 1,
    freshDb: async (i: number) => join(dir, `sqlite-${i}.db`),
  },
  { name: 'PostgreSQL', backend: 'postgres', seed: 2, freshDb: () => freshDatabase('crash') },
] as const;

describe('SIGKILL during ingest, then restart', () => {
  for (const b of BACKENDS)
    it(`${b.name}: 20 kills, every result equals a clean import`, async () => {
      // the kills' window is this backend's own clean import, timed now: the other backend's
      // time (PostgreSQL's differs from SQLite's) or an earlier, busier minute would put too
      // many kills after the commit
      const t = Date.now();
      expect((await runToEnd(FILE, await b.freshDb(99))).code).toBe(0);
      const cleanMs = Date.now() - t;
      const r = await crashHarness({
        backend: b.backend,
        file: FILE,
        freshDb: b.freshDb,
        kills: 20,
        seed: b.seed,
        maxDelayMs: cleanMs,
        clean,
      });
      expect(r.failures).toEqual([]);
      expect(r.survived).toBe(20);
      // at least one kill must land before the commit, or the test proves nothing about a
      // half-written import (how many do depends on the machine's load, so no more is asked)
      expect(r.killedBeforeCommit).toBeGreaterThanOrEqual(1);
    }, 300_000);
});
