// A fresh batch's INSERT (ADR 013) writes the constant columns as SQL literals: it must store what
// INSERT_VERSION_SQL stores with those values bound, quotes in the texts included.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  freshInsertSql,
  INSERT_VERSION_SQL,
  SqliteStore,
} from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const COLUMNS =
  'election, mesa, version, kind, is_current, conflict, ubigeo, state, state_label, eligible, voters, votes, blank, null_votes, impugned, import_id, row, recorded_at, warnings, preferential, hash';

describe('freshInsertSql', () => {
  it('stores what INSERT_VERSION_SQL stores for version 1, new, current, no conflict', async () => {
    // the store's own schema (its column affinities decide what is stored); no foreign keys
    const path = join(tempDir('cifra-fresh-insert-'), 'store.db');
    const store = new SqliteStore(path);
    await store.migrate();
    await store.close();
    const db = new Database(path);
    db.pragma('foreign_keys = OFF'); // better-sqlite3 turns them on; no imports row here
    const election = "e-'quoted'";
    const recordedAt = "2026-12-01T03:00:00.000Z'; DROP TABLE acta_versions; --";
    const votes = Buffer.from(new Int32Array([3, 0, 7]).buffer);
    // per row: mesa, ubigeo, state, label, eligible, voters, votes, blank, null, impugned, row,
    // warnings, preferential, hash, observation
    const perRow = [
      "00'1",
      '010101',
      'counted',
      "L'ABEL",
      300,
      null,
      votes,
      1,
      2,
      0,
      9,
      '[]',
      null,
      'h',
      null,
    ];
    db.prepare(freshInsertSql(election, 42, recordedAt)).run(...perRow);
    const [
      mesa,
      ubigeo,
      state,
      label,
      eligible,
      voters,
      blob,
      blank,
      nul,
      imp,
      row,
      w,
      pref,
      hash,
      observation,
    ] = perRow;
    db.prepare(INSERT_VERSION_SQL).run(
      election,
      `${mesa as string}-2`,
      1,
      'new',
      1,
      0,
      ubigeo,
      state,
      label,
      eligible,
      voters,
      blob,
      blank,
      nul,
      imp,
      42,
      row,
      recordedAt,
      w,
      pref,
      hash,
      observation,
    );
    const rows = db
      .prepare(
        `SELECT ${COLUMNS.split(', ')
          .map((c) => `${c}, typeof(${c})`)
          .join(', ')} FROM acta_versions ORDER BY id`,
      )
      .all();
    expect(rows).toHaveLength(2);
    (rows[1] as { mesa: string }).mesa = perRow[0] as string;
    expect(rows[0]).toEqual(rows[1]);
    db.close();
  });

  it('refuses an import id that is not an integer', () => {
    expect(() => freshInsertSql('e', 1.5, 't')).toThrow();
  });
});
