// SOURCE: ONPE's 2026 results at 100 % of actas as captured by third parties (data/peru/2026/final,
// PROVENANCE.md): runoff national and by department and abroad (iannblack/conteo-peru-2026 @
// 601b699c, 2 Jul 2026 03:16 UTC, byte copy runoff_2026_onpe_100pct_latest.json), the runoff's
// count course (every captured update), the first round nationally for the seven itemised
// candidates (two published valid/null variants). Expected values are typed from those files and
// the JNE/press figures they were checked against — never from cifra's output. Not a JNE document.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  CountCourseSchema,
  ProgressSchema,
  ResultsSchema,
  SeatsSchema,
} from '../../src/api/schemas.js';
import { buildApi } from '../../src/api/server.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { bothLanguages } from '../../src/core/model/note.js';

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-2026-final-'), 'f.db'));
  await store.migrate();
  for (const id of ['pe-2026-presidencial', 'pe-2026-presidencial-segunda']) {
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
const results = async (q: string) =>
  ResultsSchema.parse(await get(`/api/v1/results?election=${q}`)).units;

describe('2026 runoff at 100 %: Fujimori by 49,641 votes', () => {
  it('national: 9,223,396 to 9,173,755 (50.135 %), valid 18,397,151, blank and null only together', async () => {
    const [n] = await results('pe-2026-presidencial-segunda');
    expect(n?.choices.map((c) => [c.id, c.votes, c.pctValid])).toEqual([
      ['FP', 9_223_396, '50.135'],
      ['JP', 9_173_755, '49.865'],
    ]);
    expect(n?.valid).toBe(18_397_151);
    expect(n?.emitted).toBe(19_683_383);
    // known only together: never split, the separate figures are not given
    expect(n?.blankAndNull).toBe(1_286_232);
    expect([n?.blank, n?.null]).toEqual([null, null]);
    expect(n?.actas).toMatchObject({ counted: 92_766, total: 92_766, pctProcessed: '100.000' });
  });

  it('by department (25) and abroad by continent (5), summing exactly to the nation', async () => {
    const deps = await results('pe-2026-presidencial-segunda&level=department');
    expect(deps).toHaveLength(30);
    const v = (code: string) => deps.find((u) => u.code === code)?.choices.map((c) => c.votes);
    expect(v('01')).toEqual([69_220, 125_555]); // Amazonas
    expect(v('10')).toEqual([282_464, 261_387]); // Ica
    expect(v('14')).toEqual([4_072_836, 2_340_068]); // Lima
    expect(v('20')).toEqual([96_486, 613_281]); // Puno
    expect(v('92')).toEqual([121_769, 61_200]); // abroad, America
    expect(v('94')).toEqual([64_067, 50_741]); // abroad, Europe
    const sum = (k: number) => deps.reduce((a, u) => a + (u.choices[k]?.votes ?? 0), 0);
    expect([sum(0), sum(1)]).toEqual([9_223_396, 9_173_755]);
    const ambito = await results('pe-2026-presidencial-segunda&level=ambito');
    expect(ambito.find((u) => u.code === 'EXTRANJERO')?.choices.map((c) => c.votes)).toEqual([
      195_388, 113_733,
    ]);
  });

  it('abroad by country: the countries of a continent sum to it', async () => {
    const countries = await results('pe-2026-presidencial-segunda&level=province');
    const africa = countries.filter((u) => u.code.startsWith('91'));
    expect(africa.find((u) => u.code === '9101')?.name).toBe('ARGELIA');
    expect(africa.reduce((a, u) => a + (u.choices[0]?.votes ?? 0), 0)).toBe(30);
    expect(africa.reduce((a, u) => a + (u.choices[1]?.votes ?? 0), 0)).toBe(20);
  });

  it('the count course: Sánchez led from 94.8 %, Fujimori took the lead and kept it to 100 %', async () => {
    const c = CountCourseSchema.parse(
      await get('/api/v1/count-course?election=pe-2026-presidencial-segunda'),
    );
    expect(c.points).toHaveLength(479);
    expect(c.points[0]).toMatchObject({
      time: '2026-06-08T22:57:34Z',
      pctCounted: '94.847',
      leader: 'JP',
      margin: 35_149,
    });
    expect(c.points.at(-1)).toMatchObject({ pctCounted: '100.000', leader: 'FP', margin: 49_641 });
    expect(c.leadChanges.length).toBeGreaterThanOrEqual(1);
    expect(c.leadChanges[0]).toMatchObject({ from: 'JP', to: 'FP' });
    expect(c.leadChanges.at(-1)).toMatchObject({ to: 'FP' });
    expect(bothLanguages(c.source ?? '').en).toContain('iannblack');
    expect(bothLanguages(c.source ?? '').es).toContain('iannblack');
  });

  it('is final with its source and proclamation; the outcome is a winner, not a lead', async () => {
    const p = ProgressSchema.parse(
      await get('/api/v1/progress?election=pe-2026-presidencial-segunda'),
    );
    expect(p.published).toMatchObject({
      status: 'final',
      figures: 'blank-null-combined',
      pctCounted: '100.000',
    });
    expect(p.published && bothLanguages(p.published.source).en).toContain('not a JNE document');
    expect(p.published && bothLanguages(p.published.source).es).toContain(
      'no es un documento del JNE',
    );
    const s = SeatsSchema.parse(await get('/api/v1/seats?election=pe-2026-presidencial-segunda'));
    expect(s.kind === 'presidential' && s.result.outcome).toMatchObject({
      kind: 'winner',
      winner: 'KEIKO FUJIMORI',
    });
    expect(s.kind === 'presidential' && s.provisional).toBeFalsy();
  });
});

describe('2026 first round at 100 %, nationally: the seven itemised candidates', () => {
  it('Fujimori 2,877,678 and Sánchez 2,015,114 go to the runoff; López Aliaga third by 21,209', async () => {
    const [n] = await results('pe-2026-presidencial');
    expect(n?.choices.map((c) => [c.id, c.votes])).toEqual([
      ['keiko-fujimori', 2_877_678],
      ['roberto-sanchez', 2_015_114],
      ['rafael-lopez-aliaga', 1_993_905],
      ['jorge-nieto', 1_837_517],
      ['ricardo-belmont', 1_698_903],
      ['carlos-alvarez', 1_326_717],
      ['alfonso-lopez-chau', 1_221_272],
      ['otros', 16_749_424 - 12_971_106],
    ]);
    // the candidates'-sum variant: valid + blank + null = the 20,167,745 emitted votes
    expect([n?.valid, n?.blank, n?.null, n?.emitted]).toEqual([
      16_749_424, 2_372_896, 1_045_425, 20_167_745,
    ]);
    const s = SeatsSchema.parse(await get('/api/v1/seats?election=pe-2026-presidencial'));
    expect(s.kind === 'presidential' && s.result.outcome).toEqual({
      kind: 'runoff',
      pair: ['KEIKO FUJIMORI', 'ROBERTO SÁNCHEZ'],
    });
  });

  it("keeps both published valid/null pairs: ONPE's summary field and the candidates' sum", async () => {
    const elections = (await get('/api/v1/elections')) as { elections: { id: string }[] };
    expect(elections.elections.map((e) => e.id)).toContain('pe-2026-presidencial');
    const def = await store.getElection('pe-2026-presidencial');
    expect(
      def?.manifest?.discrepancies?.map((d) => [d.figure, d.values.map((v) => v.value)]),
    ).toEqual([
      ['blank', [2_372_895, 2_372_896]],
      ['valid', [16_738_039, 16_749_424]],
      ['null', [1_056_811, 1_045_425]],
    ]);
  });
});
