// Why an acta is at the JEE, in its document: ONPE's TIPO_OBSERVACION kept on the version, served
// as `observation` (current and history), left out of the figures' hash.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { ActaSchema } from '../src/api/schemas.js';
import { figuresHash } from '../src/results/figures-hash.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, storeWithElection, uploadCsv } from './api-helpers.js';

const TOKEN = 'test-token-observation';
const ELECTION = 'pe-2021-presidencial';

/** A row of mesa `mesa` observed (OBSERVADA) for `observation`, with its figures as filed. */
const observed = (mesa: string, observation: string): string =>
  onpeRow(mesa, 40).replace(',CONTABILIZADA,,', `,OBSERVADA,${observation},`);

let app: FastifyInstance;
let store: SqliteStore;

beforeAll(async () => {
  store = await storeWithElection(ELECTION);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: () => '2026-12-03T00:00:00Z' });
  await uploadCsv(
    app,
    ELECTION,
    TOKEN,
    onpeCsv(observed('000001', 'ERROR MATERIAL'), onpeRow('000002', 70)),
    'night-1.csv',
  );
  await uploadCsv(app, ELECTION, TOKEN, onpeCsv(observed('000001', 'ILEGIBILIDAD')), 'night-2.csv');
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const acta = async (mesa: string) => {
  const r = await app.inject({ method: 'GET', url: `/api/v1/actas/${mesa}?election=${ELECTION}` });
  expect(r.statusCode, r.body).toBe(200);
  return ActaSchema.parse(r.json());
};

describe("GET /api/v1/actas/:mesa: an acta's observation", () => {
  it('serves the source’s word on the current version and on each version it came with', async () => {
    const doc = await acta('000001');
    expect(doc.current).toMatchObject({ state: 'jee', observation: 'ILEGIBILIDAD' });
    expect(doc.history.map((h) => [h.version, h.kind, h.file, h.acta.observation])).toEqual([
      [1, 'new', 'night-1.csv', 'ERROR MATERIAL'],
      [2, 'observation_change', 'night-2.csv', 'ILEGIBILIDAD'],
    ]);
  });

  it('leaves it out where the source gives none, and out of the figures’ hash', async () => {
    const plain = await acta('000002');
    expect(plain.current).not.toHaveProperty('observation');
    const doc = await acta('000001');
    const [first, second] = doc.history;
    // the same figures, two observations: one figuresHash, computed without the observation
    expect(first?.figuresHash).toBe(second?.figuresHash);
    if (first === undefined) throw new Error('no version');
    const figures = { ...first.acta };
    delete figures.observation;
    expect(first.figuresHash).toBe(figuresHash(figures));
  });
});
