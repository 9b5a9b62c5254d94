// CORS (review 8, MEDIUM 7): a page on another origin may read the API. Public reads answer
// `Access-Control-Allow-Origin: *` on every path (the framework's, the cached-read hook's, the
// hot path's, the raw fast path's; 200, 304 and errors alike); OPTIONS on a read path is the
// preflight's 204; writes (bearer token) get no CORS and their preflight stays 405. The what-if
// (a public POST that writes nothing) is CORS-open too: its preflight allows POST with a JSON
// Content-Type, and its answers (200 and refusals) carry Allow-Origin (ADR 014, addendum).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, storeWithElection, uploadCsv } from './api-helpers.js';
import { tempDir } from './helpers.js';
import { DISTRICTS, LISTS, VOTES, putListElection, writeStyleRuleset } from './list-election.js';

const TOKEN = 'cors-token-5e2a';
const ORIGIN = 'https://newsroom.example';
const NATIONAL = '/api/v1/results?election=pe-2021-presidencial&level=national';
const DOCUMENT = '/api/v1/elections/pe-2021-presidencial/results/national.json';

let store: SqliteStore;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  store = await storeWithElection('pe-2021-presidencial');
  for (const rawHotPath of [true, false])
    apps.push(await buildApi({ store, tokenHash: hashToken(TOKEN), rawHotPath }));
  await uploadCsv(
    apps[0] as FastifyInstance,
    'pe-2021-presidencial',
    TOKEN,
    onpeCsv(onpeRow('000001', 50)),
  );
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await store.close();
});

const app = (): FastifyInstance => apps[0] as FastifyInstance;

describe('public reads', () => {
  it('GET and HEAD of routes and documents, their 304 and a 404: Allow-Origin *', async () => {
    for (const url of [NATIONAL, DOCUMENT, '/api/v1/elections', '/api/v1/openapi.json']) {
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await app().inject({ method, url, headers: { origin: ORIGIN } });
        expect([url, method, res.statusCode]).toEqual([url, method, 200]);
        expect(res.headers['access-control-allow-origin']).toBe('*');
        expect(res.headers['access-control-expose-headers']).toBe('ETag');
      }
      const first = await app().inject({ url, headers: { origin: ORIGIN } });
      const again = await app().inject({
        url,
        headers: { origin: ORIGIN, 'if-none-match': String(first.headers['etag']) },
      });
      expect([url, again.statusCode]).toEqual([url, 304]);
      expect(again.headers['access-control-allow-origin']).toBe('*');
    }
    const missing = await app().inject({
      url: '/api/v1/actas/999999?election=pe-2021-presidencial',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['access-control-allow-origin']).toBe('*');
  });

  it('the hot paths over a socket (raw fast path on and off): 200 and 304 carry it too', async () => {
    for (const a of apps) {
      const base = await a.listen({ port: 0, host: '127.0.0.1' });
      // the first read fills the cache; the next ones are answered from precomputed bytes
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${base}${NATIONAL}`, { headers: { origin: ORIGIN } });
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        const etag = String(res.headers.get('etag'));
        await res.arrayBuffer();
        const nm = await fetch(`${base}${NATIONAL}`, {
          headers: { origin: ORIGIN, 'if-none-match': etag },
        });
        expect(nm.status).toBe(304);
        expect(nm.headers.get('access-control-allow-origin')).toBe('*');
      }
    }
  });

  it('OPTIONS preflight on a read path: 204 with the methods and headers allowed', async () => {
    for (const url of [NATIONAL, DOCUMENT, '/api/v1/actas/000001']) {
      const res = await app().inject({
        method: 'OPTIONS',
        url,
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'if-none-match',
        },
      });
      expect([url, res.statusCode]).toEqual([url, 204]);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD');
      expect(res.headers['access-control-allow-headers']).toBe('If-None-Match');
      expect(res.body).toBe('');
    }
  });
});

describe('writes get no CORS', () => {
  it("an import with the token from another origin: no Allow-Origin; its path's preflight is the public log's, which lets no token through", async () => {
    const url = '/api/v1/imports?election=pe-2021-presidencial&name=cors.csv';
    const pre = await app().inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    // GET /api/v1/imports (the import log) is a public read: its preflight grants GET and
    // If-None-Match only, so a browser sends no Authorization (nor a CSV body) from elsewhere
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(String(pre.headers['access-control-allow-headers']).toLowerCase()).not.toMatch(
      /authorization|content-type/,
    );
    const correction = await app().inject({
      method: 'OPTIONS',
      url: '/api/v1/actas/000001/corrections',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(correction.statusCode).toBe(405);
    expect(correction.headers['access-control-allow-origin']).toBeUndefined();
    const up = await app().inject({
      method: 'POST',
      url,
      headers: { origin: ORIGIN, authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      payload: onpeCsv(onpeRow('000002', 60)),
    });
    expect(up.statusCode).toBe(200);
    expect(up.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the what-if: a public computation, CORS-open', () => {
  let listStore: SqliteStore;
  let listApp: FastifyInstance;
  beforeAll(async () => {
    const dir = tempDir('cifra-cors-what-if-');
    listStore = new SqliteStore(':memory:');
    await listStore.migrate();
    const ruleset = writeStyleRuleset(dir);
    const e = { id: 'test-diputados', ruleset, districts: DISTRICTS, lists: LISTS, votes: VOTES };
    await putListElection(listStore, e);
    listApp = await buildApi({ store: listStore, tokenHash: hashToken(TOKEN) });
  });
  afterAll(async () => {
    await listApp.close();
    await listStore.close();
  });

  it('its preflight is 204: POST with a JSON Content-Type, from any origin, cached a day', async () => {
    const res = await listApp.inject({
      method: 'OPTIONS',
      url: '/api/v1/what-if',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('POST');
    expect(res.headers['access-control-allow-headers']).toBe('Content-Type');
    expect(res.headers['access-control-max-age']).toBe('86400');
    expect(res.body).toBe('');
  });

  it('its answer and its refusals carry Allow-Origin *; a write beside it still does not', async () => {
    const post = (payload: string) =>
      listApp.inject({
        method: 'POST',
        url: '/api/v1/what-if',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload,
      });
    const ok = await post(
      JSON.stringify({ election: 'test-diputados', whatIf: { method: 'sainte-lague' } }),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    expect(ok.headers['access-control-expose-headers']).toBe('ETag');
    for (const bad of ['{not json', JSON.stringify({ election: 'nope' })]) {
      const refused = await post(bad);
      expect([bad, refused.statusCode]).toEqual([bad, 422]);
      expect(refused.headers['access-control-allow-origin']).toBe('*');
    }
    const write = await listApp.inject({
      method: 'OPTIONS',
      url: '/api/v1/actas/000001/corrections?election=test-diputados',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(write.statusCode).toBe(405);
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });
});
