// `npm run universe -- --election ID [--prior ID] --level department|district|place --out FILE[.gz]`:
// the universe of a bundled per-mesa election (docs/projection.md, "The universe is known"):
// every unit with its electors and mesas, and the previous round per unit as prior:<choice>
// columns, as a CSV that a manifest's `universe` or `cifra project --universe` reads. Peru's
// place codes: department = 2 digits, district = 6; abroad (9…) by continent at the department
// and district levels; `place` keeps every 6-digit place code, abroad's too (continent, country,
// city: data/jurisdictions/pe), so that every code is a unit of ONE level (the district's), as a
// count's extent needs (docs/elections.md, `universe`).
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadManifest } from '../src/elections/manifests.js';
import { priorsOf } from './lib/calibration.js';
import { universeFromMesas } from '../src/core/projection/universe.js';
import { readCsvFile } from '../src/io/csv.js';
import { dataPath } from '../src/io/paths.js';
import { csvLine } from '../src/results/csv.js';
import { bundledActas } from './calibration-data.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const id = opt('election');
const out = opt('out');
const level = opt('level') ?? 'department';
if (id === undefined || out === undefined || !['department', 'district', 'place'].includes(level))
  throw new Error('usage: --election ID [--prior ID] --level department|district|place --out FILE');
const { def, actas } = await bundledActas(id);
const abroad = (place: string): boolean => place.startsWith('9');
const unitOf = (place: string): string =>
  level === 'place'
    ? place.slice(0, 6)
    : abroad(place) || level === 'department'
      ? place.slice(0, 2)
      : place.slice(0, 6);
const CONTINENTS: Record<string, string> = {
  '91': 'ÁFRICA',
  '92': 'AMÉRICA',
  '93': 'ASIA',
  '94': 'EUROPA',
  '95': 'OCEANÍA',
};
/** Names by RENIEC ubigeo (data/peru/ubigeo); a district's with its province and department (unique). */
const names = new Map<string, string>();
for (const [file, key] of [
  ['ubigeo_departamento.csv', 2],
  ['ubigeo_distrito.csv.gz', 6],
] as const) {
  const t = readCsvFile(dataPath(`peru/ubigeo/${file}`), 'ubigeo');
  if (!t.ok) throw new Error(file);
  for (const { values: v } of t.value.rows)
    names.set(
      (v['reniec'] ?? '').slice(0, key),
      key === 2
        ? (v['departamento'] ?? '')
        : `${v['departamento'] ?? ''} / ${v['provincia'] ?? ''} / ${v['distrito'] ?? ''}`,
    );
}
// abroad places are not in RENIEC's table: the source file names them (continent / country / city)
if (level === 'place') {
  const manifest = loadManifest(def.id);
  const file = manifest.ok ? manifest.value.files[0] : undefined;
  const src = file === undefined ? null : readCsvFile(file, 'onpe');
  if (src === null || !src.ok) throw new Error('the source file does not read');
  for (const { values: v } of src.value.rows) {
    const code = v['ubigeo'] ?? '';
    if (abroad(code) && !names.has(code))
      names.set(code, [v['departamento'], v['provincia'], v['distrito']].join(' / '));
  }
}
const nameOf = (code: string): string => CONTINENTS[code] ?? names.get(code) ?? code;
const priorId = opt('prior');
const prior = priorId === undefined ? null : await bundledActas(priorId);
const priors =
  prior === null
    ? undefined
    : priorsOf(prior.actas, prior.def.pendingFiguresCount ?? false, unitOf);
const units = universeFromMesas(actas, unitOf, nameOf, priors?.byUnit);
const priorCols = prior === null ? [] : prior.def.choices.map((c) => `prior:${c.label}`);
const lines = [csvLine(['code', 'name', 'eligible', 'actas_total', ...priorCols])];
for (const u of units)
  lines.push(
    csvLine([
      u.unit,
      u.name,
      u.eligible,
      u.actasTotal,
      ...priorCols.map((_, k) => u.prior?.votes[k] ?? 0),
    ]),
  );
const text = lines.join('\n') + '\n';
writeFileSync(out, out.endsWith('.gz') ? gzipSync(text, { level: 9 }) : text);
console.error(
  `${out}: ${units.length} units (${level}${level === 'place' ? '' : ', abroad by continent'})`,
);
