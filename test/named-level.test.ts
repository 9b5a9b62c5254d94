// A level with a `names` table is a named level (as Peru's ámbito and circunscripción), not one of
// the place hierarchy: the drill skips it (README, "Adding a jurisdiction"). Freedonia with its
// regions named by the level's table, not by the place table: the nation's children are then the
// municipalities, and a region's children the municipalities inside it.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PATHS } from '../src/api/paths.js';
import { buildApi } from '../src/api/server.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { XF_DIR, XF_ELECTION, xfStore } from './xf-fixture.js';

let store: SqliteStore;
let api: FastifyInstance;

const get = async <T>(url: string): Promise<T> => {
  const r = await api.inject({ method: 'GET', url });
  expect(r.statusCode, url).toBe(200);
  return r.json<T>();
};
type Units = { level: string; units: { level: string; code: string; name: string }[] };

beforeAll(async () => {
  const dir = tempDir('cifra-named-level-');
  const folder = join(dir, 'xf');
  cpSync(join(XF_DIR, 'jurisdictions', 'xf'), folder, { recursive: true });
  const file = join(folder, 'jurisdiction.json');
  const j = JSON.parse(readFileSync(file, 'utf8')) as {
    levels: { id: string; names?: Record<string, string> }[];
  };
  const region = j.levels.find((l) => l.id === 'region');
  if (!region) throw new Error('region');
  region.names = { '01': 'Norte', '02': 'Centro', '03': 'Sur' };
  writeFileSync(file, JSON.stringify(j));
  store = await xfStore(join(dir, 'xf.db'), folder);
  api = await buildApi({ store, tokenHash: null });
});

afterAll(async () => {
  await api.close();
  await store.close();
});

describe('a level with a names table', () => {
  it('is a named level: places.json says so, the nation’s children skip it', async () => {
    const places = await get<{ levels: { id: string; place: boolean }[] }>(
      PATHS.document(XF_ELECTION, 'places'),
    );
    expect(places.levels.map((l) => [l.id, l.place])).toEqual([
      ['region', false],
      ['municipality', true],
    ]);
    const nation = await get<Units>(PATHS.children(XF_ELECTION, 'national', 'XF'));
    expect(nation.units.map((u) => u.code)).toEqual([
      '0101',
      '0102',
      '0201',
      '0202',
      '0301',
      '0302',
    ]);
  });

  it('is still a level: its units carry the table’s names and hold the municipalities', async () => {
    const regions = await get<Units>(PATHS.results(XF_ELECTION, 'region'));
    expect(regions.units.map((u) => u.name)).toEqual(['Norte', 'Centro', 'Sur']);
    const norte = await get<Units>(PATHS.children(XF_ELECTION, 'region', '01'));
    expect(norte.units.map((u) => [u.level, u.code])).toEqual([
      ['municipality', '0101'],
      ['municipality', '0102'],
    ]);
  });
});
