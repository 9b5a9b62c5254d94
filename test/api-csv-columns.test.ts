// The twenty-sixth brief: a unit's CSV took its choice columns from its first counted unit, the
// nation's stream from the election — so a department whose mesas are all pending got a file with
// no choice columns, another header than every other file of the election. Every CSV's columns
// are now the election's. Failed on the old code: the pending department's header had no FP/JP.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useMesaNight } from './mesa-night.js';

/** Lima counted; Áncash's one district all pending (no figures yet). */
const ROWS = [
  { mesa: '000001', ubigeo: '150101', state: 'counted', fp: 60, jp: 40, blank: 3, nul: 2 },
  {
    mesa: '000002',
    ubigeo: '020101',
    state: 'pending',
    fp: null,
    jp: null,
    blank: null,
    nul: null,
  },
  {
    mesa: '000003',
    ubigeo: '020101',
    state: 'pending',
    fp: null,
    jp: null,
    blank: null,
    nul: null,
  },
] as const;

const { get } = useMesaNight(ROWS);
const headerOf = async (url: string): Promise<string> => {
  const r = await get(url);
  expect(r.status, r.body).toBe(200);
  return r.body.split('\n')[0] ?? '';
};

describe('every CSV of one election has one header', () => {
  it("a department whose mesas are all pending: the election's choice columns, cells empty", async () => {
    const nation = await headerOf('/api/v1/results?election=night&level=mesa&format=csv');
    expect(nation).toContain('FP_votes');
    const pending = [
      '/api/v1/results?election=night&level=mesa&unit=02&format=csv',
      '/api/v1/results?election=night&level=mesa&unit=020101&format=csv',
      '/api/v1/elections/night/results/department/02/mesas.csv',
    ];
    for (const url of pending) expect(await headerOf(url), url).toBe(nation);
    expect(await headerOf('/api/v1/results?election=night&level=mesa&unit=15&format=csv')).toBe(
      nation,
    );
    // the pending mesas' choice cells are empty, as many as the columns
    const [head, ...rows] = parse((await get(pending[0] as string)).body) as string[][];
    const fp = (head ?? []).findIndex((h) => h.startsWith('FP_votes'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toHaveLength(head?.length ?? 0);
      expect(row[fp]).toBe('');
    }
  });
});
