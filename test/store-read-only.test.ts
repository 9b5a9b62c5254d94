// A store on read-only storage, and a store from a newer cifra (review 8). Reading commands
// read a read-only store; writers get store_read_only, and a WAL store whose -shm cannot be made
// store_cannot_open (exit 1, not the internal error's 70). Root ignores file permissions, so the
// CLI runs as `nobody` when the tests run as root: the store is really read-only to it.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../src/store/postgres/migrations.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { SQLITE_MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { onpeCsv, onpeRow } from './api-helpers.js';
import { cli, fixtureElection, tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';

const ROOT = new URL('..', import.meta.url).pathname;

/** A store with one election, its journal as given, in a folder of its own. */
async function storeIn(journal: 'wal' | 'delete'): Promise<{ dir: string; db: string }> {
  const dir = tempDir('cifra-ro-');
  const db = join(dir, 's.db');
  const store = new SqliteStore(db);
  await store.migrate();
  const e = fixtureElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  await store.close();
  const raw = new Database(db);
  raw.pragma(`journal_mode = ${journal}`);
  raw.close();
  writeFileSync(join(dir, 'a.csv'), onpeCsv(onpeRow('000001', 50)));
  return { dir, db };
}

/** The CLI, as a user who may not write the store (nobody, when the tests run as root). */
function cliReadOnly(...argv: string[]): { code: number | null; out: string; err: string } {
  const cmd = [process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...argv];
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(
    asRoot ? 'runuser' : cmd[0]!,
    asRoot ? ['-u', 'nobody', '--', ...cmd] : cmd.slice(1),
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('a read-only store', () => {
  it('a rollback-journal store: elections, results and audit verify read it; ingest is store_read_only', async () => {
    const { dir, db } = await storeIn('delete');
    chmodSync(db, 0o444);
    chmodSync(dir, 0o555);
    const elections = cliReadOnly('elections', '--db', db);
    expect([elections.code, elections.err]).toEqual([0, '']);
    expect(elections.out).toContain('pe-2021-presidencial');
    const audit = cliReadOnly('audit', 'verify', '--db', db);
    expect(audit.code).toBe(0);
    const ingest = cliReadOnly(
      'ingest',
      join(dir, 'a.csv'),
      '--election',
      'pe-2021-presidencial',
      '--db',
      db,
    );
    expect(ingest.code).toBe(1);
    expect(ingest.err).toContain('store_read_only');
  });

  it('a WAL store in a read-only folder (no -shm can be made): coded, exit 1', async () => {
    const { dir, db } = await storeIn('wal');
    chmodSync(db, 0o444);
    chmodSync(dir, 0o555);
    const r = cliReadOnly('elections', '--db', db);
    // SQLite says SQLITE_READONLY_… or SQLITE_CANTOPEN (a read-only mount) by where it stops
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error store_(read_only|cannot_open) at store: .*"reason":"SQLITE_/);
    expect(r.err).not.toContain('internal error');
  });
});

describe('a store from a newer cifra', () => {
  it('is refused with store_too_new naming both versions; nothing is written', async () => {
    const { db } = await storeIn('wal');
    const known = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));
    const raw = new Database(db);
    raw
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(known + 1, 'from a newer cifra', '2027-01-01T00:00:00Z');
    raw.close();
    for (const argv of [
      ['elections', '--db', db],
      ['results', '--election', 'pe-2021-presidencial', '--db', db],
    ]) {
      const r = await cli(...argv);
      expect([argv[0], r.code]).toEqual([argv[0], 1]);
      expect(r.err).toContain('store_too_new');
      expect(r.err).toContain(`"store":${known + 1}`);
      expect(r.err).toContain(`"known":${known}`);
    }
  });
});

describe('a PostgreSQL store from a newer cifra', () => {
  it('is refused with store_too_new; no migration runs', async () => {
    const url = await freshDatabase('cifra_too_new');
    const first = new PgStore(url);
    await first.migrate();
    await first.close();
    const known = Math.max(...PG_MIGRATIONS.map((m) => m.version));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [known + 1, 'from a newer cifra', '2027-01-01T00:00:00Z'],
      );
      const r = await cli('elections', '--db', url);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`store_too_new`);
      expect(r.err).toContain(`"store":${known + 1},"known":${known}`);
      const rows = await c.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows.rows[0].n).toBe(PG_MIGRATIONS.length + 1);
    } finally {
      await c.end();
    }
  });
});
