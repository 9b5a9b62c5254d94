// Migration 10 (quarantine_mesa): a quarantined row is stored with its election and its mesa's
// key, so that an acta's lookup reads only its mesa's rows. On both backends: the lookup finds
// every row of the key in import and row order, a store from before the migration gets its rows
// filled, and the acta document keeps only the rows of its padded mesa, as it did when it read
// every quarantined row of the election.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ElectionDef } from '../src/core/model/acta.js';
import { getActa, mesasOnlyQuarantined } from '../src/results/service.js';
import { verifyAudit } from '../src/store/audit-log.js';
import { mesaKey } from '../src/store/rows.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { QuarantinedRow, Store } from '../src/store/store.js';
import { tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';
import { quarantineImport, refused } from './quarantine-import.js';

const ELECTION: ElectionDef = {
  id: 'test-q',
  label: 'Quarantine lookups',
  ruleset: 'pe-2021-presidencial',
  jurisdiction: 'pe', // mesas of six digits, padded with zeros
  choices: [
    { id: 'A', label: 'Ana', party: 'Partido A' },
    { id: 'B', label: 'Beto', party: 'Partido B' },
  ],
};

/** An import of quarantined rows only; committed unless `rollback`. */
const quarantine = (
  store: Store,
  sha: string,
  rows: readonly QuarantinedRow[],
  rollback = false,
): Promise<void> => quarantineImport(store, ELECTION.id, sha, rows, { rollback });

/** Two committed files and one rolled back, with mesas written as a JSON file may give them. */
async function populated(store: Store): Promise<void> {
  await store.migrate();
  await store.putElection(ELECTION);
  await store.putElection({ ...ELECTION, id: 'test-other' });
  await quarantine(store, 'a', [
    refused(1, '000007'),
    refused(2, '7'),
    refused(3, null),
    refused(4, '0000007'), // seven digits: not padded, so not mesa 000007
    refused(5, 'ab-1'),
    refused(6, '000008'),
  ]);
  await quarantine(store, 'b', [refused(1, ' 7 '), refused(2, '')]);
  await quarantine(store, 'c', [refused(1, '000007')], true);
}

/** The audit's breaks, as table, reason and detail. */
const breaks = async (store: Store): Promise<string[]> =>
  verifyAudit(await store.auditRecords()).breaks.map((b) => `${b.table} ${b.reason} ${b.detail}`);

/** What the lookups answer, as plain values (file, row and mesa of each row). */
async function lookups(store: Store): Promise<unknown> {
  const rows = async (mesa: string): Promise<string[]> =>
    (await store.quarantinedOfMesa(ELECTION.id, mesa)).map((q) => `${q.file}:${q.row}:${q.mesa}`);
  const acta = await getActa(store, ELECTION.id, '7');
  return {
    key7: await rows('000007'),
    keyAb: await rows(' ab-1'),
    none: await rows('000009'),
    otherElection: await store.quarantinedOfMesa('test-other', '000007'),
    mesas: (await store.quarantinedMesas(ELECTION.id)).sort(),
    acta: acta.ok ? acta.value.quarantined.map((q) => `${q.file}:${q.row}`) : acta.issues,
    only: await mesasOnlyQuarantined(store, ELECTION.id),
  };
}

const EXPECTED = {
  key7: ['a.jsonl:1:000007', 'a.jsonl:2:7', 'a.jsonl:4:0000007', 'b.jsonl:1: 7 '],
  keyAb: ['a.jsonl:5:ab-1'],
  none: [],
  otherElection: [],
  mesas: [' 7 ', '', '000007', '000008', '0000007', '7', 'ab-1'].sort(),
  // the seven-digit mesa shares the key, not the padded mesa
  acta: ['a.jsonl:1', 'a.jsonl:2', 'b.jsonl:1'],
  only: ['', '000007', '000008', '0000007', 'ab-1'].sort(),
};

describe('mesaKey', () => {
  it('is kept by any zero padding of an all-digit mesa, and by trimming', () => {
    expect(['7', '000007', '0000007', ' 07\t'].map(mesaKey)).toEqual(['7', '7', '7', '7']);
    expect(['0', '000000', 'ab-01', ' 007a'].map(mesaKey)).toEqual(['0', '0', 'ab-01', '007a']);
  });
});

describe('migration 10: quarantined rows by election and mesa key', () => {
  it('SQLite: a mesa reads its rows by the index; an older store is filled', async () => {
    const path = join(tempDir('cifra-quarantine-mesa-'), 'q.db');
    const store = new SqliteStore(path);
    await populated(store);
    expect(await lookups(store)).toEqual(EXPECTED);
    await store.close();
    // back to the schema before migration 10, as a store written by the previous build
    const raw = new Database(path);
    raw.exec(
      'DROP INDEX quarantine_mesa; ALTER TABLE quarantine DROP COLUMN election; ALTER TABLE quarantine DROP COLUMN mesa_key; DELETE FROM schema_migrations WHERE version = 10',
    );
    raw.close();
    const again = new SqliteStore(path);
    await again.migrate();
    expect(await lookups(again)).toEqual(EXPECTED);
    expect(await breaks(again)).toEqual([]);
    await again.close();
    // a key edited outside cifra would hide the row from its acta: the audit says so
    const edit = new Database(path);
    edit.exec("UPDATE quarantine SET mesa_key = '9' WHERE row = 2 AND mesa = '7'");
    edit.close();
    const edited = new SqliteStore(path);
    expect(await breaks(edited)).toEqual([
      "quarantine derived_state_mismatch row 2's election or mesa key",
    ]);
    await edited.close();
    const db = new Database(path, { readonly: true });
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM quarantine q JOIN imports i ON i.id = q.import_id WHERE q.election = ? AND q.mesa_key = ? AND i.status = 'committed'`,
      )
      .all(ELECTION.id, '7') as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' | ')).toContain(
      'USING INDEX quarantine_mesa (election=? AND mesa_key=?)',
    );
    db.close();
  });

  it('PostgreSQL: the same rows; an older store is filled', async () => {
    const url = await freshDatabase('quarantinemesa');
    const store = new PgStore(url);
    await populated(store);
    expect(await lookups(store)).toEqual(EXPECTED);
    await store.close();
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    await raw.query(
      'DROP INDEX quarantine_mesa; ALTER TABLE quarantine DROP COLUMN election; ALTER TABLE quarantine DROP COLUMN mesa_key; DELETE FROM schema_migrations WHERE version = 10',
    );
    const again = new PgStore(url);
    await again.migrate();
    expect(await lookups(again)).toEqual(EXPECTED);
    expect(await breaks(again)).toEqual([]);
    await raw.query("UPDATE quarantine SET election = 'test-other' WHERE row = 5");
    expect(await breaks(again)).toEqual([
      "quarantine derived_state_mismatch row 5's election or mesa key",
    ]);
    await again.close();
    const idx = await raw.query(
      "SELECT indexdef FROM pg_indexes WHERE tablename = 'quarantine' AND indexname = 'quarantine_mesa'",
    );
    expect(idx.rows.map((r: { indexdef: string }) => r.indexdef)).toEqual([
      expect.stringContaining('(election, mesa_key)'),
    ]);
    await raw.end();
  });
});
