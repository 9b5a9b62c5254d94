import { z } from 'zod';
import { issue } from '../core/issues.js';
import { ContestKindSchema } from '../core/model/contests-manifest.js';
import {
  ContestSchema,
  ContestsElectionSchema,
  getContest,
  getContestsElection,
} from '../results/contests.js';
import { getChildren, getPlaces, PlacesSchema } from '../results/places.js';
import { getPollingPlaces, PollingPlacesSchema } from '../results/polling-places.js';
import { projectionHistory, projectionOf, type SimulationRunner } from '../results/projection.js';
import { getElectionRuleset, getRulesetText, listRulesets } from '../results/rulesets.js';
import {
  getActa,
  getCandidates,
  getCountCourse,
  getMesas,
  getProgress,
  getResults,
  getSeats,
  listElections,
  type Found,
} from '../results/service.js';
import { getSummary, SummarySchema } from '../results/summary.js';
import { documentCsv, getUnitMesas } from '../results/unit-mesas.js';
import type { Store } from '../store/store.js';
import type { AuditCheck } from './audit-check.js';
import type { CompareQuery } from './compare.js';
import type { CompareReport } from '../ingest/compare-files.js';
import type { Issue } from '../core/issues.js';
import type { Result } from '../core/result.js';
import { API_ROOT, COMPARE_PAGE } from './paths.js';
import { isMesaLevel, nonCanonicalMesa } from './canonical-mesa.js';
import { SUMMARY_DESCRIPTION, type ServerFault } from './route-table.js';
import {
  ActaSchema,
  CandidatesSchema,
  CompareSchema,
  CountCourseSchema,
  ElectionsSchema,
  MesasSchema,
  ProgressSchema,
  ProjectionHistorySchema,
  ProjectionSchema,
  ResultsSchema,
  RulesetFileSchema,
  RulesetsSchema,
  SeatsSchema,
  SiteSchema,
} from './schemas.js';

/** A body sent as it is (CSV, a ruleset file as written), with its content type. */
export class RawBody {
  constructor(
    readonly text: string,
    readonly type: string,
  ) {}
}

/** What a document needs beyond the store: the cross-check service (it keeps comparisons). */
export interface DocumentContext {
  readonly store: Store;
  readonly compare: (q: CompareQuery) => Promise<Result<CompareReport, Issue[]>>;
  /** The server's clock, to record the projection it serves (absent: `cifra publish`, no write). */
  readonly record?: (() => string) | undefined;
  /** Where the server runs simulations (its worker pool); absent: on this thread. */
  readonly run?: SimulationRunner | undefined;
  /** The server's check of its audit chain (absent: `cifra publish`, which writes its own site.json). */
  readonly audit?: AuditCheck | undefined;
}

/**
 * A read document at a path without a query: the API serves it, `cifra publish` writes it as
 * a file at the same path, the dashboard fetches it. A document that is not there (an unknown
 * election, unit or mesa; no projection) is a 404 with its coded issues, as a missing file is.
 */
export interface DocumentDef {
  /** The Fastify pattern under /api/v1 (`:name` parameters). */
  readonly url: string;
  readonly summary: string;
  readonly params: z.ZodObject;
  readonly response: z.ZodType;
  readonly make: (ctx: DocumentContext, p: Record<string, string>) => Promise<Found<unknown>>;
  /** Codes that also mean "not there" (404) for this document, beyond DOCUMENT_NOT_FOUND. */
  readonly notFound?: readonly string[];
  /** What it may answer for the server's state (route-table.ts ServerFault), for the OpenAPI. */
  readonly faults?: readonly ServerFault[];
}

const name = z.string().min(1).max(200);
const e = z.object({ election: name });
const CSV = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const wrap = <T>(v: T): Found<T> => ({ ok: true, value: v });
const get = (p: Record<string, string>, k: string): string => p[k] ?? '';

/** A document of one election computed by a service taking (store, election id). */
function electionDoc(
  file: string,
  summary: string,
  response: z.ZodType,
  make: (store: Store, id: string) => Promise<Found<unknown>>,
): DocumentDef {
  return {
    url: `${API_ROOT}/elections/:election/${file}.json`,
    summary,
    params: e,
    response,
    make: (ctx, p) => make(ctx.store, get(p, 'election')),
  };
}

/**
 * One page of a cross-check, as `GET /api/v1/compare` gives it with offset page × 50. A page that
 * is not a number, or past the last (page 0 always exists), is no document: 404 `not_found`, as
 * a static host answers a file it does not have.
 */
async function comparePage(
  ctx: DocumentContext,
  p: Record<string, string>,
): Promise<Found<unknown>> {
  const page = Number(get(p, 'page'));
  const none = (details: Record<string, unknown>): Found<unknown> => ({
    ok: false,
    issues: [issue('not_found', ['page'], { page: get(p, 'page'), ...details })],
  });
  if (!/^\d{1,6}$/.test(get(p, 'page'))) return none({});
  const r = await ctx.compare({
    election: get(p, 'election'),
    a: get(p, 'a'),
    b: get(p, 'b'),
    offset: page * COMPARE_PAGE,
    limit: COMPARE_PAGE,
  });
  if (!r.ok) return { ok: false, issues: r.error };
  const pages = Math.max(1, Math.ceil(r.value.page.total / COMPARE_PAGE));
  return page < pages ? wrap(r.value) : none({ pages });
}

