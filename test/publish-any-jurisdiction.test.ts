// `cifra publish` for a jurisdiction that is not Peru (Freedonia, test/fixtures/xf): the site holds
// exactly the documents the API answers for the election, at the same paths and byte for byte —
// the nation at its own code (XF), never Peru's.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { buildApi, buildOpenApi } from '../src/api/server.js';
import type { PlacesDocument } from '../src/results/places.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { tempDir } from './helpers.js';
import { XF_ELECTION, xfStore } from './xf-fixture.js';

let store: SqliteStore;
let api: FastifyInstance;
let out: string;

/** Every file under `dir`, as URL paths from the site's root. */
function filesUnder(root: string, dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? filesUnder(root, join(dir, d.name))
      : [`/${relative(root, join(dir, d.name))}`],
  );
}

beforeAll(async () => {
  const dir = tempDir('cifra-publish-xf-');
  store = await xfStore(join(dir, 'xf.db'));
  api = await buildApi({ store, tokenHash: null });
  out = join(dir, 'site');
  const r = await publishSite(store, out, buildOpenApi(), '2026-05-02T12:00:00.000Z');
  if (!r.ok) throw new Error(JSON.stringify(r.error));
});

afterAll(async () => {
  await api.close();
  await store.close();
});

describe('cifra publish, a jurisdiction that is not Peru', () => {
  it('writes each of the election’s documents as the API answers it, the nation at XF', async () => {
    const files = filesUnder(out, join(out, PATHS.document(XF_ELECTION, 'places'), '..'));
    for (const url of files) {
      const served = await api.inject({ method: 'GET', url });
      expect(served.statusCode, url).toBe(200);
      expect(readFileSync(join(out, url), 'utf8'), url).toBe(served.body);
    }
    expect(files).toContain(PATHS.unit(XF_ELECTION, 'national', 'XF'));
    expect(files).toContain(PATHS.children(XF_ELECTION, 'national', 'XF'));
    // the user's ruleset file the seats are counted under, as written (xf-parliament.json)
    expect(files).toContain(PATHS.document(XF_ELECTION, 'ruleset'));
    expect(files.filter((f) => f.includes('/PE'))).toEqual([]);
  });

  it("names no path of this machine: a user's ruleset file is named by its id", () => {
    const all = filesUnder(out, out).filter((f) => /\.(json|csv|html)$/.test(f));
    const leaks = all.filter((f) => readFileSync(join(out, f), 'utf8').includes(PROJECT_ROOT));
    expect(leaks).toEqual([]);
    const elections = JSON.parse(readFileSync(join(out, PATHS.elections()), 'utf8')) as {
      elections: { id: string; ruleset: string }[];
    };
    expect(elections.elections.find((e) => e.id === XF_ELECTION)?.ruleset).toBe('xf-parliament');
  });

  it('leaves out no document the API answers for a unit, a level, a mesa or an acta', async () => {
    const places = JSON.parse(
      readFileSync(join(out, PATHS.document(XF_ELECTION, 'places')), 'utf8'),
    ) as PlacesDocument;
    expect(places.jurisdiction).toEqual({
      id: 'xf',
      labels: { es: 'Freedonia', en: 'Freedonia' },
      national: 'XF',
      map: false,
      // the states its jurisdiction file maps (COUNTED, PENDING, ANNULLED): no JEE
      states: ['counted', 'annulled', 'pending'],
      // its jurisdiction file's zone (made up: Europe/Madrid), in which the page shows times
      timeZone: 'Europe/Madrid',
      // it names no bodies: the page says neutral words, none of Peru's
      authorities: null,
      // it states no locale: the page's language decides how figures are grouped
      locale: null,
    });
    // its manifest names no polling places
    expect(places.pollingPlaces).toBe(false);
    const files = new Set(filesUnder(out, out));
    const units = [{ level: 'national', code: 'XF' }, ...places.units];
    const wanted = [
      ...['national', ...places.levels.map((l) => l.id)].map((l) => PATHS.results(XF_ELECTION, l)),
      ...units.flatMap((u) => [
        PATHS.unit(XF_ELECTION, u.level, u.code),
        PATHS.children(XF_ELECTION, u.level, u.code),
      ]),
      ...places.units
        .filter((u) => u.level === 'municipality')
        .map((u) => PATHS.mesas(XF_ELECTION, u.code)),
      ...['00001', '00006'].map((m) => PATHS.acta(XF_ELECTION, m)),
    ];
    expect(wanted.length).toBe(3 + 10 * 2 + 6 + 2);
    for (const url of wanted) {
      expect((await api.inject({ method: 'GET', url })).statusCode, url).toBe(200);
      expect(files.has(url), url).toBe(true);
    }
  });
});
