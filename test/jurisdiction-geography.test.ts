// A jurisdiction's map and borders are data (review 7 M3): Freedonia (test/fixtures/xf, made up)
// copied out with the shapes and adjacency of test/fixtures/xf-map declared in its file gets
// neighbours for the snapshot model and a map at /geo/xf.json, live and published; the fixture as
// it is (no `adjacency`, no `geography`) gets neither. Peru's own are tested where they were.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishSite } from '../src/api/publish-site.js';
import { buildApi, buildOpenApi } from '../src/api/server.js';
import { neighbourModel, unitNeighbours } from '../src/elections/adjacency.js';
import { loadJurisdictionFile } from '../src/jurisdictions/load.js';
import { tempDir } from './helpers.js';
import { mappedXf, XF_DIR, XF_ELECTION, XF_MAP as DECLARED, xfStore } from './xf-fixture.js';

const XF = join(XF_DIR, 'jurisdictions', 'xf');

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function api(folder: string) {
  const store = await xfStore(join(tempDir('cifra-jur-geo-db-'), 'xf.db'), folder);
  const app = await buildApi({ store, tokenHash: null, dashboard: true });
  closers.push(
    () => app.close(),
    async () => store.close(),
  );
  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, json: r.statusCode === 200 ? (r.json() as unknown) : null };
  };
  return { store, get };
}

describe("a jurisdiction's adjacency and map, declared in its file", () => {
  it('gives neighbours to the snapshot model where declared, and none where not', () => {
    const folder = mappedXf(DECLARED);
    // the fixture's README: Norte above Centro above Sur
    expect(unitNeighbours(folder)).toEqual({ '01': ['02'], '02': ['01', '03'], '03': ['02'] });
    expect(neighbourModel(folder).neighbours).toBeDefined();
    expect(unitNeighbours(XF)).toBeUndefined();
    expect(neighbourModel(XF)).toEqual({});
  });

  it("serves the map at /geo/<id>.json and says so in places.json; a jurisdiction without one hasn't it", async () => {
    const mapped = await api(mappedXf(DECLARED));
    const places = await mapped.get(`/api/v1/elections/${XF_ELECTION}/places.json`);
    expect((places.json as { jurisdiction: { map: boolean } }).jurisdiction.map).toBe(true);
    const geo = await mapped.get('/geo/xf.json');
    expect(geo.status).toBe(200);
    const props = (geo.json as { features: { properties: unknown }[] }).features.map(
      (f) => f.properties,
    );
    expect(props).toEqual([
      { level: 'region', code: '01', name: 'Norte' },
      { level: 'region', code: '02', name: 'Centro' },
      { level: 'region', code: '03', name: 'Sur' },
    ]);
    // only the maps of what the site carries (siteScope): a store of Freedonia has no Peru map
    expect((await mapped.get('/geo/pe.json')).status).toBe(404);

    const plain = await api(XF);
    const p2 = await plain.get(`/api/v1/elections/${XF_ELECTION}/places.json`);
    expect((p2.json as { jurisdiction: { map: boolean } }).jurisdiction.map).toBe(false);
    expect((await plain.get('/geo/xf.json')).status).toBe(404);
  });

  it('`cifra publish` writes the map where the server serves it', async () => {
    const { store } = await api(mappedXf(DECLARED));
    const out = join(tempDir('cifra-jur-geo-site-'), 'site');
    const r = await publishSite(store, out, buildOpenApi(), '2026-12-02T07:00:00.000Z');
    expect(r.ok).toBe(true);
    expect(existsSync(join(out, 'geo', 'xf.json'))).toBe(true);
    expect(existsSync(join(out, 'geo', 'pe.json'))).toBe(false);
  });

  it('refuses a map or adjacency at an undeclared level, or a file that is not there', () => {
    const bad = mappedXf({
      adjacency: { file: 'borders.json', level: 'region' },
      geography: { ...DECLARED.geography, level: 'province' },
    });
    const r = loadJurisdictionFile(join(bad, 'jurisdiction.json'), 'xf');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => [i.code, i.path.join('.'), i.details?.['reason']])).toEqual([
      ['jurisdiction_invalid', 'geography.level', 'unknown_level'],
    ]);
    const missing = mappedXf({ ...DECLARED, adjacency: { file: 'borders.json', level: 'region' } });
    const m = loadJurisdictionFile(join(missing, 'jurisdiction.json'), 'xf');
    expect(m.ok ? [] : m.error.map((i) => [i.path.join('.'), i.details?.['reason']])).toEqual([
      ['adjacency.file', 'file_missing'],
    ]);
  });
});
