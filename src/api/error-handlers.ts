import type { FastifyInstance } from 'fastify';
import { issue } from '../core/issues.js';
import { IssueError } from './errors.js';

/**
 * Errors → HTTP in one place: coded issues with their status (statusOf) and the list; anything
 * else 500 without internals. An unknown URL is 404 `not_found`.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof IssueError)
      return reply
        .status(err.status)
        .headers(err.headers)
        .header('cache-control', 'no-store')
        .send({ error: err.issues[0]?.code ?? 'issue', issues: err.issues });
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413) {
      const limit = req.routeOptions.bodyLimit ?? null;
      return reply
        .status(413)
        .header('cache-control', 'no-store')
        .send({ error: 'body_too_large', issues: [issue('body_too_large', ['body'], { limit })] });
    }
    // the framework's own refusals of a malformed request (a wrong content-length, an unknown
    // content-encoding): its 4xx status, as a coded issue
    if (status !== undefined && status >= 400 && status < 500) {
      const e = err as { message?: string; code?: string };
      return reply
        .status(status)
        .header('cache-control', 'no-store')
        .send({
          error: 'invalid_query',
          issues: [
            issue('invalid_query', ['request'], {
              message: String(e.message ?? ''),
              ...(e.code ? { fastify: e.code } : {}),
            }),
          ],
        });
    }
    req.log.error(err);
    return reply
      .status(500)
      .header('cache-control', 'no-store')
      .send({ error: 'internal_error', issues: [issue('internal_error', ['request'], {})] });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({
      error: 'not_found',
      issues: [issue('not_found', ['url'], { url: req.url.split('?')[0] })],
    }),
  );
}
