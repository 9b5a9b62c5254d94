// The Ruritania fixture (test/fixtures/rt) as the CLI tests read it: copied under a test's folder
// (where a test may change its actas or jurisdiction file), then ingested into a store.
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from './helpers.js';

/** `cifra ingest` of `dir/rt/actas.csv` into `db`, with its jurisdiction folder; the run's result. */
export async function ingestRt(
  dir: string,
  db: string,
): Promise<{ code: number; out: string; err: string }> {
  const r = await cli(
    'ingest',
    join(dir, 'rt/actas.csv'),
    '--election',
    join(dir, 'rt/rt-2026.json'),
    '--db',
    db,
    '--jurisdictions',
    join(dir, 'rt/jurisdictions'),
    '--no-progress',
  );
  expect(r.code, r.err).toBe(0);
  return r;
}
