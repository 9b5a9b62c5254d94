// One rule for a place code on the query routes: not of the form its level takes →
// `ubigeo_invalid`; of the form but not the election's → `unknown_ubigeo`. Results said
// `unknown_ubigeo` of `code=abc` where mesas said `ubigeo_invalid` of `district=06`, and a district
// of the form that the election's universe lacks (910000) was 200 with no mesas, as a real
// district with none loaded is (review s35, 2).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { ErrorSchema, MesasSchema } from '../src/api/schemas.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { storeWithElection } from './api-helpers.js';

const E = 'pe-2021-presidencial-segunda';
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await storeWithElection(E, undefined, { universe: true });
  app = await buildApi({ store, tokenHash: null });
});

afterAll(async () => {
  await app.close();
  await store.close();
});

/** The status and the issues' codes and paths of a GET. */
async function refused(url: string): Promise<unknown[]> {
  const r = await app.inject({ url });
  return [r.statusCode, ErrorSchema.parse(r.json()).issues.map((i) => [i.code, i.path.join('.')])];
}

describe('a place code on the query routes', () => {
  it('not of its level’s form is ubigeo_invalid on results as on mesas', async () => {
    expect(await refused(`/api/v1/results?election=${E}&level=department&code=abc`)).toEqual([
      422,
      [['ubigeo_invalid', 'code']],
    ]);
    expect(await refused(`/api/v1/results?election=${E}&level=province&code=15`)).toEqual([
      422,
      [['ubigeo_invalid', 'code']],
    ]);
    expect(await refused(`/api/v1/results?election=${E}&level=circunscripcion&code=XX`)).toEqual([
      422,
      [['ubigeo_invalid', 'code']],
    ]);
    expect(await refused(`/api/v1/mesas?election=${E}&district=06`)).toEqual([
      422,
      [['ubigeo_invalid', 'query.district']],
    ]);
  });

  it('of the form but not the election’s is unknown_ubigeo on both', async () => {
    expect(await refused(`/api/v1/results?election=${E}&level=department&code=99`)).toEqual([
      422,
      [['unknown_ubigeo', 'code']],
    ]);
    // abroad codes are of the form and known to the jurisdiction, but the universe has no 910000
    expect(await refused(`/api/v1/mesas?election=${E}&district=910000`)).toEqual([
      422,
      [['unknown_ubigeo', 'query.district']],
    ]);
  });

  it('a district the universe lists, with no mesas loaded, is 200 with none', async () => {
    for (const district of ['150101', '910101']) {
      const r = await app.inject({ url: `/api/v1/mesas?election=${E}&district=${district}` });
      expect([district, r.statusCode]).toEqual([district, 200]);
      expect(MesasSchema.parse(r.json()).mesas).toEqual([]);
    }
    // and a unit of the form its level takes answers: a department, a circunscripción
    for (const [level, code] of [
      ['department', '15'],
      ['circunscripcion', '15'],
    ] as const) {
      const r = await app.inject({
        url: `/api/v1/results?election=${E}&level=${level}&code=${code}`,
      });
      expect([level, code, r.statusCode]).toEqual([level, code, 200]);
    }
  });
});
