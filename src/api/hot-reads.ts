import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ByteBoundedCache, CachedResponse } from './byte-cache.js';
import { encodedEtag, noneMatch } from './cache.js';
import { PUBLIC_READ_CORS, securityHeaders } from './http-safety.js';

/** Bodies below this are sent as they are (the compression plugin's threshold, server.ts). */
export const COMPRESS_THRESHOLD = 1024;
/** Request URLs remembered (each names a cached response); past it the list starts again. */
const MAX_URLS = 4096;
/** A longer URL is not remembered (a flood of long unknown parameters cannot fill memory). */
const MAX_URL_LENGTH = 512;

/** RFC 9110 §12.5.3: Accept-Encoding lists gzip with a weight above 0. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  return text.split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (coding !== 'gzip') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * RFC 9110 §12.5.5: a body the compression plugin may compress varies by Accept-Encoding, so
 * every answer of it says so — without Accept-Encoding too, and on a 304 — or a shared cache could
 * keep one encoding for all.
 */
export function readVary(size: number): Readonly<Record<string, string>> {
  return size >= COMPRESS_THRESHOLD ? { vary: 'accept-encoding' } : {};
}

/** The cached response with its gzip made (once per revision: the cache keeps it). */
export function withGzip(
  cache: ByteBoundedCache,
  key: string,
  hit: CachedResponse,
): CachedResponse {
  if (hit.gzip !== undefined) return hit;
  const made = { ...hit, gzip: gzipSync(hit.body) };
  cache.set(key, made);
  return made;
}

/** The request headers the cached answer reads; Node leaves an absent header undefined. */
export type RequestHeaders = {
  readonly 'if-none-match'?: string | string[] | undefined;
  readonly 'accept-encoding'?: string | undefined;
};

/**
 * How a cached response answers a request — decided here once for the hot path and the
 * framework's cached-read hook (server.ts): the bytes as they are (a body under the compression
 * threshold, or no Accept-Encoding), the gzip made once per revision (RFC 9110 §12.5.3), a 304 for
 * either when If-None-Match names that representation's own ETag (RFC 9110 §8.8.3, §13.1.2: a
 * client that kept the gzip gets a 304 only when it would get the gzip again), or `negotiate`:
 * another encoding, or a body the compression plugin compresses per request (its ETag and 304 are
 * then decided after the plugin, server.ts).
 */
export type CachedAnswer =
  'plain' | 'plain-not-modified' | 'gzip' | 'gzip-not-modified' | 'negotiate';

export function cachedAnswer(
  hit: CachedResponse,
  size: number,
  headers: RequestHeaders,
  precompressBytes: number,
): CachedAnswer {
  const encoding = headers['accept-encoding'];
  const tags = headers['if-none-match'];
  if (size < COMPRESS_THRESHOLD || encoding === undefined)
    return noneMatch(tags, hit.etag) ? 'plain-not-modified' : 'plain';
  if (size < precompressBytes || !acceptsGzip(encoding)) return 'negotiate';
  return tags !== undefined && noneMatch(tags, encodedEtag(hit.etag, 'gzip'))
    ? 'gzip-not-modified'
    : 'gzip';
}

/** A hot answer: its headers array is made once per response variant, so it names its bytes. */
export interface HotAnswer {
  readonly status: 200 | 304;
  readonly headers: OutgoingHttpHeader[];
  readonly body?: string | Buffer | undefined;
}

/** A cached response's headers as sent, made once per response (the framework's path sends the same). */
interface Variants {
  readonly size: number;
  readonly notModified: OutgoingHttpHeader[];
  readonly plain: OutgoingHttpHeader[];
  readonly gzipNotModified: OutgoingHttpHeader[];
  /** Only once the gzip is made. */
  readonly gzip?: OutgoingHttpHeader[];
}

function variantsOf(url: string, hit: CachedResponse, cacheControl: string): Variants {
  const size = Buffer.byteLength(hit.body);
  const common = Object.entries({
    'content-type': hit.type ?? 'application/json; charset=utf-8',
    'cache-control': cacheControl,
    // only API reads are cached (server.ts), so every entry has the API's CSP
    ...securityHeaders(url),
    ...PUBLIC_READ_CORS,
    ...readVary(size),
  }).flat();
  const plain = [...common, 'etag', hit.etag];
  const gzip = [...common, 'etag', encodedEtag(hit.etag, 'gzip')];
  return {
    size,
    notModified: plain,
    plain: [...plain, 'content-length', String(size)],
    gzipNotModified: gzip,
    ...(hit.gzip
      ? { gzip: [...gzip, 'content-encoding', 'gzip', 'content-length', String(hit.gzip.length)] }
      : {}),
  };
}

