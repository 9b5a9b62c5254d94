// Writes data/peru/erm/2022/councils.csv.gz: every provincial and district council of Peru with a
// population estimate, so that pe-erm-municipal's seat bands can size them. The estimate is the
// ubigeo table's 2020 density × area (data/peru/ubigeo), summed over a province's districts for
// its provincial council (unknown when one of them is) — the JNE's own table of council sizes (from INEI populations) is not
// in the shared data. A capital district (district code 01) has no council of its own: the
// provincial council governs it.
//
//   npx tsx scripts/erm-councils.ts
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../src/io/paths.js';

const rows = parse(gunzipSync(readFileSync(dataPath('peru/ubigeo/ubigeo_distrito.csv.gz'))), {
  columns: true,
}) as Record<string, string>[];

const cell = (r: Record<string, string>, k: string): string => r[k] ?? '';
const provinces = new Map<string, { dep: string; prov: string; pop: number }>();
const out = ['ubigeo,level,council,departamento,provincia,distrito,population_est'];
/** Lima's provincial council is the Municipalidad Metropolitana (Ley 27972 art. 151). */
const councilOf = (ubigeo: string, prov: string): string =>
  ubigeo === '140100'
    ? 'MUNICIPALIDAD METROPOLITANA DE LIMA'
    : `MUNICIPALIDAD PROVINCIAL DE ${prov}`;
const known = (n: number): string => (Number.isFinite(n) ? String(n) : '');
const quote = (s: string): string => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
for (const r of rows) {
  const ubigeo = cell(r, 'reniec');
  // districts created after the table's sources have no area or density (NA): size unknown
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
  if (!ubigeo.endsWith('01'))
    out.push(
      [
        ubigeo,
        'distrito',
        `MUNICIPALIDAD DISTRITAL DE ${cell(r, 'distrito')}`,
        r['departamento'],
        r['provincia'],
        r['distrito'],
        known(pop),
      ]
        .map((v) => quote(String(v)))
        .join(','),
    );
}
for (const [ubigeo, p] of [...provinces].sort())
  out.push(
    [ubigeo, 'provincia', councilOf(ubigeo, p.prov), p.dep, p.prov, '', known(p.pop)]
      .map((v) => quote(String(v)))
      .join(','),
  );
writeFileSync(
  dataPath('peru/erm/2022/councils.csv.gz'),
  gzipSync(`${out.join('\n')}\n`, { level: 9 }),
);
console.log(`${out.length - 1} councils`);
