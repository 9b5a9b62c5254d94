// Elections known only from published aggregates, loaded from their manifests (data/elections):
// the official 2021 Congress result (R-0602-2021-JNE), the provisional 2026 first round by
// district and runoff by department (ONPE captures). No code knows these elections.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressSchema, ResultsSchema, SeatsSchema, ElectionsSchema } from '../src/api/schemas.js';
import { buildApi } from '../src/api/server.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { FastifyInstance } from 'fastify';
import { tempDir } from './helpers.js';

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-published-'), 'p.db'));
  await store.migrate();
  for (const id of [
    'pe-2021-congreso',
    'pe-2026-presidencial-distritos',
    'pe-2026-presidencial-segunda-2026-06-10',
  ]) {
    const r = await putPublishedElection(store, id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});
const get = async (url: string) => (await app.inject({ method: 'GET', url })).json() as unknown;

describe('published elections', () => {
  it('are listed with their status', async () => {
    expect(
      ElectionsSchema.parse(await get('/api/v1/elections')).elections.map((e) => [e.id, e.status]),
    ).toEqual([
      ['pe-2021-congreso', 'final'],
      ['pe-2026-presidencial-distritos', 'provisional'],
      ['pe-2026-presidencial-segunda-2026-06-10', 'provisional'],
    ]);
  });

  it('2021 Congress: the official national figures and the JNE seats, with the valla', async () => {
    const n = ResultsSchema.parse(await get('/api/v1/results?election=pe-2021-congreso')).units[0];
    expect(n).toMatchObject({
      valid: 12_858_920,
      blank: 2_126_712,
      null: 2_737_099,
      emitted: 17_722_731,
    });
    expect(n?.choices.find((c) => c.id === 'Perú Libre')).toMatchObject({
      votes: 1_724_303,
      pctValid: '13.409',
    });
    expect(n?.choices.find((c) => c.id === 'Partido Morado')?.pctValid).toBe('5.423');
    const seats = SeatsSchema.parse(await get('/api/v1/seats?election=pe-2021-congreso'));
    if (seats.kind !== 'official') throw new Error('official seats expected');
    expect(Object.values(seats.result.seats).reduce((a, b) => a + b, 0)).toBe(130);
    expect(seats.result.seats['Perú Libre']).toBe(37);
    expect(seats.result.passed).toHaveLength(10);
    expect(seats.result.seatsByDistrict['LIMA METROPOLITANA']).toBe(33);
    expect(seats.result.valla).toContain('642,946');
    expect(
      ProgressSchema.parse(await get('/api/v1/progress?election=pe-2021-congreso')).published,
    ).toMatchObject({ status: 'final', figures: 'votes' });
  });

  it('2026 runoff: provisional by department, RENIEC codes, a lead and never a winner', async () => {
    const deps = ResultsSchema.parse(
      await get(
        '/api/v1/results?election=pe-2026-presidencial-segunda-2026-06-10&level=department',
      ),
    ).units;
    expect(deps).toHaveLength(25);
    expect(deps.find((u) => u.code === '07')?.name).toBe('CUSCO');
    expect(deps.find((u) => u.code === '10')?.name).toBe('ICA');
    expect(deps.find((u) => u.code === '10')?.choices.map((c) => c.votes)).toEqual([
      279_728, 259_131,
    ]);
    const p = ProgressSchema.parse(
      await get('/api/v1/progress?election=pe-2026-presidencial-segunda-2026-06-10'),
    );
    expect(p.published).toMatchObject({
      status: 'provisional',
      figures: 'valid-only',
      asOf: '2026-06-10T06:24:16.242Z',
    });
    expect(p.actas.total).toBeGreaterThan(p.actas.counted);
    const seats = SeatsSchema.parse(
      await get('/api/v1/seats?election=pe-2026-presidencial-segunda-2026-06-10'),
    );
    expect(seats.kind === 'presidential' && seats.provisional).toBe(true);
  });
});

describe('2026 first round, provisional by district', () => {
  it('sums districts into provinces, departments and the nation; Fujimori and Sánchez lead; not final', async () => {
    const n = ResultsSchema.parse(
      await get('/api/v1/results?election=pe-2026-presidencial-distritos'),
    ).units[0];
    const top = [...(n?.choices ?? [])]
      .sort((a, b) => b.votes - a.votes)
      .slice(0, 2)
      .map((c) => c.label);
    expect(top).toEqual(['KEIKO FUJIMORI', 'ROBERTO SÁNCHEZ']);
    const deps = ResultsSchema.parse(
      await get('/api/v1/results?election=pe-2026-presidencial-distritos&level=department'),
    ).units;
    const sumDeps = deps.reduce((a, u) => a + u.valid, 0);
    const ambito = ResultsSchema.parse(
      await get('/api/v1/results?election=pe-2026-presidencial-distritos&level=ambito'),
    ).units;
    expect(ambito.find((u) => u.code === 'PERU')?.valid).toBe(sumDeps);
    expect((ambito.find((u) => u.code === 'EXTRANJERO')?.valid ?? 0) + sumDeps).toBe(n?.valid);
    const seats = SeatsSchema.parse(
      await get('/api/v1/seats?election=pe-2026-presidencial-distritos'),
    );
    expect(seats.kind === 'presidential' && seats.provisional).toBe(true);
    expect(
      ProgressSchema.parse(await get('/api/v1/progress?election=pe-2026-presidencial-distritos'))
        .published?.pctCounted,
    ).toBe('96.160');
  });
});
