import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { issue, type Issue } from '../core/issues.js';
import { IssueError, statusOf } from './errors.js';

/**
 * What one server accepts, so that no client — authenticated or not — can exhaust it: body sizes
 * per route, how long a request may take to arrive, how many uploads run or wait at once, how
 * many failed token checks an address gets, the bytes of cached responses, the projection's
 * simulations and concurrent computations.
 */
export interface ServerLimits {
  /** The largest upload (POST /imports). */
  readonly uploadBytes: number;
  /** The largest correction body (one acta as JSON). */
  readonly correctionBytes: number;
  /** Time to receive a request's headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, body included (a trickling upload ends here). */
  readonly requestTimeoutMs: number;
  /** A connection idle this long is closed. */
  readonly idleTimeoutMs: number;
  /** Writes (imports, corrections) running or waiting at once; past that: 503 server_busy. */
  readonly writeSlots: number;
  /**
   * Failed token checks an address may make per window; past that, a wrong or missing token gets
   * 429 too_many_requests (the right one still passes).
   */
  readonly authFailures: number;
  readonly authWindowMs: number;
  /** Bytes of public read responses kept (keys included). */
  readonly readCacheBytes: number;
  /** Cached bodies at least this large are gzipped once per revision, not per request. */
  readonly precompressBytes: number;
  /** Simulations a caller without the token may ask of a projection. */
  readonly anonymousSims: number;
  /** Projections computing (each on a worker thread) and waiting; past that: 503 server_busy. */
  readonly projectionWorkers: number;
  readonly projectionQueue: number;
  /** What-if computations (each on a worker thread) and waiting; past that: 503 server_busy. */
  readonly whatIfWorkers: number;
  readonly whatIfQueue: number;
  /**
   * Streams of the nation's mesa CSV at once (each tabulates every mesa and sends ~29 MB); past
   * that: 503 server_busy. A client holding the current revision's CSV gets its 304 regardless.
   */
  readonly mesaCsvStreams: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  uploadBytes: 64 * 1024 * 1024,
  correctionBytes: 64 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  idleTimeoutMs: 30_000,
  writeSlots: 2,
  authFailures: 20,
  authWindowMs: 60_000,
  readCacheBytes: 64 * 1024 * 1024,
  // the compression plugin's threshold: every cached body it would gzip is gzipped once
  precompressBytes: 1024,
  anonymousSims: 5_000,
  projectionWorkers: 1,
  projectionQueue: 4,
  whatIfWorkers: 1,
  whatIfQueue: 8,
  mesaCsvStreams: 2,
};

export { IssueError } from './errors.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when the request carries the bearer token whose SHA-256 is `tokenHash`. */
export function hasToken(req: FastifyRequest, tokenHash: string | null): boolean {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!m || tokenHash === null) return false;
  const given = Buffer.from(hashToken(m[1] as string), 'hex');
  const want = Buffer.from(tokenHash, 'hex');
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Failed token checks per address in fixed windows; bounded so addresses cannot grow it. */
class AuthFailures {
  private readonly by = new Map<string, { start: number; n: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: () => number,
  ) {}
  blocked(ip: string): number {
    const e = this.by.get(ip);
    const t = this.clock();
    if (!e || t - e.start >= this.windowMs) return 0;
    return e.n >= this.max ? Math.ceil((e.start + this.windowMs - t) / 1000) : 0;
  }
  fail(ip: string): void {
    const t = this.clock();
    const e = this.by.get(ip);
    if (e && t - e.start < this.windowMs) e.n++;
    else {
      if (this.by.size >= 10_000) this.by.clear();
      this.by.set(ip, { start: t, n: 1 });
    }
  }
}

/**
 * Write routes are checked when the request arrives, before a byte of the body is read: the
 * token, or else the address's failed attempts (429) and the refusal (401); a free write slot
 * (503). The address is the socket's, or with `trustProxy` the one the proxy saw. A refused request's
 * connection is closed rather than drained. Slots are given back when the response ends or the
 * client goes away.
 */
export function registerWriteGuard(
  app: FastifyInstance,
  o: {
    readonly tokenHash: string | null;
    readonly limits: ServerLimits;
    readonly clock?: () => number;
  },
): void {
  const failures = new AuthFailures(
    o.limits.authFailures,
    o.limits.authWindowMs,
    o.clock ?? Date.now,
  );
  let busy = 0;
  const refuse = (issues: Issue[], headers: Record<string, string> = {}): never => {
    throw new IssueError(statusOf(issues), issues, { connection: 'close', ...headers });
  };
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if ((req.routeOptions.config as { write?: boolean } | undefined)?.write !== true) return;
    // the valid token is never locked out: behind a proxy every client shares one address, and
    // wrong guesses from anyone must not stop the night's uploads (review 8); the lockout only
    // slows guessing, which a long random token makes hopeless anyway (README, "API")
    if (!hasToken(req, o.tokenHash)) {
      const wait = failures.blocked(req.ip);
      if (wait > 0)
        refuse([issue('too_many_requests', ['authorization'], { retryAfterSeconds: wait })], {
          'retry-after': String(wait),
        });
      failures.fail(req.ip);
      refuse([
        issue('unauthorized', ['authorization'], {
          writes: o.tokenHash ? 'enabled' : 'disabled: start the server with a token',
        }),
      ]);
    }
    if (busy >= o.limits.writeSlots)
      refuse([issue('server_busy', ['imports'], { running: busy, retryAfterSeconds: 5 })], {
        'retry-after': '5',
      });
    busy++;
    let released = false;
    const release = (): void => {
      if (!released) busy--;
      released = true;
    };
    reply.raw.once('close', release);
    reply.raw.once('finish', release);
  });
}

/**
 * The streams of the nation's mesa CSV open now, at most `max`: each tabulates every mesa and
 * sends ~29 MB, so a flood of them on election night cannot take the server's CPU and memory.
 */
export class StreamSlots {
  private open = 0;
  constructor(readonly max: number) {}

  get running(): number {
    return this.open;
  }

  /** A slot's release (idempotent), or null when every slot is taken. */
  take(): (() => void) | null {
    if (this.open >= this.max) return null;
    this.open++;
    let released = false;
    return () => {
      if (!released) this.open--;
      released = true;
    };
  }
}
