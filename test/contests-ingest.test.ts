// Reading a multi-contest manifest (cifra-contests/1): ONPE's per-mesa layout (one row per mesa and
// list, an election-type column, the acta state) summed per contest, and the problems a source can
// have — a repeated row (warning when identical, error otherwise), a missing column, a checksum
// that differs — returned as coded issues with the manifest path.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeContests } from '../src/core/pipeline/contests.js';
import { loadContests } from '../src/elections/contests.js';
import { tempDir } from './helpers.js';

// ONPE's per-mesa-and-list layout (as onpe-congress, docs/ingest.md)
const HEADER =
  'UBIGEO,DEPARTAMENTO,PROVINCIA,DISTRITO,TIPO_ELECCION,MESA_DE_VOTACION,DESCRIP_ESTADO_ACTA,CODIGO_OP,DESCRIPCION_OP,N_TOTAL_VOTOS';
const row = (ubigeo: string, tipo: string, mesa: string, state: string, org: string, v: number) =>
  [ubigeo, 'AMAZONAS', 'BAGUA', 'ARAMANGO', tipo, mesa, state, org.length, org, v].join(',');

function manifest(dir: string, csv: string[], more: object = {}): string {
  writeFileSync(join(dir, 'mesas.csv'), [HEADER, ...csv].join('\n') + '\n');
  writeFileSync(
    join(dir, 'councils.csv'),
    'ubigeo,council,departamento,population_est\n010202,MUNICIPALIDAD DISTRITAL DE ARAMANGO,AMAZONAS,11000\n',
  );
  const set = (kind: string, ruleset: string, tipo: string) => ({
    kind,
    label: { es: kind, en: kind },
    ruleset,
    file: 'mesas.csv',
    publisher: 'test',
    columns: {
      contest: 'UBIGEO',
      party: 'DESCRIPCION_OP',
      votes: 'N_TOTAL_VOTOS',
      mesa: 'MESA_DE_VOTACION',
    },
    only: [
      { column: 'TIPO_ELECCION', values: [tipo] },
      { column: 'DESCRIP_ESTADO_ACTA', values: ['CONTABILIZADA'] },
      { column: 'DESCRIPCION_OP', values: ['VOTOS EN BLANCO', 'VOTOS NULOS'], exclude: true },
    ],
    padContest: 6,
    ...(kind === 'governor' ? { contestDigits: 2 } : {}),
    ...(kind === 'district-council' ? { councils: 'councils.csv' } : {}),
    ...more,
  });
  const path = join(dir, 'erm.json');
  writeFileSync(
    path,
    JSON.stringify({
      format: 'cifra-contests/1',
      id: 'test-erm',
      label: { es: 'x', en: 'x' },
      jurisdiction: 'pe',
      date: '2022-10-02',
      status: { kind: 'final' },
      contestSets: [
        set('governor', 'pe-erm-gobernador', 'REGIONAL'),
        set('district-council', 'pe-erm-municipal', 'DISTRITAL'),
      ],
      nationalParties: { names: ['A'], basis: 'registry', source: { es: 'prueba', en: 'test' } },
      provenance: 'test',
    }),
  );
  return path;
}

