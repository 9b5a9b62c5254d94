// The dashboard's one way to the API: every read goes through here, typed by the server's own zod
// schemas (z.infer; type-only imports, so nothing server-side is bundled). Reads use the query-free
// paths of src/api/paths.ts, which the API and a static site (`cifra publish`) answer alike.
import type { z } from 'zod';
import type { Geometry } from 'geojson';
import { API_ROOT, CONTEST_PATHS, PATHS, type ElectionDocument } from '../src/api/paths.js';
import type { CompareQuerySchema } from '../src/api/compare.js';
import type {
  ActaSchema,
  CandidatesSchema,
  CompareSchema,
  CountCourseSchema,
  ElectionsSchema,
  ErrorSchema,
  MesasSchema,
  PlacesSchema,
  ProgressSchema,
  ProjectionHistorySchema,
  ProjectionSchema,
  ResultsSchema,
  RulesetFileSchema,
  SeatsSchema,
  SiteSchema,
  SummarySchema,
  WhatIfSchema,
} from '../src/api/schemas.js';
import type { ContestSchema, ContestsElectionSchema } from '../src/results/contests.js';
import type { PollingPlacesSchema } from '../src/results/polling-places.js';
import type { RulesetsSchema } from '../src/results/rulesets.js';
import type { WhatIfBodySchema } from '../src/results/what-if.js';
import { revisionOf, UNREAD } from './cut.js';

export type Elections = z.infer<typeof ElectionsSchema>;
export type Election = Elections['elections'][number];
export type Site = z.infer<typeof SiteSchema>;
export type Candidates = z.infer<typeof CandidatesSchema>;
export type Choice = Candidates['choices'][number];
export type Progress = z.infer<typeof ProgressSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type Seats = z.infer<typeof SeatsSchema>;
export type CountCourse = z.infer<typeof CountCourseSchema>;
export type Projection = z.infer<typeof ProjectionSchema>;
export type ProjectionHistory = z.infer<typeof ProjectionHistorySchema>;
export type Places = z.infer<typeof PlacesSchema>;
export type PollingPlaces = z.infer<typeof PollingPlacesSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type ResultUnit = Results['units'][number];
export type Mesas = z.infer<typeof MesasSchema>;
export type Acta = z.infer<typeof ActaSchema>;
export type Compare = z.infer<typeof CompareSchema>;
export type CompareQuery = z.input<typeof CompareQuerySchema>;
export type RulesetFile = z.infer<typeof RulesetFileSchema>;
export type Rulesets = z.infer<typeof RulesetsSchema>;
export type WhatIf = z.infer<typeof WhatIfSchema>;
export type WhatIfBody = z.input<typeof WhatIfBodySchema>;
export type ApiError = z.infer<typeof ErrorSchema>;
export type ContestsElection = z.infer<typeof ContestsElectionSchema>;
export type Contest = z.infer<typeof ContestSchema>;

/** Each election document's type, by its name in the URL scheme. */
interface Documents {
  candidates: Candidates;
  progress: Progress;
  summary: Summary;
  seats: Seats;
  ruleset: RulesetFile;
  'count-course': CountCourse;
  projection: Projection;
  'projection-history': ProjectionHistory;
  places: Places;
  'polling-places': PollingPlaces;
}
// every document of the URL scheme has its type here (a new one fails the typecheck)
const _complete: Record<ElectionDocument, unknown> = {} as Documents;
void _complete;

/** An answer the server refused with its coded issues (a 4xx with the API's error body). */
export type Answer<T> = { ok: true; doc: T } | { ok: false; error: ApiError };

// Every read revalidates (If-None-Match): an unchanged document is a 304, a changed one is new.
const REVALIDATE: RequestInit = { cache: 'no-cache' };

/**
 * A path of the URL scheme made relative to the page: the site then works under any sub-path
 * (https://host/resultados/), not only at the host's root. The page is always the site's root.
 */
const rel = (path: string): string => (path.startsWith('/') ? path.slice(1) : path);

/** How documents are read by path: their body (null: absent) and the status. */
type Reader = (path: string) => Promise<{ doc: unknown; status: number }>;

