// An upload names a bundled election the store does not hold yet (a new night's store): it is
// read into that election, as `cifra ingest --election <id>` does (review 8: unknown_election,
// known []). An id neither stored nor bundled stays unknown_election; a manifest path is never
// read by the server.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixtureManifest, ONPE_COLUMNS, onpeRow, tempDir } from './helpers.js';

const TOKEN = 'test-token-import-bundled';
const CSV =
  [
    ONPE_COLUMNS.join(','),
    onpeRow('000001', '010101', 40, 50),
    onpeRow('000002', '140137', 70, 20),
  ].join('\n') + '\n';

let app: FastifyInstance;
let store: SqliteStore;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-api-bundled-'), 'empty.db'));
  await store.migrate();
  app = await buildApi({
    store,
    tokenHash: hashToken(TOKEN),
    now: () => '2026-12-02T07:00:00.000Z',
  });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const upload = (query: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/imports?${query}`,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    payload: CSV,
  });

describe('POST /api/v1/imports into a new store', () => {
  it('a bundled election by id is read into, then stored and served', async () => {
    const r = await upload('election=pe-2021-presidencial&name=first.csv');
    expect(r.statusCode).toBe(200);
    expect((r.json() as { new: number }).new).toBe(2);
    expect((await store.listElections()).map((e) => e.id)).toEqual(['pe-2021-presidencial']);
    const p = await app.inject({
      method: 'GET',
      url: '/api/v1/elections/pe-2021-presidencial/progress.json',
    });
    expect(p.statusCode).toBe(200);
  });

  it('an id neither stored nor bundled, or a path, is unknown_election; nothing is stored', async () => {
    for (const q of ['election=pe-1990-nothing', `election=${encodeURIComponent('/tmp/x.json')}`]) {
      const r = await upload(q);
      expect(r.statusCode).toBe(404);
      expect((r.json() as { error: string }).error).toBe('unknown_election');
    }
    expect((await store.listElections()).map((e) => e.id)).toEqual(['pe-2021-presidencial']);
  });

  // session 36: the words of an upload to an unknown election (docs/errors.md): what it looked
  // for, and what an upload takes — the stored elections and the bundled ones counted from actas
  // (it said the store's alone: [] in a new store, though a bundled id would be taken)
  it('an unknown id says it looked for a bundled election and lists what an upload takes', async () => {
    const r = await upload('election=pe-1990-nothing');
    expect(r.statusCode).toBe(404);
    const body = r.json() as { issues: { code: string; path: string[]; details: object }[] };
    expect(body.issues).toEqual([
      expect.objectContaining({
        code: 'unknown_election',
        path: ['election'],
        details: {
          election: 'pe-1990-nothing',
          looked: 'manifest',
          known: ['pe-2021-presidencial', 'pe-2021-presidencial-segunda'],
        },
      }),
    ]);
    // a published aggregates election is not among them: an upload does not take it
    expect(JSON.stringify(body)).not.toContain('pe-2021-congreso');
  });

  it('a manifest file the client names is never read, even a valid one (it was read and stored)', async () => {
    const r = await upload(
      `election=${encodeURIComponent(fixtureManifest('pe-2021-presidencial-segunda'))}`,
    );
    expect(r.statusCode).toBe(404);
    expect((r.json() as { error: string }).error).toBe('unknown_election');
    expect((await store.listElections()).map((e) => e.id)).toEqual(['pe-2021-presidencial']);
  });
});
