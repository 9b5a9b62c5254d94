import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { issue } from '../core/issues.js';
import { EMBED_PAGE } from './site-files.js';

/** The dashboard's own scripts, styles and data only; no framing anywhere. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** API documents are data: nothing in them may run or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The embeddable page (web/embed.ts: the headline, the map or the count's course): the dashboard's
 * CSP, but any site may frame it — a newsroom's page. It only shows figures; its link and a click
 * on the map open the dashboard outside the frame (a new tab): nothing to click into doing in it.
 * An operator who wants to name the sites sets frame-ancestors at the proxy.
 */
export const EMBED_CSP = DASHBOARD_CSP.replace("frame-ancestors 'none'", 'frame-ancestors *');

/** The security headers of a response to `url`: no sniffing, no framing, a CSP for pages and data. */
export function securityHeaders(url: string): Readonly<Record<string, string>> {
  if ((url.split('?', 1)[0] ?? url) === EMBED_PAGE)
    return {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': EMBED_CSP,
    };
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': url.startsWith('/api/') ? API_CSP : DASHBOARD_CSP,
  };
}

/**
 * CORS for public reads: any origin may read them (a newsroom page on its own origin). The value
 * is the same for every request, so no `Vary: Origin`, and the hot paths send it with their
 * precomputed bytes. ETag is exposed so that a page can send If-None-Match itself. Writes carry
 * a bearer token and get no CORS: a browser on another origin cannot send one (README, "CORS").
 */
export const PUBLIC_READ_CORS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag',
};

/** Whether a request is a public read of the API (GET or HEAD under /api/). */
export const isPublicRead = (method: string, url: string): boolean =>
  (method === 'GET' || method === 'HEAD') && url.startsWith('/api/');

/**
 * Whether a request is a public computation: a POST to a route of the table that writes nothing
 * and takes no token (the what-if). CORS-open like a read (ADR 014, addendum on the what-if).
 */
export const isPublicPost = (method: string, routeConfig: unknown): boolean =>
  method === 'POST' && (routeConfig as { write?: unknown } | undefined)?.write === false;

/**
 * Security headers on every response the framework sends (hot-reads.ts sends the same), and CORS
 * on every answer to a public read or computation (errors and 304s too: a page must be able to
 * read a 404 or a 422's issues).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.headers(securityHeaders(req.url));
    if (isPublicRead(req.method, req.url) || isPublicPost(req.method, req.routeOptions.config))
      reply.headers(PUBLIC_READ_CORS);
    return payload;
  });
}

/** What a preflight for a public read is told (Fetch standard, CORS protocol): a day's cache. */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD',
  'access-control-allow-headers': 'If-None-Match',
  'access-control-max-age': '86400',
};

/**
 * What a preflight for a public computation is told: POST with a JSON body (a `Content-Type` of
 * application/json is not a "simple" header, so a browser asks first), a day's cache.
 */
export const POST_PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'Content-Type',
  'access-control-max-age': '86400',
};

/**
 * Requests Node refuses before Fastify sees them (headers too large: 431, a timeout: 408, a
 * malformed request: 400) answered in our error shape, and the connection closed. A timeout is
 * judged a turn later (`lateTimeout`).
 */
export const clientErrorHandler: NonNullable<FastifyServerOptions['clientErrorHandler']> = (
  err,
  socket,
) => {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return lateTimeout(socket, () => refuse(code, socket));
  refuse(code, socket);
};

/**
 * Node's connections check is a timer: after the event loop was held past the headers timeout (a
 * cold document computed on it, a loaded machine), it runs before the loop reads the bytes that
 * came in meanwhile, and a request sent in time got the 408 (a live replay, review 22). The
 * verdict waits for that read (setImmediate runs after the loop's I/O): a request head Node parsed
 * meanwhile is answered as usual; a client that sent no whole head in time still gets the 408.
 */
function lateTimeout(socket: Duplex, refuse: () => void): void {
  const before = LAST_REQUEST.get(socket);
  setImmediate(() => {
    const req = LAST_REQUEST.get(socket);
    if (req === before) return refuse();
    // Node stops timing a connection it judged timed out: a head read in that turn whose body
    // never comes would hold it for ever (review 23 M1); the request timeout still ends it
    if (req !== undefined && !req.complete) untilComplete(socket, req);
  });
}

/** Ends `socket` if `req` is not complete within the server's request timeout. */
function untilComplete(socket: Duplex, req: IncomingMessage): void {
  const ms = (socket as Duplex & { server?: { requestTimeout?: number } }).server?.requestTimeout;
  if (!ms) return;
  const timer = setTimeout(() => {
    if (!req.complete) socket.destroy();
  }, ms);
  timer.unref();
  const clear = (): void => clearTimeout(timer);
  req.once('end', clear);
  socket.once('close', clear);
}