/** The server's document at `path` (every read outside a draw: the poll, the user's drill). */
const fromServer: Reader = async (path) => {
  const res = await fetch(rel(path), REVALIDATE);
  const doc: unknown = res.ok ? await res.json() : null;
  return { doc, status: res.status };
};

/**
 * A failed read worth reading again: no answer, a timeout, too many requests or a server error.
 * Any other status (a static host's 403 for a file it lacks, a 410 or a 422) is the document
 * absent, as a 404: that panel alone is not drawn, never the whole cut held (review 23 M2).
 */
const transient = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** The host's kind, once its site document was read (`api.site()`); null: not known yet. */
let hostKind: Site['kind'] | null = null;

/**
 * Whether a status that is no document (`tryGetRead`) says the document is absent: a 404 or a 410
 * anywhere; a 403 only on a static host (object storage, S3 among them, answers 403 for a file it
 * lacks) or one whose kind is not known yet (an older static site has no site.json). On the API a
 * 400, 401 or 403 is a read that failed, said as such with a retry, never "not found".
 */
export const absentStatus = (status: number, host: Site['kind'] | null): boolean =>
  status === 404 || status === 410 || (status === 403 && host !== 'server');

/**
 * Each path read once from the server, for a cut drawn from memory: its document, null when absent,
 * UNREAD when the read failed for a while (web/cut.ts: that cut is read again, never drawn).
 */
export async function readAll(paths: Iterable<string>): Promise<Map<string, unknown>> {
  const unique = [...new Set(paths)];
  const docs = await Promise.all(
    unique.map(async (p) => {
      const read = await fromServer(p).catch(() => null);
      return read === null || (read.doc === null && transient(read.status)) ? UNREAD : read.doc;
    }),
  );
  return new Map(unique.map((p, i) => [p, docs[i] ?? null]));
}

/**
 * Draws with `docs` (one cut's, web/cut.ts) served from memory through the reader the draw is
 * given (its panels read with it, never with `api`): what the draw returns, and the paths of
 * documents with a revision it read that were not among them (none when the list of reads is
 * complete). The cut is the draw's alone: a read elsewhere meanwhile (a user's drill, a poll) goes
 * to the server, so it sees a newer revision and is never counted as a stray.
 */
export async function drawPinned<T>(
  docs: ReadonlyMap<string, unknown>,
  draw: (cut: Api) => Promise<T>,
): Promise<{ drawn: T; strays: string[] }> {
  const strays: string[] = [];
  const pinned: Reader = async (path) => {
    if (docs.has(path)) {
      const doc = docs.get(path) ?? null;
      return { doc, status: doc === null ? 404 : 200 };
    }
    const read = await fromServer(path);
    if (revisionOf(read.doc) !== null) strays.push(path);
    return read;
  };
  return { drawn: await draw(apiOf(pinned)), strays };
}

/** A read that failed (no answer, a 5xx, or on the API a 401 or 403): the document may well be there. */
export class Unread extends Error {
  constructor(
    readonly path: string,
    readonly status: number | null,
  ) {
    super(`${path}: ${status ?? 'no answer'}`);
    this.name = 'Unread';
  }
}

/** A computed answer (what-if, cross-check): the document, or the server's coded refusal. */
async function answer<T>(path: string, init?: RequestInit): Promise<Answer<T>> {
  const res = await fetch(rel(path), init);
  // a static site's 404 is the web server's page, not the API's error body
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, doc: body as T };
  const error = body as ApiError | null;
  return { ok: false, error: error?.issues ? error : { error: String(res.status), issues: [] } };
}

