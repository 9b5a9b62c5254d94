import type { z } from 'zod';
import { bracketedKeys } from './request.js';

/**
 * The cache key of a public read: the path and only the query parameters the route knows, sorted
 * — an unknown parameter (`x=1`, `x=2`, …) maps to the same key and cannot grow the cache. The
 * route's schema drops unknown parameters too, so the same key always has the same response. A
 * known parameter in a bracketed form (`election[]=x`) has no key: the route refuses it (parseQuery).
 */
export function readCacheKey(
  url: string,
  query: unknown,
  schema: z.ZodObject | undefined,
): string | undefined {
  if (schema === undefined) return undefined;
  const path = url.split('?')[0] ?? url;
  const known = Object.keys(schema.shape);
  if (bracketedKeys(query, known).length > 0) return undefined;
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const pairs = known
    .filter((k) => q[k] !== undefined)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(JSON.stringify(q[k]))}`);
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

/** The content codings whose ETag suffix is shorter than their name. */
const CODING_TAG: Readonly<Record<string, string>> = { gzip: 'gz' };

/**
 * RFC 9110 §8.8.3: a strong validator differs between representations, so a body sent with a
 * content coding has the identity body's ETag with the coding inside the quotes (`"…-gz"`,
 * `"…-br"`); the identity body keeps the plain tag.
 */
export function encodedEtag(etag: string, coding: string): string {
  return `${etag.slice(0, -1)}-${CODING_TAG[coding] ?? coding}"`;
}

/**
 * RFC 9110 §13.1.2 If-None-Match: `*`, or a list of entity tags compared weakly (a `W/` prefix on
 * either side is ignored).
 */
export function noneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return true;
  const opaque = (t: string): string => t.trim().replace(/^W\//, '');
  const want = opaque(etag);
  return (text.match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => opaque(t) === want);
}
