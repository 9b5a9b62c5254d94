// The bundled jurisdictions against their definitions, written here independently of the files:
// Peru's levels from RENIEC's ubigeo structure and LOE art. 21, for every ubigeo of the RENIEC
// tables (data/peru/ubigeo); Spain's provinces and communities from INE's codes.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { nameKey } from '../src/core/names.js';
import { loadRuleset } from '../src/elections/rulesets.js';
import { dataPath } from '../src/io/paths.js';
import { listJurisdictions, requireJurisdiction } from '../src/jurisdictions/load.js';
import { cli } from './helpers.js';

/**
 * LOE art. 21 (Ley 26859 as amended by Ley 31981): one circunscripción per department, Lima split
 * into Lima Metropolitana (the province of Lima) and Lima Provincias (its other provinces), the
 * Constitutional Province of Callao, and Peruvians abroad. Codes: ONPE's 2026 electoral-district
 * ids (R-0053-2025-JNE's order: alphabetical, Callao after Cajamarca).
 */
const CIRCUNSCRIPCION_OF_DEPARTMENT: Readonly<Record<string, [number, string]>> = {
  AMAZONAS: [1, 'Amazonas'],
  ANCASH: [2, 'Áncash'],
  APURIMAC: [3, 'Apurímac'],
  AREQUIPA: [4, 'Arequipa'],
  AYACUCHO: [5, 'Ayacucho'],
  CAJAMARCA: [6, 'Cajamarca'],
  CALLAO: [7, 'Callao'],
  CUSCO: [8, 'Cusco'],
  HUANCAVELICA: [9, 'Huancavelica'],
  HUANUCO: [10, 'Huánuco'],
  ICA: [11, 'Ica'],
  JUNIN: [12, 'Junín'],
  'LA LIBERTAD': [13, 'La Libertad'],
  LAMBAYEQUE: [14, 'Lambayeque'],
  LIMA: [16, 'Lima Provincias'], // but the province of Lima: 15, Lima Metropolitana
  LORETO: [17, 'Loreto'],
  'MADRE DE DIOS': [18, 'Madre de Dios'],
  MOQUEGUA: [19, 'Moquegua'],
  PASCO: [20, 'Pasco'],
  PIURA: [21, 'Piura'],
  PUNO: [22, 'Puno'],
  'SAN MARTIN': [23, 'San Martín'],
  TACNA: [24, 'Tacna'],
  TUMBES: [25, 'Tumbes'],
  UCAYALI: [26, 'Ucayali'],
};
const LIMA_METROPOLITANA: [number, string] = [15, 'Lima Metropolitana'];
const ABROAD: [number, string] = [27, 'Peruanos Residentes en el Extranjero'];

type Row = Record<string, string>;
const table = (file: string): Row[] => {
  const bytes = readFileSync(dataPath('peru/ubigeo', file));
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return parse(text, { columns: true }) as Row[];
};

/** Every RENIEC code of the three tables with its department and (where given) province name. */
const UBIGEOS: readonly { ubigeo: string; department: string; province?: string }[] = [
  ...table('ubigeo_departamento.csv'),
  ...table('ubigeo_provincia.csv.gz'),
  ...table('ubigeo_distrito.csv.gz'),
]
  .filter((r) => /^\d{6}$/.test(r['reniec'] ?? ''))
  .map((r) => ({
    ubigeo: r['reniec'] as string,
    department: r['departamento'] as string,
    ...(r['provincia'] !== undefined ? { province: r['provincia'] } : {}),
  }));

/** Mesas abroad: 91–95 (continent), then country and city. */
const ABROAD_UBIGEOS = ['910101', '920101', '930512', '940999', '950101'];

describe('the pe jurisdiction', () => {
  const pe = requireJurisdiction('pe');

  it('covers the RENIEC tables: every department, province and district code', () => {
    expect(UBIGEOS.length).toBe(25 + 196 + 1892);
    expect(new Set(UBIGEOS.map((u) => u.department)).size).toBe(25);
  });

  it('department, province, district: 2, 4 and 6 digits of every ubigeo; ámbito by the 9', () => {
    for (const { ubigeo } of UBIGEOS) {
      expect(pe.unitCode('department', ubigeo)).toBe(ubigeo.slice(0, 2));
      expect(pe.unitCode('province', ubigeo)).toBe(ubigeo.slice(0, 4));
      expect(pe.unitCode('district', ubigeo)).toBe(ubigeo);
      expect(pe.unitCode('ambito', ubigeo)).toBe('PERU');
      expect(pe.unitCode('national', ubigeo)).toBe('PE');
    }
    for (const u of ABROAD_UBIGEOS) {
      expect(pe.unitCode('ambito', u)).toBe('EXTRANJERO');
      expect(pe.unitCode('department', u)).toBe(u.slice(0, 2));
    }
  });

  it('circunscripción of every ubigeo as LOE art. 21 defines it (by department and province name)', () => {
    const seen = new Set<number>();
    for (const u of UBIGEOS) {
      const expected =
        u.department === 'LIMA' && u.province === 'LIMA'
          ? LIMA_METROPOLITANA
          : CIRCUNSCRIPCION_OF_DEPARTMENT[u.department];
      expect(expected, u.department).toBeDefined();
      const [code, name] = expected as [number, string];
      expect([u.ubigeo, pe.unitCode('circunscripcion', u.ubigeo)]).toEqual([
        u.ubigeo,
        String(code),
      ]);
      expect(pe.unitName('circunscripcion', String(code))).toBe(name);
      seen.add(code);
    }
    for (const u of ABROAD_UBIGEOS) expect(pe.unitCode('circunscripcion', u)).toBe('27');
    expect(pe.unitName('circunscripcion', '27')).toBe(ABROAD[1]);
    expect(seen.size + 1).toBe(27);
  });

  it('every circunscripción is a district of the 2021 and 2026 rulesets (seats find their votes)', () => {
    const names = Array.from({ length: 27 }, (_, i) =>
      nameKey(pe.unitName('circunscripcion', String(i + 1)) ?? ''),
    );
    for (const id of ['pe-2021-congreso', 'pe-2026-diputados']) {
      const rs = loadRuleset(id);
      if (!rs.ok || rs.value.kind !== 'list') throw new Error(id);
      expect([...names].sort()).toEqual(rs.value.districts.map((d) => nameKey(d.name)).sort());
    }
  });

  it('known places: the RENIEC districts and abroad (91–95), nothing else', () => {
    for (const u of table('ubigeo_distrito.csv.gz').map((r) => r['reniec'] as string))
      if (/^\d{6}$/.test(u)) expect(pe.isKnownPlace(u)).toBe(true);
    for (const u of ABROAD_UBIGEOS) expect(pe.isKnownPlace(u)).toBe(true);
    for (const u of ['250199', '990101', '960101', '000000', 'NA'])
      expect(pe.isKnownPlace(u)).toBe(false);
  });

  it("ONPE's state labels as the sources write them", () => {
    expect(
      [
        'CONTABILIZADA',
        'COMPUTADA RESUELTA',
        'ANULADA',
        'SIN INSTALAR',
        'EN PROCESO',
        'ENVIADA AL JEE',
      ].map(pe.stateOf),
    ).toEqual(['counted', 'resolved', 'annulled', 'not_installed', 'pending', 'jee']);
    expect(Object.keys(pe.file.states)).toHaveLength(20);
    expect(pe.padMesa('2')).toBe('000002');
    expect(pe.padPlace('10101')).toBe('010101');
  });
});

