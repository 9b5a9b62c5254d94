import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { issue } from '../core/issues.js';

/** The dashboard's own scripts, styles and data only; no framing anywhere. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** API documents are data: nothing in them may run or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The security headers of a response to `url`: no sniffing, no framing, a CSP for pages and data. */
export function securityHeaders(url: string): Readonly<Record<string, string>> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': url.startsWith('/api/') ? API_CSP : DASHBOARD_CSP,
  };
}

/** Security headers on every response the framework sends (hot-reads.ts sends the same). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.headers(securityHeaders(req.url));
    return payload;
  });
}

/**
 * Requests Node refuses before Fastify sees them (headers too large: 431, a timeout: 408, a
 * malformed request: 400) answered in our error shape, and the connection closed.
 */
export const clientErrorHandler: NonNullable<FastifyServerOptions['clientErrorHandler']> = (
  err,
  socket,
) => {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const [status, text] =
    code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout']
        : [400, 'Bad Request'];
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({
    error: 'invalid_query',
    issues: [issue('invalid_query', ['request'], { reason: text, status })],
  });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n` +
      `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
};

/**
 * Structured request logs (pino, as Fastify writes them) on stderr: method, URL, status, time,
 * address — never a header, so never the token; 5xx with the error.
 */
export function loggerOptions(enabled: boolean): FastifyServerOptions['logger'] {
  if (!enabled) return false;
  return {
    level: 'info',
    stream: process.stderr,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
  };
}
