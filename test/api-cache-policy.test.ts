// Review 8 LOW 16: each kind of document gets the Cache-Control it deserves — what an import
// changes lives 5 s, and so do the maps and contests a site carries (the store decides which);
// what only cifra's own files make (rulesets, the OpenAPI) an hour; the dashboard's fixed-name code a minute — the same from the framework, from
// the cached-read hook and from the hot path on the socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  DASHBOARD_CACHE_CONTROL,
  INSTALL_CACHE_CONTROL,
  READ_CACHE_CONTROL,
} from '../src/api/context.js';
import { CONTEST_PATHS, PATHS } from '../src/api/paths.js';
import { buildApi } from '../src/api/server.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { storeWithElection } from './api-helpers.js';

const ID = 'pe-2021-presidencial';
let store: SqliteStore;
let app: FastifyInstance;
let base = '';

beforeAll(async () => {
  store = await storeWithElection(ID);
  app = await buildApi({ store, tokenHash: null, dashboard: true });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const KINDS: readonly (readonly [string, string])[] = [
  [PATHS.document(ID, 'summary'), READ_CACHE_CONTROL],
  [PATHS.results(ID, 'department'), READ_CACHE_CONTROL],
  [PATHS.elections(), READ_CACHE_CONTROL],
  [`/api/v1/results?election=${ID}`, READ_CACHE_CONTROL],
  [PATHS.site(), READ_CACHE_CONTROL],
  // which maps and contests a site carries is the store's to decide (siteScope): revalidated as
  // its documents (failed on the old code: an hour, INSTALL_CACHE_CONTROL)
  [PATHS.geography('pe'), READ_CACHE_CONTROL],
  [PATHS.rulesets(), INSTALL_CACHE_CONTROL],
  ['/api/v1/rulesets', INSTALL_CACHE_CONTROL],
  [PATHS.openapi(), INSTALL_CACHE_CONTROL],
  [CONTEST_PATHS.contests('pe-erm-2022'), READ_CACHE_CONTROL],
  [CONTEST_PATHS.contest('pe-erm-2022', 'governor/CUSCO'), READ_CACHE_CONTROL],
  ['/api/v1/contests/pe-erm-2022?kind=governor', READ_CACHE_CONTROL],
  ['/', DASHBOARD_CACHE_CONTROL],
  ['/app.js', DASHBOARD_CACHE_CONTROL],
];

describe('Cache-Control per document kind', () => {
  it('the framework and the cached-read hook: the first read and the repeated one', async () => {
    for (const [url, policy] of KINDS)
      for (const n of [1, 2]) {
        const r = await app.inject({ method: 'GET', url });
        expect(r.statusCode, url).toBe(200);
        expect(r.headers['cache-control'], `${url} #${n}`).toBe(policy);
      }
  });

  it('the hot path on the socket (a repeated read answered before the framework)', async () => {
    for (const [url, policy] of KINDS)
      for (const n of [1, 2, 3]) {
        const r = await fetch(`${base}${url}`);
        expect(r.status, url).toBe(200);
        expect(r.headers.get('cache-control'), `${url} #${n}`).toBe(policy);
        await r.arrayBuffer();
      }
  });

  it('an error is not given a long life', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/rulesets/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.headers['cache-control']).not.toBe(INSTALL_CACHE_CONTROL);
  });
});
