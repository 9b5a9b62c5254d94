// Migration 16: an import keeps the source's cut of its file (`cifra ingest --cut`). On both
// backends: a store from before it (migration 15) migrates with every import as it was and its
// audit intact; an import after it keeps its cut; a cut edited outside cifra breaks the audit.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ElectionDef } from '../src/core/model/acta.js';
import { verifyAudit } from '../src/store/audit-log.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';
import { quarantineImport, refused } from './quarantine-import.js';

const ELECTION: ElectionDef = {
  id: 'test-cut',
  label: 'Source cuts',
  ruleset: 'pe-2021-presidencial',
  jurisdiction: 'pe',
  choices: [
    { id: 'A', label: 'Ana', party: 'Partido A' },
    { id: 'B', label: 'Beto', party: 'Partido B' },
  ],
};
const CUT = '2026-06-07T22:30:00-05:00';

/** A committed import of one quarantined row (enough for the import log and its chain). */
const importOne = (store: Store, sha: string, cut?: string): Promise<void> =>
  quarantineImport(
    store,
    ELECTION.id,
    sha,
    [refused(1, '000001')],
    cut === undefined ? {} : { cut },
  );

const breaks = async (store: Store): Promise<string[]> =>
  verifyAudit(await store.auditRecords()).breaks.map((b) => `${b.table} ${b.reason} ${b.id}`);

/** A store as migration 15 left it, two imports written by this build before the column. */
async function before16(store: Store): Promise<void> {
  await store.migrate();
  await store.putElection(ELECTION);
  await importOne(store, 'a');
  await importOne(store, 'b');
}

const BACK_TO_15 =
  'ALTER TABLE imports DROP COLUMN cut; DELETE FROM schema_migrations WHERE version = 16';

/** After the migration: the old imports as they were, a new one with its cut, the audit intact. */
async function afterMigration(again: Store, was: unknown): Promise<void> {
  await again.migrate();
  expect(await again.listImports(ELECTION.id)).toEqual(was);
  expect(await breaks(again)).toEqual([]);
  await importOne(again, 'c', CUT);
  const imports = await again.listImports(ELECTION.id);
  expect(imports.map((i) => [i.fileName, i.cut])).toEqual([
    ['a.jsonl', undefined],
    ['b.jsonl', undefined],
    ['c.jsonl', CUT],
  ]);
  expect(await breaks(again)).toEqual([]);
}

describe("migration 16: the source's cut of an import", () => {
  it('SQLite: an older store keeps everything; an edited cut breaks the audit', async () => {
    const path = join(tempDir('cifra-import-cut-'), 'c.db');
    const store = new SqliteStore(path);
    await before16(store);
    const was = await store.listImports(ELECTION.id);
    await store.close();
    const raw = new Database(path);
    raw.exec(BACK_TO_15);
    raw.close();
    const again = new SqliteStore(path);
    await afterMigration(again, was);
    await again.close();
    const edit = new Database(path);
    edit.exec(`UPDATE imports SET cut = '2026-06-07T23:30:00-05:00' WHERE file_name = 'c.jsonl'`);
    edit.exec(`UPDATE imports SET cut = '${CUT}' WHERE file_name = 'a.jsonl'`);
    edit.close();
    const edited = new SqliteStore(path);
    // the chain's first broken link: the older import given a cut it never had
    expect(await breaks(edited)).toEqual([`imports hash_mismatch 1`]);
    await edited.close();
  });

  it('PostgreSQL: the same', async () => {
    const url = await freshDatabase('importcut');
    const store = new PgStore(url);
    await before16(store);
    const was = await store.listImports(ELECTION.id);
    await store.close();
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    await raw.query(BACK_TO_15);
    const again = new PgStore(url);
    await afterMigration(again, was);
    await raw.query(
      `UPDATE imports SET cut = '2026-06-07T23:30:00-05:00' WHERE file_name = 'c.jsonl'`,
    );
    expect(await breaks(again)).toEqual([`imports hash_mismatch 3`]);
    await again.close();
    await raw.end();
  });
});
