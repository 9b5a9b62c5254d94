// The full audit folds the acta versions as it reads them (VersionChainCheck): the records it
// hands the checker hold a summary, not the rows, and PostgreSQL's keyset pages give the same
// report, breaks included, whatever the page size.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleFile } from '../scripts/lib/reliability.js';
import { verifyChains } from '../src/store/audit.js';
import { verifyAudit, type AuditRecords } from '../src/store/audit-log.js';
import { openStore } from '../src/store/open.js';
import { auditRecordsOf } from '../src/store/postgres/pg-audit.js';
import { PG_TYPES } from '../src/store/postgres/pg-store.js';
import { freshDatabase } from './pg-helpers.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-audit-streamed-');
const A = join(dir, 'a.csv');
const B = join(dir, 'b.csv');

beforeAll(() => {
  sampleFile(A, 40);
  sampleFile(B, 60); // the first 40 rows again, then 20 more
});

async function ingestBoth(db: string): Promise<void> {
  for (const f of [A, B])
    expect((await cli('ingest', f, '--db', db, '--election', 'pe-2021-presidencial')).code).toBe(0);
}

/** The records and the chains read apart, as the store gives them. */
async function read(db: string): Promise<{
  records: AuditRecords;
  chains: ReturnType<typeof verifyChains>;
}> {
  const store = openStore(db);
  try {
    const c = await store.auditChains();
    return { records: await store.auditRecords(), chains: verifyChains(c.versions, c.imports) };
  } finally {
    await store.close();
  }
}

describe('the full audit reads the versions once, keeping none', () => {
  it('SQLite: a summary with the positions the log names, the same report as the rows give', async () => {
    const db = join(dir, 'a.db');
    await ingestBoth(db);
    const { records, chains } = await read(db);
    expect(Array.isArray(records.versions)).toBe(false);
    expect(records.versions.count).toBe(60);
    // each import's chain head and the version after the last: 39, 59 and 60 (none there)
    expect([...records.versions.at.keys()].sort((a, b) => a - b)).toEqual([39, 59]);
    const report = verifyAudit(records);
    expect(report).toMatchObject({ ok: true, versions: 60, imports: 2, breaks: [] });
    expect(chains).toMatchObject({ ok: true, versions: 60, imports: 2 });
  });

  it('PostgreSQL: pages of 7 give the report one page gives, a break on a later page too', async () => {
    const db = await freshDatabase('streamed');
    await ingestBoth(db);
    const pool = new pg.Pool({ connectionString: db, max: 1, types: PG_TYPES });
    try {
      const whole = await auditRecordsOf(pool, 1000);
      const paged = await auditRecordsOf(pool, 7);
      expect(Array.isArray(paged.versions)).toBe(false);
      expect(verifyAudit(paged)).toEqual(verifyAudit(whole));
      expect(verifyAudit(paged).breaks).toEqual([]);
      await pool.query('UPDATE acta_versions SET blank = blank + 1 WHERE id = 45');
      await pool.query('UPDATE acta_versions SET is_current = NOT is_current WHERE id = 50');
      const broken = verifyAudit(await auditRecordsOf(pool, 7));
      expect(broken).toEqual(verifyAudit(await auditRecordsOf(pool, 1000)));
      expect(broken.breaks).toEqual([
        expect.objectContaining({ table: 'acta_versions', id: 45, reason: 'hash_mismatch' }),
        expect.objectContaining({
          table: 'acta_versions',
          id: 50,
          reason: 'derived_state_mismatch',
        }),
      ]);
    } finally {
      await pool.end();
    }
  });

  it('SQLite: a deleted version is still named, by its gap, after the rows are gone', async () => {
    const db = join(dir, 'b.db');
    await ingestBoth(db);
    const raw = new Database(db);
    raw.prepare('DELETE FROM acta_versions WHERE id = 60').run();
    raw.close();
    const { records } = await read(db);
    expect(verifyAudit(records).breaks).toContainEqual(
      expect.objectContaining({ table: 'acta_versions', id: 60, reason: 'missing' }),
    );
  });
});
