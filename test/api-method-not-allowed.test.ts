// A known path asked with a method it does not take is 405 with Allow (RFC 9110 §15.5.6) and our
// coded body, on every route: the API's, the documents at query-free paths, the dashboard's files.
// Review 5 found 404 there, as for a path that does not exist. In-process (Fastify inject).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../src/api/documents.js';
import { ErrorSchema } from '../src/api/schemas.js';
import { buildApi, hashToken, ROUTES } from '../src/api/server.js';
import { dashboardFiles } from '../src/api/site-files.js';
import { listJurisdictions } from '../src/jurisdictions/load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = new SqliteStore(':memory:');
  await store.migrate();
  app = await buildApi({ store, tokenHash: hashToken('t'), dashboard: true });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

/** A concrete path of a route's URL: each `:param` named `x`. */
const pathOf = (url: string): string => url.replace(/:(\w+)/g, 'x');

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';

/** Asks `url` with `method`; expects the 405 with `allow` in the header and in the body. */
async function expect405(method: Method, url: string, allow: readonly string[]): Promise<void> {
  const res = await app.inject({ method, url });
  expect([method, url, res.statusCode]).toEqual([method, url, 405]);
  expect(res.headers['allow']).toBe(allow.join(', '));
  expect(res.headers['cache-control']).toBe('no-store');
  if (method === 'HEAD') return expect(res.body).toBe('');
  const body = ErrorSchema.parse(res.json());
  expect(body.error).toBe('method_not_allowed');
  expect(body.issues[0]?.details).toEqual({ method, allow });
}

describe('a method the path does not take', () => {
  it('every route of ROUTES: 405, Allow lists its methods (a GET with HEAD and its CORS preflight, the what-if with its own)', async () => {
    for (const url of new Set(ROUTES.map((r) => r.url))) {
      const routes = ROUTES.filter((r) => r.url === url);
      const get = routes.some((r) => r.method === 'GET');
      // a public POST (the what-if) has its CORS preflight too; a write has none
      const post = routes.find((r) => r.method === 'POST');
      const allow = [
        ...(get ? ['GET', 'HEAD'] : []),
        ...(get || post?.write === false ? ['OPTIONS'] : []),
        ...(post ? ['POST'] : []),
      ];
      const others = (['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const).filter(
        (m) => !allow.includes(m),
      );
      for (const m of others) await expect405(m, pathOf(url), allow);
    }
  });

  it('the documents at query-free paths and the dashboard files: 405, Allow: GET, HEAD (OPTIONS under /api/)', async () => {
    const urls = [
      ...DOCUMENTS.map((d) => pathOf(d.url)),
      ...dashboardFiles({ contests: [], jurisdictions: listJurisdictions() }).map((f) => f.url),
    ];
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls)
      await expect405(
        'POST',
        url,
        url.startsWith('/api/') ? ['GET', 'HEAD', 'OPTIONS'] : ['GET', 'HEAD'],
      );
    await expect405('PATCH', '/api/v1/openapi.json', ['GET', 'HEAD', 'OPTIONS']);
  });

  it('a write route asked with GET is 405 without a token (nothing to authenticate)', async () => {
    await expect405('GET', '/api/v1/actas/000001/corrections', ['POST']);
    // the import log is read at the write's path: its other methods are 405
    await expect405('PUT', '/api/v1/imports', ['GET', 'HEAD', 'OPTIONS', 'POST']);
    await expect405('OPTIONS', '/api/v1/actas/000001/corrections', ['POST']);
  });

  it('the methods a path takes still answer, and a path that does not exist is 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/elections' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'HEAD', url: '/api/v1/elections' })).statusCode).toBe(200);
    for (const method of ['GET', 'POST'] as const) {
      const res = await app.inject({ method, url: '/api/v1/nothing-here' });
      expect(res.statusCode).toBe(404);
      expect(ErrorSchema.parse(res.json()).error).toBe('not_found');
    }
  });
});
