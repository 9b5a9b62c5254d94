import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { issue } from '../core/issues.js';
import { ContestKindSchema } from '../core/model/contests-manifest.js';
import { ContestSchema, ContestsElectionSchema } from '../results/contests.js';
import { SummarySchema } from '../results/summary.js';
import { WhatIfBodySchema } from '../results/what-if.js';
import { CompareQuerySchema } from './compare.js';
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
import { DEFAULT_LIMITS, registerWriteGuard } from './guard.js';
import {
  registerErrorCodes,
  registerSecurityHeaders,
  registerTransferEncodingCheck,
} from './http-safety.js';
import { createInstance } from './instance.js';
import { registerReadCaching } from './read-hooks.js';
import { projectionHandlers, referenceHandlers, tallyHandlers } from './read-routes.js';
import { electionQuery, type Handlers, type RouteHandler } from './request.js';
import {
  ActaSchema,
  CandidatesSchema,
  CompareSchema,
  CountCourseSchema,
  ElectionsSchema,
  ErrorSchema,
  ImportReportSchema,
  MesasSchema,
  ProgressSchema,
  ProjectionHistorySchema,
  ProjectionSchema,
  ResultsSchema,
  RulesetFileSchema,
  RulesetsSchema,
  SeatsSchema,
  WhatIfSchema,
} from './schemas.js';
import { registerDashboard } from './web.js';
import { siteJurisdictions } from './site-files.js';
import { whatIfHandler } from './what-if-route.js';
import { writeHandlers } from './write-routes.js';

/** One route of the API: its contract (for OpenAPI and tests) and whether it writes. */
export interface RouteDef {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly summary: string;
  readonly write: boolean;
  readonly query: z.ZodObject;
  readonly response: z.ZodType;
  readonly csv?: boolean;
  /** A JSON request body (a public computation, not a write): its schema, and its size limit. */
  readonly body?: { readonly schema: z.ZodType; readonly limit: number };
}

/** The largest what-if body (the largest built-in ruleset file is 12 KB). */
export const WHAT_IF_BODY_LIMIT = 256 * 1024;

const formatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

/**
 * The routes as declared, each URL and query schema with its own type: a route's handler is typed
 * by them (request.ts, Handlers). ROUTES is the same table as RouteDefs.
 */
