// A mesa whose acta has no figures yet (pending) or is not processed (at the JEE): its mesa-level
// results are not known, never 0 — valid, blank, null, impugned, emitted and every % null, no
// choices, its actas saying pending — in the API (query and the static site's path), the CSV and
// `cifra results`. The national and department sums are the counted mesas' as before. Failed on
// the old code: valid 0, blank 0, null 0 and each candidate at 0 votes for the pending mesa.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { ResultsSchema } from '../src/api/schemas.js';
import { NO_FIGURES, useMesaNight } from './mesa-night.js';

/** Two counted mesas and a pending one (no figures) in Amazonas (01), one counted in Lima (15). */
const ROWS = [
  { mesa: '000001', ubigeo: '010101', state: 'counted', fp: 60, jp: 40, blank: 3, nul: 2 },
  { mesa: '000002', ubigeo: '010101', state: 'counted', fp: 30, jp: 50, blank: 1, nul: 4 },
  {
    mesa: '000003',
    ubigeo: '010101',
    state: 'pending',
    fp: null,
    jp: null,
    blank: null,
    nul: null,
  },
  { mesa: '000004', ubigeo: '150101', state: 'counted', fp: 20, jp: 70, blank: 0, nul: 1 },
] as const;

const { night, results } = useMesaNight(ROWS);

describe('a pending mesa at the mesa level', () => {
  it('has no figures, not zeros, and its actas say pending (query and path)', async () => {
    for (const url of [
      '/api/v1/results?election=night&level=mesa&code=000003',
      PATHS.unit('night', 'mesa', '000003'),
    ]) {
      const doc = await results(url);
      const u = doc.units[0];
      expect(u, url).toMatchObject({
        ...NO_FIGURES,
        code: '000003',
        eligible: 300,
      });
      expect(u?.actas).toMatchObject({ total: 1, pending: 1, processed: 0 });
    }
  });

  it('a counted mesa keeps its figures; every mesa listed, the pending one with none', async () => {
    const one = (await results('/api/v1/results?election=night&level=mesa&code=000001')).units[0];
    expect(one).toMatchObject({ valid: 100, blank: 3, null: 2, emitted: 105 });
    expect(one?.choices.map((c) => c.votes)).toEqual([60, 40]);
    // every mesa at once: the CLI's (the API refuses it as too costly)
    const listed = await night('results', '--level', 'mesa', '--format', 'json');
    expect(listed.code, listed.err).toBe(0);
    const all = ResultsSchema.parse(JSON.parse(listed.out)).units;
    expect(all.map((u) => [u.code, u.valid])).toEqual([
      ['000001', 100],
      ['000002', 80],
      ['000003', null],
      ['000004', 90],
    ]);
  });

  it('national and department sums are the counted mesas, as before', async () => {
    const n = (await results('/api/v1/results?election=night&level=national')).units[0];
    expect(n).toMatchObject({ valid: 270, blank: 4, null: 7, emitted: 281 });
    expect(n?.choices.map((c) => c.votes)).toEqual([110, 160]);
    expect(n?.actas).toMatchObject({ total: 4, pending: 1, processed: 3 });
    const deps = (await results('/api/v1/results?election=night&level=department')).units;
    expect(deps.map((u) => [u.code, u.valid, u.blank, u.null])).toEqual([
      ['01', 180, 4, 6],
      ['15', 90, 0, 1],
    ]);
  });

  it('the CSV leaves its cells empty and keeps the columns of the counted mesas', async () => {
    const csv = await night('results', '--level', 'mesa', '--format', 'csv');
    expect(csv.code, csv.err).toBe(0);
    const [header, ...rows] = parse(csv.out) as string[][];
    for (const r of rows) expect(r.length).toBe(header?.length);
    const pending = rows.find((r) => r[1] === '000003');
    // valid, blank, null, impugned, emitted; then each choice's votes and % (FP, JP): empty
    expect(pending?.slice(3, 8)).toEqual(['', '', '', '', '']);
    const at = header?.findIndex((h) => h.startsWith('FP_votes')) ?? -1;
    expect(at).toBeGreaterThan(0);
    expect(pending?.slice(at, at + 4)).toEqual(['', '', '', '']);
  });

  it('cifra results --level mesa prints dashes and says not counted yet (en and es)', async () => {
    const en = await night('results', '--level', 'mesa', '--code', '000003');
    expect(en.code, en.err).toBe(0);
    expect(en.out).toContain('not counted yet: no figures (pending)');
    expect(en.out).toMatch(/valid — · blank — \(—\) · null — \(—\)/);
    expect(en.out).not.toContain('KEIKO FUJIMORI');
    const es = await night('results', '--level', 'mesa', '--code', '000003', '--lang', 'es');
    expect(es.out).toContain('aún sin contar: sin cifras (pendiente)');
  });
});