/** Every unit of a level; the mesa level only one mesa at a time (its path). */
async function levelResults(
  ctx: DocumentContext,
  p: Record<string, string>,
): ReturnType<typeof getResults> {
  if (get(p, 'level') === 'mesa')
    return {
      ok: false,
      issues: [
        issue('query_too_costly', ['level'], {
          level: 'mesa',
          missing: 'unit',
          hint: 'the mesas of a unit: results/<level>/<code>/mesas.csv; one mesa: results/mesa/<mesa>.json or actas/<mesa>.json',
        }),
      ],
    };
  return getResults(ctx.store, get(p, 'election'), get(p, 'level'));
}

/**
 * The store's head as read now, with what the server verified of it (audit-check.ts): a head
 * the server has not checked yet starts a check of the entries since (never awaited here).
 */
async function serverAudit(ctx: DocumentContext) {
  const head = await ctx.store.auditHead();
  if (ctx.audit === undefined) throw new Error('a server read without its audit check');
  void ctx.audit.check(head);
  return { ...head, ...ctx.audit.current };
}

/** A contest's own not-found code beside the election's (unknown kind/key). */
export const CONTEST_NOT_FOUND: readonly string[] = ['unknown_contest'];

export const DOCUMENTS: readonly DocumentDef[] = [
  {
    url: `${API_ROOT}/site.json`,
    summary:
      "What serves these documents: the cifra server (`kind: server`: every document, the what-if) or a static snapshot written by `cifra publish` (`kind: static`, its id and time); either names the store's audit head (`audit`: now, or as published) for `cifra audit verify --since`",
    params: z.object({}),
    response: SiteSchema,
    make: async (ctx) => wrap({ kind: 'server', whatIf: true, audit: await serverAudit(ctx) }),
  },
  {
    url: `${API_ROOT}/elections.json`,
    summary: 'Elections in the store (as `/api/v1/elections`)',
    params: z.object({}),
    response: ElectionsSchema,
    make: async (ctx) => wrap({ elections: await listElections(ctx.store) }),
  },
  {
    url: `${API_ROOT}/rulesets.json`,
    summary: 'The built-in rulesets (as `/api/v1/rulesets`)',
    params: z.object({}),
    response: RulesetsSchema,
    make: async () => listRulesets(),
  },
  {
    url: `${API_ROOT}/rulesets/:id.json`,
    summary: 'A built-in ruleset file as written (as `/api/v1/rulesets/:id`)',
    params: z.object({ id: name }),
    response: RulesetFileSchema,
    make: async (_ctx, p) => {
      const r = getRulesetText(get(p, 'id'));
      return r.ok ? wrap(new RawBody(r.value.text, JSON_TYPE)) : r;
    },
  },
  electionDoc(
    'candidates',
    'Candidates or lists, in column order, with their colours',
    CandidatesSchema,
    getCandidates,
  ),
  electionDoc(
    'progress',
    'Actas by state, votes still to come, snapshot time',
    ProgressSchema,
    getProgress,
  ),
  electionDoc('summary', SUMMARY_DESCRIPTION, SummarySchema, getSummary),
  {
    ...electionDoc(
      'seats',
      'Seats or the presidential outcome on the votes counted (as `/api/v1/seats`)',
      SeatsSchema,
      (s, id) => getSeats(s, id),
    ),
    faults: ['ruleset'],
  },
  electionDoc(
    'ruleset',
    "The ruleset file the election is counted under, as written (a built-in one or the user's file its manifest names), to start a what-if from",
    RulesetFileSchema,
    async (s, id) => {
      const r = await getElectionRuleset(s, id);
      return r.ok ? wrap(new RawBody(r.value.text, JSON_TYPE)) : r;
    },
  ),
  electionDoc(
    'count-course',
    "The count's course (as `/api/v1/count-course`)",
    CountCourseSchema,
    getCountCourse,
  ),
  {
    url: `${API_ROOT}/elections/:election/projection.json`,
    summary:
      'The projection with default seed and simulations (as `/api/v1/projection`); 404 `projection_unavailable` when there is none',
    params: e,
    response: ProjectionSchema,
    // the dashboard's own read: the server records it and runs it on its pool, as the route does
    make: (ctx, p) => projectionOf(ctx.store, get(p, 'election'), { record: ctx.record }, ctx.run),
    faults: ['workers'],
  },
  electionDoc(
    'projection-history',
    'How the projection moved over the night',
    ProjectionHistorySchema,
    projectionHistory,
  ),
  electionDoc(
    'places',
    'Every unit with its name and parent, the levels, the mesa format: search and drill-down',
    PlacesSchema,
    getPlaces,
  ),
  electionDoc(
    'polling-places',
    'Where each mesa votes: polling places with their address, unit and mesas (the search by polling place); none when the election has no such source',
    PollingPlacesSchema,
    getPollingPlaces,
  ),
  {
    url: `${API_ROOT}/elections/:election/results/:level.json`,
    summary: 'Results at a level of the jurisdiction (every unit)',
    params: e.extend({ level: name }),
    response: ResultsSchema,
    make: (ctx, p) => levelResults(ctx, p),
  },
  {
    url: `${API_ROOT}/elections/:election/results/:level.csv`,
    summary: 'Results at a level as CSV',
    params: e.extend({ level: name }),
    response: z.string(),
    make: async (ctx, p) => {
      const r = await levelResults(ctx, p);
      return r.ok ? wrap(new RawBody(await documentCsv(ctx.store, r.value), CSV)) : r;
    },
  },
  {
    url: `${API_ROOT}/elections/:election/results/:level/:code.json`,
    summary: 'Results of one unit',
    params: e.extend({ level: name, code: name }),
    response: ResultsSchema,
    make: async (ctx, p) =>
      (isMesaLevel(get(p, 'level'))
        ? await nonCanonicalMesa(ctx.store, get(p, 'election'), get(p, 'code'), ['code'])
        : null) ?? getResults(ctx.store, get(p, 'election'), get(p, 'level'), get(p, 'code')),
  },
  {
    url: `${API_ROOT}/elections/:election/results/:level/:code/children.json`,
    summary:
      "Results of a unit's children: the nation's (code: the national code) coarsest place units, a place unit's next level inside it, an ámbito's or circunscripción's largest place units inside it",
    params: e.extend({ level: name, code: name }),
    response: ResultsSchema,
    make: (ctx, p) => getChildren(ctx.store, get(p, 'election'), get(p, 'level'), get(p, 'code')),
  },
  {
    url: `${API_ROOT}/elections/:election/results/:level/:code/mesas.csv`,
    summary:
      "Every mesa of a unit (a district, province or department) as CSV: its acta's state, each choice's votes, blank, null, impugned, emitted; empty cells where the acta is not counted (as `/api/v1/results?level=mesa&unit=<code>&format=csv`)",
    params: e.extend({ level: name, code: name }),
    response: z.string(),
    make: async (ctx, p) => {
      const r = await getUnitMesas(ctx.store, get(p, 'election'), get(p, 'code'), get(p, 'level'), [
        'path',
        'code',
      ]);
      return r.ok ? wrap(new RawBody(await documentCsv(ctx.store, r.value), CSV)) : r;
    },
  },
  {
    url: `${API_ROOT}/elections/:election/mesas/:place.json`,
    summary: 'The mesas of a place (Peru: a district ubigeo) with their state',
    params: e.extend({ place: name }),
    response: MesasSchema,
    make: (ctx, p) => getMesas(ctx.store, get(p, 'election'), get(p, 'place'), ['path', 'place']),
  },
  {
    url: `${API_ROOT}/elections/:election/actas/:mesa.json`,
    summary: 'One acta: values, state, versions with sources, issues',
    params: e.extend({ mesa: name }),
    response: ActaSchema,
    make: async (ctx, p) =>
      (await nonCanonicalMesa(ctx.store, get(p, 'election'), get(p, 'mesa'), ['mesa'])) ??
      getActa(ctx.store, get(p, 'election'), get(p, 'mesa')),
  },
  {
    url: `${API_ROOT}/elections/:election/compare/:a/:b/:page.json`,
    summary: `The cross-check of two sources of the same actas (as \`/api/v1/compare\`), page n of ${COMPARE_PAGE} disagreeing mesas`,
    params: e.extend({ a: name, b: name, page: name }),
    response: CompareSchema,
    make: comparePage,
  },
  // a multi-contest election (ERM) from data/contests, as GET /api/v1/contests/{election}[/…]
  // without a query: ties reported (no seed), the majority bonus applied — what the static site shows
  {
    url: `${API_ROOT}/contests/:election.json`,
    summary:
      'A bundled multi-contest election (as `/api/v1/contests/{election}` without a query): its contest sets, the national picture and every contest in brief; ties reported',
    params: e,
    response: ContestsElectionSchema,
    make: async (_ctx, p) => getContestsElection(get(p, 'election')),
  },
  {
    url: `${API_ROOT}/contests/:election/:kind/:key.json`,
    summary:
      'One contest of a multi-contest election in full (as `/api/v1/contests/{election}/{kind}/{key}` without a query); unknown contest → 404 `unknown_contest`',
    params: e.extend({ kind: ContestKindSchema, key: name }),
    response: ContestSchema,
    make: async (_ctx, p) => getContest(get(p, 'election'), `${get(p, 'kind')}/${get(p, 'key')}`),
    notFound: CONTEST_NOT_FOUND,
  },
];

/** Issues that say a document is not there: a 404, as a missing file on a static host. */
export const DOCUMENT_NOT_FOUND: readonly string[] = [
  'acta_not_found',
  'unknown_election',
  'unknown_level',
  'unknown_ubigeo',
  'ubigeo_invalid',
  'mesa_invalid',
  'projection_unavailable',
  'ruleset_not_found',
  'invalid_query',
  'election_invalid',
];