describe('the es jurisdiction', () => {
  const es = requireJurisdiction('es');

  it('INE codes: province and autonomous community', () => {
    // 28079 Madrid, 08019 Barcelona, 41091 Sevilla, 35016 Las Palmas de Gran Canaria,
    // 01059 Vitoria-Gasteiz, 51001 Ceuta, 52001 Melilla
    const cases: [string, string, string, string][] = [
      ['28079', '28', 'Madrid', 'Comunidad de Madrid'],
      ['08019', '08', 'Barcelona', 'Cataluña/Catalunya'],
      ['41091', '41', 'Sevilla', 'Andalucía'],
      ['35016', '35', 'Las Palmas', 'Canarias'],
      ['01059', '01', 'Araba/Álava', 'País Vasco/Euskadi'],
      ['51001', '51', 'Ceuta', 'Ceuta'],
      ['52001', '52', 'Melilla', 'Melilla'],
    ];
    for (const [ine, province, provinceName, community] of cases) {
      expect(es.unitCode('province', ine)).toBe(province);
      expect(es.unitName('province', province)).toBe(provinceName);
      expect(es.unitName('community', es.unitCode('community', ine))).toBe(community);
      expect(es.unitCode('municipality', ine)).toBe(ine);
      expect(es.isKnownPlace(ine)).toBe(true);
    }
    expect(['53001', '00001', '2807'].map(es.isKnownPlace)).toEqual([false, false, false]);
    expect(es.padPlace('8019')).toBe('08019');
  });

  it('17 communities, Ceuta and Melilla; their provinces add up to 52', () => {
    const provinces = Array.from({ length: 52 }, (_, i) => String(i + 1).padStart(2, '0'));
    const byCommunity = new Map<string, number>();
    for (const p of provinces) {
      const c = es.unitCode('community', `${p}001`);
      byCommunity.set(c, (byCommunity.get(c) ?? 0) + 1);
    }
    expect(byCommunity.size).toBe(19);
    // Andalucía 8, Castilla y León 9, Castilla-La Mancha 5, Cataluña 4, Galicia 4
    expect(
      ['Andalucía', 'Castilla y León', 'Castilla-La Mancha', 'Cataluña/Catalunya', 'Galicia'].map(
        (n) => [...byCommunity].find(([c]) => es.unitName('community', c) === n)?.[1],
      ),
    ).toEqual([8, 9, 5, 4, 4]);
  });

  it("province names are the Ministry's, as the 2023 results and es-congreso write them", () => {
    const rows = parse(readFileSync(dataPath('spain/2023/districts_congreso_2023.csv'), 'utf8'), {
      columns: true,
    }) as Row[];
    expect(rows).toHaveLength(52);
    for (const r of rows)
      expect(es.unitName('province', r['district_code'] as string)).toBe(r['district']);
    expect(es.electoralDistricts).toBe('province');
  });
});

describe('the bundled jurisdictions', () => {
  it('name rulesets that exist', () => {
    for (const id of listJurisdictions())
      for (const [kind, rules] of requireJurisdiction(id).rulesets)
        expect(loadRuleset(rules).ok, `${id} ${kind}`).toBe(true);
  });

  it('cifra jurisdictions lists them; cifra jurisdictions pe checks one and shows its levels', async () => {
    const all = await cli('jurisdictions');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/es .*Spain/);
    expect(all.out).toMatch(/pe .*Peru/);
    const pe = await cli('jurisdictions', 'pe');
    expect(pe.code).toBe(0);
    // Peru states its locale (es-PE): no warning that it is missing
    expect(pe.err).toBe('');
    expect(pe.out).toContain('1,892 rows in the table (skipped: 1)');
    expect(pe.out).toContain('circunscripcion');
    const none = await cli('jurisdictions', 'zz');
    expect(none.code).toBe(1);
    expect(none.err).toContain('unknown_jurisdiction');
  });
});
