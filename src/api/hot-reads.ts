import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ByteBoundedCache, CachedResponse } from './byte-cache.js';
import { noneMatch } from './cache.js';
import { securityHeaders } from './http-safety.js';

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

/** The cached response with its gzip made (once per revision: the cache keeps it). */
export function withGzip(cache: ByteBoundedCache, key: string, hit: CachedResponse): Buffer {
  if (hit.gzip !== undefined) return hit.gzip;
  const gzip = gzipSync(hit.body);
  cache.set(key, { ...hit, gzip });
  return gzip;
}

/** The headers of a cached response as sent: the framework's path sends the same ones. */
function headersOf(url: string, hit: CachedResponse, cacheControl: string): OutgoingHttpHeader[] {
  const h: Record<string, string> = {
    'content-type': hit.type ?? 'application/json; charset=utf-8',
    etag: hit.etag,
    'cache-control': cacheControl,
    ...securityHeaders(url),
  };
  return Object.entries(h).flat();
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
  private readonly headers = new WeakMap<CachedResponse, readonly OutgoingHttpHeader[]>();

  constructor(
    private readonly cache: ByteBoundedCache,
    /** The store revision if checked lately (server.ts's TTL), else undefined. */
    private readonly revision: () => string | undefined,
    private readonly cacheControl: string,
    private readonly precompressBytes: number,
  ) {}

  /** Remembers that this request URL reads the response cached under `key`. */
  remember(url: string, key: string): void {
    if (url.length > MAX_URL_LENGTH || this.keys.get(url) === key) return;
    if (this.keys.size >= MAX_URLS) this.keys.clear();
    this.keys.set(url, key);
  }

  /** Answers the request from the cache and returns true; false leaves it to the framework. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url;
    if (req.method !== 'GET' || url === undefined) return false;
    const key = this.keys.get(url);
    if (key === undefined) return false;
    const revision = this.revision();
    const hit = revision === undefined ? undefined : this.cache.get(key);
    if (hit === undefined || hit.revision !== revision) return false;
    let common = this.headers.get(hit);
    if (common === undefined) {
      common = headersOf(url, hit, this.cacheControl);
      this.headers.set(hit, common);
    }
    const size = Buffer.byteLength(hit.body);
    const headers =
      size >= COMPRESS_THRESHOLD ? [...common, 'vary', 'accept-encoding'] : [...common];
    if (noneMatch(req.headers['if-none-match'], hit.etag)) {
      res.writeHead(304, headers).end();
      return true;
    }
    if (size < COMPRESS_THRESHOLD || !acceptsGzip(req.headers['accept-encoding'])) {
      if (size >= COMPRESS_THRESHOLD && req.headers['accept-encoding'] !== undefined) return false;
      res.writeHead(200, [...headers, 'content-length', String(size)]).end(hit.body);
      return true;
    }
    if (size < this.precompressBytes) return false;
    const gzip = withGzip(this.cache, key, hit);
    headers.push('content-encoding', 'gzip', 'content-length', String(gzip.length));
    res.writeHead(200, headers).end(gzip);
    return true;
  }
}