const ROUTE_TABLE = [
  {
    method: 'GET',
    url: '/api/v1/elections',
    summary: 'Elections in the store',
    write: false,
    query: z.object({}),
    response: ElectionsSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/candidates',
    summary: 'Candidates or lists of an election, in column order',
    write: false,
    query: electionQuery,
    response: CandidatesSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/results',
    summary:
      "Results at a level of the election's jurisdiction (`national`, Peru's `ambito`, `department`, `province`, `district`, `circunscripcion`, `mesa`; another level → 422 `unknown_level`); one unit with `code`; `format=csv` for CSV",
    write: false,
    query: electionQuery
      .extend({
        level: z.string().max(40).default('national'),
        code: z.string().max(64).optional(),
      })
      .extend(formatQuery.shape),
    response: ResultsSchema,
    csv: true,
  },
  {
    method: 'GET',
    url: '/api/v1/progress',
    summary: 'Actas by state, votes still to come, snapshot time',
    write: false,
    query: electionQuery,
    response: ProgressSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/summary',
    summary:
      'The headline: leaders and margin, the count and the votes still to count, status, source and freshness; the outcome only once settled (complete, or a lead larger than all still to count)',
    write: false,
    query: electionQuery,
    response: SummarySchema,
  },
  {
    method: 'GET',
    url: '/api/v1/count-course',
    summary:
      "The count's course: national figures after each published update, leader, margin, lead changes",
    write: false,
    query: electionQuery,
    response: CountCourseSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/seats',
    summary: 'Seats through the ruleset (valla decisions, ties, draws) or the presidential outcome',
    write: false,
    query: electionQuery.extend({
      seed: z.coerce.number().int().min(0).max(999_999_999).optional(),
    }),
    response: SeatsSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/projection',
    summary:
      'Projection of the final result from the count so far: shares with 80/90 % intervals, runoff pairs, winner, seats — not an official result',
    write: false,
    query: electionQuery.extend({
      seed: z.coerce.number().int().min(0).max(999_999_999).optional(),
      sims: z.coerce.number().int().min(100).max(20_000).optional(),
    }),
    response: ProjectionSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/projection/history',
    summary: 'How the projection moved over the night (recorded projections, by % counted)',
    write: false,
    query: electionQuery,
    response: ProjectionHistorySchema,
  },
  {
    method: 'GET',
    url: '/api/v1/mesas',
    summary:
      "The mesas of a place (the jurisdiction's place code: Peru's RENIEC ubigeo) with their state, for drill-down",
    write: false,
    query: electionQuery.extend({ district: z.string().min(1).max(64) }),
    response: MesasSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/actas/:mesa',
    summary: 'One acta: values, state, versions with sources, issues',
    write: false,
    query: electionQuery,
    response: ActaSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/compare',
    summary:
      "The observer's cross-check of two sources of the same actas that a bundled election declares (its manifest's sources and crossCheck, by id, e.g. onpe, sergiocorreia, ronderos for pe-2021-presidencial-segunda): mesas compared, disagreements by coded reason (docs/ingest.md), the net effect A − B per candidate overall and by reason, and a page of the disagreeing mesas (`offset`, `limit` ≤ 1000)",
    write: false,
    query: CompareQuerySchema,
    response: CompareSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/contests/:election',
    summary:
      'A bundled multi-contest election (data/contests, e.g. pe-erm-2022: governors and councils), every contest computed in one pass: its contest sets, the national picture (offices and seats per organisation, parties vs regional movements, the contests not decided) and each contest in brief (`kind` filters the list; `seed` draws the lots of tied councils, else ties are reported); unknown id → 404 `unknown_election`',
    write: false,
    query: z.object({
      kind: ContestKindSchema.optional(),
      seed: z.coerce.number().int().min(0).optional(),
    }),
    response: ContestsElectionSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/contests/:election/:kind/:key',
    summary:
      'One contest of a multi-contest election in full (e.g. /api/v1/contests/pe-erm-2022/provincial-council/140100): its votes, and the governor outcome (winner at ≥ 30 % or the runoff pair) or the council seats, the mayor’s list and the majority bonus; unknown contest → 404 `unknown_contest`',
    write: false,
    query: z.object({
      seed: z.coerce.number().int().min(0).optional(),
      bonus: z
        .enum(['on', 'off'])
        .optional()
        .describe(
          '`off`: a what-if without the majority bonus (the ruleset option majority-bonus)',
        ),
    }),
    response: ContestSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/rulesets',
    summary:
      'The built-in rulesets (data/rulesets): id, kind, labels, jurisdiction; an election names its ruleset in `/api/v1/elections`',
    write: false,
    query: z.object({}),
    response: RulesetsSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/rulesets/:id',
    summary:
      'A built-in ruleset file as written (cifra-ruleset/1, option switches and all), to start a what-if from; unknown id → 404 `ruleset_not_found`',
    write: false,
    query: z.object({}),
    response: RulesetFileSchema,
  },
  {
    method: 'POST',
    url: '/api/v1/what-if',
    summary:
      "Seats of a stored list election under another ruleset (a whole file, or a merge patch onto the election's; options; method, threshold, seats), from its current votes by electoral district, with the difference from its seats under its own ruleset. Public; cached by the normalised body; a body that is not JSON → 422 `body_not_json`, a bad body → 422 (`invalid_query`, `ruleset_invalid`, … with the body's paths), a house or district table over 1,000 → 422 `query_too_costly`",
    write: false,
    query: z.object({}),
    response: WhatIfSchema,
    body: { schema: WhatIfBodySchema, limit: WHAT_IF_BODY_LIMIT },
  },
  {
    method: 'POST',
    url: '/api/v1/imports',
    summary: 'Upload a file of actas (body: the file; as `cifra ingest`)',
    write: true,
    query: electionQuery.extend({
      format: z.enum(['onpe-mesa', 'onpe-congress', 'cifra-csv', 'cifra-json']).optional(),
      name: z.string().max(200).optional(),
    }),
    response: ImportReportSchema,
  },
  {
    method: 'POST',
    url: '/api/v1/actas/:mesa/corrections',
    summary:
      'Record a correction of one stored acta (body: cifra JSON acta), e.g. after a JEE ruling: a body that is not JSON is 422 `body_not_json` (as on the what-if), JSON that is not one acta 422 `invalid_query` at `body`; a mesa never imported is 404 `acta_not_found`; an acta that fails validation corrects nothing, 422 with its issues (its row kept in the quarantine of the import `details.importId`)',
    write: true,
    query: electionQuery,
    response: ImportReportSchema,
  },
] as const satisfies readonly RouteDef[];
export type RouteTable = typeof ROUTE_TABLE;

export const ROUTES: readonly RouteDef[] = ROUTE_TABLE;

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
  registerRoutes(
    app,
    ctx,
    {
      ...tallyHandlers(ctx),
      ...projectionHandlers(ctx),
      ...referenceHandlers(ctx),
      '/api/v1/what-if': whatIfHandler(ctx),
      ...writeHandlers(ctx),
    },
    () => void recorder?.tick(),
  );
  registerDocuments(app, { store: o.store, compare, record: now, run: projections.run });
  app.get('/api/v1/openapi.json', async () => buildOpenApi());
  if (o.dashboard) registerDashboard(app, await siteJurisdictions(o.store));
  registerMethodNotAllowed(app, registered);
  return app;
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
  const byUrl = handlers as unknown as Readonly<Record<string, RouteHandler | undefined>>;
  for (const r of ROUTES) {
    const handler = byUrl[r.url];
    if (!handler) throw new Error(`no handler for ${r.url}`);
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

/** The documents at query-free paths (the static site's scheme): parameters checked, 404 when absent. */
function registerDocuments(app: FastifyInstance, ctx: Parameters<DocumentDef['make']>[0]): void {
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
      const value = unwrap(await d.make(ctx, p.data as Record<string, string>), [
        ...DOCUMENT_NOT_FOUND,
        ...(d.notFound ?? []),
      ]);
      return value instanceof RawBody ? reply.type(value.type).send(value.text) : value;
    });
}

