import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { API_ROOT } from '../src/api/paths.js';

// the dashboard's plain-JS copy of the URL scheme (no build step): the same paths, always
const WEB = '../web/paths.js';
const { PATHS: WEB_PATHS, API_ROOT: WEB_ROOT } = (await import(WEB)) as {
  PATHS: typeof PATHS;
  API_ROOT: string;
};

describe('the dashboard URL scheme', () => {
  it('gives the same path as the API for every document, awkward names included', () => {
    expect(WEB_ROOT).toBe(API_ROOT);
    expect(Object.keys(WEB_PATHS).sort()).toEqual(Object.keys(PATHS).sort());
    const ids = ['pe-2021-presidencial', 'a b/ç?#', ''];
    for (const id of ids) {
      for (const k of ['site', 'elections', 'openapi', 'geography'] as const)
        expect(WEB_PATHS[k]()).toBe(PATHS[k]());
      expect(WEB_PATHS.ruleset(id)).toBe(PATHS.ruleset(id));
      expect(WEB_PATHS.document(id, 'summary')).toBe(PATHS.document(id, 'summary'));
      for (const f of ['json', 'csv'] as const)
        expect(WEB_PATHS.results(id, 'district', f)).toBe(PATHS.results(id, 'district', f));
      expect(WEB_PATHS.results(id, 'national')).toBe(PATHS.results(id, 'national'));
      expect(WEB_PATHS.unit(id, 'department', id)).toBe(PATHS.unit(id, 'department', id));
      expect(WEB_PATHS.children(id, 'ambito', id)).toBe(PATHS.children(id, 'ambito', id));
      expect(WEB_PATHS.mesas(id, '150101')).toBe(PATHS.mesas(id, '150101'));
      expect(WEB_PATHS.acta(id, '000123')).toBe(PATHS.acta(id, '000123'));
      expect(WEB_PATHS.compare(id, 'a/x', 'b', 3)).toBe(PATHS.compare(id, 'a/x', 'b', 3));
    }
  });
});
