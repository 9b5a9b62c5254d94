import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { issue } from '../core/issues.js';
import { PROJECT_ROOT } from '../io/paths.js';
import { getMesasCsv, type MesasCsv } from '../results/unit-mesas.js';
import { encodedEtag, noneMatch } from './cache.js';
import { cacheControlOf, type ApiContext } from './context.js';
import { IssueError, unwrap } from './errors.js';
import type { StreamSlots } from './guard.js';
import { readVary } from './hot-reads.js';

/** Seconds a client refused for a full house of streams is told to wait (Retry-After). */
const BUSY_RETRY_SECONDS = 10;

/** cifra's version: a new one may write other bytes at the same revision (the ETag names it). */
let version: string | undefined;
function cifraVersion(): string {
  if (version === undefined) {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    version = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  }
  return version;
}

/**
 * The CSV's ETag before a byte is written: its bytes are a function of cifra's version, the
 * election, the snapshot's revision (the one the lines are read from) and the stamp of the files
 * the documents are read from besides the store (StoreRevision.definitions), so these name
 * them — a strong validator (RFC 9110 §8.8.3) without reading the ~29 MB first.
 */
export function mesasCsvEtag(
  csv: Pick<MesasCsv, 'election' | 'revision'>,
  definitions: string,
): string {
  const h = createHash('sha1').update(
    `${cifraVersion()}\0${csv.election}\0${csv.revision}\0${definitions}`,
  );
  return `"mesas-${h.digest('base64url')}"`;
}

/**
 * The If-None-Match tag this request holds of this revision: the identity body's, or a coding's
 * it accepts (every coding of one revision is the same CSV), else undefined.
 */
function heldTag(req: FastifyRequest, etag: string): string | undefined {
  const tags = req.headers['if-none-match'];
  if (tags === undefined) return undefined;
  const accepted = String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .map((c) => c.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter((c) => c !== '' && c !== 'identity' && c !== '*');
  return [etag, ...accepted.map((c) => encodedEtag(etag, c))].find((t) => noneMatch(tags, t));
}

/**
 * `/api/v1/results?level=mesa&format=csv` without a unit: every mesa of the election, streamed.
 * A client holding this revision's CSV gets a 304 with no tabulation; a new stream needs a slot
 * (`limits.mesaCsvStreams`), else 503 `server_busy` with Retry-After; a HEAD gets the ETag and
 * type and neither a slot nor a line. The ETag is set here (the
 * read hooks tag only bodies they hold); the compression plugin's coding is added to it after
 * (read-hooks.ts encodedRead).
 */
export function nationalMesasCsv(ctx: ApiContext, slots: StreamSlots) {
  return async (req: FastifyRequest, reply: FastifyReply, election: string | undefined) => {
    const csv = unwrap(await getMesasCsv(ctx.store, election));
    // the definition files as of now: a manifest edited without an import is another CSV
    await ctx.revision.current();
    const etag = mesasCsvEtag(csv, ctx.revision.definitions());
    reply.header('cache-control', cacheControlOf(req.url)).headers(readVary(Infinity));
    const held = heldTag(req, etag);
    // a 304 has no body (RFC 9110 §15.4.5): the lines are never read, so nothing is tabulated
    if (held !== undefined) return reply.code(304).header('etag', held).send();
    const tagged = (): FastifyReply => reply.header('etag', etag).type('text/csv; charset=utf-8');
    // a HEAD is the GET's header fields without its body (RFC 9110 §9.3.2): no stream, no slot
    if (req.method === 'HEAD') return tagged().send();
    const release = slots.take();
    if (release === null)
      throw new IssueError(
        503,
        [
          issue('server_busy', ['query', 'format'], {
            running: slots.running,
            retryAfterSeconds: BUSY_RETRY_SECONDS,
          }),
        ],
        { 'retry-after': String(BUSY_RETRY_SECONDS) },
      );
    reply.raw.once('close', release);
    reply.raw.once('finish', release);
    return tagged().send(Readable.from(csv.lines));
  };
}
