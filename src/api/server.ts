import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import compress from '@fastify/compress';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type onSendHookHandler,
} from 'fastify';
import { z } from 'zod';
import { issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import { ingestFile } from '../ingest/ingest.js';
import type { IngestLimits } from '../ingest/limits.js';
import { loadJurisdiction } from '../jurisdictions/load.js';
import { resultsCsv } from '../results/csv.js';
import { registerDashboard } from './web.js';
import {
  election,
  getActa,
  getMesas,
  getCandidates,
  getCountCourse,
  getProgress,
  getResults,
  getSeats,
  listElections,
} from '../results/service.js';
import type { Store } from '../store/store.js';
import {
  ActaSchema,
  CandidatesSchema,
  ElectionsSchema,
  ErrorSchema,
  ImportReportSchema,
  MesasSchema,
  CountCourseSchema,
  ProgressSchema,
  ResultsSchema,
  SeatsSchema,
  ProjectionSchema,
  ProjectionHistorySchema,
  CompareSchema,
  RulesetFileSchema,
  RulesetsSchema,
  WhatIfSchema,
} from './schemas.js';
import { ContestKindSchema } from '../core/model/contests-manifest.js';
import {
  ContestSchema,
  ContestsElectionSchema,
  getContest,
  getContestsElection,
} from '../results/contests.js';
import { projectionHistory, projectionOf } from '../results/projection.js';
import { getRulesetText, listRulesets } from '../results/rulesets.js';
import { parseWhatIfBody, whatIfSeats, WhatIfBodySchema } from '../results/what-if.js';
import { ByteBoundedCache, canonicalJson } from './byte-cache.js';
import { encodedEtag, noneMatch, readCacheKey } from './cache.js';
import { cachedAnswer, COMPRESS_THRESHOLD, HotReads, readVary } from './hot-reads.js';
import { ProjectionPool, WhatIfPool } from './workers.js';
import { attachRawHotPath } from './raw-hot.js';
import {
  clientErrorHandler,
  loggerOptions,
  registerErrorCodes,
  registerSecurityHeaders,
  registerTransferEncodingCheck,
} from './http-safety.js';
import { DEFAULT_LIMITS, hasToken, registerWriteGuard, type ServerLimits } from './guard.js';
import { CompareQuerySchema, compareService, type CompareQuery } from './compare.js';
import {
  CONTEST_NOT_FOUND,
  DOCUMENT_NOT_FOUND,
  DOCUMENTS,
  RawBody,
  type DocumentDef,
} from './documents.js';
import { IssueError, NOT_FOUND, statusOf, unwrap } from './errors.js';
import { getSummary, SummarySchema } from '../results/summary.js';

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
/** The bytes of what-if responses kept (one is about 8 KB for 27 districts and 21 lists). */
export const WHAT_IF_CACHE_BYTES = 16 * 1024 * 1024;

/** `election` may be left out only when the store holds one election (results service: election). */
const electionQuery = z.object({
  election: z
    .string()
    .optional()
    .describe(
      'the election id (GET /api/v1/elections); optional only when the store holds exactly one election: with several, 422 `election_required`, with none, 404 `unknown_election` (`election: null`); both list the ids stored in `known`',
    ),
});
const formatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

export const ROUTES: readonly RouteDef[] = [
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
      "Seats of a stored list election under another ruleset (a whole file, or a merge patch onto the election's; options; method, threshold, seats), from its current votes by electoral district, with the difference from its seats under its own ruleset. Public; cached by the normalised body; a bad body → 422 (`invalid_query`, `ruleset_invalid`, … with the body's paths), a house or district table over 1,000 → 422 `query_too_costly`",
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
      'Record a correction of one stored acta (body: cifra JSON acta), e.g. after a JEE ruling: a mesa never imported is 404 `acta_not_found`; an acta that fails validation corrects nothing, 422 with its issues (its row kept in the quarantine of the import `details.importId`)',
    write: true,
    query: electionQuery,
    response: ImportReportSchema,
  },
];

export const READ_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=30';
export const REVISION_TTL_MS = 250;

