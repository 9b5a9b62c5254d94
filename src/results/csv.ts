import { MESA } from '../core/model/jurisdiction.js';
import type { FiguresStatus, ServedResults } from './status.js';

/**
 * One CSV line, cells quoted when they must be (RFC 4180). A text cell a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or carriage return) gets a leading ' (OWASP's
 * CSV injection advice): a place or party name from a source file can never execute.
 */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells
    .map((c) => {
      // null: a figure the source does not give, or a share of a zero base (no share of
      // nothing): an empty cell (docs/elections.md), never 0
      if (c === null) return '';
      const s = typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : String(c);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

/**
 * The status columns, after the choices': the same on every row. Every CSV of figures ends its
 * rows with them (the results CSV, `cifra seats --format csv`): one writer, statusCells.
 */
export const STATUS_COLUMNS = ['status', 'pct_counted', 'pct_of', 'cut', 'source'] as const;

/** What a status column says of figures: their kind, % of actas, what it is of, cut, source. */
export type StatusCells = Pick<FiguresStatus, 'kind' | 'pctCounted' | 'pctOf' | 'cut' | 'source'>;

/** A row's STATUS_COLUMNS cells: the publisher in Spanish; empty where the figures give none. */
export const statusCells = (st: StatusCells | null): (string | null)[] =>
  st === null
    ? STATUS_COLUMNS.map(() => null)
    : [st.kind, st.pctCounted, st.pctOf, st.cut, st.source?.es ?? null];

/**
 * A mesa's columns, after the choices': its acta's state, current version, figuresHash (what a
 * claim cites), whether a later version conflicts, and its polling place (empty where unknown).
 */
const MESA_COLUMNS = ['acta_state', 'version', 'figures_hash', 'conflict', 'polling_place'];

/** A mesa row's MESA_COLUMNS cells (empty where the document does not give one). */
const mesaCells = (u: ServedResults['units'][number]): (string | number | null)[] => [
  u.mesaState ?? null,
  u.version ?? null,
  u.figuresHash ?? null,
  u.conflict === undefined ? null : String(u.conflict),
  u.pollingPlace ?? null,
];

/** A choice as a person reads it: the candidate and the party, or the list. */
const choiceName = (c: { label: string; party: string }): string =>
  c.party !== '' && c.party !== c.label ? `${c.label} · ${c.party}` : c.label;

/** A choice's identity, as the CSV's header names its columns. */
export type ChoiceColumn = { readonly id: string; readonly label: string; readonly party: string };

/**
 * A results document as CSV: one row per unit, votes and % of valid per choice, and on every row
 * what the figures are — `status`, `pct_counted`, `pct_of`, `cut`, `source` (docs/ingest.md): a filtered
 * or pasted row keeps its caveat, and no comment line breaks a spreadsheet's import. The choice
 * columns are the election's (`choices`), whatever the units counted so far: every CSV of one
 * election has one header (a unit whose mesas are all pending once had none).
 */
export function resultsCsv(doc: ServedResults, choices: readonly ChoiceColumn[]): string {
  const csv = csvWriter(doc, columnsOf(doc, choices));
  return [csv.header, ...doc.units.map(csv.row)].join('\n');
}

/** The election's choices, then any a unit lists that it lacks (a published source's own). */
function columnsOf(doc: ServedResults, choices: readonly ChoiceColumn[]): ChoiceColumn[] {
  const known = new Set(choices.map((c) => c.id));
  const extra = new Map<string, ChoiceColumn>();
  for (const u of doc.units)
    for (const c of u.choices) if (!known.has(c.id) && !extra.has(c.id)) extra.set(c.id, c);
  return [...choices, ...extra.values()];
}

/**
 * A results list as CSV lines as its pages are read (resultsCsv's lines, each ending in a line
 * break): the header, then a page's rows at a time, so that a list too big to hold (the nation's
 * mesas) is written as it is read. `choices` name the choice columns (the election's).
 */
export async function* resultsCsvChunks(
  head: Pick<ServedResults, 'level' | 'status'>,
  choices: readonly ChoiceColumn[],
  pages: AsyncIterable<readonly ServedResults['units'][number][]>,
): AsyncGenerator<string> {
  const csv = csvWriter(head, choices);
  yield csv.header + '\n';
  for await (const page of pages) if (page.length > 0) yield page.map(csv.row).join('\n') + '\n';
}

/** A unit's votes and % of valid under each column's choice, by id (empty where it lists none). */
function choiceCells(
  u: ServedResults['units'][number],
  columns: readonly ChoiceColumn[],
): (string | number | null)[] {
  const byId = new Map(u.choices.map((c) => [c.id, c]));
  return columns.flatMap((col) => {
    const c = byId.get(col.id);
    return c === undefined ? [null, null] : [c.votes, c.pctValid];
  });
}

/** The header and a unit's row of a results CSV with these choice columns. */
function csvWriter(
  doc: Pick<ServedResults, 'level' | 'status'>,
  choices: readonly ChoiceColumn[],
): { header: string; row: (u: ServedResults['units'][number]) => string } {
  // a choice's columns: its stable code first (`P11_votes`, up to the first space, for scripts),
  // then its name in brackets (for a person in a spreadsheet): one header row, nothing to lose
  const mesa = doc.level === MESA;
  const blank = choices.flatMap(() => [null, null]);
  const choiceCols = choices.flatMap((c) => [
    `${c.id}_votes (${choiceName(c)})`,
    `${c.id}_pct_valid (${choiceName(c)})`,
  ]);
  const status = statusCells(doc.status);
  const header = csvLine([
    'level',
    'code',
    'name',
    'valid',
    'blank',
    'null',
    'impugned',
    'emitted',
    'eligible',
    'participation',
    'actas_total',
    'actas_processed',
    'pct_actas_processed',
    'eligible_remaining',
    // voters of the unit's actas at the JEE (an acta's electors where it states none): an upper bound
    'jee_voters',
    ...choiceCols,
    ...(mesa ? MESA_COLUMNS : []),
    ...STATUS_COLUMNS,
  ]);
  const row = (u: ServedResults['units'][number]): string =>
    csvLine([
      u.level,
      u.code,
      u.name,
      u.valid,
      u.blank,
      u.null,
      u.impugned,
      u.emitted,
      u.eligible,
      u.participation,
      u.actas?.total ?? null,
      u.actas?.processed ?? null,
      u.actas?.pctProcessed ?? null,
      u.eligibleRemaining,
      u.jeeVoters ?? null,
      ...(u.choices.length === 0 ? blank : choiceCells(u, choices)),
      ...(mesa ? mesaCells(u) : []),
      ...status,
    ]);
  return { header, row };
}
