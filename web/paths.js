// The URL scheme of src/api/paths.ts, for the dashboard (no build step): every document the
// dashboard reads has a path without a query, so the API and a static site (`cifra publish`)
// answer it alike. test/web-paths.test.ts keeps the two in step.

export const API_ROOT = '/api/v1';

const seg = encodeURIComponent;
const election = (id) => `${API_ROOT}/elections/${seg(id)}`;

export const PATHS = {
  site: () => `${API_ROOT}/site.json`,
  elections: () => `${API_ROOT}/elections.json`,
  openapi: () => `${API_ROOT}/openapi.json`,
  ruleset: (id) => `${API_ROOT}/rulesets/${seg(id)}.json`,
  document: (id, name) => `${election(id)}/${name}.json`,
  results: (id, level, format = 'json') => `${election(id)}/results/${seg(level)}.${format}`,
  unit: (id, level, code) => `${election(id)}/results/${seg(level)}/${seg(code)}.json`,
  children: (id, level, code) => `${election(id)}/results/${seg(level)}/${seg(code)}/children.json`,
  mesas: (id, place) => `${election(id)}/mesas/${seg(place)}.json`,
  acta: (id, mesa) => `${election(id)}/actas/${seg(mesa)}.json`,
  compare: (id, a, b, page) => `${election(id)}/compare/${seg(a)}/${seg(b)}/${page}.json`,
  geography: () => '/geo/peru.json',
};
