import Table from 'cli-table3';
import type { Note } from '../core/model/note.js';

/** The language of the CLI's tables (`--lang`). */
export type TableLang = keyof Note;

/**
 * Every table header any command prints, in Spanish (the English is the key): one dictionary, so
 * that each command's `--lang es` reads the same words. A header missing here prints as it is.
 */
const HEADERS_ES: Readonly<Record<string, string>> = {
  // results, acta, elections, imports
  'candidate / list': 'candidato / lista',
  party: 'partido',
  votes: 'votos',
  '% valid': '% válidos',
  '% emitted': '% emitidos',
  code: 'código',
  name: 'nombre',
  leader: 'primero',
  valid: 'válidos',
  emitted: 'emitidos',
  participation: 'participación',
  choice: 'opción',
  version: 'versión',
  kind: 'tipo',
  state: 'estado',
  voters: 'votantes',
  import: 'importación',
  row: 'fila',
  recorded: 'registrado',
  current: 'vigente',
  election: 'elección',
  label: 'nombre',
  choices: 'opciones',
  imports: 'importaciones',
  file: 'archivo',
  rows: 'filas',
  changed: 'cambiadas',
  finished: 'terminada',
  level: 'nivel',
  levels: 'niveles',
  'named by': 'nombrado por',
  // ingest
  'rows read': 'filas leídas',
  'valid actas': 'actas válidas',
  quarantined: 'en cuarentena',
  new: 'nuevas',
  unchanged: 'sin cambios',
  'state changes': 'cambios de estado',
  corrected: 'corregidas',
  conflicts: 'conflictos',
  // seats, apportion
  district: 'circunscripción',
  electorate: 'electores',
  seats: 'escaños',
  'in force': 'vigente',
  reported: 'reportados',
  difference: 'diferencia',
  allocation: 'reparto',
  changes: 'cambios',
  // project
  'median %': '% mediana',
  'votes (median)': 'votos (mediana)',
  'runoff pair / segunda vuelta': 'segunda vuelta',
  'outright win (> 50 % valid)': 'gana en primera vuelta (> 50 % válidos)',
  'winner / ganador': 'ganador',
  'seats (median)': 'escaños (mediana)',
  // winner, contests
  candidate: 'candidato',
  list: 'lista',
  organisations: 'organizaciones',
  offices: 'cargos',
  'in runoffs': 'en segunda vuelta',
  organisation: 'organización',
  type: 'tipo',
  governors: 'gobernadores',
  mayors: 'alcaldes',
  runoffs: 'segundas vueltas',
  // compare
  reason: 'motivo',
  primary: 'principal',
  field: 'campo',
  'mesas that differ': 'mesas que difieren',
  'net (A − B)': 'neto (A − B)',
};

let tableLang: TableLang = 'en';

/** The language of every table this run prints: the command's `--lang`, set by the dispatcher. */
export function useTableLanguage(lang: TableLang): void {
  tableLang = lang;
}

/** Headers that name a field of the data: `net P1 (A − B)`. */
const PATTERNS_ES: readonly (readonly [RegExp, string])[] = [
  [/^net (.+) \(A − B\)$/, 'neto $1 (A − B)'],
];

/** A header in the run's language. */
export function header(en: string): string {
  if (tableLang === 'en') return en;
  const fixed = HEADERS_ES[en];
  if (fixed !== undefined) return fixed;
  const p = PATTERNS_ES.find(([re]) => re.test(en));
  return p ? en.replace(p[0], p[1]) : en;
}

/** A plain bordered table for terminals, its headers in the run's language. */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const t = new Table({
    head: head.map(header),
    style: { head: [], border: [], compact: true },
  });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}
