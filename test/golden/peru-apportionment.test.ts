// SOURCE (expected tables, typed from the resolutions as reported):
// - R-0304-2020-JNE (5-Sep-2020), seats per circunscripción for EG 2021 (La República 8-Sep-2020;
//   shared/docs/peru-electoral-rules.md §3.1).
// - R-0053-2025-JNE (5-Feb-2025), 130 deputies for EG 2026 (Andina; rules §4.2).
// Inputs: the electorate of each circunscripción — 2021 summed from ONPE's per-mesa file
// (N_ELEC_HABIL); 2026 from data/peru/2026/electorate_2026_by_circunscripcion.csv.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { apportionSeats } from '../../src/core/rules/apportion.js';
import { loadRuleset } from '../../src/elections/rulesets.js';
import { loadJurisdiction } from '../../src/jurisdictions/load.js';
import { dataPath } from '../../src/io/paths.js';

const R_0304_2020: Record<string, number> = {
  Amazonas: 2,
  Áncash: 5,
  Apurímac: 2,
  Arequipa: 6,
  Ayacucho: 3,
  Cajamarca: 6,
  Callao: 4,
  Cusco: 5,
  Huancavelica: 2,
  Huánuco: 3,
  Ica: 4,
  Junín: 5,
  'La Libertad': 7,
  Lambayeque: 5,
  'Lima Metropolitana': 33,
  'Lima Provincias': 4,
  Loreto: 4,
  'Madre de Dios': 1,
  Moquegua: 2,
  Pasco: 2,
  Piura: 7,
  Puno: 5,
  'San Martín': 4,
  Tacna: 2,
  Tumbes: 2,
  Ucayali: 3,
  'Peruanos Residentes en el Extranjero': 2,
};
const R_0053_2025: Record<string, number> = {
  ...R_0304_2020,
  'Lima Metropolitana': 32,
  'Madre de Dios': 2,
};

function rule(id: string) {
  const r = loadRuleset(id);
  if (!r.ok || r.value.kind !== 'list' || r.value.apportionment === null) throw new Error(id);
  return r.value.apportionment;
}

describe('Peru seat tables from the electorate (1 per circunscripción, abroad 2, 102 by Hare LR)', () => {
  it('2021: the per-mesa electorate reproduces every row of R-0304-2020-JNE', () => {
    const text = gunzipSync(
      readFileSync(
        dataPath(
          'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
        ),
      ),
    ).toString('utf8');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const pe = loadJurisdiction('pe');
    if (!pe.ok) throw new Error('pe');
    const electorate = new Map<string, number>();
    for (const r of rows) {
      const code = pe.value.unitCode('circunscripcion', r['UBIGEO'] ?? '');
      const name = pe.value.unitName('circunscripcion', code);
      if (name === undefined) throw new Error(`ubigeo ${r['UBIGEO']}`);
      electorate.set(name, (electorate.get(name) ?? 0) + Number(r['N_ELEC_HABIL']));
    }
    expect([...electorate.values()].reduce((a, b) => a + b, 0)).toBe(25_287_954);
    const a = apportionSeats(
      rule('pe-2021-congreso'),
      [...electorate].map(([district, e]) => ({ district, electorate: e })),
    );
    expect(a.ok).toBe(true);
    if (a.ok) expect(Object.fromEntries(a.value.seats)).toEqual(R_0304_2020);
  });

  it('2026: the padrón by circunscripción reproduces every row of R-0053-2025-JNE', () => {
    const rows = parse(
      readFileSync(dataPath('peru/2026/electorate_2026_by_circunscripcion.csv'), 'utf8'),
      { columns: true },
    ) as Record<string, string>[];
    const a = apportionSeats(
      rule('pe-2026-diputados'),
      rows.map((r) => ({ district: r['district'] ?? '', electorate: Number(r['electorate']) })),
    );
    expect(a.ok).toBe(true);
    if (a.ok) expect(Object.fromEntries(a.value.seats)).toEqual(R_0053_2025);
  });

  it('the ruleset files are the resolutions: 2021 and 2026 deputies per circunscripción, senate DEM 30', () => {
    const seats = (id: string): Record<string, number> => {
      const r = loadRuleset(id);
      if (!r.ok || r.value.kind !== 'list') throw new Error(id);
      return Object.fromEntries(r.value.districts.map((d) => [d.name, d.seats]));
    };
    expect(seats('pe-2021-congreso')).toEqual(R_0304_2020);
    expect(seats('pe-2026-diputados')).toEqual(R_0053_2025);
    const senate = seats('pe-2026-senado');
    expect(senate['NACIONAL']).toBe(30);
    expect(Object.values(senate).reduce((a, b) => a + b, 0) - 30).toBe(30);
    expect(senate['Lima Metropolitana']).toBe(4);
  });
});
