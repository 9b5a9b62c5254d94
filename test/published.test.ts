// Elections known only from published aggregates, loaded from their manifests (data/elections):
// the official 2021 Congress result (R-0602-2021-JNE), the provisional 2026 first round by
// district and runoff by department (ONPE captures), and the 2026 Deputies and Senate whose seats
// cifra computes from ONPE's votes at ~86 % (a capture), beside the reported composition. No code
// knows these elections.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CandidatesSchema,
  ElectionsSchema,
  ProgressSchema,
  ResultsSchema,
  SeatsSchema,
} from '../src/api/schemas.js';
import { SummarySchema } from '../src/results/summary.js';
import { buildApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
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
    'pe-2026-diputados',
    'pe-2026-senado',
  ]) {
    const r = await putPublishedElection(store, id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  // an election counted from actas, here without its actas: its manifest is what matters below
  const runoff = bundledElection('pe-2021-presidencial-segunda');
  if (!runoff) throw new Error('pe-2021-presidencial-segunda');
  await store.putElection(runoff);
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});
const get = async (url: string) => (await app.inject({ method: 'GET', url })).json() as unknown;

describe('published elections', () => {
  it("Deputies' circunscripciones in their numbers' order (1, 2, 3 … 10), in children and in a level's results", async () => {
    const codes = async (url: string) =>
      ResultsSchema.parse(await get(url)).units.map((u) => Number(u.code));
    const base = '/api/v1/elections/pe-2026-diputados/results';
    for (const url of [`${base}/national/PE/children.json`, `${base}/circunscripcion.json`]) {
      const got = await codes(url);
      expect(got.length).toBeGreaterThan(20);
      expect(got).toEqual([...got].sort((a, b) => a - b));
    }
  });

  it('are listed with their status', async () => {
    expect(
      ElectionsSchema.parse(await get('/api/v1/elections')).elections.map((e) => [e.id, e.status]),
    ).toEqual([
      ['pe-2021-congreso', 'final'],
      // counted from actas, none stored here: listed as its summary says, not as its manifest
      ['pe-2021-presidencial-segunda', 'provisional'],
      ['pe-2026-diputados', 'computed-by-cifra'],
      ['pe-2026-presidencial-distritos', 'provisional'],
      ['pe-2026-presidencial-segunda-2026-06-10', 'provisional'],
      ['pe-2026-senado', 'computed-by-cifra'],
    ]);
  });

  it("the list says each election's kind and day; candidates carry the manifest's colours", async () => {
    const list = ElectionsSchema.parse(await get('/api/v1/elections')).elections;
    const of = (id: string) => list.find((e) => e.id === id);
    expect(of('pe-2026-diputados')).toMatchObject({ kind: 'list', date: '2026-04-12' });
    expect(of('pe-2021-presidencial-segunda')).toMatchObject({
      kind: 'presidential',
      date: '2021-06-06',
    });
    const c = CandidatesSchema.parse(await get('/api/v1/candidates?election=pe-2026-diputados'));
    expect(c.choices.find((x) => x.id === 'fuerza-popular')?.color).toBe('#f87820');
  });

  it('progress names the sources of the same actas that /api/v1/compare cross-checks', async () => {
    const p = ProgressSchema.parse(
      await get('/api/v1/progress?election=pe-2021-presidencial-segunda'),
    );
    expect(p.about?.compareSources?.map((s) => s.id)).toEqual([
      'onpe',
      'sergiocorreia',
      'ronderos',
    ]);
    const d = ProgressSchema.parse(await get('/api/v1/progress?election=pe-2026-diputados'));
    expect(d.about?.compareSources).toBeUndefined();
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
    expect(seats.result.valla?.es).toContain('642,946, o 7 escaños');
    expect(seats.result.valla?.en).toContain('642,946, or 7 seats');
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
    expect(p.actas?.total).toBeGreaterThan(p.actas?.counted ?? Infinity);
    const seats = SeatsSchema.parse(
      await get('/api/v1/seats?election=pe-2026-presidencial-segunda-2026-06-10'),
    );
    expect(seats.kind === 'presidential' && seats.provisional).toBe(true);
    // Sánchez led this capture and lost (Fujimori by 49,641): no winner from a partial count
    expect(seats.kind === 'presidential' && seats.result.outcome).toBeNull();
    expect(seats).toMatchObject({
      settled: false,
      settledBy: null,
      status: { kind: 'provisional' },
    });
    const summary = SummarySchema.parse(
      await get('/api/v1/elections/pe-2026-presidencial-segunda-2026-06-10/summary.json'),
    );
    expect([summary.settled, summary.openReason]).toEqual([false, 'remaining_unknown']);
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
    const sumDeps = deps.reduce((a, u) => a + (u.valid ?? Number.NaN), 0);
    const ambito = ResultsSchema.parse(
      await get('/api/v1/results?election=pe-2026-presidencial-distritos&level=ambito'),
    ).units;
    expect(ambito.find((u) => u.code === 'PERU')?.valid).toBe(sumDeps);
    expect((ambito.find((u) => u.code === 'EXTRANJERO')?.valid ?? 0) + sumDeps).toBe(n?.valid);
    const seats = SeatsSchema.parse(
      await get('/api/v1/seats?election=pe-2026-presidencial-distritos'),
    );
    expect(seats.kind === 'presidential' && seats.provisional).toBe(true);
    // a first round at ~96 % names no runoff pair as fact
    expect(seats.kind === 'presidential' && seats.result.outcome).toBeNull();
    expect(seats).toMatchObject({ settled: false, status: { kind: 'provisional' } });
    // the race that decides the pair is second against third (review s27 M3), and why it is open
    const summary = SummarySchema.parse(
      await get('/api/v1/elections/pe-2026-presidencial-distritos/summary.json'),
    );
    const [, second, third] = summary.leaders;
    expect(summary.runoffMargin).toBe((second?.votes ?? 0) - (third?.votes ?? 0));
    expect(summary.runoffMargin).toBeLessThan(summary.margin ?? 0);
    expect([summary.settled, summary.openReason]).toEqual([false, 'remaining_unknown']);
    expect(
      ProgressSchema.parse(await get('/api/v1/progress?election=pe-2026-presidencial-distritos'))
        .published?.pctCounted,
    ).toBe('96.160');
  });
});

