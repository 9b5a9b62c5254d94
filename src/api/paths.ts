// The URL scheme shared by the API, the static site (`cifra publish`) and the dashboard: every
// read document has a path without a query, so that a tree of static files can answer it as the
// server does. Pure and import-free: the dashboard bundles it (docs/adr/007-one-url-scheme.md).

export const API_ROOT = '/api/v1';

/** The documents of one election at `/api/v1/elections/<id>/<name>.json`. */
export const ELECTION_DOCUMENTS = [
  'candidates',
  'progress',
  'summary',
  'seats',
  'ruleset',
  'count-course',
  'projection',
  'projection-history',
  'places',
  'polling-places',
] as const;
export type ElectionDocument = (typeof ELECTION_DOCUMENTS)[number];

/** Disagreeing mesas per page of a cross-check document. */
export const COMPARE_PAGE = 50;

const seg = encodeURIComponent;
const election = (id: string): string => `${API_ROOT}/elections/${seg(id)}`;

/** The path of each document. */
export const PATHS = {
  site: (): string => `${API_ROOT}/site.json`,
  elections: (): string => `${API_ROOT}/elections.json`,
  openapi: (): string => `${API_ROOT}/openapi.json`,
  rulesets: (): string => `${API_ROOT}/rulesets.json`,
  ruleset: (id: string): string => `${API_ROOT}/rulesets/${seg(id)}.json`,
  document: (id: string, name: ElectionDocument): string => `${election(id)}/${name}.json`,
  results: (id: string, level: string, format: 'json' | 'csv' = 'json'): string =>
    `${election(id)}/results/${seg(level)}.${format}`,
  unit: (id: string, level: string, code: string): string =>
    `${election(id)}/results/${seg(level)}/${seg(code)}.json`,
  children: (id: string, level: string, code: string): string =>
    `${election(id)}/results/${seg(level)}/${seg(code)}/children.json`,
  /** Every mesa of a unit with its state and figures, as CSV (a poll-watcher's list). */
  unitMesas: (id: string, level: string, code: string): string =>
    `${election(id)}/results/${seg(level)}/${seg(code)}/mesas.csv`,
  mesas: (id: string, place: string): string => `${election(id)}/mesas/${seg(place)}.json`,
  acta: (id: string, mesa: string): string => `${election(id)}/actas/${seg(mesa)}.json`,
  compare: (id: string, a: string, b: string, page: number): string =>
    `${election(id)}/compare/${seg(a)}/${seg(b)}/${page}.json`,
  /** The map of a jurisdiction that declares its shapes (its places.json says `map: true`). */
  geography: (jurisdiction: string): string => `/geo/${seg(jurisdiction)}.json`,
} as const;

/** A contest of a multi-contest election, by its id `<kind>/<key>`. */
const contestPath = (id: string, contest: string): string =>
  `${API_ROOT}/contests/${seg(id)}/${contest.split('/').map(seg).join('/')}`;

/**
 * A multi-contest election (ERM) and one of its contests at query-free paths, as `cifra publish`
 * writes them; and the one variant only the server computes (a static host ignores queries).
 */
export const CONTEST_PATHS = {
  contests: (id: string): string => `${API_ROOT}/contests/${seg(id)}.json`,
  contest: (id: string, contest: string): string => `${contestPath(id, contest)}.json`,
  /** The what-if without the majority bonus (Ley 26864 art. 25): server only. */
  contestWithoutBonus: (id: string, contest: string): string =>
    `${contestPath(id, contest)}?bonus=off`,
} as const;
