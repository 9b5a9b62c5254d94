import { createHash } from 'node:crypto';
import { parseWhatIfBody, whatIfSeats } from '../results/what-if.js';
import { canonicalJson } from './byte-cache.js';
import type { ApiContext } from './context.js';
import { unwrap } from './errors.js';
import { jsonBody, type RouteHandler } from './request.js';

/**
 * POST /api/v1/what-if: seats under the ruleset sent, on the worker pool; the answer kept by the
 * SHA-256 of the normalised body until the store's revision changes (`x-cache` says which).
 */
export function whatIfHandler(ctx: ApiContext): RouteHandler {
  const { store, whatIfs, whatIfPool, revision: storeRevision } = ctx;
  return async (req, reply) => {
    const body = unwrap(parseWhatIfBody(jsonBody(req.body)), []);
    const key = createHash('sha256').update(canonicalJson(body)).digest('base64url');
    const revision = await storeRevision.current();
    let hit = whatIfs.get(key);
    const cache = hit?.revision === revision ? 'hit' : 'miss';
    if (hit === undefined || cache === 'miss') {
      const busy = whatIfPool.busy();
      if (busy) throw busy;
      const payload = JSON.stringify(unwrap(await whatIfSeats(store, body, whatIfPool.run), []));
      const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
      hit = { revision, body: payload, etag };
      whatIfs.set(key, hit);
    }
    return reply
      .header('etag', hit.etag)
      .header('x-cache', cache)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(hit.body);
  };
}
