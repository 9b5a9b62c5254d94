import type { FastifyInstance, HTTPMethods } from 'fastify';
import { issue } from '../core/issues.js';
import { storeFault } from '../store/store.js';
import { hasDeploymentFault, IssueError, publicIssues, statusOf } from './errors.js';
import { POST_PREFLIGHT_HEADERS, PREFLIGHT_HEADERS } from './http-safety.js';

/**
 * Errors → HTTP in one place: coded issues with their status (statusOf) and the list; anything
 * else 500 without internals. An unknown URL is 404 `not_found`.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof IssueError) {
      // the operator reads the whole fault (its file's path) in the log; the client, its code
      if (hasDeploymentFault(err.issues)) req.log.error({ issues: err.issues }, 'deployment fault');
      return reply
        .status(err.status)
        .headers(err.headers)
        .header('cache-control', 'no-store')
        .send({ error: err.issues[0]?.code ?? 'issue', issues: publicIssues(err.issues) });
    }
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
    // a full disk (or a read-only or newer store): coded, with its status (errors.ts)
    const fault = storeFault(err);
    if (fault)
      return reply
        .status(statusOf([fault]))
        .header('cache-control', 'no-store')
        .send({ error: fault.code, issues: [fault] });
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

/** The methods Fastify routes; a path that takes some of them answers the rest with 405. */
const METHODS: readonly HTTPMethods[] = [
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
];

/**
 * A route's config that marks it as the 405 of a path's other methods, or as the CORS preflight
 * of a public read path (neither is a route of its own).
 */
export interface MethodNotAllowedConfig {
  readonly methodNotAllowed: true;
}

/**
 * A known path asked with a method it does not take is 405 with `Allow` (RFC 9110 §15.5.6), not
 * 404: for each path registered so far (`routes`, every method but HEAD), a route for the other
 * methods that refuses at onRequest, before any body is read. The router matches the path, as for
 * the real routes. Call it after every route is registered.
 */
export function registerMethodNotAllowed(
  app: FastifyInstance,
  routes: readonly { readonly method: string; readonly url: string; readonly write?: boolean }[],
): void {
  const byUrl = new Map<string, Set<string>>();
  for (const r of routes) byUrl.set(r.url, (byUrl.get(r.url) ?? new Set()).add(r.method));
  // a POST that writes nothing (the what-if) is public: a page on another origin may call it
  const publicPosts = new Set(
    routes.filter((r) => r.method === 'POST' && r.write === false).map((r) => r.url),
  );
  for (const [url, taken] of byUrl) {
    // Fastify answers HEAD by the GET route (exposeHeadRoutes)
    if (taken.has('GET')) taken.add('HEAD');
    const isPublic = (taken.has('GET') || publicPosts.has(url)) && url.startsWith('/api/');
    if (isPublic && !taken.has('OPTIONS')) {
      registerPreflight(app, url, taken.has('GET') ? PREFLIGHT_HEADERS : POST_PREFLIGHT_HEADERS);
      taken.add('OPTIONS');
    }
    const allow = METHODS.filter((m) => taken.has(m));
    const others = METHODS.filter((m) => !taken.has(m));
    if (others.length === 0) continue;
    const config: MethodNotAllowedConfig = { methodNotAllowed: true };
    app.route({
      method: others,
      url,
      config,
      exposeHeadRoute: false,
      onRequest: async (req, reply) =>
        reply
          .status(405)
          .header('allow', allow.join(', '))
          .header('cache-control', 'no-store')
          .send({
            error: 'method_not_allowed',
            issues: [issue('method_not_allowed', ['method'], { method: req.method, allow })],
          }),
      handler: async () => {
        throw new Error('the 405 route answers at onRequest');
      },
    });
  }
}

/** OPTIONS on a public path: the CORS preflight's 204 (http-safety.ts, PUBLIC_READ_CORS). */
function registerPreflight(
  app: FastifyInstance,
  url: string,
  headers: Readonly<Record<string, string>>,
): void {
  const config: MethodNotAllowedConfig = { methodNotAllowed: true };
  app.route({
    method: 'OPTIONS',
    url,
    config,
    onRequest: async (_req, reply) =>
      reply.status(204).headers(headers).header('cache-control', 'no-store').send(),
    handler: async () => {
      throw new Error('the preflight answers at onRequest');
    },
  });
}
