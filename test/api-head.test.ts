// HEAD is GET without the body (RFC 9110 §9.3.2): the same ETag, Cache-Control and Vary, and a
// 304 for a tag the client holds. Review 3 found HEAD answers with none of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = new SqliteStore(':memory:');
  await store.migrate();
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('HEAD', () => {
  for (const url of ['/api/v1/elections', '/api/v1/openapi.json'])
    it(`${url}: the GET's header fields, no body, and 304 for the tag held`, async () => {
      for (const round of [1, 2]) {
        // the second round is answered from the read cache
        const get = await app.inject({ method: 'GET', url });
        const head = await app.inject({ method: 'HEAD', url });
        expect(head.statusCode, `round ${round}`).toBe(200);
        expect(head.body).toBe('');
        for (const h of ['etag', 'cache-control', 'vary', 'content-type'])
          expect(head.headers[h], `${h}, round ${round}`).toBe(get.headers[h]);
        expect(get.headers['etag']).toBeDefined();
        const held = await app.inject({
          method: 'HEAD',
          url,
          headers: { 'if-none-match': String(get.headers['etag']) },
        });
        expect(held.statusCode).toBe(304);
      }
    });
});
