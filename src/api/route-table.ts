import { z } from 'zod';
import { ContestKindSchema } from '../core/model/contests-manifest.js';
import { ContestSchema, ContestsElectionSchema } from '../results/contests.js';
import { SummarySchema } from '../results/summary.js';
import { WhatIfBodySchema } from '../results/what-if.js';
import { CorrectionRulingSchema } from '../results/correction.js';
import { SourceCutSchema } from '../results/source-cut.js';
import { CompareQuerySchema } from './compare.js';
import { electionQuery, type RouteHandler } from './request.js';
import {
  ActaSchema,
  CandidatesSchema,
  CompareSchema,
  CountCourseSchema,
  ElectionsSchema,
  ImportReportSchema,
  ImportsSchema,
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

/** What the summary says, as its route and its static document (documents.ts) describe it. */
export const SUMMARY_DESCRIPTION =
  'The headline: leaders and margin, the count and the votes still to count, status, source and freshness; the outcome only once settled (every acta processed with no impugned votes at the JEE that could change it, or a lead larger than all still to count)';

/**
 * What a read may answer for the server's state, not the request's (openapi.ts declares each):
 * `streams` the 503 of the nation's mesa CSV when its streams are full, `workers` the 503 of a
 * computation on a full or failed worker pool, `ruleset` the 500 of an operator's ruleset file
 * that names a district its jurisdiction lacks.
 */
export type ServerFault = 'streams' | 'workers' | 'ruleset';

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
  readonly faults?: readonly ServerFault[];
}

/** The largest what-if body (the largest built-in ruleset file is 12 KB). */
export const WHAT_IF_BODY_LIMIT = 256 * 1024;

const formatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