/**
 * Repeated public reads answered by the HTTP server before the framework sees them: a request URL
 * seen before names its normalised cache key; when that key's response is cached at the current
 * store revision, its bytes (or their gzip, or a 304) are written with no routing, parsing, hooks,
 * serialization or request log. Anything else — another method, an unknown URL, a revision not
 * checked lately, an encoding we have not made — goes on to the framework, which answers it and
 * fills the cache.
 */
export class HotReads {
  private readonly keys = new Map<string, string>();
  private readonly variants = new WeakMap<CachedResponse, Variants>();

  constructor(
    private readonly cache: ByteBoundedCache,
    /** The store revision if checked lately (server.ts's TTL), else undefined. */
    private readonly revision: () => string | undefined,
    /** The Cache-Control of a read of this URL (context.ts cacheControlOf). */
    private readonly cacheControl: (url: string) => string,
    private readonly precompressBytes: number,
  ) {}

  /** Remembers that this request URL reads the response cached under `key`. */
  remember(url: string, key: string): void {
    if (url.length > MAX_URL_LENGTH || this.keys.get(url) === key) return;
    if (this.keys.size >= MAX_URLS) this.keys.clear();
    this.keys.set(url, key);
  }

  /** True when the store's revision has not been checked lately: no answer until it is. */
  stale(): boolean {
    return this.revision() === undefined;
  }

  /**
   * The cached answer to a request (status, headers as sent, body), or undefined to leave it to
   * the framework. Shared by `serve` and the raw fast path (raw-hot.ts), so both answer alike.
   */
  answer(
    method: string | undefined,
    url: string | undefined,
    headers: RequestHeaders,
  ): HotAnswer | undefined {
    if (method !== 'GET' || url === undefined) return undefined;
    const key = this.keys.get(url);
    if (key === undefined) return undefined;
    const revision = this.revision();
    const hit = revision === undefined ? undefined : this.cache.get(key);
    if (hit === undefined || hit.revision !== revision) return undefined;
    const answer = cachedAnswer(
      hit,
      this.variantsOf(url, hit).size,
      headers,
      this.precompressBytes,
    );
    return answer === 'negotiate' ? undefined : this.answerOf(url, key, hit, answer);
  }

  /**
   * The status, headers (in the order sent) and body of a decided cached answer: the hot paths
   * send these, and the framework's cached-read hook too (server.ts), so all answer alike.
   */
  answerOf(
    url: string,
    key: string,
    cached: CachedResponse,
    answer: Exclude<CachedAnswer, 'negotiate'>,
  ): HotAnswer {
    let hit = cached;
    let v = this.variantsOf(url, hit);
    if (answer === 'plain-not-modified') return { status: 304, headers: v.notModified };
    if (answer === 'gzip-not-modified') return { status: 304, headers: v.gzipNotModified };
    if (answer === 'plain') return { status: 200, headers: v.plain, body: hit.body };
    if (v.gzip === undefined) {
      hit = withGzip(this.cache, key, hit);
      v = this.variantsOf(url, hit);
    }
    if (v.gzip === undefined) throw new Error('a gzip variant without its bytes');
    return { status: 200, headers: v.gzip, body: hit.gzip };
  }

  /** Answers the request from the cache and returns true; false leaves it to the framework. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    // a body of unknowable length is refused by the framework (registerTransferEncodingCheck)
    if (req.headers['transfer-encoding'] !== undefined) return false;
    const a = this.answer(req.method, req.url, req.headers);
    if (a === undefined) return false;
    if (a.body === undefined) res.writeHead(a.status, a.headers).end();
    else res.writeHead(a.status, a.headers).end(a.body);
    return true;
  }

  /** The response's headers as sent, made at its first hot answer. */
  private variantsOf(url: string, hit: CachedResponse): Variants {
    let v = this.variants.get(hit);
    if (v === undefined) {
      v = variantsOf(url, hit, this.cacheControl(url));
      this.variants.set(hit, v);
    }
    return v;
  }
}
