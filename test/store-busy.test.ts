// Two imports into one SQLite file (issue 14): the second waits for the first's write lock and,
// past the wait, ends with the coded store_busy (exit 1), not an internal error (exit 70).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../bench/reliability.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, ONPE_COLUMNS, tempDir } from './helpers.js';

const dir = tempDir('cifra-busy-');
const db = join(dir, 'busy.db');
const file = join(dir, 'actas.csv');
let bin: string;

beforeAll(async () => {
  const row = ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', '000001', 'CONTABILIZADA', '', '30', '300']
    .concat(['20'], Array(15).fill(''), ['', '6', '4', ''])
    .join(',');
  writeFileSync(file, `${ONPE_COLUMNS.join(',')}\n${row}\n`);
  const store = new SqliteStore(db);
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  await store.close();
  bin = await buildCli();
});

/** `cifra ingest` in another process, waiting at most `busyMs` for the write lock. */
function ingest(busyMs: string): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(
      process.execPath,
      [bin, 'ingest', file, '--db', db, '--election', 'pe-2021-presidencial', '--no-progress'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CIFRA_SQLITE_BUSY_MS: busyMs } },
    );
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => resolve({ code, err }));
  });
}

describe('a second import while another holds the write lock', () => {
  const holder = new Database(db);
  afterAll(() => holder.close());

  it('ends with store_busy (exit 1, nothing written) once the wait is over; runs once the lock is free', async () => {
    holder.exec('BEGIN IMMEDIATE');
    const refused = await ingest('200');
    holder.exec('ROLLBACK');
    expect(refused.err).toContain('store_busy');
    expect(refused.err).not.toContain('database is locked');
    expect(refused.code).toBe(1);
    const imports = holder.prepare('SELECT count(*) AS n FROM imports').get() as { n: number };
    expect(imports.n).toBe(0);
    const after = await ingest('200');
    expect(after.code).toBe(0);
  });

  it('ingestFile returns store_busy as data (the server answers 503), the store unchanged', async () => {
    const store = new SqliteStore(db, 50);
    const election = await store.getElection('pe-2021-presidencial');
    if (!election) throw new Error('election');
    const other = join(dir, 'other.csv'); // not imported yet: the import must write
    writeFileSync(other, readFileSync(file, 'utf8').replace(',000001,', ',000002,'));
    holder.exec('BEGIN IMMEDIATE');
    const r = await ingestFile(store, { file: other, election, now: fixedClock }).finally(() =>
      holder.exec('ROLLBACK'),
    );
    await store.close();
    expect(r.ok ? 'ok' : r.issues.map((i) => [i.code, i.details?.['waitedMs']])).toEqual([
      ['store_busy', 50],
    ]);
  });
});
