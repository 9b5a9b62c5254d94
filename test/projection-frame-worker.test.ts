// A per-mesa frame costs about a second of CPU nationally: built on the server's event loop, it
// froze every reader at each new revision. The server builds it on a worker thread, the CLI in
// process, with one algorithm: the frame builder of the main thread is watched here, and the
// server's projection must not call it, yet serve what the in-process path computes.
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as frameMesas from '../src/core/projection/frame-mesas.js';
import { buildApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { getProjection } from '../src/results/projection.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fileWriter, ONPE_COLUMNS, onpePendingRow, SIX_COUNTED_ROWS, tempDir } from './helpers.js';

// the module as this (main) thread sees it; a worker thread loads its own copy, unwatched
vi.mock('../src/core/projection/frame-mesas.js', async (importOriginal) => {
  const real = await importOriginal<typeof frameMesas>();
  return { ...real, frameFromMesas: vi.fn(real.frameFromMesas) };
});

const dir = tempDir('cifra-projection-frame-worker-');
const ELECTION = 'pe-2021-presidencial';
const ROWS = [
  ...SIX_COUNTED_ROWS,
  onpePendingRow('000007', '010102'),
  onpePendingRow('000008', '150102'),
];

describe("the server's per-mesa frame is built off its event loop", () => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const x of open.reverse()) await x.close();
  });

  it('the served projection never calls the main thread frame builder, and equals the in-process one', async () => {
    const db = join(dir, 'night.db');
    const store = new SqliteStore(db);
    open.push(store);
    await store.migrate();
    const election = bundledElection(ELECTION);
    if (!election) throw new Error(ELECTION);
    await store.putElection(election);
    const file = fileWriter(dir)('night.csv', [ONPE_COLUMNS.join(','), ...ROWS].join('\n') + '\n');
    const r = await ingestFile(store, { file, election, now: () => '2026-12-01T00:00:00.000Z' });
    expect(r.ok).toBe(true);
    const app = await buildApi({ store, tokenHash: null, now: () => '2026-12-01T01:00:00.000Z' });
    open.push(app);
    const watched = vi.mocked(frameMesas.frameFromMesas);
    watched.mockClear();

    const served = await app.inject({
      method: 'GET',
      url: `/api/v1/elections/${ELECTION}/projection.json`,
    });
    expect(served.statusCode, served.body).toBe(200);
    expect(watched).not.toHaveBeenCalled();

    // a fresh server whose first request is the summary (its projection check, no runner): the
    // worker too; this one built the national frame on the event loop (found by a re-read)
    const fresh = new SqliteStore(db);
    open.push(fresh);
    const second = await buildApi({ store: fresh, tokenHash: null });
    open.push(second);
    watched.mockClear();
    const summary = await second.inject({ url: `/api/v1/summary?election=${ELECTION}` });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(watched).not.toHaveBeenCalled();

    // the CLI's path (another reader of the same store: its own memos) builds it here
    const reader = new SqliteStore(db);
    open.push(reader);
    const here = await getProjection(reader, election);
    expect(watched).toHaveBeenCalledTimes(1);
    expect(here.ok).toBe(true);
    if (!here.ok) return;
    const doc = JSON.parse(served.body) as { revision: string };
    expect(doc.revision).toBe(here.value.revision);
    expect(doc).toEqual(JSON.parse(JSON.stringify(here.value)));
  });
});