export interface ApiOptions {
  readonly store: Store;
  /** SHA-256 (hex) of the bearer token for write routes; null disables writes. */
  readonly tokenHash: string | null;
  readonly now?: () => string;
  readonly logger?: boolean;
  /** Also serve the dashboard (web/) at `/`. */
  readonly dashboard?: boolean;
  /** What the server accepts (guard.ts); DEFAULT_LIMITS for what is not given. */
  readonly limits?: Partial<ServerLimits>;
  /** What an uploaded file may hold (src/ingest/limits.ts); its defaults for what is not given. */
  readonly ingestLimits?: Partial<IngestLimits>;
  /**
   * Answer repeated cached GETs on the socket before Node's HTTP parser (raw-hot.ts, ADR 014);
   * every other request goes to Node's parser unchanged. On unless false.
   */
  readonly rawHotPath?: boolean;
}

export { hashToken } from './guard.js';

/** A request body as JSON (sent as any content type), or 422 `invalid_query` at `body`. */
function jsonBody(body: unknown): unknown {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new IssueError(422, [
      issue('invalid_query', ['body'], { message: `not JSON: ${(e as Error).message}` }),
    ]);
  }
}

/**
 * The onSend hook that runs after compression: a body the plugin encoded gets its coding's ETag
 * (RFC 9110 §8.8.3, cache.ts), and If-None-Match is compared with the tag of the representation
 * this request gets — a 304 only for the one the client holds.
 */
function encodedRead(settled: WeakSet<FastifyRequest>): onSendHookHandler {
  return async (req, reply, payload) => {
    const etag = reply.getHeader('etag');
    if (typeof etag !== 'string' || settled.has(req)) return payload;
    const coding = reply.getHeader('content-encoding');
    const tag =
      typeof coding === 'string' && coding !== 'identity' ? encodedEtag(etag, coding) : etag;
    if (tag !== etag) reply.header('etag', tag);
    if (
      !isRead(req.method) ||
      reply.statusCode !== 200 ||
      !noneMatch(req.headers['if-none-match'], tag)
    )
      return payload;
    // a 304 has no body (RFC 9110 §15.4.5): the compressed stream is dropped unread
    if (payload instanceof Readable) payload.destroy();
    reply.removeHeader('content-encoding').removeHeader('content-length').code(304);
    return '';
  };
}

/** GET, and HEAD with the same header fields (RFC 9110 §9.3.2): Fastify answers HEAD by the GET route. */
const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