function refuse(code: string, socket: Duplex): void {
  const [status, text] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout']
        : [400, 'Bad Request'];
  const body = JSON.stringify({
    error: 'invalid_query',
    issues: [issue('invalid_query', ['request'], { reason: text, status })],
  });
  afterOwedAnswers(socket, () =>
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    ),
  );
}

/** Node's answer in progress on a socket (an internal field: Node's own error path reads it too). */
type OwedAnswer =
  | {
      readonly headersSent: boolean;
      readonly req?: { readonly complete: boolean };
      once(event: 'finish' | 'close', f: () => void): unknown;
    }
  | null
  | undefined;

/** Each socket's last request Node parsed (its answer may be sent before its body is complete). */
const LAST_REQUEST = new WeakMap<Duplex, IncomingMessage>();

/** Called for every request Node hands the server, before it is answered. */
export function noteRequest(req: IncomingMessage): void {
  LAST_REQUEST.set(req.socket, req);
}

/** Sockets whose error answer waits for an owed answer to finish. */
const WAITING = new WeakSet<Duplex>();

/**
 * Writes the error answer only after the answers owed to the complete requests pipelined before
 * the bad one: written at once, it would stand in their place and the client would read it as the
 * answer to an earlier request (a desync a reused proxy connection propagates). Node puts the next
 * queued answer on the socket when one finishes, hence the look again a turn later. The bad
 * request's own answer (its request incomplete): if Node already began it, no second answer is
 * written and the socket closes after it; if not, the error answer is its answer.
 */
function afterOwedAnswers(socket: Duplex, write: () => void): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // Node calls clientError again for every later chunk of a failed socket: one wait is enough
  if (WAITING.has(socket)) return;
  const owed = (socket as Duplex & { _httpMessage?: OwedAnswer })._httpMessage;
  if (owed === null || owed === undefined) {
    // the bad bytes are the body of a request already answered in full (a GET is answered
    // without waiting for its body): a 400 now would be an answer nobody asked for
    if (LAST_REQUEST.get(socket)?.complete === false) socket.end();
    else write();
    return;
  }
  const own = owed.req?.complete !== true;
  if (own && !owed.headersSent) return write();
  WAITING.add(socket);
  let again = false;
  const next = (): void => {
    if (again) return;
    again = true;
    setImmediate(() => {
      WAITING.delete(socket);
      if (own) socket.end();
      else afterOwedAnswers(socket, write);
    });
  };
  owed.once('finish', next);
  owed.once('close', next);
}

/**
 * A request whose Transfer-Encoding does not end in chunked has a body of no knowable length
 * (RFC 9112 §6.3: the server MUST answer 400 and close the connection). Node's parser reads such a
 * body until the connection ends, so the request was answered and then refused again at the end:
 * two answers for one request. Refused here, before any read (a cached one included) answers it.
 */
export function registerTransferEncodingCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const te = req.headers['transfer-encoding'];
    if (te === undefined || /(?:^|,)[ \t]*chunked[ \t]*$/i.test(te)) return;
    return reply
      .code(400)
      .header('connection', 'close')
      .header('cache-control', 'no-store')
      .send({
        error: 'invalid_query',
        issues: [
          issue('invalid_query', ['request', 'transfer-encoding'], {
            reason: 'Bad Request',
            status: 400,
          }),
        ],
      });
  });
}

/** Our error code of each 4xx/5xx response (the `error` of its body), for its request-log line. */
const errorCodes = new WeakMap<object, string>();

/** Notes the error code of every error body sent (`{ error: code, issues }`), in one place. */
export function registerErrorCodes(app: FastifyInstance): void {
  app.addHook('preSerialization', async (_req, reply, payload) => {
    if (reply.statusCode >= 400 && typeof payload === 'object' && payload !== null) {
      const code = (payload as { error?: unknown }).error;
      if (typeof code === 'string') errorCodes.set(reply, code);
    }
    return payload;
  });
}

/** pino's levels that `cifra serve --log-level` takes, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Structured request logs (pino, as Fastify writes them) on stderr: method, URL, status, time,
 * address — never a header, so never the token; a 4xx/5xx line with our error code (`res.code`,
 * docs/errors.md); 5xx with the error. `true` is `info` (a line per request, Fastify's level for
 * them); `warn` or `error` leave only the server's own errors (5xx, a failed recording).
 */
export function loggerOptions(
  level: boolean | LogLevel,
): NonNullable<FastifyServerOptions['logger']> {
  if (level === false) return false;
  return {
    level: level === true ? 'info' : level,
    stream: process.stderr,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
    serializers: {
      res: (reply) => {
        const code = errorCodes.get(reply);
        return code === undefined
          ? { statusCode: reply.statusCode }
          : { statusCode: reply.statusCode, code };
      },
    },
  };
}
