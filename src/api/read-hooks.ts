import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import compress from '@fastify/compress';
import type {
  FastifyInstance,
  FastifyRequest,
  onRequestAsyncHookHandler,
  onSendHookHandler,
} from 'fastify';
import type { z } from 'zod';
import { encodedEtag, noneMatch, readCacheKey } from './cache.js';
import { cacheControlOf, type ApiContext } from './context.js';
import { cachedAnswer, COMPRESS_THRESHOLD, readVary } from './hot-reads.js';

/** GET, and HEAD with the same header fields (RFC 9110 §9.3.2): Fastify answers HEAD by the GET route. */
const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

/** What the read hooks note about a request on its way, by request. */
interface ReadMarks {
  readonly readKey: WeakMap<FastifyRequest, string>;
  readonly fromCache: WeakSet<FastifyRequest>;
  /** Cached reads answered whole by the cached-read hook: ETag and 304 already decided. */
  readonly settled: WeakSet<FastifyRequest>;
  readonly revisionOf: WeakMap<FastifyRequest, string>;
  /** The frame pool's missed tasks as the read began (ApiContext.missed). */
  readonly missedAt: WeakMap<FastifyRequest, number>;
}

/**
 * Public reads cached by revision: a cached response answered by the onRequest hook, every
 * successful read given its ETag (and kept) by the onSend hook, then compression, then the
 * coding's ETag and the 304 (encodedRead). `queryOf` gives a GET route's query schema.
 */
export async function registerReadCaching(
  app: FastifyInstance,
  ctx: ApiContext,
  queryOf: (routeUrl: string | undefined) => z.ZodObject | undefined,
): Promise<void> {
  const marks: ReadMarks = {
    readKey: new WeakMap(),
    fromCache: new WeakSet(),
    settled: new WeakSet(),
    revisionOf: new WeakMap(),
    missedAt: new WeakMap(),
  };
  app.addHook('onRequest', cachedRead(ctx, marks, queryOf));
  // ETag on every successful read: same bytes, same tag. Registered before compression so that
  // it sees the bytes, not the compressed stream; the coding's suffix and the 304 come after it.
  app.addHook('onSend', readEtag(ctx, marks));
  await app.register(compress, { global: true, threshold: COMPRESS_THRESHOLD });
  // after the plugin's own onSend on every route (route hooks run in order, after the app's)
  app.addHook('onRoute', (r) => {
    r.onSend = [r.onSend ?? []].flat().concat(encodedRead(marks.settled));
  });
}

/** The onRequest hook: a read whose response is cached at the current revision is answered from it. */
function cachedRead(
  ctx: ApiContext,
  marks: ReadMarks,
  queryOf: (routeUrl: string | undefined) => z.ZodObject | undefined,
): onRequestAsyncHookHandler {
  return async (req, reply) => {
    if (
      !isRead(req.method) ||
      !req.url.startsWith('/api/v1/') ||
      req.url.startsWith('/api/v1/openapi')
    )
      return;
    const key = readCacheKey(req.url, req.query, queryOf(req.routeOptions.url));
    if (key === undefined) return;
    const revision = await ctx.revision.current();
    marks.revisionOf.set(req, revision);
    marks.missedAt.set(req, ctx.missed());
    marks.readKey.set(req, key);
    const hit = ctx.responses.get(key);
    if (!hit || hit.revision !== revision) return;
    ctx.hot.remember(req.url, key);
    marks.fromCache.add(req);
    // decided as the hot path does (hot-reads.ts); sent through the reply, so hooks and log run
    const size = Buffer.byteLength(hit.body);
    const answer = cachedAnswer(hit, size, req.headers, ctx.limits.precompressBytes);
    if (answer !== 'negotiate') {
      marks.settled.add(req);
      // the hot paths' status, headers in their order and body (a gzip made once per revision);
      // Fastify adds the content-length, last, as they send it
      const a = ctx.hot.answerOf(req.url, key, hit, answer);
      const h = a.headers;
      for (let i = 0; i + 1 < h.length; i += 2)
        if (h[i] !== 'content-length') reply.header(String(h[i]), h[i + 1]);
      return reply.code(a.status).send(a.body);
    }
    // `negotiate`: the plugin picks the coding, and the ETag and 304 follow it (encodedRead)
    reply.header('cache-control', cacheControlOf(req.url));
    reply.type(hit.type ?? 'application/json; charset=utf-8');
    reply.headers(readVary(size));
    reply.header('etag', hit.etag);
    return reply.send(hit.body);
  };
}

/** The onSend hook: a successful read's ETag and Cache-Control, and its bytes kept by revision. */
function readEtag(ctx: ApiContext, marks: ReadMarks): onSendHookHandler {
  return async (req, reply, payload) => {
    if (
      marks.fromCache.has(req) ||
      !isRead(req.method) ||
      reply.statusCode !== 200 ||
      (typeof payload !== 'string' && !Buffer.isBuffer(payload))
    )
      return payload;
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    // a worker failed meanwhile (the summary then could not tell whether a projection exists):
    // an answer for now, neither kept here nor by a client, so that the next read asks again
    const passing = marks.missedAt.has(req) && marks.missedAt.get(req) !== ctx.missed();
    if (passing) reply.header('cache-control', 'no-store');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', cacheControlOf(req.url));
    const revision = marks.revisionOf.get(req);
    const key = passing ? undefined : marks.readKey.get(req);
    // the plugin says Vary only when it compresses; every read it may compress says it on every
    // answer (API reads, the dashboard's files, the OpenAPI document)
    if (!reply.hasHeader('vary')) reply.headers(readVary(Buffer.byteLength(payload)));
    if (revision !== undefined && key !== undefined && typeof payload === 'string') {
      ctx.responses.set(key, {
        revision,
        body: Buffer.from(payload),
        etag,
        type: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      });
      ctx.hot.remember(req.url, key);
    }
    return payload;
  };
}

/**
 * The onSend hook that runs after compression: a body the plugin encoded gets its coding's ETag
 * (RFC 9110 §8.8.3, cache.ts), and If-None-Match is compared with the tag of the representation
 * this request gets — a 304 only for the one the client holds.
 */
function encodedRead(settled: WeakSet<FastifyRequest>): onSendHookHandler {
  return async (req, reply, payload) => {
    const etag = reply.getHeader('etag');
    if (typeof etag !== 'string' || settled.has(req)) return payload;
    const coding = reply.getHeader('content-encoding');
    const tag =
      typeof coding === 'string' && coding !== 'identity' ? encodedEtag(etag, coding) : etag;
    if (tag !== etag) reply.header('etag', tag);
    if (
      !isRead(req.method) ||
      reply.statusCode !== 200 ||
      !noneMatch(req.headers['if-none-match'], tag)
    )
      return payload;
    // a 304 has no body (RFC 9110 §15.4.5): the compressed stream is dropped unread
    if (payload instanceof Readable) payload.destroy();
    reply.removeHeader('content-encoding').removeHeader('content-length').code(304);
    return '';
  };
}
