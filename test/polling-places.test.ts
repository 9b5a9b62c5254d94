// Search by polling place: the 2021 runoff's manifest names the polling place of each mesa (ronderos.pe's
// scrape of ONPE's API, a crossCheck source: TNOMB_LOCAL, TDIRE_LOCAL), and the API serves them
// grouped, with their mesas, at the query-free path the dashboard and a static site share.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { buildApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { PollingPlacesSchema } from '../src/results/polling-places.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const ID = 'pe-2021-presidencial-segunda';
let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-polling-'), 'p.db'));
  await store.migrate();
  const def = bundledElection(ID);
  if (def === null) throw new Error(ID);
  await store.putElection(def);
  const published = await putPublishedElection(store, 'pe-2026-diputados');
  if (!published.ok) throw new Error(JSON.stringify(published.error));
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/elections/{id}/polling-places.json', () => {
  it('groups every mesa of the 2021 runoff under its polling place, with its address and district', async () => {
    const r = await app.inject({ method: 'GET', url: PATHS.document(ID, 'polling-places') });
    expect(r.statusCode).toBe(200);
    const doc = PollingPlacesSchema.parse(r.json());
    expect(doc.source).toContain('ronderos.pe');
    // ONPE's 2021 runoff: 86,488 mesas, each in one polling place (11,875 of them in this source)
    expect(doc.places.reduce((a, p) => a + p.mesas.length, 0)).toBe(86_488);
    expect(doc.places).toHaveLength(11_875);
    const lynch = doc.places.filter((p) => p.name === 'IE 18288 ISABEL LYNCH DE RUBIO');
    expect(lynch).toHaveLength(1);
    expect(lynch[0]).toMatchObject({ address: 'JR AYACUCHO 870', place: '010101' });
    expect(lynch[0]?.mesas).toHaveLength(15);
    expect(lynch[0]?.mesas[0]).toBe('000001');
    // abroad: Madrid's IFEMA held 253 mesas
    const ifema = doc.places.find((p) => p.name.startsWith('RECINTO FERIAL IFEMA'));
    expect(ifema?.mesas).toHaveLength(253);
    expect(ifema?.place).toBe('940910');
  });

  it('is empty for an election without polling places (published aggregates)', async () => {
    const r = await app.inject({
      method: 'GET',
      url: PATHS.document('pe-2026-diputados', 'polling-places'),
    });
    expect(r.statusCode).toBe(200);
    expect(PollingPlacesSchema.parse(r.json())).toEqual({
      election: 'pe-2026-diputados',
      source: null,
      places: [],
    });
  });
});
