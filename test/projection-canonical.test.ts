// Review 8 H3: a server's projection follows its in-memory snapshot of the actas, which imports
// patch in place (a changed mesa keeps its slot, a new one is appended), while a fresh reader of
// the same store loads them in the store's order. The frame's input is put in one order, so a
// server that saw two imports serves what a fresh service computes from the same store.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { fileWriter, ONPE_COLUMNS, onpePendingRow, onpeRow, tempDir } from './helpers.js';

const dir = tempDir('cifra-projection-canonical-');
const write = fileWriter(dir);
const ELECTION = 'pe-2021-presidencial';

// the prefix: Amazonas (01) still in process, Lima (15) counted; the whole file counts Amazonas,
// so a fresh load finds Lima's rows first and a patched snapshot keeps Amazonas first
const PREFIX = [
  onpePendingRow('000001', '010101'),
  onpePendingRow('000002', '010101'),
  onpePendingRow('000003', '010102'),
  onpeRow('000004', '150101', 60, 30),
  onpeRow('000005', '150101', 55, 35),
  onpeRow('000006', '150102', 50, 40),
];
const WHOLE = [
  onpeRow('000001', '010101', 40, 50),
  onpeRow('000002', '010101', 45, 41),
  onpeRow('000003', '010102', 20, 70),
  ...PREFIX.slice(3),
  onpeRow('000007', '010102', 25, 66),
  onpeRow('000008', '150102', 52, 38),
  onpePendingRow('000009', '010102'),
  onpePendingRow('000010', '150102'),
];

async function ingest(store: Store, name: string, rows: readonly string[]): Promise<void> {
  const election = bundledElection(ELECTION);
  if (!election) throw new Error(ELECTION);
  const file = write(name, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');
  const r = await ingestFile(store, { file, election, now: () => '2026-12-01T00:00:00.000Z' });
  expect(r.ok).toBe(true);
}

describe('a served projection does not depend on the imports the server saw', () => {
  const db = join(dir, 'night.db');
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const x of open.reverse()) await x.close();
  });
  const serve = async (store: SqliteStore): Promise<FastifyInstance> => {
    const app = await buildApi({ store, tokenHash: null, now: () => '2026-12-01T01:00:00.000Z' });
    open.push(store, app);
    return app;
  };
  const projection = async (app: FastifyInstance): Promise<string> => {
    const r = await app.inject({
      method: 'GET',
      url: `/api/v1/elections/${ELECTION}/projection.json`,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.body;
  };

  it('a server that saw a prefix, then the whole file, serves the bytes a fresh server does', async () => {
    const store = new SqliteStore(db);
    await store.migrate();
    const election = bundledElection(ELECTION);
    if (!election) throw new Error(ELECTION);
    await store.putElection(election);
    await ingest(store, 'prefix.csv', PREFIX);
    const live = await serve(store);
    await projection(live); // the server's snapshot of the prefix, patched by the next import
    await ingest(store, 'whole.csv', WHOLE);
    const served = await projection(live);
    const fresh = await projection(await serve(new SqliteStore(db)));
    const regions = (body: string): string[] =>
      (JSON.parse(body) as { regions: { code: string }[] }).regions.map((r) => r.code);
    expect(regions(served).length).toBeGreaterThan(1);
    expect(regions(served)).toEqual(regions(fresh));
    // the whole document, byte for byte (a diff of it would print 100 kB)
    expect(served === fresh, "the served projection.json differs from a fresh server's").toBe(true);
  });
});
