// Migration 9 (audit_log_subject): a store from before it is carried forward on both backends —
// the index is created, no hash is written or changed, the revision and the audit verify as
// before — and SQLite reads one election's latest log entry by the index, not by a scan.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { revisionSeqSql, verifyAudit } from '../src/store/audit-log.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { sampleFile } from '../scripts/lib/reliability.js';
import { tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';

const dir = tempDir('cifra-audit-index-');
const file = sampleFile(join(dir, 'actas.csv'), 300);
const HASHES =
  "SELECT 'v' || id AS k, hash FROM acta_versions UNION ALL SELECT 'i' || id, hash FROM imports UNION ALL SELECT 'l' || seq, hash FROM audit_log ORDER BY k";

/** A store with an election, an import and published results; its revisions. */
async function populated(store: Store): Promise<string[]> {
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  expect((await ingestFile(store, { file, election: e, now: () => 'x' })).ok).toBe(true);
  await store.putPublished(e.id, [{ level: 'department', code: '01', doc: { code: '01' } }], null);
  return [await store.revision(), await store.revision(e.id)];
}

async function revisionsAndAudit(store: Store): Promise<unknown[]> {
  const report = verifyAudit(await store.auditRecords());
  return [await store.revision(), await store.revision('pe-2021-presidencial'), report.ok];
}

describe('migration 9: the audit log indexed by subject', () => {
  it('SQLite: an older store gains the index, hashes untouched; the revision reads it', async () => {
    const path = join(dir, 'old.db');
    const revisions = await populated(new SqliteStore(path));
    // back to the schema before migration 9, as a store written by the previous build
    const raw = new Database(path);
    raw.exec('DROP INDEX audit_log_subject; DELETE FROM schema_migrations WHERE version = 9');
    const hashes = raw.prepare(HASHES).all();
    raw.close();
    const store = new SqliteStore(path);
    await store.migrate();
    expect(await revisionsAndAudit(store)).toEqual([...revisions, true]);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare(HASHES).all()).toEqual(hashes);
    const plan = (sql: string, ...args: string[]): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(`SELECT ${revisionSeqSql('?')}`, 'pe-2021-presidencial')).toContain(
      'USING COVERING INDEX audit_log_subject',
    );
    // the global one: the primary key walked backwards (min/max), no temporary sort
    expect(plan(`SELECT ${revisionSeqSql()}`)).toMatch(/SEARCH audit_log(?!.*TEMP B-TREE)/);
    db.close();
  });

  it('PostgreSQL: an older store gains the index, hashes untouched', async () => {
    const url = await freshDatabase('auditindex');
    const revisions = await populated(new PgStore(url));
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    await raw.query('DROP INDEX audit_log_subject');
    await raw.query('DELETE FROM schema_migrations WHERE version = 9');
    const hashes = (await raw.query(HASHES)).rows;
    const store = new PgStore(url);
    await store.migrate();
    expect(await revisionsAndAudit(store)).toEqual([...revisions, true]);
    await store.close();
    expect((await raw.query(HASHES)).rows).toEqual(hashes);
    const idx = await raw.query(
      "SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_log' AND indexname = 'audit_log_subject'",
    );
    expect(idx.rows.map((r: { indexdef: string }) => r.indexdef)).toEqual([
      expect.stringContaining('(subject, kind, seq)'),
    ]);
    await raw.end();
  });
});
