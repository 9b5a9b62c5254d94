// Reads are cached by their normalised URL and the store's revision (server.ts). What else could a
// response vary by? Checked here on the cached read routes, in process (Fastify inject): no route
// answers differently by Accept-Language or Accept (the format is a query parameter), so the key
// may leave them out; Accept-Encoding changes the bytes sent, so every answer of a compressible
// body says `Vary: accept-encoding` — the first (framework) answer, the cached ones and a 304 alike;
// If-None-Match is answered per request; and an import by another writer changes the revision.
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_THRESHOLD } from '../src/api/hot-reads.js';
import { buildApi, hashToken, REVISION_TTL_MS } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, storeWithElection, uploadCsv } from './api-helpers.js';
import { fileWriter, fixedClock, tempDir } from './helpers.js';

const TOKEN = 'vary-token-31ad';
const E = 'pe-2021-presidencial';
const MESAS = Array.from({ length: 40 }, (_, i) => onpeRow(String(i + 1).padStart(6, '0'), 20 + i));
/** The cached read routes (a GET with a query schema) that answer 200 for a presidential election (not seats, compare, contests). */
const READS = [
  '/api/v1/elections',
  `/api/v1/candidates?election=${E}`,
  `/api/v1/results?election=${E}&level=national`,
  `/api/v1/results?election=${E}&level=department&format=csv`,
  `/api/v1/progress?election=${E}`,
  `/api/v1/summary?election=${E}`,
  `/api/v1/count-course?election=${E}`,
  `/api/v1/mesas?election=${E}&district=010101`,
  `/api/v1/actas/000001?election=${E}`,
  `/api/v1/projection?election=${E}&sims=200`,
  `/api/v1/projection/history?election=${E}`,
  '/api/v1/rulesets',
  '/api/v1/rulesets/pe-2021-congreso',
];
const write = fileWriter(tempDir('cifra-vary-files-'));

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = await storeWithElection(E);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
  await uploadCsv(app, E, TOKEN, onpeCsv(...MESAS));
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('what a cached read varies by', () => {
  it('every cached route: the same bytes and ETag whatever Accept-Language or Accept says', async () => {
    for (const url of READS) {
      const plain = await get(url);
      expect([url, plain.statusCode]).toEqual([url, 200]);
      for (const h of [
        { 'accept-language': 'es-PE,es;q=0.9' },
        { 'accept-language': 'en' },
        { accept: 'text/csv' },
        { accept: 'application/json' },
      ] as Record<string, string>[]) {
        const r = await get(url, h);
        expect([url, h, r.body, r.headers['etag']]).toEqual([
          url,
          h,
          plain.body,
          plain.headers['etag'],
        ]);
        expect(r.headers['vary'] ?? '').not.toMatch(/language|accept(?!-encoding)/i);
      }
    }
  });

  it('Accept-Encoding: every answer of a compressible body says Vary, first, cached and 304', async () => {
    await store.putPublished('x', [], null); // a new revision: nothing cached for it yet
    for (const url of READS) {
      const size = Buffer.byteLength((await get(url, { 'accept-encoding': 'identity' })).body);
      await store.putPublished('x', [], null);
      await new Promise((r) => setTimeout(r, REVISION_TTL_MS + 20));
      for (const enc of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
        const first = await get(url, enc);
        const cached = await get(url, enc);
        const notModified = await get(url, {
          ...enc,
          'if-none-match': String(first.headers['etag']),
        });
        expect(notModified.statusCode).toBe(304);
        for (const r of [first, cached, notModified])
          expect([url, enc, r.headers['vary']]).toEqual([
            url,
            enc,
            size >= COMPRESS_THRESHOLD ? 'accept-encoding' : undefined,
          ]);
        if (enc['accept-encoding'] === 'gzip' && size >= COMPRESS_THRESHOLD)
          expect(gunzipSync(cached.rawPayload).toString()).toBe(
            (await get(url, { 'accept-encoding': 'identity' })).body,
          );
      }
    }
  }, 30_000);

  it('an import by another writer is seen once the revision is checked again; a stale ETag gets 200', async () => {
    const url = `/api/v1/results?election=${E}&level=national`;
    const before = await get(url);
    const file = write('second.csv', onpeCsv(onpeRow('000099', 77)));
    const r = await ingestFile(store, {
      file,
      election: bundledElection(E) as never,
      now: fixedClock,
    });
    expect(r.ok).toBe(true);
    await new Promise((res) => setTimeout(res, REVISION_TTL_MS + 20));
    const after = await get(url, { 'if-none-match': String(before.headers['etag']) });
    expect(after.statusCode).toBe(200);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    expect(after.body).not.toBe(before.body);
  });
});
