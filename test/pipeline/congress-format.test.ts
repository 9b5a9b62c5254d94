// ONPE's congress per-mesa format (one row per mesa and list, preferential votes per candidate
// position), on a hand-built fixture: test/fixtures/congress/. Expected values are counted by hand
// from the fixture rows.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from '../helpers.js';

const fixtures = new URL('../fixtures/congress/', import.meta.url).pathname;
const db = join(tempDir('cifra-congress-'), 'c.db');

describe('onpe-congress format', () => {
  it('assembles each mesa from its rows: list votes, blank, null and preferential votes', async () => {
    const r = await cli(
      'ingest',
      join(fixtures, 'actas-congreso.csv'),
      '--db',
      db,
      '--election',
      join(fixtures, 'test-congreso.json'),
      '--no-progress',
      '--output',
      'json',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      format: string;
      rowsRead: number;
      new: number;
      quarantinedByCode: Record<string, number>;
    };
    expect(report.format).toBe('onpe-congress');
    // 6 actas assembled (000031, 000032, 000033, 000034, 000035, and 000031 again out of order)
    expect(report.rowsRead).toBe(6);
    expect(report.new).toBe(3);
    // 000034: a list outside the map; 000035: its rows disagree on N_CVAS; 000031 again, not consecutive
    expect(report.quarantinedByCode).toEqual({
      unknown_party: 1,
      state_inconsistent: 1,
      duplicate_acta: 1,
    });
    const res = await cli('results', '--db', db, '--format', 'json');
    const u = (
      JSON.parse(res.out) as {
        units: {
          choices: {
            id: string;
            votes: number;
            candidates?: { position: number; votes: number }[];
          }[];
          blank: number;
          null: number;
          emitted: number;
        }[];
      }
    ).units[0];
    expect(u?.choices.map((c) => [c.id, c.votes])).toEqual([
      ['00000014', 50],
      ['00000007', 55],
      ['00000020', 10],
    ]);
    expect(u?.choices[0]?.candidates).toEqual([
      { position: 1, votes: 13 },
      { position: 2, votes: 7 },
      { position: 3, votes: 3 },
    ]);
    expect(u?.choices[1]?.candidates).toEqual([
      { position: 1, votes: 13 },
      { position: 2, votes: 9 },
      { position: 3, votes: 1 },
    ]);
    expect([u?.blank, u?.null, u?.emitted]).toEqual([17, 18, 150]);
    const notInstalled = await cli('acta', '33', '--db', db, '--format', 'json');
    expect(JSON.parse(notInstalled.out)).toMatchObject({
      current: { state: 'not_installed', votes: null },
    });
  });
});

describe('versioned migrations', () => {
  it('upgrade a version-1 database in place and keep its data', async () => {
    const path = join(tempDir('cifra-migrate-'), 'old.db');
    const old = new Database(path);
    old.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    old.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
    old.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run('v1', '2026-01-01');
    old.exec(
      `INSERT INTO elections (id, label, ruleset, choices) VALUES ('e', 'E', 'r', '[{"id":"A","label":"A","party":"A"}]')`,
    );
    old.exec(
      `INSERT INTO acta_versions (election, mesa, version, kind, is_current, ubigeo, state, state_label, eligible, voters, votes, blank, null_votes, impugned, recorded_at, warnings) VALUES ('e', '000001', 1, 'new', 1, '010101', 'counted', 'CONTABILIZADA', 300, 10, X'0A000000', 0, 0, 0, 't', '[]')`,
    );
    old.close();
    const store = new SqliteStore(path);
    await store.migrate();
    expect(await store.getActa('e', '000001')).toMatchObject({ votes: [10], voters: 10 });
    const check = new Database(path);
    expect(
      (
        check.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
          version: number;
        }[]
      ).map((r) => r.version),
    ).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(
      (
        check.prepare("SELECT name FROM pragma_table_info('acta_versions')").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    ).toContain('preferential');
    check.close();
    await store.close();
  });
});
