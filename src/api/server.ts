import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { issue } from '../core/issues.js';
import {
  apiContext,
  forgetReads,
  writeRevision,
  type ApiContext,
  type ApiOptions,
} from './context.js';
import { DOCUMENT_NOT_FOUND, DOCUMENTS, RawBody, type DocumentDef } from './documents.js';
import {
  registerErrorHandlers,
  registerMethodNotAllowed,
  type MethodNotAllowedConfig,
} from './error-handlers.js';
import { IssueError, unwrap } from './errors.js';
import { registerWriteGuard } from './guard.js';
import {
  registerErrorCodes,
  registerSecurityHeaders,
  registerTransferEncodingCheck,
} from './http-safety.js';
import type { AuditCheck } from './audit-check.js';
import { buildCoursesAtStart } from './course-at-start.js';
import { createInstance } from './instance.js';
import { registerReadCaching } from './read-hooks.js';
import { projectionHandlers, referenceHandlers, tallyHandlers } from './read-routes.js';
import type { RouteHandler } from './request.js';
import { handlerKey, ROUTES, type Handlers } from './route-table.js';
import { API_ROOT } from './paths.js';
import { buildOpenApi } from './openapi.js';
import { registerDashboard } from './web.js';
import { siteScopeAt, type SiteScope } from './site-files.js';
import { whatIfHandler } from './what-if-route.js';
import { writeHandlers } from './write-routes.js';
import { logFailures } from './workers.js';

export { ROUTES, WHAT_IF_BODY_LIMIT, type RouteDef } from './route-table.js';
export { buildOpenApi } from './openapi.js';

export {
  READ_CACHE_CONTROL,
  REVISION_TTL_MS,
  WHAT_IF_CACHE_BYTES,
  type ApiOptions,
} from './context.js';
export { hashToken } from './guard.js';
import { nightRecorder } from './night-record.js';

/** The HTTP API (Fastify): public reads with ETag and Cache-Control, authenticated writes, errors mapped in one place. */
export async function buildApi(o: ApiOptions): Promise<FastifyInstance> {
  const ctx = apiContext(o);
  const { limits, responses, projections, whatIfPool, compare, now } = ctx;
  const app = createInstance(o, ctx);
  registerWriteGuard(app, { tokenHash: o.tokenHash, limits });
  registerTransferEncodingCheck(app);
  registerSecurityHeaders(app);
  registerErrorCodes(app);
  app.addHook('onClose', async () => Promise.all([projections.close(), whatIfPool.close()]));
  // a worker that never loads degrades quietly (503s, summaries without the flag): told, rarely
  for (const pool of [projections, projections.frames, whatIfPool])
    logFailures(pool, (details, message) => app.log.error(details, message));
  await registerReadCaching(
    app,
    ctx,
    (url) => ROUTES.find((r) => r.method === 'GET' && r.url === url)?.query,
  );
  const registered = registerRouteList(app);
  app.decorate('cifraReadCache', responses);
  acceptRawBodies(app);
  registerErrorHandlers(app);
  const recorder = o.recordEveryMs === undefined ? null : nightRecorder(app, ctx, o.recordEveryMs);
  app.decorate('cifraNightRecorder', recorder);
  // tests await the start's course build (course-at-start.ts)
  app.decorate('cifraCoursesBuilt', o.courseAtStart ? buildCoursesAtStart(app, o.store) : null);
  // tests end a worker through its pool's onDispatch, as a crash would (worker-pool-faults.test.ts)
  app.decorate('cifraProjections', projections);
  // tests hold a stream's slot to see the next one refused (api-national-mesas.test.ts)
  app.decorate('cifraMesaCsvStreams', ctx.mesaCsvStreams);
  // what the site carries (its contests, its maps), by the rule `cifra publish` follows
  // a contests file that no longer reads is left out, said in the log with its code
  const scope = siteScopeAt(o.store, ctx.revision.current, (w) =>
    app.log.warn({ code: w.code, path: w.path, details: w.details }, 'contests file left out'),
  );
  const carried = carriedContests(scope);
  const audit = auditCheckAtStart(app, ctx);
  registerRoutes(
    app,
    ctx,
    {
      ...onlyCarriedContests(tallyHandlers(ctx), carried),
      ...projectionHandlers(ctx),
      ...referenceHandlers(ctx),
      'POST /api/v1/what-if': whatIfHandler(ctx),
      ...writeHandlers(ctx),
    },
    () => {
      void recorder?.tick();
      // the entries the write added, verified from the last head checked (not the whole store)
      void audit.check();
    },
  );
  registerDocuments(
    app,
    { store: o.store, compare, record: now, run: projections.run, audit },
    carried,
  );
  app.get('/api/v1/openapi.json', async () => buildOpenApi());
  if (o.dashboard) registerDashboard(app, scope);
  registerMethodNotAllowed(app, registered);
  return app;
}

/**
 * The server's check of the audit chain it publishes (audit-check.ts): the whole store once it is
 * ready, not awaited (reads are served meanwhile), then after each write that changed the store.
 * A close stops a whole-chain check on its worker and waits for one on this thread.
 */