describe('cifra-contests/1 per-mesa sources', () => {
  it('sums counted mesas per contest and list, election by election; other states and elections are left out', () => {
    const dir = tempDir('cifra-erm-mesa-');
    const path = manifest(dir, [
      row('10202', 'REGIONAL', '000101', 'CONTABILIZADA', 'A', 120),
      row('10202', 'REGIONAL', '000101', 'CONTABILIZADA', 'B', 80),
      row('10202', 'REGIONAL', '000102', 'CONTABILIZADA', 'A', 10),
      row('10202', 'REGIONAL', '000102', 'CONTABILIZADA', 'B', 90),
      row('10202', 'REGIONAL', '000103', 'ANULADA', 'B', 500),
      row('10202', 'REGIONAL', '000101', 'CONTABILIZADA', 'VOTOS EN BLANCO', 30),
      row('10205', 'REGIONAL', '000201', 'CONTABILIZADA', 'A', 5),
      row('10202', 'DISTRITAL', '000101', 'CONTABILIZADA', 'A', 150),
      row('10202', 'DISTRITAL', '000101', 'CONTABILIZADA', 'C', 60),
      row('10202', 'DISTRITAL', '000102', 'CONTABILIZADA', 'C', 40),
      row('10202', 'DISTRITAL', '000102', 'CONTABILIZADA', 'A', 0),
    ]);
    const l = loadContests(path);
    if (!l.ok) throw new Error(JSON.stringify(l.error));
    const r = computeContests(l.value.sets);
    // the region (ubigeo 01….) sums its districts' mesas; blank votes are not a list
    const gov = r.contests.find((c) => c.id === 'governor/010000');
    expect(gov?.votes).toEqual([
      { party: 'B', votes: 170 },
      { party: 'A', votes: 135 },
    ]);
    // B 170 of 305 valid = 55.7 % ≥ 30 %
    expect(gov?.type === 'single-winner' && gov.result.outcome).toEqual({
      kind: 'winner',
      winner: 'B',
      round: 'first',
    });
    const council = r.contests.find((c) => c.id === 'district-council/010202');
    // 11,000 inhabitants: 5 regidores; A 150 vs C 100 → D'Hondt A 3, C 2; the bonus gives A 4
    expect(
      council?.type === 'council' && [council.totalSeats, council.seats, council.head],
    ).toEqual([5, { A: 4, C: 1 }, 'A']);
  });

  it('a row repeated for the same mesa and list: identical → read once with a warning; different → error', () => {
    const dir = tempDir('cifra-erm-dup-');
    const same = loadContests(
      manifest(dir, [
        row('10202', 'REGIONAL', '000101', 'CONTABILIZADA', 'A', 120),
        row('10202', 'REGIONAL', '000101', 'CONTABILIZADA', 'A', 120),
      ]),
    );
    expect(same.ok && same.value.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['duplicate_row', 'warning'],
    ]);
    const other = loadContests(
      manifest(tempDir('cifra-erm-dup2-'), [
        row('10202', 'REGIONAL', '000101', 'CONTABILIZADA', 'A', 120),
        row('10202', 'REGIONAL', '000101', 'CONTABILIZADA', 'A', 121),
      ]),
    );
    expect(other.ok ? [] : other.error.map((i) => [i.code, i.path])).toEqual([
      ['duplicate_row', ['contestSets', 0, 'file', 2]],
    ]);
  });

  it('a column the manifest names but the file lacks, and a checksum that differs, are coded issues', () => {
    const dir = tempDir('cifra-erm-bad-');
    const missing = loadContests(
      manifest(dir, [row('10202', 'REGIONAL', '1', 'CONTABILIZADA', 'A', 1)], {
        columns: { contest: 'UBIGEO', party: 'ORGANIZACION', votes: 'N_TOTAL_VOTOS' },
      }),
    );
    expect(missing.ok ? [] : missing.error.map((i) => i.code)).toContain('columns_missing');
    const sha = loadContests(
      manifest(
        tempDir('cifra-erm-sha-'),
        [row('10202', 'REGIONAL', '1', 'CONTABILIZADA', 'A', 1)],
        {
          sha256: '0'.repeat(64),
        },
      ),
    );
    expect(sha.ok ? [] : sha.error.map((i) => [i.code, i.path])).toContainEqual([
      'election_invalid',
      ['contestSets', 0, 'sha256'],
    ]);
    expect(loadContests('no-such-erm').ok).toBe(false);
  });
});

describe('cifra-contests/1 regions across sets', () => {
  // ONPE's governor file names ÁNCASH (code 02), its council file's councils.csv ANCASH
  function twoSpellings(dir: string, withCode: boolean): string {
    writeFileSync(
      join(dir, 'gov.csv'),
      'cod_departamento,departamento,AGRUPACION,TOTAL_VOTOS\n02,ÁNCASH,A,60\n02,ÁNCASH,B,40\n11,JUNÍN,A,10\n',
    );
    writeFileSync(join(dir, 'dis.csv'), 'ubigeo,AGRUPACION,TOTAL_VOTOS\n20102,A,70\n20102,B,30\n');
    writeFileSync(
      join(dir, 'councils.csv'),
      'ubigeo,council,departamento,population_est\n020102,MUNICIPALIDAD DISTRITAL DE COCHABAMBA,ANCASH,2000\n',
    );
    const gov = { contest: 'departamento', party: 'AGRUPACION', votes: 'TOTAL_VOTOS' };
    const path = join(dir, 'erm.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'cifra-contests/1',
        id: 'test-erm-regions',
        label: { es: 'x', en: 'x' },
        jurisdiction: 'pe',
        date: '2022-10-02',
        status: { kind: 'final' },
        contestSets: [
          {
            kind: 'governor',
            label: { es: 'g', en: 'g' },
            ruleset: 'pe-erm-gobernador',
            file: 'gov.csv',
            publisher: 'test',
            columns: withCode ? { ...gov, regionCode: 'cod_departamento' } : gov,
          },
          {
            kind: 'district-council',
            label: { es: 'd', en: 'd' },
            ruleset: 'pe-erm-municipal',
            file: 'dis.csv',
            publisher: 'test',
            columns: { contest: 'ubigeo', party: 'AGRUPACION', votes: 'TOTAL_VOTOS' },
            padContest: 6,
            councils: 'councils.csv',
          },
        ],
        nationalParties: { names: ['A'], basis: 'registry', source: { es: 'p', en: 't' } },
        provenance: 'test',
      }),
    );
    return path;
  }
  const regions = (path: string): Record<string, string> => {
    const l = loadContests(path);
    if (!l.ok) throw new Error(JSON.stringify(l.error));
    return Object.fromEntries(
      l.value.sets.flatMap((s) => s.contests.map((c) => [c.key, c.region])),
    );
  };

  it('one department code, one (accented) name: the governor and the councils of ÁNCASH together', () => {
    expect(regions(twoSpellings(tempDir('cifra-erm-regions-'), true))).toEqual({
      ÁNCASH: 'ÁNCASH',
      JUNÍN: 'JUNÍN',
      '020102': 'ÁNCASH',
    });
  });

  it('without a code column the names stay as each source writes them', () => {
    expect(regions(twoSpellings(tempDir('cifra-erm-regions-'), false))['020102']).toBe('ANCASH');
  });
});