/** The API's reads, each document through `read` (computed answers always the server's). */
function apiOf(read: Reader) {
  /** A document that must be there; its absence is an error. */
  const get = async <T>(path: string): Promise<T> => {
    const { doc, status } = await read(path);
    if (doc === null) throw new Error(`${path}: ${status}`);
    return doc as T;
  };
  /** A document that may be absent (404: no projection, a unit without children): null then. */
  const tryGet = async <T>(path: string): Promise<T | null> => (await read(path)).doc as T | null;
  /**
   * As tryGet, but a read that failed (no answer, or a status that does not say absent for this
   * host: `absentStatus`) throws `Unread`: the reads a page must not take for absent (a user's
   * drill, the polling places of a search).
   */
  const tryGetRead = async <T>(path: string): Promise<T | null> => {
    const got = await read(path).catch(() => null);
    if (got === null || (got.doc === null && !absentStatus(got.status, hostKind)))
      throw new Unread(path, got?.status ?? null);
    return got.doc as T | null;
  };
  return {
    /** The host's site document; its kind decides what a 403 means (`absentStatus`). */
    site: async () => {
      const site = await tryGet<Site>(PATHS.site());
      if (site !== null) hostKind = site.kind;
      return site;
    },
    elections: () => get<Elections>(PATHS.elections()),
    /** The built-in rulesets and the allocation methods the core knows by name. */
    rulesets: () => tryGet<Rulesets>(PATHS.rulesets()),
    document: <K extends keyof Documents>(election: string, name: K) =>
      get<Documents[K]>(PATHS.document(election, name)),
    tryDocument: <K extends keyof Documents>(election: string, name: K) =>
      tryGet<Documents[K]>(PATHS.document(election, name)),
    results: (election: string, level: string) => get<Results>(PATHS.results(election, level)),
    /** A unit, its children, a place's mesas: null when absent, `Unread` when the read failed. */
    unit: (election: string, level: string, code: string) =>
      tryGetRead<Results>(PATHS.unit(election, level, code)),
    children: (election: string, level: string, code: string) =>
      tryGetRead<Results>(PATHS.children(election, level, code)),
    mesas: (election: string, place: string) => tryGetRead<Mesas>(PATHS.mesas(election, place)),
    /** The election's polling places: null when absent, `Unread` when the read failed. */
    pollingPlaces: (election: string) =>
      tryGetRead<PollingPlaces>(PATHS.document(election, 'polling-places')),
    /** A mesa's acta, or the refusal of one the election does not have (acta_not_found, mesa_invalid). */
    acta: (election: string, mesa: string) => answer<Acta>(PATHS.acta(election, mesa), REVALIDATE),
    /** A jurisdiction's map (`/geo/<jurisdiction>.json`). */
    geography: (jurisdiction: string) => get<MapShapes>(PATHS.geography(jurisdiction)),
    /** The cross-check by query (offset, limit): the server's, a static site has none. */
    compare: (q: CompareQuery) =>
      answer<Compare>(
        `${API_ROOT}/compare?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`,
      ),
    whatIf: (body: WhatIfBody) =>
      answer<WhatIf>(`${API_ROOT}/what-if`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    /** A multi-contest election (ERM) at its query-free path, which `cifra publish` also writes. */
    contests: (election: string) => get<ContestsElection>(CONTEST_PATHS.contests(election)),
    /** One contest; the what-if without the bonus is the server's alone. */
    contest: (election: string, id: string, bonusOff: boolean) =>
      get<Contest>(
        bonusOff
          ? CONTEST_PATHS.contestWithoutBonus(election, id)
          : CONTEST_PATHS.contest(election, id),
      ),
  };
}

/** The reader of every document a draw is given (a cut's, `drawPinned`) or reads (`api`). */
export type Api = ReturnType<typeof apiOf>;

/** The server's reads: everything outside a draw (the poll, the user's drill, the what-if). */
export const api: Api = apiOf(fromServer);

/** A shape of the dashboard's map (src/io/geography.ts): GeoJSON, as d3-geo draws it. */
export interface MapShape {
  readonly type: 'Feature';
  readonly geometry: Geometry;
  readonly properties: {
    /** The level whose results colour it (Peru: department, or circunscripción for Lima). */
    readonly level: string;
    readonly code: string;
    readonly name: string;
    readonly reniec?: string;
  };
}
export interface MapShapes {
  readonly type: 'FeatureCollection';
  // mutable only because d3-geo's types ask for a plain array; the dashboard never writes it
  readonly features: MapShape[];
}
