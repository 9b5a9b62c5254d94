import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, fileWriter, tempDir } from './helpers.js';

// review s36: the seats CSV was district,party,seats alone — a third party's table under the
// same REPORTED label as an official one, a what-if like the law's seats, no status or source
const dir = tempDir('cifra-seats-csv-');
const file = fileWriter(dir);
// no store: a bundled election is read from its manifest (as `cifra seats` says on stderr)
const db = join(dir, 'none.db');
const HEADER = 'district,party,seats,kind,status,pct_counted,pct_of,cut,source';

type Row = Record<string, string>;
const rowsOf = (out: string): Row[] => parse(out, { columns: true }) as Row[];
type Status = {
  kind: string;
  pctCounted: string | null;
  pctOf: string | null;
  cut: string | null;
  source: { es: string } | null;
};
/** A status as the results CSV's status cells write it: empty where null, the source in Spanish. */
const cells = (s: Status): Row => ({
  status: s.kind,
  pct_counted: s.pctCounted ?? '',
  pct_of: s.pctOf ?? '',
  cut: s.cut ?? '',
  source: s.source?.es ?? '',
});
const es = (n: string | { es: string }): string => (typeof n === 'string' ? n : n.es);

async function seats(...args: string[]): Promise<{ out: string; rows: Row[] }> {
  const r = await cli('seats', ...args, '--db', db);
  expect(r.code, r.err).toBe(0);
  return { out: r.out, rows: rowsOf(r.out) };
}

describe('cifra seats --format csv: every row says whose seats they are and what figures', () => {
  it("cifra's seats are computed-by-cifra on the votes' status; a third party's table is third-party", async () => {
    const json = JSON.parse(
      (await cli('seats', '--election', 'pe-2026-diputados', '--db', db, '--format', 'json')).out,
    ) as {
      status: Status;
      reported: { kind: string; source: string | { es: string }; pctCounted?: string };
    };
    expect(json.reported.kind).toBe('third-party');
    const { out, rows } = await seats('--election', 'pe-2026-diputados', '--format', 'csv');
    expect(out.split('\n')[0]).toBe(HEADER);
    const cifra = rows.filter((r) => r['district'] !== 'REPORTED');
    const reported = rows.filter((r) => r['district'] === 'REPORTED');
    expect(cifra.length).toBeGreaterThan(0);
    expect(reported.length).toBeGreaterThan(0);
    for (const r of cifra)
      expect(r).toMatchObject({ kind: 'computed-by-cifra', ...cells(json.status) });
    // the status of the votes: ONPE's release at ~86 % of the actas it counted
    expect(cifra[0]).toMatchObject({ status: 'computed-by-cifra', pct_of: 'actas-counted' });
    expect(cifra[0]?.['source']).toMatch(/^ONPE resultados Congreso 2026/);
    for (const r of reported)
      expect(r).toMatchObject({
        kind: 'third-party',
        status: 'third-party',
        pct_counted: json.reported.pctCounted ?? '',
        source: es(json.reported.source),
      });
    expect(reported).toContainEqual(
      expect.objectContaining({ party: 'FUERZA POPULAR', seats: '41', kind: 'third-party' }),
    );
  });

  it("an official table reported beside cifra's is official, final", async () => {
    const { rows } = await seats('--election', 'es-2023-congreso', '--format', 'csv');
    const reported = rows.filter((r) => r['district'] === 'REPORTED');
    expect(reported.length).toBeGreaterThan(0);
    for (const r of reported) expect(r).toMatchObject({ kind: 'official', status: 'final' });
    expect(reported[0]?.['source']).toMatch(/^Ministerio del Interior/);
    const totals = rows.filter((r) => r['district'] === 'TOTAL');
    for (const r of totals) expect(r).toMatchObject({ kind: 'computed-by-cifra', status: 'final' });
  });

  it('a published table alone is its TOTAL rows, with its kind and publisher', async () => {
    const { out, rows } = await seats('--election', 'pe-2021-congreso', '--format', 'csv');
    expect(out.split('\n')[0]).toBe(HEADER);
    expect(rows).toContainEqual({
      district: 'TOTAL',
      party: 'Perú Libre',
      seats: '37',
      kind: 'official',
      status: 'final',
      pct_counted: '',
      pct_of: '',
      cut: '',
      source: 'JNE, Resolución N.° 0602-2021-JNE (Andina, 12 jun 2021)',
    });
  });

  it('a what-if of a stored election is what-if on every row, with the status of its votes', async () => {
    const json = JSON.parse(
      (
        await cli(
          'seats',
          ...['--election', 'pe-2026-senado', '--threshold', '4%', '--db', db, '--format', 'json'],
        )
      ).out,
    ) as { status: Status };
    const args = ['--election', 'pe-2026-senado', '--threshold', '4%', '--format', 'csv'];
    const { out, rows } = await seats(...args);
    expect(out.split('\n')[0]).toBe(HEADER);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ kind: 'what-if', ...cells(json.status) });
    expect(rows[0]?.['pct_counted']).toBe('85.920');
  });

  it('a presidential round has no seats: --format csv is refused (exit 2), nothing written', async () => {
    const r = await cli(
      'seats',
      '--election',
      'pe-2026-presidencial',
      '--db',
      db,
      '--format',
      'csv',
    );
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(
      'error: pe-2026-presidencial is a presidential round, with no seats to write as CSV; use --format table or json',
    );
  });

  it("a votes file's seats: computed-by-cifra with no status cifra could know; a lever, what-if", async () => {
    const votes = file('v.csv', 'district,party,votes\nNACIONAL,A,500\nNACIONAL,B,450\n');
    const plain = await seats(
      '--rules',
      'pe-2026-parlamento-andino',
      '--votes',
      votes,
      '--format',
      'csv',
    );
    expect(plain.out.split('\n')[0]).toBe(HEADER);
    const empty = { status: '', pct_counted: '', pct_of: '', cut: '', source: '' };
    expect(plain.rows).toContainEqual({
      district: 'TOTAL',
      party: 'A',
      seats: '3',
      kind: 'computed-by-cifra',
      ...empty,
    });
    const lever = await seats(
      ...['--rules', 'pe-2026-parlamento-andino', '--votes', votes, '--method', 'hare'],
      '--format',
      'csv',
    );
    expect(lever.rows.length).toBeGreaterThan(0);
    for (const r of lever.rows) expect(r).toMatchObject({ kind: 'what-if', ...empty });
  });
});
