// Two imports into one store (issue 14): the second waits for the first's write lock (SQLite's
// write lock, PostgreSQL's import advisory lock) and, past the wait (--busy-timeout), ends with the
// coded store_busy (exit 1) — not an internal error (exit 70) nor an endless wait.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/lib/reliability.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { IMPORT_LOCK, PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { cli, fixedClock, ONPE_COLUMNS, tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';

const dir = tempDir('cifra-busy-');
const db = join(dir, 'busy.db');
const file = join(dir, 'actas.csv');
let bin: string;

/** The store with the 2021 presidential election defined, closed again. */
async function prepare(store: Store): Promise<void> {
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  await store.close();
}

beforeAll(async () => {
  const row = ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', '000001', 'CONTABILIZADA', '', '30', '300']
    .concat(['20'], Array(15).fill(''), ['', '6', '4', ''])
    .join(',');
  writeFileSync(file, `${ONPE_COLUMNS.join(',')}\n${row}\n`);
  await prepare(new SqliteStore(db));
  bin = await buildCli();
});

/**
 * `cifra ingest` in another process into `store`, waiting at most `busyMs` for the write lock:
 * given as $CIFRA_SQLITE_BUSY_MS (its older name) or, with `flag`, as --busy-timeout.
 */
function ingest(
  busyMs: string,
  flag = false,
  store = db,
): Promise<{ code: number | null; err: string }> {
  const args = [bin, 'ingest', file, '--db', store, '--election', 'pe-2021-presidencial'];
  return new Promise((resolve) => {
    const p = spawn(
      process.execPath,
      [...args, '--no-progress', ...(flag ? ['--busy-timeout', busyMs] : [])],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CIFRA_SQLITE_BUSY_MS: flag ? '600000' : busyMs },
      },
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
    const flagged = await ingest('100', true); // the flag wins over the 10-minute env wait
    holder.exec('ROLLBACK');
    expect(flagged.err).toContain('store_busy');
    expect(flagged.code).toBe(1);
    expect(refused.err).toContain('store_busy');
    expect(refused.err).not.toContain('database is locked');
    expect(refused.code).toBe(1);
    const imports = holder.prepare('SELECT count(*) AS n FROM imports').get() as { n: number };
    expect(imports.n).toBe(0);
    const after = await ingest('200');
    expect(after.code).toBe(0);
  });

  it('--busy-timeout takes whole milliseconds: anything else is a usage error (exit 2)', async () => {
    for (const bad of ['x', '-1', '1.5']) {
      const r = await cli('ingest', file, '--db', db, '--busy-timeout', bad, '--no-progress');
      expect([bad, r.code, r.err]).toEqual([bad, 2, expect.stringContaining('--busy-timeout')]);
    }
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

describe('a second import while another holds the PostgreSQL import lock', () => {
  let url: string;
  let holder: pg.Client;
  beforeAll(async () => {
    url = await freshDatabase('busy');
    await prepare(new PgStore(url));
    holder = new pg.Client({ connectionString: url });
    await holder.connect();
  });
  afterAll(() => holder.end());

  it('ends with store_busy (exit 1, nothing written) after --busy-timeout; runs once the lock is free', async () => {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const refused = await ingest('300', true, url);
    await holder.query('ROLLBACK');
    expect(refused.err).toContain('store_busy');
    expect(refused.code).toBe(1);
    const imports = await holder.query('SELECT count(*)::int AS n FROM imports');
    expect(imports.rows[0].n).toBe(0);
    const after = await ingest('300', true, url);
    expect(after.code).toBe(0);
  });

  it('ingestFile returns store_busy as data, the store unchanged', async () => {
    const store = new PgStore(url, 50);
    const election = await store.getElection('pe-2021-presidencial');
    if (!election) throw new Error('election');
    const other = join(dir, 'other-pg.csv');
    writeFileSync(other, readFileSync(file, 'utf8').replace(',000001,', ',000003,'));
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const r = await ingestFile(store, { file: other, election, now: fixedClock }).finally(() =>
      holder.query('ROLLBACK'),
    );
    const imports = await holder.query('SELECT count(*)::int AS n FROM imports');
    await store.close();
    expect(r.ok ? 'ok' : r.issues.map((i) => [i.code, i.details?.['waitedMs']])).toEqual([
      ['store_busy', 50],
    ]);
    expect(imports.rows[0].n).toBe(1); // only the import of the first test
  });
});