function auditCheckAtStart(app: FastifyInstance, ctx: ApiContext): AuditCheck {
  const audit = ctx.audit;
  audit.fault = (err) => app.log.error(err, 'the audit chain could not be read to verify it');
  app.addHook('onReady', async () => void audit.check());
  // a check under way on its worker is stopped, not waited for (seconds on a big store)
  app.addHook('onClose', async () => audit.close());
  // tests await the check under way
  app.decorate('cifraAuditCheck', audit);
  return audit;
}

/**
 * The routes of ROUTES with their handlers: a write says no-store, and one that changed the store
 * (its revision moved, whether it answers 200 or, as a refused correction that kept its row in
 * the quarantine, 422) is seen by the next read at once.
 */
function registerRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  handlers: Handlers,
  changed: () => void,
): void {
  // each handler is typed by its route's query schema (Handlers); here, where the table meets its
  // handlers by URL, one handler is given its own route's schema, which TS cannot follow through
  // the lookup: the one widening of the handler's type
  const byKey = handlers as unknown as Readonly<Record<string, RouteHandler | undefined>>;
  for (const r of ROUTES) {
    const handler = byKey[handlerKey(r)];
    if (!handler) throw new Error(`no handler for ${handlerKey(r)}`);
    app.route({
      method: r.method,
      url: r.url,
      config: { write: r.write },
      ...(r.body
        ? { bodyLimit: r.body.limit }
        : r.url.endsWith('/corrections')
          ? { bodyLimit: ctx.limits.correctionBytes }
          : {}),
      handler: async (req, reply) => {
        if (!r.write) return handler(req, reply, r.query);
        reply.header('cache-control', 'no-store');
        const before = await writeRevision(ctx);
        try {
          return await handler(req, reply, r.query);
        } finally {
          const after = await writeRevision(ctx);
          if (before === null || after !== before) {
            forgetReads(ctx);
            changed();
          }
        }
      },
    });
  }
}

/**
 * Every route the router really has, so a test can check that no write route escapes auth; not
 * the 405 answers of a path's other methods (registerMethodNotAllowed), which serve nothing.
 */
function registerRouteList(
  app: FastifyInstance,
): readonly { method: string; url: string; write: boolean }[] {
  const registered: { method: string; url: string; write: boolean }[] = [];
  app.addHook('onRoute', (r) => {
    if ((r.config as Partial<MethodNotAllowedConfig> | undefined)?.methodNotAllowed) return;
    for (const m of [r.method].flat())
      if (m !== 'HEAD')
        registered.push({
          method: m,
          url: r.url,
          write: (r.config as { write?: boolean } | undefined)?.write === true,
        });
  });
  app.decorate('cifraRoutes', registered);
  return registered;
}

/** Every body as its bytes, whatever its content type: each route reads its own (JSON, a file). */
function acceptRawBodies(app: FastifyInstance): void {
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
}

/** Throws the 404 of a multi-contest election the site does not carry (siteScope). */
type CarriedCheck = (election: string) => Promise<void>;

/**
 * A multi-contest election is answered only when the site carries it (siteScope, the rule
 * `cifra publish` writes by): another is a 404 `unknown_election` naming the ones it carries, as
 * the static site has no file there (a store of Freedonia's elections serves no Peru contest).
 */
function carriedContests(scope: () => Promise<SiteScope>): CarriedCheck {
  return async (election) => {
    const { contests } = await scope();
    if (!contests.includes(election))
      throw new IssueError(404, [
        issue('unknown_election', ['election'], { election, known: [...contests] }),
      ]);
  };
}

/** The contest routes of `handlers`, each answering only what the site carries (carriedContests). */
function onlyCarriedContests<H extends ReturnType<typeof tallyHandlers>>(
  handlers: H,
  carried: CarriedCheck,
): H {
  const guard =
    <Q extends z.ZodObject>(h: RouteHandler<Q>): RouteHandler<Q> =>
    async (req, reply, query) => {
      await carried((req.params as { election: string }).election);
      return h(req, reply, query);
    };
  return {
    ...handlers,
    '/api/v1/contests/:election': guard(handlers['/api/v1/contests/:election']),
    '/api/v1/contests/:election/:kind/:key': guard(
      handlers['/api/v1/contests/:election/:kind/:key'],
    ),
  };
}

/**
 * The documents at query-free paths (the static site's scheme): parameters checked, 404 when
 * absent; a multi-contest election's only when the site carries it (`carried`).
 */
function registerDocuments(
  app: FastifyInstance,
  ctx: Parameters<DocumentDef['make']>[0],
  carried: CarriedCheck,
): void {
  const contests = `${API_ROOT}/contests/`;
  for (const d of DOCUMENTS)
    app.get(d.url, async (req, reply) => {
      const p = d.params.safeParse(req.params);
      if (!p.success)
        throw new IssueError(
          404,
          p.error.issues.map((i) =>
            issue('invalid_query', ['params', ...i.path.map(String)], { message: i.message }),
          ),
        );
      if (d.url.startsWith(contests)) await carried((p.data as { election: string }).election);
      const value = unwrap(await d.make(ctx, p.data as Record<string, string>), [
        ...DOCUMENT_NOT_FOUND,
        ...(d.notFound ?? []),
      ]);
      return value instanceof RawBody ? reply.type(value.type).send(value.text) : value;
    });
}
