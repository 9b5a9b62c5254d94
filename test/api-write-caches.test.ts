// A refused write, or one that finds nothing to do (a file already imported), changes nothing,
// so the cached reads stay: the same ETag, a 304 for it, the read and the what-if answered from
// their caches. A write that changed the store (its revision moved) is seen by the next read at
// once, a refused correction whose row the quarantine keeps included.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ByteBoundedCache } from '../src/api/byte-cache.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, uploadCsv } from './api-helpers.js';
import { fixtureElection, tempDir } from './helpers.js';
import { DISTRICTS, LISTS, VOTES, putListElection, writeStyleRuleset } from './list-election.js';

const TOKEN = 'write-caches-token';
const ELECTION = 'pe-2021-presidencial';
const READ = `/api/v1/results?election=${ELECTION}&level=national`;
const WHAT_IF = { election: 'test-diputados', whatIf: { method: 'dean' } };
const dir = tempDir('cifra-write-caches-');
const db = join(dir, 'api.db');
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = new SqliteStore(db, 50); // a held write lock: store_busy after 50 ms
  await store.migrate();
  const e = fixtureElection(ELECTION);
  await store.putElection(e);
  await putListElection(store, {
    id: WHAT_IF.election,
    ruleset: writeStyleRuleset(dir),
    districts: DISTRICTS,
    lists: LISTS,
    votes: VOTES,
  });
  app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
  await uploadCsv(app, ELECTION, TOKEN, onpeCsv(onpeRow('000001', 100), onpeRow('000002', 50)));
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const write = (url: string, payload: string, token = TOKEN) =>
  app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    payload,
  });
const whatIf = () =>
  app.inject({
    method: 'POST',
    url: '/api/v1/what-if',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(WHAT_IF),
  });
const cache = (): ByteBoundedCache =>
  (app as unknown as { cifraReadCache: ByteBoundedCache }).cifraReadCache;

/** The read's ETag, its 304, and whether the read and the what-if come from their caches. */
async function reads(etag: string): Promise<unknown> {
  const cached = cache().size;
  const again = await app.inject({ url: READ, headers: { 'if-none-match': etag } });
  return {
    status: again.statusCode,
    etag: again.headers['etag'],
    keptRead: cached,
    whatIf: (await whatIf()).headers['x-cache'],
  };
}

/** How each write that changes nothing is answered. */
const answers: Record<string, [number, string | boolean]> = {
  unauthorized: [401, 'unauthorized'],
  'not json': [422, 'body_not_json'],
  empty: [422, 'file_empty'],
  'store busy': [503, 'store_busy'],
  'the same file again': [200, true],
};

describe('writes and the read caches', () => {
  it('a write that changes nothing (wrong token, not JSON, empty, store busy, a file already imported) keeps them', async () => {
    const first = await app.inject({ url: READ });
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers['etag']);
    expect((await whatIf()).headers['x-cache']).toBe('miss');
    expect(await reads(etag)).toEqual({ status: 304, etag, keptRead: 1, whatIf: 'hit' });
    const holder = new Database(db);
    const refusals: [string, () => ReturnType<typeof write>][] = [
      ['unauthorized', () => write(`/api/v1/imports?election=${ELECTION}`, 'x', 'wrong')],
      ['not json', () => write(`/api/v1/actas/000001/corrections?election=${ELECTION}`, '{')],
      ['empty', () => write(`/api/v1/imports?election=${ELECTION}`, '')],
      [
        'store busy',
        async () => {
          holder.exec('BEGIN IMMEDIATE');
          const csv = onpeCsv(onpeRow('000003', 70));
          return write(`/api/v1/imports?election=${ELECTION}&name=busy.csv`, csv).finally(() =>
            holder.exec('ROLLBACK'),
          );
        },
      ],
      [
        'the same file again',
        () =>
          write(
            `/api/v1/imports?election=${ELECTION}&name=first.csv`,
            onpeCsv(onpeRow('000001', 100), onpeRow('000002', 50)),
          ),
      ],
    ];
    try {
      for (const [why, refused] of refusals) {
        const r = await refused();
        const j = r.json<{ error?: string; alreadyImported?: boolean }>();
        expect([why, r.statusCode, j.error ?? j.alreadyImported]).toEqual([
          why,
          ...(answers[why] ?? []),
        ]);
        expect([why, await reads(etag)]).toEqual([
          why,
          { status: 304, etag, keptRead: 1, whatIf: 'hit' },
        ]);
      }
    } finally {
      holder.close();
    }
  });

  it('a refused correction whose row the quarantine keeps changed the store: the caches go', async () => {
    expect((await app.inject({ url: READ })).statusCode).toBe(200);
    expect((await whatIf()).headers['x-cache']).toBe('hit');
    const acta = { ubigeo: '010101', state: 'counted', eligible: 300, voters: 10, votes: { X: 5 } };
    const r = await write(
      `/api/v1/actas/000001/corrections?election=${ELECTION}`,
      JSON.stringify({ ...acta, blank: 0, null: 0, impugned: 0 }),
    );
    expect([r.statusCode, r.json<{ error: string }>().error]).toEqual([
      422,
      'unknown_party_column',
    ]);
    expect(cache().size).toBe(0);
    expect((await whatIf()).headers['x-cache']).toBe('miss');
  });

  it('an accepted write is seen at once: a new ETag, the what-if computed again', async () => {
    const before = String((await app.inject({ url: READ })).headers['etag']);
    expect((await whatIf()).headers['x-cache']).toBe('hit');
    await uploadCsv(app, ELECTION, TOKEN, onpeCsv(onpeRow('000004', 80)), 'second.csv');
    expect(cache().size).toBe(0);
    const after = await app.inject({ url: READ, headers: { 'if-none-match': before } });
    expect(after.statusCode).toBe(200);
    expect(after.headers['etag']).not.toBe(before);
    expect((await whatIf()).headers['x-cache']).toBe('miss');
  });
});
