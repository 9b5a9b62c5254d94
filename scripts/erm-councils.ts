// Writes data/peru/erm/2022/councils.csv.gz: every provincial and district council of Peru with
// its number of regidores in ERM 2022 and a population estimate.
// - seats: the JNE's own figure, read off its candidate-list registry (data/peru/erm/2022/
//   jne-listas.csv.gz): every municipal list carries the mayor and exactly the council's regidores
//   (Ley 26864 art. 10(3)), so regidores = candidates − 1, and all the lists of a council must agree.
// - population_est: the ubigeo table's 2020 density × area (data/peru/ubigeo), summed over a
//   province's districts; kept as a fallback for the ruleset's bands (Ley 26864 art. 24), empty
//   where the table has no figures.
// A capital district has no council of its own: the provincial council governs it (Ley 27972
// art. 3). The capital is the district whose INEI code ends in 01 — in RENIEC/ONPE codes it is not
// always 01 (Bagua 010205, Ocros 022007, Huaytará 080604, Puerto Inca 090802).
//
//   npx tsx scripts/erm-councils.ts
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../src/io/paths.js';

type Row = Record<string, string>;
const csv = (path: string): Row[] =>
  parse(gunzipSync(readFileSync(dataPath(path))), { columns: true }) as Row[];
const cell = (r: Row, k: string): string => r[k] ?? '';

/** Regidores per council (RENIEC ubigeo) from the JNE's lists: candidates − the mayor. */
function jneSeats(): Map<string, number> {
  const seats = new Map<string, number>();
  for (const r of csv('peru/erm/2022/jne-listas.csv.gz')) {
    if (!cell(r, 'eleccion').startsWith('MUNICIPAL')) continue;
    const n = Number(cell(r, 'candidatos')) - 1;
    const u = cell(r, 'ubigeo');
    const before = seats.get(u);
    if (before !== undefined && before !== n) throw new Error(`lists of ${u} disagree`);
    seats.set(u, n);
  }
  return seats;
}

const seats = jneSeats();
const rows = csv('peru/ubigeo/ubigeo_distrito.csv.gz');
const provinces = new Map<string, { dep: string; prov: string; pop: number }>();
const out = ['ubigeo,level,council,departamento,provincia,distrito,population_est,seats'];
/** Lima's provincial council is the Municipalidad Metropolitana (Ley 27972 art. 151). */
const councilOf = (ubigeo: string, prov: string): string =>
  ubigeo === '140100'
    ? 'MUNICIPALIDAD METROPOLITANA DE LIMA'
    : `MUNICIPALIDAD PROVINCIAL DE ${prov}`;
const known = (n: number | undefined): string =>
  n !== undefined && Number.isFinite(n) ? String(n) : '';
const quote = (s: string): string => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const line = (cells: string[]): string => cells.map(quote).join(',');
for (const r of rows) {
  const ubigeo = cell(r, 'reniec');
  // districts created after the table's sources have no area or density (NA)
  const pop = Math.round(Number(cell(r, 'superficie')) * Number(cell(r, 'pob_densidad_2020')));
  if (ubigeo === 'NA') continue; // no RENIEC code yet (created after 2022): no 2022 council
  if (!/^\d{6}$/.test(ubigeo)) throw new Error(`bad ubigeo ${ubigeo}`);
  const key = `${ubigeo.slice(0, 4)}00`;
  const p = provinces.get(key) ?? {
    dep: cell(r, 'departamento'),
    prov: cell(r, 'provincia'),
    pop: 0,
  };
  provinces.set(key, { ...p, pop: p.pop + (Number.isFinite(pop) ? pop : Number.NaN) });
  if (cell(r, 'inei').endsWith('01')) continue; // the capital district: the provincial council
  const [dep, prov, dist] = [cell(r, 'departamento'), cell(r, 'provincia'), cell(r, 'distrito')];
  out.push(
    line([
      ubigeo,
      'distrito',
      `MUNICIPALIDAD DISTRITAL DE ${dist}`,
      dep,
      prov,
      dist,
      known(pop),
      known(seats.get(ubigeo)),
    ]),
  );
}
for (const [ubigeo, p] of [...provinces].sort())
  out.push(
    line([
      ubigeo,
      'provincia',
      councilOf(ubigeo, p.prov),
      p.dep,
      p.prov,
      '',
      known(p.pop),
      known(seats.get(ubigeo)),
    ]),
  );
const councils = new Set(out.slice(1).map((l) => l.slice(0, 6)));
const lost = [...seats.keys()].filter((u) => !councils.has(u));
if (lost.length > 0)
  throw new Error(`JNE councils missing from the ubigeo table: ${lost.join(' ')}`);
writeFileSync(
  dataPath('peru/erm/2022/councils.csv.gz'),
  gzipSync(`${out.join('\n')}\n`, { level: 9 }),
);
console.log(`${out.length - 1} councils, ${seats.size} sized by the JNE's lists`);
