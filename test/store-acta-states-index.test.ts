// Migration 11 (acta_current_state): the count of current actas by state — the elections list's
// status, read on every first listing — comes from an index on both backends, not from every
// acta row; an older store gains it on migrate; the counts equal the plain GROUP BY's, on the
// bundled 2021 first round (86,488 real actas) for SQLite.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { ACTA_STATES_SQL as PG_SQL, PgStore } from '../src/store/postgres/pg-store.js';
import { actaStatesOf, type Row } from '../src/store/rows.js';
import { ACTA_STATES_SQL, SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { sampleFile } from '../scripts/lib/reliability.js';
import { tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';

const dir = tempDir('cifra-acta-states-');
const ELECTION = 'pe-2021-presidencial';
/** The count as it was read before migration 11: every current acta row of the election. */
const GROUP_BY =
  'SELECT state, COUNT(*) AS n, COUNT(votes) AS figures FROM acta_versions WHERE election = ? AND is_current = 1 GROUP BY state';

async function ingested(store: Store, file: string): Promise<void> {
  await store.migrate();
  const e = bundledElection(ELECTION);
  if (!e) throw new Error('election');
  await store.putElection(e);
  expect((await ingestFile(store, { file, election: e, now: () => 'x' })).ok).toBe(true);
}

describe('migration 11: current actas counted by state from an index', () => {
  it('SQLite, the real first round: an older store gains the index; the count reads it alone and equals the GROUP BY', async () => {
    const path = join(dir, 'real.db');
    await ingested(
      new SqliteStore(path),
      dataPath(
        'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
      ),
    );
    // back to the schema before migration 11, as a store written by the previous build
    const raw = new Database(path);
    raw.exec('DROP INDEX acta_current_state; DELETE FROM schema_migrations WHERE version = 11');
    const before = actaStatesOf(raw.prepare(GROUP_BY).all(ELECTION) as Row[]);
    raw.close();
    const store = new SqliteStore(path);
    await store.migrate();
    const counts = await store.actaStates(ELECTION);
    await store.close();
    expect(counts).toEqual(before);
    expect(counts.total).toBe(86488);
    expect(counts.states.pending).toBeGreaterThan(0); // the pending part of the query is exercised
    const db = new Database(path, { readonly: true });
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${ACTA_STATES_SQL}`).all(ELECTION, ELECTION) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    db.close();
    // the counts from the index alone; the pending rows found by it, not by a scan
    expect(plan).toContain(
      'SEARCH acta_versions USING COVERING INDEX acta_current_state (election=?)',
    );
    expect(plan).toContain(
      'SEARCH acta_versions USING INDEX acta_current_state (election=? AND state=?)',
    );
  });

  it('PostgreSQL: an older store gains the index; the count equals the GROUP BY and its plan reads the index', async () => {
    const url = await freshDatabase('actastates');
    const file = sampleFile(join(dir, 'actas.csv'), 300);
    const first = new PgStore(url);
    await ingested(first, file);
    await first.close();
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    await raw.query('DROP INDEX acta_current_state');
    await raw.query('DELETE FROM schema_migrations WHERE version = 11');
    // some actas pending, some of them without figures, as a count under way has them
    await raw.query(
      "UPDATE acta_versions SET state = 'pending', votes = CASE WHEN id % 2 = 0 THEN NULL ELSE votes END WHERE id % 7 = 0",
    );
    const sql = GROUP_BY.replace('?', '$1').replace('is_current = 1', 'is_current');
    const before = actaStatesOf((await raw.query(sql, [ELECTION])).rows as Row[]);
    const store = new PgStore(url);
    await store.migrate();
    const counts = await store.actaStates(ELECTION);
    await store.close();
    expect(counts).toEqual(before);
    expect([counts.states.pending, counts.pendingWithFigures].every((n) => n > 0)).toBe(true);
    expect(counts.pendingWithFigures).toBeLessThan(counts.states.pending);
    // index-only once vacuumed (autovacuum does it after a large import: the visibility map);
    // a table this small is read whole when allowed: without that choice, the index is the plan
    await raw.query('VACUUM ANALYZE acta_versions');
    await raw.query('SET enable_seqscan = off');
    const plan = (await raw.query(`EXPLAIN ${PG_SQL}`, [ELECTION])).rows
      .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
      .join('\n');
    await raw.end();
    expect(plan).toMatch(/Index Only Scan using acta_current_state/);
  });
});
