// `npm run universe -- --election ID [--prior ID] --level department|district --out FILE[.gz]`:
// the universe of a bundled per-mesa election (docs/projection.md, "The universe is known"):
// every unit with its electors and mesas, abroad by continent, and the previous round per unit
// as prior:<choice> columns, as a CSV that a manifest's `universe` or `cifra project --universe`
// reads. Peru's place codes: department = 2 digits, district = 6; abroad (9…) by continent.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { priorsOf } from '../src/core/projection/calibration.js';
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
if (id === undefined || out === undefined || (level !== 'department' && level !== 'district'))
  throw new Error('usage: --election ID [--prior ID] --level department|district --out FILE');
const { actas } = await bundledActas(id);
const abroad = (place: string): boolean => place.startsWith('9');
const unitOf = (place: string): string =>
  abroad(place) || level === 'department' ? place.slice(0, 2) : place.slice(0, 6);
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
console.error(`${out}: ${units.length} units (${level}, abroad by continent)`);
