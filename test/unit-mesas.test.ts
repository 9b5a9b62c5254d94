// A poll-watcher's district: every mesa of a unit (district, province, department) with its state
// and figures, as CSV, by the API's query (`?level=mesa&unit=`), by the static site's path
// (results/<level>/<code>/mesas.csv, the same bytes) and by `cifra export --level mesa --unit`.
// The nation's list without a unit stays refused as JSON, its 422 saying what is missing. Failed on the
// old code: `unit` was ignored (422 query_too_costly without `missing`), the path was a 404 and
// `cifra export` had no --unit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { ErrorSchema } from '../src/api/schemas.js';
import { tempDir } from './helpers.js';
import { useMesaNight } from './mesa-night.js';

/** Lima's 150101: counted, at the JEE, not installed; 150102 one counted; Amazonas one counted. */
const ROWS = [
  { mesa: '000001', ubigeo: '010101', state: 'counted', fp: 60, jp: 40, blank: 3, nul: 2 },
  { mesa: '000005', ubigeo: '150101', state: 'counted', fp: 20, jp: 70, blank: 1, nul: 4 },
  { mesa: '000006', ubigeo: '150101', state: 'jee', fp: 10, jp: 10, blank: 0, nul: 0 },
  { mesa: '000007', ubigeo: '150101', state: 'not_installed', fp: 0, jp: 0, blank: 0, nul: 0 },
  { mesa: '000008', ubigeo: '150102', state: 'counted', fp: 5, jp: 6, blank: 0, nul: 0 },
] as const;

const { get, night, results } = useMesaNight(ROWS);

type Row = Record<string, string>;
const rows = (csv: string): Row[] => parse(csv, { columns: true }) as Row[];
const cell = (r: Row | undefined, prefix: string): string | undefined =>
  r?.[Object.keys(r).find((k) => k.startsWith(prefix)) ?? ''];

describe("a unit's mesas as CSV", () => {
  it('a district: every mesa with its state; not counted, its cells empty (not 0)', async () => {
    const q = await get('/api/v1/results?election=night&level=mesa&unit=150101&format=csv');
    expect(q.status, q.body).toBe(200);
    expect(q.type).toMatch(/^text\/csv/);
    const list = rows(q.body);
    expect(list.map((r) => [r.code, r.acta_state])).toEqual([
      ['000005', 'counted'],
      ['000006', 'jee'],
      ['000007', 'not_installed'],
    ]);
    const [counted, jee, none] = list;
    expect([cell(counted, 'FP_votes'), cell(counted, 'JP_votes')]).toEqual(['20', '70']);
    expect([counted?.blank, counted?.null, counted?.impugned, counted?.emitted]).toEqual([
      '1',
      '4',
      '0',
      '95',
    ]);
    for (const r of [jee, none])
      expect([cell(r, 'FP_votes'), r?.valid, r?.blank, r?.emitted]).toEqual(['', '', '', '']);
  });

  it("the static site's path answers the query's bytes", async () => {
    const q = await get('/api/v1/results?election=night&level=mesa&unit=150101&format=csv');
    const p = await get(PATHS.unitMesas('night', 'district', '150101'));
    expect(p.status, p.body).toBe(200);
    expect(p.body).toBe(q.body);
  });

  it('a province and a department hold their districts’ mesas; JSON alike', async () => {
    const province = rows((await get(PATHS.unitMesas('night', 'province', '1501'))).body);
    expect(province.map((r) => r.code)).toEqual(['000005', '000006', '000007', '000008']);
    const dept = await results('/api/v1/results?election=night&level=mesa&unit=15');
    expect(dept.level).toBe('mesa');
    expect(dept.units.map((u) => u.code)).toEqual(['000005', '000006', '000007', '000008']);
  });

  it('no unit, as JSON: 422 query_too_costly saying unit is missing; an unknown unit: unknown_ubigeo', async () => {
    // (as CSV the nation's list is streamed: test/api-national-mesas.test.ts)
    const all = await get('/api/v1/results?election=night&level=mesa');
    expect(all.status).toBe(422);
    expect(ErrorSchema.parse(JSON.parse(all.body)).issues[0]).toMatchObject({
      code: 'query_too_costly',
      path: ['query', 'unit'],
      details: { missing: 'unit' },
    });
    const nation = await get(PATHS.unitMesas('night', 'national', 'PE'));
    expect(JSON.parse(nation.body).issues[0]).toMatchObject({
      code: 'query_too_costly',
      details: { missing: 'unit' },
    });
    // as an unknown `code`: 422 on the query route, 404 on the path (a file a static host lacks)
    const unknown = await get('/api/v1/results?election=night&level=mesa&unit=159999');
    expect(unknown.status).toBe(422);
    expect(JSON.parse(unknown.body).issues[0]).toMatchObject({ code: 'unknown_ubigeo' });
    const noFile = await get(PATHS.unitMesas('night', 'district', '159999'));
    expect(noFile.status).toBe(404);
  });

  it('cifra export --level mesa --unit writes the same list', async () => {
    const out = join(tempDir('cifra-unit-mesas-'), 'd.csv');
    const r = await night('export', '--level', 'mesa', '--unit', '150101', '--out', out);
    expect(r.code, r.err).toBe(0);
    const q = await get('/api/v1/results?election=night&level=mesa&unit=150101&format=csv');
    expect(readFileSync(out, 'utf8')).toBe(q.body);
    const wrong = await night('export', '--level', 'district', '--unit', '150101', '--out', out);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--unit/);
  });
});