/** The HTTP API (Fastify): public reads with ETag and Cache-Control, authenticated writes, errors mapped in one place. */
export async function buildApi(o: ApiOptions): Promise<FastifyInstance> {
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...o.limits };
  // Responses of public reads by their normalised query, bounded in bytes, kept until the store's
  // revision changes (an import): the hot path serves bytes and an ETag without touching the
  // tabulation or the serializer.
  const responses = new ByteBoundedCache(limits.readCacheBytes);
  // The store's revision, asked at most every REVISION_TTL_MS: an import shows within that time
  // (reads also say max-age=5 to caches downstream); a write through this server resets it.
  let revisionMemo: { value: string; at: number } | null = null;
  /** The revision if it was checked within REVISION_TTL_MS, else undefined. */
  const freshRevision = (): string | undefined =>
    revisionMemo !== null && Date.now() - revisionMemo.at <= REVISION_TTL_MS
      ? revisionMemo.value
      : undefined;
  const currentRevision = async (): Promise<string> => {
    const fresh = freshRevision();
    if (fresh !== undefined) return fresh;
    const at = Date.now();
    revisionMemo = { value: await o.store.revision(), at };
    return revisionMemo.value;
  };
  // a repeated read at a revision checked lately is answered before the framework (hot-reads.ts)
  const hot = new HotReads(responses, freshRevision, READ_CACHE_CONTROL, limits.precompressBytes);
  const app = Fastify({
    logger: loggerOptions(o.logger ?? false),
    clientErrorHandler,
    bodyLimit: limits.uploadBytes,
    routerOptions: { maxParamLength: 64 },
    // headers and whole requests timed out by Node, checked often enough to honour short limits;
    // Fastify's own connectionTimeout and keepAliveTimeout apply only to servers it creates
    serverFactory: (handler) => {
      const server = createServer(
        {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          connectionsCheckingInterval: Math.min(
            30_000,
            Math.max(50, Math.floor(limits.headersTimeoutMs / 4)),
          ),
        },
        (req, res) => {
          if (!hot.serve(req, res)) handler(req, res);
        },
      );
      // a kept-alive connection idle this long is closed (else Node's 5 s default applies)
      server.keepAliveTimeout = limits.idleTimeoutMs;
      if (o.rawHotPath !== false) attachRawHotPath(server, hot, currentRevision);
      return server;
    },
  });
  registerWriteGuard(app, { tokenHash: o.tokenHash, limits });
  registerTransferEncodingCheck(app);
  registerSecurityHeaders(app);
  registerErrorCodes(app);
  const projections = new ProjectionPool(limits.projectionWorkers, limits.projectionQueue);
  const whatIfPool = new WhatIfPool(limits.whatIfWorkers, limits.whatIfQueue);
  app.addHook('onClose', async () => Promise.all([projections.close(), whatIfPool.close()]));
  const readKey = new WeakMap<FastifyRequest, string>();
  const fromCache = new WeakSet<FastifyRequest>();
  /** Cached reads answered whole by the cached-read hook: ETag and 304 already decided. */
  const settled = new WeakSet<FastifyRequest>();
  const revisionOf = new WeakMap<FastifyRequest, string>();
  // What-if responses by the SHA-256 of the normalised body, kept until the revision changes
  const whatIfs = new ByteBoundedCache(WHAT_IF_CACHE_BYTES);
  app.addHook('onRequest', async (req, reply) => {
    if (
      !isRead(req.method) ||
      !req.url.startsWith('/api/v1/') ||
      req.url.startsWith('/api/v1/openapi')
    )
      return;
    const key = readCacheKey(
      req.url,
      req.query,
      ROUTES.find((r) => r.method === 'GET' && r.url === req.routeOptions.url)?.query,
    );
    if (key === undefined) return;
    const revision = await currentRevision();
    revisionOf.set(req, revision);
    readKey.set(req, key);
    const hit = responses.get(key);
    if (!hit || hit.revision !== revision) return;
    hot.remember(req.url, key);
    fromCache.add(req);
    // decided as the hot path does (hot-reads.ts); sent through the reply, so hooks and log run
    const size = Buffer.byteLength(hit.body);
    const answer = cachedAnswer(hit, size, req.headers, limits.precompressBytes);
    if (answer !== 'negotiate') {
      settled.add(req);
      // the hot paths' status, headers in their order and body (a gzip made once per revision);
      // Fastify adds the content-length, last, as they send it
      const a = hot.answerOf(req.url, key, hit, answer);
      const h = a.headers;
      for (let i = 0; i + 1 < h.length; i += 2)
        if (h[i] !== 'content-length') reply.header(String(h[i]), h[i + 1]);
      return reply.code(a.status).send(a.body);
    }
    // `negotiate`: the plugin picks the coding, and the ETag and 304 follow it (encodedRead)
    reply.header('cache-control', READ_CACHE_CONTROL);
    reply.type(hit.type ?? 'application/json; charset=utf-8');
    reply.headers(readVary(size));
    reply.header('etag', hit.etag);
    return reply.send(hit.body);
  });
  // ETag on every successful read: same bytes, same tag. Registered before compression so that
  // it sees the bytes, not the compressed stream; the coding's suffix and the 304 come after it.
  app.addHook('onSend', async (req, reply, payload) => {
    if (
      fromCache.has(req) ||
      !isRead(req.method) ||
      reply.statusCode !== 200 ||
      (typeof payload !== 'string' && !Buffer.isBuffer(payload))
    )
      return payload;
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', READ_CACHE_CONTROL);
    const revision = revisionOf.get(req);
    const key = readKey.get(req);
    // the plugin says Vary only when it compresses; every read it may compress says it on every
    // answer (API reads, the dashboard's files, the OpenAPI document)
    if (!reply.hasHeader('vary')) reply.headers(readVary(Buffer.byteLength(payload)));
    if (revision !== undefined && key !== undefined && typeof payload === 'string') {
      responses.set(key, {
        revision,
        body: Buffer.from(payload),
        etag,
        type: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      });
      hot.remember(req.url, key);
    }
    return payload;
  });
  await app.register(compress, { global: true, threshold: COMPRESS_THRESHOLD });
  // after the plugin's own onSend on every route (route hooks run in order, after the app's)
  app.addHook('onRoute', (r) => {
    r.onSend = [r.onSend ?? []].flat().concat(encodedRead(settled));
  });
  // Every route the router really has, so a test can check that no write route escapes auth.
  const registered: { method: string; url: string; write: boolean }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat())
      if (m !== 'HEAD')
        registered.push({
          method: m,
          url: r.url,
          write: (r.config as { write?: boolean } | undefined)?.write === true,
        });
  });
  app.decorate('cifraRoutes', registered);
  app.decorate('cifraReadCache', responses);
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  // Errors → HTTP in one place: coded issues with their status (statusOf) and the list; anything
  // else 500 without internals.
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

  const parseQuery = <T extends z.ZodObject>(schema: T, req: FastifyRequest): z.infer<T> => {
    const r = schema.safeParse(req.query);
    if (!r.success)
      throw new IssueError(
        422,
        r.error.issues.map((i) =>
          issue('invalid_query', ['query', ...i.path.map(String)], { message: i.message }),
        ),
      );
    return r.data;
  };
  const route = (url: string): RouteDef => ROUTES.find((r) => r.url === url) as RouteDef;
  const compare = compareService();
  const now = o.now ?? (() => new Date().toISOString());

  const handlers: Record<string, (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>> = {
    '/api/v1/elections': async () => ({ elections: await listElections(o.store) }),
    '/api/v1/contests/:election': async (req) => {
      const q = parseQuery(route('/api/v1/contests/:election').query, req) as {
        kind?: string;
        seed?: number;
      };
      const { election: id } = req.params as { election: string };
      return unwrap(getContestsElection(id, q));
    },
    '/api/v1/contests/:election/:kind/:key': async (req) => {
      const q = parseQuery(route('/api/v1/contests/:election/:kind/:key').query, req) as {
        seed?: number;
        bonus?: 'on' | 'off';
      };
      const p = req.params as { election: string; kind: string; key: string };
      return unwrap(getContest(p.election, `${p.kind}/${p.key}`, q.seed, q.bonus), [
        ...NOT_FOUND,
        ...CONTEST_NOT_FOUND,
      ]);
    },
    '/api/v1/candidates': async (req) =>
      unwrap(await getCandidates(o.store, parseQuery(electionQuery, req).election)),
    '/api/v1/results': async (req, reply) => {
      const q = parseQuery(route('/api/v1/results').query, req) as {
        election?: string;
        level: string;
        code?: string;
        format: 'json' | 'csv';
      };
      if (q.level === 'mesa' && q.code === undefined)
        throw new IssueError(422, [
          issue('query_too_costly', ['query', 'code'], {
            level: 'mesa',
            hint: 'give code=<mesa>, or use cifra publish',
          }),
        ]);
      const doc = unwrap(await getResults(o.store, q.election, q.level, q.code));
      if (q.format === 'csv')
        return reply.type('text/csv; charset=utf-8').send(resultsCsv(doc) + '\n');
      return doc;
    },
    '/api/v1/progress': async (req) =>
      unwrap(await getProgress(o.store, parseQuery(electionQuery, req).election)),
    '/api/v1/summary': async (req) =>
      unwrap(await getSummary(o.store, parseQuery(electionQuery, req).election)),
    '/api/v1/count-course': async (req) =>
      unwrap(await getCountCourse(o.store, parseQuery(electionQuery, req).election)),
    '/api/v1/seats': async (req) => {
      const q = parseQuery(route('/api/v1/seats').query, req) as {
        election?: string;
        seed?: number;
      };
      return unwrap(await getSeats(o.store, q.election, q.seed));
    },
    '/api/v1/projection': async (req) => {
      const q = parseQuery(route('/api/v1/projection').query, req) as {
        election?: string;
        seed?: number;
        sims?: number;
      };
      // no busy check up front: a projection already computed (or being computed) for this
      // revision is answered from getProjection's cache; only a new one needs the pool, whose
      // submit refuses with 503 server_busy when it is full
      if ((q.sims ?? 0) > limits.anonymousSims && !hasToken(req, o.tokenHash))
        throw new IssueError(422, [
          issue('query_too_costly', ['query', 'sims'], {
            max: limits.anonymousSims,
            hint: 'more simulations need the bearer token, or use cifra project',
          }),
        ]);
      return unwrap(
        await projectionOf(
          o.store,
          q.election,
          {
            seed: q.seed,
            sims: q.sims,
            // the dashboard's own request (production's seed and size) is the night's record
            record: q.seed === undefined && q.sims === undefined ? now : undefined,
          },
          projections.run,
        ),
      );
    },
    '/api/v1/projection/history': async (req) =>
      unwrap(await projectionHistory(o.store, parseQuery(electionQuery, req).election)),
    '/api/v1/mesas': async (req) => {
      const q = parseQuery(route('/api/v1/mesas').query, req) as {
        election?: string;
        district: string;
      };
      return unwrap(await getMesas(o.store, q.election, q.district));
    },
    '/api/v1/actas/:mesa': async (req) =>
      unwrap(
        await getActa(
          o.store,
          parseQuery(electionQuery, req).election,
          (req.params as { mesa: string }).mesa,
        ),
      ),
    '/api/v1/compare': async (req) => {
      const r = await compare(parseQuery(CompareQuerySchema, req) as CompareQuery);
      return unwrap(r.ok ? { ok: true, value: r.value } : { ok: false, issues: r.error });
    },
    '/api/v1/rulesets': async () => unwrap(listRulesets()),
    '/api/v1/rulesets/:id': async (req, reply) => {
      const { text } = unwrap(getRulesetText((req.params as { id: string }).id), [
        'ruleset_not_found',
      ]);
      return reply.type('application/json; charset=utf-8').send(text);
    },
    '/api/v1/what-if': async (req, reply) => {
      const body = unwrap(parseWhatIfBody(jsonBody(req.body)), []);
      const key = createHash('sha256').update(canonicalJson(body)).digest('base64url');
      const revision = await currentRevision();
      let hit = whatIfs.get(key);
      const cache = hit?.revision === revision ? 'hit' : 'miss';
      if (hit === undefined || cache === 'miss') {
        const busy = whatIfPool.busy();
        if (busy) throw busy;
        const payload = JSON.stringify(
          unwrap(await whatIfSeats(o.store, body, whatIfPool.run), []),
        );
        const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
        hit = { revision, body: payload, etag };
        whatIfs.set(key, hit);
      }
      return reply
        .header('etag', hit.etag)
        .header('x-cache', cache)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(hit.body);
    },
    '/api/v1/imports': async (req) => {
      const q = parseQuery(route('/api/v1/imports').query, req) as {
        election?: string;
        format?: 'onpe-mesa' | 'onpe-congress' | 'cifra-csv' | 'cifra-json';
        name?: string;
      };
      return ingestBody(
        req.body as Buffer | undefined,
        await storedElection(q.election),
        q.format,
        q.name ?? 'upload',
        'import',
      );
    },
    '/api/v1/actas/:mesa/corrections': async (req) => {
      const q = parseQuery(electionQuery, req);
      const body = req.body as Buffer | undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(body?.toString('utf8') ?? '');
      } catch {
        throw new IssueError(422, [
          issue('csv_unreadable', ['body'], { reason: 'the body is not JSON' }),
        ]);
      }
      const mesa = (req.params as { mesa: string }).mesa;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new IssueError(422, [
          issue('invalid_query', ['body'], { message: 'expected one acta as a JSON object' }),
        ]);
      const e = await storedElection(q.election);
      const j = loadJurisdiction(e.jurisdiction);
      if (!j.ok) throw new IssueError(422, j.error);
      const given = (parsed as { mesa?: unknown }).mesa;
      // the URL names the acta corrected: a body for another mesa is refused, never applied here
      if (
        given !== undefined &&
        (typeof given !== 'string' || j.value.padMesa(given) !== j.value.padMesa(mesa))
      )
        throw new IssueError(422, [
          issue('invalid_query', ['body', 'mesa'], {
            message: `the body's mesa must be the URL's (${mesa})`,
          }),
        ]);
      const padded = j.value.padMesa(mesa);
      // a correction replaces a stored acta: one never imported is not there to correct (404)
      if ((await o.store.getActa(e.id, padded)) === null)
        throw new IssueError(404, [
          issue('acta_not_found', ['mesa'], { election: e.id, mesa: padded }),
        ]);
      const report = await ingestBody(
        Buffer.from(JSON.stringify({ ...(parsed as object), mesa: padded }) + '\n'),
        e,
        'cifra-json',
        `correction-${mesa}.jsonl`,
        'correction',
      );
      // an acta that fails validation corrects nothing: 422 with its issues; its row stays in
      // the import's quarantine, as any import's does (`importId` in each issue's details)
      if (report.quarantined > 0)
        throw new IssueError(
          422,
          report.quarantinedRows.flatMap((q) =>
            q.issues.map((i) => ({ ...i, details: { ...i.details, importId: report.importId } })),
          ),
        );
      return report;
    },
  };

  /** The election named, or the only one in the store (the services' lookup); else its issue's status. */
  async function storedElection(electionId: string | undefined): Promise<ElectionDef> {
    return unwrap(await election(o.store, electionId));
  }

  async function ingestBody(
    body: Buffer | undefined,
    e: ElectionDef,
    format: 'onpe-mesa' | 'onpe-congress' | 'cifra-csv' | 'cifra-json' | undefined,
    name: string,
    mode: 'import' | 'correction',
  ) {
    if (!body || body.length === 0) throw new IssueError(422, [issue('file_empty', ['body'])]);
    const dir = mkdtempSync(join(tmpdir(), 'cifra-upload-'));
    const gz = body[0] === 0x1f && body[1] === 0x8b;
    const zip = body[0] === 0x50 && body[1] === 0x4b;
    const base = format === 'cifra-json' ? '.jsonl' : '.csv';
    const ext = gz ? `${base}.gz` : zip ? '.zip' : base;
    const file = join(dir, `${name.replace(/[^\w.-]/g, '_')}${name.endsWith(ext) ? '' : ext}`);
    try {
      writeFileSync(file, body);
      const r = await ingestFile(o.store, {
        file,
        election: e,
        format,
        mode,
        now,
        limits: o.ingestLimits,
      });
      // the upload's temporary path is ours, not the client's: issues name the upload
      if (!r.ok)
        throw new IssueError(
          statusOf(r.issues, []),
          r.issues.map((i) =>
            i.details?.['file'] === file ? { ...i, details: { ...i.details, file: name } } : i,
          ),
        );
      return { ...r.report, file: name };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  for (const r of ROUTES) {
    const handler = handlers[r.url];
    if (!handler) throw new Error(`no handler for ${r.url}`);
    app.route({
      method: r.method,
      url: r.url,
      config: { write: r.write },
      ...(r.body
        ? { bodyLimit: r.body.limit }
        : r.url.endsWith('/corrections')
          ? { bodyLimit: limits.correctionBytes }
          : {}),
      handler: async (req, reply) => {
        if (!r.write) return handler(req, reply);
        reply.header('cache-control', 'no-store');
        try {
          return await handler(req, reply);
        } finally {
          // a write through this process is visible to the next read at once
          revisionMemo = null;
          responses.clear();
          whatIfs.clear();
        }
      },
    });
  }
  registerDocuments(app, { store: o.store, compare, record: now, run: projections.run });
  app.get('/api/v1/openapi.json', async () => buildOpenApi());
  if (o.dashboard) registerDashboard(app);
  return app;
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
      parameters: [...d.url.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
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

/** The OpenAPI 3.1 document, generated from ROUTES and the zod schemas. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = z.toJSONSchema(ErrorSchema, { io: 'output' });
  for (const r of ROUTES) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryProps =
      (z.toJSONSchema(r.query, { io: 'input' }) as {
        properties?: Record<string, unknown>;
        required?: string[];
      }) ?? {};
    const query = Object.entries(queryProps.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: (queryProps.required ?? []).includes(name),
      schema,
    }));
    paths[path] = {
      ...(paths[path] ?? {}),
      [r.method.toLowerCase()]: {
        summary: r.summary,
        parameters: [...params, ...query],
        ...(r.write
          ? {
              security: [{ bearer: [] }],
              requestBody: {
                required: true,
                content: {
                  'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
                },
              },
            }
          : r.body
            ? {
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
              }
            : {}),
        responses: {
          200: {
            description: 'OK',
            content: {
              'application/json': { schema: z.toJSONSchema(r.response, { io: 'output' }) },
              ...(r.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
            },
          },
          ...(r.write
            ? {
                401: {
                  description: 'Missing or wrong bearer token',
                  content: { 'application/json': { schema: error } },
                },
                429: {
                  description:
                    'Too many failed token checks from this address (`too_many_requests`)',
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
              }
            : r.body
              ? {
                  413: {
                    description: `Body over ${r.body.limit} bytes (\`body_too_large\`)`,
                    content: { 'application/json': { schema: error } },
                  },
                  503: {
                    description: 'Too many computations running or waiting (`server_busy`)',
                    content: { 'application/json': { schema: error } },
                  },
                }
              : { 304: { description: 'Not modified (If-None-Match)' } }),
          404: {
            description: 'Unknown election, acta or route',
            content: { 'application/json': { schema: error } },
          },
          422: { description: 'Coded issues', content: { 'application/json': { schema: error } } },
        },
      },
    };
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
