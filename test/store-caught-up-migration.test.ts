// Migration 17 (the corrections the source caught up with) on a store written by the migrations
// before it: it opens, migrates, its audit verifies, and a ruling recorded before the migration
// is released once the source gives it (session 33).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { verifyChains } from '../src/store/audit.js';
import { verifyAudit } from '../src/store/audit-log.js';
import { PG_MIGRATIONS } from '../src/store/postgres/migrations.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SQLITE_MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';
import { acta, ELECTION, importActas } from './store-contract.js';

const CAUGHT_UP = 17;
const reopened = acta('000001', { state: 'pending', stateLabel: 'EN PROCESO', votes: null });

/** A store at the migrations before 17: a ruling reopened a counted acta. */
async function writtenBefore(s: Store, back: () => Promise<void>): Promise<void> {
  await s.migrate();
  await s.putElection(ELECTION);
  await importActas(s, [acta('000001')], 'i1');
  await importActas(s, [reopened], 'c1', 'correction');
  await s.close();
  // migration 17 only adds its table: dropping it and its record is the store before it
  await back();
}

/** Reopened by this build: migrated, verified; the source catches up, then recounts. */
async function migratesAndReleases(s: Store): Promise<void> {
  await s.migrate();
  expect(verifyAudit(await s.auditRecords()).breaks).toEqual([]);
  expect(await importActas(s, [reopened], 'i2')).toMatchObject({ unchanged: 1 });
  const recount = await importActas(s, [acta('000001')], 'i3');
  expect(recount).toMatchObject({ stateChanges: 1, conflicts: 0, superseded: [] });
  expect(await s.getActa(ELECTION.id, '000001')).toMatchObject({ state: 'counted', version: 3 });
  expect(verifyAudit(await s.auditRecords()).breaks).toEqual([]);
  const { versions, imports } = await s.auditChains();
  expect(verifyChains(versions, imports)).toMatchObject({ ok: true, versions: 3 });
  await s.close();
}

describe('migration 17 on a store written before it', () => {
  it('is the last migration of both stores, with the same name', () => {
    expect(SQLITE_MIGRATIONS.at(-1)?.version).toBe(CAUGHT_UP);
    expect(PG_MIGRATIONS.at(-1)).toMatchObject({
      version: CAUGHT_UP,
      name: SQLITE_MIGRATIONS.at(-1)?.name,
    });
  });

  it('SQLite: opens, migrates, verifies; the source catching up releases the ruling', async () => {
    const path = join(tempDir('cifra-caught-'), 'store.db');
    await writtenBefore(new SqliteStore(path), async () => {
      const raw = new Database(path);
      raw.exec('DROP TABLE acta_caught_up');
      raw.prepare('DELETE FROM schema_migrations WHERE version = ?').run(CAUGHT_UP);
      raw.close();
    });
    await migratesAndReleases(new SqliteStore(path));
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT mesa, version FROM acta_caught_up').all()).toEqual([
      { mesa: '000001', version: 2 },
    ]);
    raw.close();
  });

  it('PostgreSQL: opens, migrates, verifies; the source catching up releases the ruling', async () => {
    const url = await freshDatabase('cifra_caught');
    const raw = new pg.Client({ connectionString: url });
    await writtenBefore(new PgStore(url), async () => {
      await raw.connect();
      await raw.query('DROP TABLE acta_caught_up');
      await raw.query('DELETE FROM schema_migrations WHERE version = $1', [CAUGHT_UP]);
    });
    try {
      await migratesAndReleases(new PgStore(url));
      const rows = await raw.query('SELECT mesa, version FROM acta_caught_up');
      expect(rows.rows).toEqual([{ mesa: '000001', version: 2 }]);
    } finally {
      await raw.end();
    }
  });
});