/** The OpenAPI operation of a document at a query-free path. */
function documentOperation(d: DocumentDef, error: unknown): Record<string, unknown> {
  const csv = d.url.endsWith('.csv');
  return {
    get: {
      summary: d.summary,
      parameters: pathParameters(d.url),
      responses: {
        200: {
          description: 'OK',
          content: csv
            ? { 'text/csv': { schema: { type: 'string' } } }
            : { 'application/json': { schema: z.toJSONSchema(d.response, { io: 'output' }) } },
        },
        304: { description: 'Not modified (If-None-Match)' },
        404: {
          description: 'No such document (an unknown election, level, unit or mesa; no projection)',
          content: { 'application/json': { schema: error } },
        },
        422: { description: 'Coded issues', content: { 'application/json': { schema: error } } },
      },
    },
  };
}

/** A URL's path parameters (`:name`), as OpenAPI parameters. */
function pathParameters(url: string): Record<string, unknown>[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

/** A route's query parameters, from its zod schema. */
function queryParameters(schema: z.ZodObject): Record<string, unknown>[] {
  const queryProps =
    (z.toJSONSchema(schema, { io: 'input' }) as {
      properties?: Record<string, unknown>;
      required?: string[];
    }) ?? {};
  return Object.entries(queryProps.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: (queryProps.required ?? []).includes(name),
    schema,
  }));
}

/** A write's bearer token and body (any bytes), or a public computation's JSON body. */
function requestOf(r: RouteDef): Record<string, unknown> {
  if (r.write)
    return {
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: {
          'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
        },
      },
    };
  if (r.body)
    return {
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: z.toJSONSchema(r.body.schema, {
              io: 'input',
              unrepresentable: 'any',
            }),
          },
        },
      },
    };
  return {};
}

/** What a route may refuse besides 404 and 422: the write guard's refusals, or a computation's. */
function refusalsOf(r: RouteDef, error: unknown): Record<string, unknown> {
  if (r.write)
    return {
      401: {
        description: 'Missing or wrong bearer token',
        content: { 'application/json': { schema: error } },
      },
      429: {
        description:
          'Too many failed token checks from this address (`too_many_requests`); the right token still passes',
        content: { 'application/json': { schema: error } },
      },
      503: {
        description: 'Too many writes running or waiting (`server_busy`, Retry-After)',
        content: { 'application/json': { schema: error } },
      },
      413: {
        description: `Body over the route's limit (\`body_too_large\`: uploads ${DEFAULT_LIMITS.uploadBytes} bytes, corrections ${DEFAULT_LIMITS.correctionBytes} by default)`,
        content: { 'application/json': { schema: error } },
      },
      500: {
        description: 'The import writer thread crashed (`store_writer_failed`)',
        content: { 'application/json': { schema: error } },
      },
    };
  if (r.body)
    return {
      413: {
        description: `Body over ${r.body.limit} bytes (\`body_too_large\`)`,
        content: { 'application/json': { schema: error } },
      },
      503: {
        description: 'Too many computations running or waiting (`server_busy`)',
        content: { 'application/json': { schema: error } },
      },
    };
  return { 304: { description: 'Not modified (If-None-Match)' } };
}

/** The OpenAPI operation of a route of ROUTES. */
function routeOperation(r: RouteDef, error: unknown): Record<string, unknown> {
  return {
    summary: r.summary,
    parameters: [...pathParameters(r.url), ...queryParameters(r.query)],
    ...requestOf(r),
    responses: {
      200: {
        description: 'OK',
        content: {
          'application/json': { schema: z.toJSONSchema(r.response, { io: 'output' }) },
          ...(r.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
        },
      },
      ...refusalsOf(r, error),
      404: {
        description: 'Unknown election, acta or route',
        content: { 'application/json': { schema: error } },
      },
      422: { description: 'Coded issues', content: { 'application/json': { schema: error } } },
    },
  };
}

/** The OpenAPI 3.1 document, generated from ROUTES and the zod schemas. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = z.toJSONSchema(ErrorSchema, { io: 'output' });
  for (const r of ROUTES) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: routeOperation(r, error) };
  }
  for (const d of DOCUMENTS) paths[d.url.replace(/:(\w+)/g, '{$1}')] = documentOperation(d, error);
  return {
    openapi: '3.1.0',
    info: {
      title: 'cifra API',
      version: 'v1',
      description:
        'Election results: actas, tabulation at every level, seats. Reads are public and cacheable (ETag); writes need a bearer token.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
