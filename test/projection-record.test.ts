// The server records the dashboard's projection of each revision (the night's projection history
// and count course; before this pass only `cifra replay` did, so a served night kept neither), on
// the side of the read: it never waits for another writer — an import holding the lock leaves that
// revision unrecorded and the read answered. On both backends.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { projectionOf } from '../src/results/projection.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { LOG_LOCK, PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { StoreBusyError, type Store } from '../src/store/store.js';
import {
  fileWriter,
  ONPE_COLUMNS,
  onpePendingRow,
  onpeRow,
  SIX_COUNTED_ROWS,
  tempDir,
} from './helpers.js';
import { freshDatabase } from './pg-helpers.js';

const dir = tempDir('cifra-projection-record-');
const write = fileWriter(dir);
const ELECTION = 'pe-2021-presidencial';

/** Six counted mesas in three districts of two departments, six more still in process. */
const FIRST = [
  ...SIX_COUNTED_ROWS,
  ...['000007', '000008', '000009'].map((m) => onpePendingRow(m, '010102')),
  ...['000010', '000011', '000012'].map((m) => onpePendingRow(m, '150102')),
];
const LATER = [onpeRow('000007', '010102', 25, 66), onpeRow('000010', '150102', 52, 38)];

function election(): NonNullable<ReturnType<typeof bundledElection>> {
  const e = bundledElection(ELECTION);
  if (!e) throw new Error('election');
  return e;
}

async function ingest(store: Store, name: string, rows: readonly string[]): Promise<void> {
  const e = election();
  const file = write(name, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');
  const r = await ingestFile(store, { file, election: e, now: () => '2026-12-01T00:00:00.000Z' });
  expect(r.ok).toBe(true);
}

const record = (revision: string) => ({
  election: ELECTION,
  revision,
  recordedAt: '2026-12-01T00:00:00.000Z',
  pctCounted: 50,
  doc: { choices: [] },
});

describe('putProjection without waiting', () => {
  it('SQLite: stores when free; StoreBusyError at once, nothing stored, while another writer holds the lock', async () => {
    const db = join(dir, 'wait.db');
    const store = new SqliteStore(db);
    await store.migrate();
    await store.putElection(election());
    await store.putProjection(record('r1'), { wait: false });
    const other = new Database(db);
    other.exec('BEGIN IMMEDIATE');
    // the busy wait was off (busy_timeout 0 for this write): the error says it waited 0 ms, not
    // the store's 10 s (no wall-clock bound: machines are noisy)
    const busy = store.putProjection(record('r2'), { wait: false });
    await expect(busy).rejects.toBeInstanceOf(StoreBusyError);
    await expect(busy).rejects.toMatchObject({ waitedMs: 0 });
    other.exec('ROLLBACK');
    other.close();
    await store.putProjection(record('r2'), { wait: false });
    expect((await store.projectionHistory(ELECTION)).map((r) => r.revision)).toEqual(['r1', 'r2']);
    await store.close();
  });

  it('PostgreSQL: the same with the audit log lock held', async () => {
    const url = await freshDatabase('wait');
    const store = new PgStore(url);
    await store.migrate();
    await store.putElection(election());
    await store.putProjection(record('r1'), { wait: false });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
    await expect(store.putProjection(record('r2'), { wait: false })).rejects.toBeInstanceOf(
      StoreBusyError,
    );
    await other.query('ROLLBACK');
    await other.end();
    await store.putProjection(record('r2'), { wait: false });
    expect((await store.projectionHistory(ELECTION)).map((r) => r.revision)).toEqual(['r1', 'r2']);
    await store.close();
  });
});

describe('GET /api/v1/projection records the night', () => {
  const db = join(dir, 'night.db');
  let store: SqliteStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = new SqliteStore(db);
    await store.migrate();
    await store.putElection(election());
    await ingest(store, 'first.csv', FIRST);
    app = await buildApi({ store, tokenHash: null, now: () => '2026-12-01T01:00:00.000Z' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it("records the dashboard's projection once per revision, not other seeds or sizes", async () => {
    expect((await get(`/api/v1/projection?election=${ELECTION}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/projection?election=${ELECTION}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/projection?election=${ELECTION}&seed=7`)).statusCode).toBe(200);
    const history = await store.projectionHistory(ELECTION);
    expect(history).toHaveLength(1);
    expect(history[0]?.recordedAt).toBe('2026-12-01T01:00:00.000Z');
    const course = (await get(`/api/v1/count-course?election=${ELECTION}`)).json() as {
      points: { actasCounted: number }[];
    };
    const summary = (await get(`/api/v1/summary?election=${ELECTION}`)).json() as {
      count: { actasProcessed: number };
    };
    expect(course.points.map((p) => p.actasCounted)).toEqual([summary.count.actasProcessed]);
  });

  it('an import holding the lock: the read is answered and that revision goes unrecorded', async () => {
    await ingest(store, 'later.csv', LATER);
    const other = new Database(db);
    other.exec('BEGIN IMMEDIATE');
    const r = await get(`/api/v1/projection?election=${ELECTION}`);
    other.exec('ROLLBACK');
    other.close();
    expect(r.statusCode).toBe(200);
    expect(await store.projectionHistory(ELECTION)).toHaveLength(1);
  });

  // review 4: the dashboard reads the static document (projection.json), which recorded nothing,
  // and whichever read computed a revision first decided whether it was ever recorded
  it('records a revision read through the document, or computed first by a read that does not record', async () => {
    const before = (await store.projectionHistory(ELECTION)).length;
    await ingest(store, 'document.csv', [onpeRow('000008', '010102', 30, 60)]);
    const doc = await get(`/api/v1/elections/${ELECTION}/projection.json`);
    expect(doc.statusCode).toBe(200);
    expect(await store.projectionHistory(ELECTION)).toHaveLength(before + 1);
    await ingest(store, 'cached.csv', [onpeRow('000011', '150102', 48, 42)]);
    // a read that does not record (cifra publish, the CLI) computes this revision first
    expect((await projectionOf(store, ELECTION, {})).ok).toBe(true);
    expect(await store.projectionHistory(ELECTION)).toHaveLength(before + 1);
    expect((await get(`/api/v1/projection?election=${ELECTION}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/elections/${ELECTION}/projection.json`)).statusCode).toBe(200);
    expect(await store.projectionHistory(ELECTION)).toHaveLength(before + 2);
  });
});