/**
 * The routes as declared, each URL and query schema with its own type: a route's handler is typed
 * by them (Handlers, below). ROUTES is the same table as RouteDefs.
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
      "Results at a level of the election's jurisdiction (`national`, Peru's `ambito`, `department`, `province`, `district`, `circunscripcion`, `mesa`; another level → 422 `unknown_level`); one unit with `code`; at the mesa level, every mesa of a district, province or department with `unit` (its code); the nation's every mesa with `format=csv` only, streamed a page of mesas at a time (as JSON: 422 `query_too_costly`); `format=csv` for CSV",
    write: false,
    query: electionQuery
      .extend({
        level: z.string().max(40).default('national'),
        code: z
          .string()
          .max(64)
          .optional()
          .describe(
            "one unit of the level: a code not of the level's form (Peru's department two digits, province four, district six; a circunscripción or ámbito one of its codes) is 422 `ubigeo_invalid`, one of the form the election lacks 422 `unknown_ubigeo`; at the mesa level a mesa id (422 `mesa_invalid`, `acta_not_found`)",
          ),
        unit: z.string().max(64).optional(),
      })
      .extend(formatQuery.shape),
    response: ResultsSchema,
    csv: true,
    faults: ['streams'],
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
    summary: SUMMARY_DESCRIPTION,
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
    faults: ['ruleset'],
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
    faults: ['workers'],
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
    query: electionQuery.extend({
      district: z
        .string()
        .min(1)
        .max(64)
        .describe(
          "the place whose mesas to list: the jurisdiction's finest place code (Peru: a district's six-digit RENIEC ubigeo, e.g. 150101; abroad 91–95); 422 `ubigeo_invalid` when it does not match the place pattern, 422 `unknown_ubigeo` when the election knows no such place (where its manifest declares a universe, every unit of the count, a code of the form it lacks; else neither stored nor known to the jurisdiction). A place the election has with no mesas loaded yet is 200 with none",
        ),
    }),
    response: MesasSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/actas/:mesa',
    summary:
      "One acta: values, state, versions with sources, issues. The mesa as the jurisdiction writes it, or a short form padded to it (Peru: `12438` is `012438`; spaces around it trimmed); the document path `/api/v1/elections/{election}/actas/{mesa}.json`, as the static site's file, takes only the written form (another: 404 `mesa_invalid`, `details.canonical`)",
    write: false,
    query: electionQuery,
    response: ActaSchema,
  },
  {
    method: 'GET',
    url: '/api/v1/compare',
    summary:
      "The observer's cross-check of two sources of the same actas that a bundled election declares (its manifest's sources and crossCheck, by id, e.g. onpe, sergiocorreia, ronderos for pe-2021-presidencial-segunda): mesas compared, disagreements by coded reason (docs/ingest.md), the net effect A − B per candidate overall and by reason, and a page of the disagreeing mesas (`offset`, `limit` ≤ 1000), or one mesa's (`mesa`)",
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
    faults: ['workers'],
  },
  {
    method: 'GET',
    url: '/api/v1/imports',
    summary:
      "The import log, oldest first, a page at a time (`offset`, `limit` ≤ 1000): each import's id, file name, the file's SHA-256, rows read, accepted and quarantined, what it changed, when; a correction's `resolution` and `author`; the source's `cut` where one was given. An acta version's `importId` (GET /api/v1/actas/:mesa) is one of these. Without `election`, every election's",
    write: false,
    query: electionQuery.extend({
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: ImportsSchema,
  },
  {
    method: 'POST',
    url: '/api/v1/imports',
    summary:
      "Upload a file of actas (body: the file; as `cifra ingest`). `cut`: the source's cut of the file, an ISO 8601 instant with its offset (as `cifra ingest --cut`), kept with the import: the status of a count still under way gives the latest import's; another value is 422 `invalid_query` at `query.cut`, nothing stored",
    write: true,
    query: electionQuery.extend({
      format: z.enum(['onpe-mesa', 'onpe-congress', 'cifra-csv', 'cifra-json']).optional(),
      name: z.string().max(200).optional(),
      cut: SourceCutSchema.optional(),
    }),
    response: ImportReportSchema,
  },
  {
    method: 'POST',
    url: '/api/v1/actas/:mesa/corrections',
    summary:
      'Record a correction of one stored acta, e.g. after a JEE ruling. The body is one acta: cifra JSON (docs/ingest.md), `votes` an object of figures by choice id, e.g. `{"mesa":"000036","ubigeo":"010101","state":"counted","eligible":300,"voters":181,"votes":{"P1":56,"P2":115},"blank":6,"null":4}`; or the shape GET /api/v1/actas/:mesa gives as `current`, `votes` an array in the election\'s choice order (GET /api/v1/candidates), e.g. `"votes":[56,115]`, its other fields ignored. A body that is not JSON is 422 `body_not_json` (as on the what-if); JSON that is not one acta 422 `invalid_query` at `body`; a field absent 422 `missing_required` at `body.<field>`, one of the wrong type or shape (`votes` a string, an array of another length) `invalid_query` there, a figure that is no count `negative_number`, `non_integer` or `number_too_large`: none of these makes an import. A mesa never imported is 404 `acta_not_found`; an acta read but failing validation (the mesa\'s or place code\'s form, the sums) corrects nothing, 422 with its issues, its row kept in the quarantine of the import `details.importId` for the audit trail. `resolution` and `author` (one line, ≤ 120 characters each, else 422 `invalid_query`) are kept with the correction and shown in the acta versions (GET /api/v1/actas/:mesa)',
    write: true,
    query: electionQuery.extend(CorrectionRulingSchema.shape),
    response: ImportReportSchema,
  },
] as const satisfies readonly RouteDef[];
export type RouteTable = typeof ROUTE_TABLE;

export const ROUTES: readonly RouteDef[] = ROUTE_TABLE;

/**
 * Every route's handler by its key (HandlerKey), typed by the route's query schema: a handler reading a
 * parameter its route's schema lacks does not compile, nor does a route without a handler.
 * A module's share of them is `… satisfies Partial<Handlers>` (read-routes.ts).
 */
export type Handlers = {
  readonly [R in RouteTable[number] as HandlerKey<R>]: RouteHandler<R['query']>;
};

/**
 * A route's key among the handlers: a GET's URL, another method's `METHOD url` (a path may take
 * both: GET and POST /api/v1/imports).
 */
export type HandlerKey<R extends Pick<RouteDef, 'method' | 'url'>> = R['method'] extends 'GET'
  ? R['url']
  : `${R['method']} ${R['url']}`;

export function handlerKey(r: Pick<RouteDef, 'method' | 'url'>): string {
  return r.method === 'GET' ? r.url : `${r.method} ${r.url}`;
}