describe('2026 Congress: seats computed by cifra from the ~86 % votes, the reported composition beside them', () => {
  const FROM = {
    es: 'los votos de ONPE por circunscripción al ~86 % de actas, 11 may 2026 17:46, captura de un tercero',
    en: 'ONPE votes per circunscripción at ~86 % of actas, 11 May 2026 17:46, third-party capture',
  };
  const seatsOf = async (id: string) => {
    const s = SeatsSchema.parse(await get(`/api/v1/seats?election=${id}`));
    if (s.kind !== 'list') throw new Error(`${id}: cifra's list seats expected, got ${s.kind}`);
    return s;
  };

  it('Deputies: labelled computed by cifra, with the status and source of the votes', async () => {
    const s = await seatsOf('pe-2026-diputados');
    expect(s.computedBy).toBe('cifra');
    expect(s.figures).toMatchObject({
      status: { kind: 'computed-by-cifra', from: FROM },
      provenance: 'peru/2026/final/PROVENANCE.md',
    });
    expect(s.figures?.source.en).toContain('MathieuR04/elecciones-peru-2026');
    expect(s.result.rules).toBe('pe-2026-diputados');
    expect(s.result.totalSeats).toBe(130);
    expect(s.result.seats['FUERZA POPULAR']).toBe(39);
  });

  it('Deputies: the reported composition is third-party, with its source, never official', async () => {
    const s = await seatsOf('pe-2026-diputados');
    expect(s.reported).toMatchObject({ kind: 'third-party', totalSeats: 130 });
    expect(s.reported?.seats['FUERZA POPULAR']).toBe(41);
    // a third party's, and said so in both languages
    expect(s.reported?.source).toEqual({
      es: expect.stringContaining('no es una tabla del JNE'),
      en: expect.stringContaining('not a JNE table'),
    });
    expect(JSON.stringify(s)).not.toContain('"official"');
  });

  it('Deputies: the difference per party, and a note that says why (votes at 86 %, not final)', async () => {
    const s = await seatsOf('pe-2026-diputados');
    expect(s.differences).toEqual([
      { party: 'FUERZA POPULAR', computed: 39, reported: 41, difference: -2 },
      { party: 'JUNTOS POR EL PERÚ', computed: 32, reported: 32, difference: 0 },
      { party: 'PARTIDO DEL BUEN GOBIERNO', computed: 18, reported: 18, difference: 0 },
      { party: 'RENOVACIÓN POPULAR', computed: 16, reported: 15, difference: 1 },
      { party: 'PARTIDO CÍVICO OBRAS', computed: 14, reported: 14, difference: 0 },
      { party: 'AHORA NACIÓN - AN', computed: 11, reported: 10, difference: 1 },
    ]);
    expect(s.note?.en).toContain(`from ${FROM.en}`);
    expect(s.note?.en).toContain('3 lists differ (FUERZA POPULAR 39 here, 41 reported;');
    expect(s.note?.en).toContain('not from the final count');
    expect(s.note?.es).toContain(`a partir de ${FROM.es}`);
    expect(s.note?.es).toContain('3 listas difieren (FUERZA POPULAR 39 aquí, 41 reportados;');
    expect(s.note?.es).toContain('no del conteo final');
  });

  it('Deputies: why País para Todos takes no seat — 5.792 % of the valid votes, 5 preliminary deputies of the 7 required', async () => {
    const r = (await seatsOf('pe-2026-diputados')).result;
    expect(r.votes.find((v) => v.party === 'PARTIDO PAÍS PARA TODOS')?.pctValid).toBe('5.792');
    expect(r.preliminarySeats?.['PARTIDO PAÍS PARA TODOS']).toBe(5);
    expect(r.excluded.filter((e) => e.party === 'PARTIDO PAÍS PARA TODOS')).toEqual([
      {
        party: 'PARTIDO PAÍS PARA TODOS',
        reason: 'below_seats',
        seats: 5,
        districtsWon: 4,
        required: 7,
        requiredDistricts: 0,
      },
    ]);
    const apra = r.excluded.filter((e) => e.party === 'PARTIDO APRISTA PERUANO');
    expect(apra.map((e) => e.reason)).toEqual(['below_share', 'below_seats']);
    expect(apra[0]).toMatchObject({ votes: 235_427, total: 12_676_827, required: '5.000%' });
    expect(r.nullity).toMatchObject({ blank: 2_200_419, null: 2_540_413, nullityReached: false });
  });

  it('Senate: the national list is the national unit, the regional lists the circunscripciones; cifra equals the reported seats', async () => {
    const national = ResultsSchema.parse(await get('/api/v1/results?election=pe-2026-senado'))
      .units[0];
    expect(national?.name).toBe('LISTA NACIONAL (DEU)');
    expect(national?.choices.find((c) => c.party === 'FUERZA POPULAR')?.votes).toBe(1_866_220);
    const circ = ResultsSchema.parse(
      await get('/api/v1/results?election=pe-2026-senado&level=circunscripcion'),
    ).units;
    expect(circ).toHaveLength(27);
    expect(circ.find((u) => u.code === '15')?.name).toBe('Lima Metropolitana');
    const s = await seatsOf('pe-2026-senado');
    expect(s.result.options['senate-share']).toBe('pooled');
    expect(s.result.districts.map((d) => d.district)).toContain('NACIONAL');
    expect(s.differences?.every((d) => d.difference === 0)).toBe(true);
    expect(s.note?.en).toContain('the same seats for every list');
    expect(s.note?.es).toContain('los mismos escaños para cada lista');
    expect(s.result.excluded.find((e) => e.party === 'PARTIDO PAÍS PARA TODOS')).toMatchObject({
      reason: 'below_seats',
      seats: 2,
      required: 3,
    });
  });

  it('progress says the figures are computed by cifra from votes only, and which units are districts', async () => {
    const p = ProgressSchema.parse(await get('/api/v1/progress?election=pe-2026-diputados'));
    expect(p.published).toMatchObject({
      status: 'computed-by-cifra',
      figures: 'votes',
      // the source's % of actas, as its cut states it
      pctCounted: '85.991',
      districtUnits: { level: 'circunscripcion', by: 'code', units: [] },
    });
    expect(p.snapshotTime).toBe('11/05/2026 17:46 (Lima) · ONPE 85.991 %');
  });
});
