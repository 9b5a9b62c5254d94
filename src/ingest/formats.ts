import type { z } from 'zod';
import { issue, type Issue, type IssueCode } from '../core/issues.js';
import type { Acta, ActaState, ElectionDef } from '../core/model/acta.js';
import type { Jurisdiction } from '../core/model/jurisdiction.js';
import {
  CELL_EMPTY,
  CELL_NEGATIVE,
  CELL_NON_INTEGER,
  CELL_TOO_LARGE,
  countOfText,
} from '../io/csv-scanner.js';
import type { PlaceNames } from '../store/store.js';
import { FileRejected } from './source.js';

export type CsvFormat = 'onpe-mesa' | 'onpe-congress' | 'cifra-csv';

export type ParsedRow =
  | { readonly ok: true; readonly acta: Acta; readonly place?: PlaceNames | undefined }
  | { readonly ok: false; readonly mesa: string | null; readonly issues: readonly Issue[] };

export interface RowParser {
  readonly format: 'onpe-mesa' | 'cifra-csv';
  /** Parses one record (`stringCells` for an array of strings). */
  parse(cells: Cells, row: number): ParsedRow;
  raw(cells: Cells): Record<string, string>;
  /**
   * The place names `parse` gives a valid row whose ubigeo is `ubigeo` (the quick path's rows
   * call it in file order too, so both paths name each place alike).
   */
  place(cells: Cells, ubigeo: string): PlaceNames | undefined;
  /** Where the figures are (the quick check of `ingest --check` reads them in place). */
  readonly columns: FigureColumns;
}

/** Which format a header is: ONPE's per-mesa columns, or cifra's documented CSV. */
export function detectFormat(header: readonly string[]): CsvFormat | null {
  const h = new Set(header.map((x) => x.toUpperCase()));
  if (h.has('MESA_DE_VOTACION') && h.has('CODIGO_OP') && h.has('N_TOTAL_VOTOS'))
    return 'onpe-congress';
  if (h.has('MESA_DE_VOTACION') && h.has('N_ELEC_HABIL')) return 'onpe-mesa';
  if (h.has('MESA') && h.has('UBIGEO') && h.has('ELIGIBLE')) return 'cifra-csv';
  return null;
}

/** What reading a row needs of the election's jurisdiction: code padding and state labels. */
export type RowCodes = Pick<Jurisdiction, 'padMesa' | 'padPlace' | 'stateOf'>;

interface Columns {
  readonly index: (name: string) => number;
}

function columns(header: readonly string[]): Columns {
  const map = new Map(header.map((h, i) => [h.trim().toUpperCase(), i]));
  return { index: (name) => map.get(name.toUpperCase()) ?? -1 };
}

function requireColumns(cols: Columns, names: readonly string[]): void {
  const missing = names.filter((n) => cols.index(n) < 0);
  if (missing.length > 0) throw new FileRejected('columns_missing', { missing });
}

/** Read access to one record's cells: the scanner's in-place view, or an array of strings. */
export interface Cells {
  /** The cell's text ('' for a missing column). */
  text(i: number): string;
  /** The cell as a count: value ≥ 0 or a CELL_* code, with `parseCount`'s rules. */
  count(i: number): number;
}

/** Cells from an array of strings (the reference path, and the congress format). */
export function stringCells(cells: readonly string[]): Cells {
  const text = (i: number): string => (i >= 0 ? (cells[i] ?? '') : '');
  return { text, count: (i) => countOfText(text(i)) };
}

const CELL_CODES: Readonly<Record<number, IssueCode>> = {
  [CELL_NEGATIVE]: 'negative_number',
  [CELL_NON_INTEGER]: 'non_integer',
  [CELL_TOO_LARGE]: 'number_too_large',
};

export interface FigureColumns {
  readonly state: number;
  readonly mesa: number;
  readonly ubigeo: number;
  readonly eligible: number;
  readonly voters: number;
  readonly blank: number;
  readonly null: number;
  readonly impugned: number;
  readonly choices: readonly number[];
  /** Why the acta was observed (ONPE's TIPO_OBSERVACION), where the format has it. */
  readonly observation?: number;
}

/** A label's state through the jurisdiction's table, looked up once per distinct label. */
function stateLookup(codes: RowCodes): (label: string) => ActaState | undefined {
  const states = new Map<string, ActaState | undefined>();
  return (label) => {
    let state = states.get(label);
    if (state === undefined && !states.has(label)) {
      state = codes.stateOf(label);
      states.set(label, state);
    }
    return state;
  };
}

/** A count of the row, 0 after reporting a bad cell, or null for an empty cell that is not zero. */
type CountOf = (i: number, name: string, emptyAsZero: boolean) => number | null;

/** A row's figures as read, and whether it has any (none: an acta not counted yet). */
interface RowFigures {
  readonly eligible: number | null;
  readonly voters: number | null;
  readonly votes: number[];
  readonly blank: number;
  readonly nul: number;
  readonly impugned: number;
  readonly hasAnyFigure: boolean;
}

/**
 * The figures of one row: an empty vote cell is 0, but counts as no figure. Issues in column
 * order (`missingEligible` right after eligible's cell), as before this was split out.
 */
function readFigures(
  at: FigureColumns,
  cells: Cells,
  num: CountOf,
  names: readonly string[],
  missingEligible: () => void,
): RowFigures {
  const eligible = num(at.eligible, 'eligible', false);
  if (eligible === null) missingEligible();
  const voters = num(at.voters, 'voters', false);
  let hasAnyFigure = voters !== null;
  const votes: number[] = [];
  for (let k = 0; k < at.choices.length; k++) {
    const i = at.choices[k] as number;
    const c = cells.count(i);
    if (c !== CELL_EMPTY) hasAnyFigure = true;
    votes.push(c >= 0 ? c : (num(i, names[k] as string, true) ?? 0));
  }
  const blank = num(at.blank, 'blank', true) ?? 0;
  const nul = num(at.null, 'null', true) ?? 0;
  const impugned = num(at.impugned, 'impugned', true) ?? 0;
  if (!hasAnyFigure)
    hasAnyFigure =
      cells.count(at.blank) !== CELL_EMPTY ||
      cells.count(at.null) !== CELL_EMPTY ||
      cells.count(at.impugned) !== CELL_EMPTY;
  return { eligible, voters, votes, blank, nul, impugned, hasAnyFigure };
}

/** The source's word, trimmed; none where the cell is empty (every row of ONPE's 2021 files). */
function observationOf(at: FigureColumns, cells: Cells): { observation?: string } {
  const o = at.observation ?? -1;
  const observation = o < 0 ? '' : cells.text(o).trim();
  return observation === '' ? {} : { observation };
}

/** Shared figure reading for both CSV formats. */
function figureReader(
  at: FigureColumns,
  election: ElectionDef,
  codes: RowCodes,
): (cells: Cells, row: number) => ParsedRow {
  const stateOf = stateLookup(codes);
  const names = election.choices.map((c) => c.id);
  // The row being read: the helpers below are made once per file, not once per row.
  let issues: Issue[] | null = null;
  let cells: Cells = stringCells([]);
  let row = 0;
  const report = (i: Issue): void => {
    (issues ??= []).push(i);
  };
  const num: CountOf = (i, name, emptyAsZero) => {
    const c = cells.count(i);
    if (c >= 0) return c;
    if (c === CELL_EMPTY) return emptyAsZero ? 0 : null;
    report(issue(CELL_CODES[c] as IssueCode, ['row', row, name], { value: cells.text(i) }));
    return 0;
  };
  const missingEligible = (): void => report(issue('missing_required', ['row', row, 'eligible']));
  return (rowCells, rowNumber) => {
    cells = rowCells;
    row = rowNumber;
    issues = null;
    // spreadsheets drop leading zeros ("10101" for "010101"): the jurisdiction pads them back
    const mesa = codes.padMesa(cells.text(at.mesa));
    if (mesa === '') report(issue('missing_required', ['row', row, 'mesa']));
    const ubigeo = codes.padPlace(cells.text(at.ubigeo));
    if (ubigeo === '') report(issue('missing_required', ['row', row, 'ubigeo']));
    const label = cells.text(at.state).trim();
    const state = stateOf(label);
    if (state === undefined)
      report(
        issue(label === '' ? 'missing_required' : 'unknown_state', ['row', row, 'state'], {
          value: label,
        }),
      );
    const f = readFigures(at, cells, num, names, missingEligible);
    const found = issues as Issue[] | null;
    if (found !== null && found.some((i) => i.severity === 'error'))
      return { ok: false, mesa: mesa || null, issues: found };
    const none = !f.hasAnyFigure;
    return {
      ok: true,
      acta: {
        election: election.id,
        mesa,
        ubigeo,
        state: state as ActaState,
        stateLabel: label,
        eligible: f.eligible ?? 0,
        voters: none ? null : f.voters,
        votes: none ? null : f.votes,
        blank: none ? 0 : f.blank,
        null: none ? 0 : f.nul,
        impugned: none ? 0 : f.impugned,
        ...observationOf(at, cells),
      },
    };
  };
}

/**
 * ONPE per-mesa open data (2021 "Version PCM" and redistributions): UBIGEO, DEPARTAMENTO,
 * PROVINCIA, DISTRITO, TIPO_ELECCION, MESA_DE_VOTACION, DESCRIP_ESTADO_ACTA, TIPO_OBSERVACION,
 * N_CVAS, N_ELEC_HABIL, VOTOS_P1..VOTOS_Pn, VOTOS_VB, VOTOS_VN, VOTOS_VI. VOTOS_Pk is the k-th
 * choice of the election's candidate map; an empty vote cell is 0.
 */
export function onpeMesaParser(
  header: readonly string[],
  election: ElectionDef,
  codes: RowCodes,
): RowParser {
  const cols = columns(header);
  requireColumns(cols, [
    'UBIGEO',
    'MESA_DE_VOTACION',
    'DESCRIP_ESTADO_ACTA',
    'N_CVAS',
    'N_ELEC_HABIL',
    'VOTOS_VB',
    'VOTOS_VN',
  ]);
  const partyColumns = header.filter((h) => /^VOTOS_P\d+$/i.test(h.trim()));
  // each choice's column as the manifest names it, else the k-th VOTOS_Pk
  const columnOf = election.choices.map((c, k) => (c.column ?? `VOTOS_P${k + 1}`).toUpperCase());
  const known = new Set(columnOf);
  const unknown = partyColumns.filter((h) => !known.has(h.trim().toUpperCase()));
  if (unknown.length > 0)
    throw new FileRejected('unknown_party_column', {
      columns: unknown,
      choices: election.choices.length,
    });
  requireColumns(cols, [...known]);
  const at = {
    state: cols.index('DESCRIP_ESTADO_ACTA'),
    mesa: cols.index('MESA_DE_VOTACION'),
    ubigeo: cols.index('UBIGEO'),
    eligible: cols.index('N_ELEC_HABIL'),
    voters: cols.index('N_CVAS'),
    blank: cols.index('VOTOS_VB'),
    null: cols.index('VOTOS_VN'),
    impugned: cols.index('VOTOS_VI'),
    choices: columnOf.map((c) => cols.index(c)),
    observation: cols.index('TIPO_OBSERVACION'),
  };
  const dep = cols.index('DEPARTAMENTO');
  const prov = cols.index('PROVINCIA');
  const dist = cols.index('DISTRITO');
  const read = figureReader(at, election, codes);
  // Rows come grouped by district: the place names are read again only when the ubigeo changes.
  let last: { ubigeo: string; place: PlaceNames } | null = null;
  const place = (cells: Cells, ubigeo: string): PlaceNames | undefined => {
    if (dep < 0) return undefined;
    if (last === null || last.ubigeo !== ubigeo) {
      last = {
        ubigeo,
        place: {
          department: cells.text(dep).trim(),
          province: cells.text(prov).trim(),
          district: cells.text(dist).trim(),
        },
      };
    }
    return last.place;
  };
  return {
    format: 'onpe-mesa',
    columns: at,
    parse: (cells, row) => {
      const r = read(cells, row);
      if (!r.ok || dep < 0) return r;
      return { ok: true, acta: r.acta, place: place(cells, r.acta.ubigeo) };
    },
    place,
    raw: (cells) => Object.fromEntries(header.map((h, i) => [h, cells.text(i)])),
  };
}

/**
 * cifra's CSV acta format (docs/ingest.md): mesa, ubigeo, state, eligible, voters, blank, null,
 * impugned, then one column per choice id of the election. State: a cifra state or a label of the
 * election's jurisdiction (Peru: ONPE's).
 */
export function cifraCsvParser(
  header: readonly string[],
  election: ElectionDef,
  codes: RowCodes,
): RowParser {
  const cols = columns(header);
  requireColumns(cols, [
    'mesa',
    'ubigeo',
    'state',
    'eligible',
    'voters',
    'blank',
    'null',
    ...election.choices.map((c) => c.id),
  ]);
  const reserved = new Set([
    'MESA',
    'UBIGEO',
    'STATE',
    'ELIGIBLE',
    'VOTERS',
    'BLANK',
    'NULL',
    'IMPUGNED',
    'DEPARTMENT',
    'PROVINCE',
    'DISTRICT',
    'OBSERVATION',
  ]);
  const choiceIds = new Set(election.choices.map((c) => c.id.toUpperCase()));
  const unknown = header.filter(
    (h) => !reserved.has(h.trim().toUpperCase()) && !choiceIds.has(h.trim().toUpperCase()),
  );
  if (unknown.length > 0) throw new FileRejected('unknown_party_column', { columns: unknown });
  const at = {
    state: cols.index('state'),
    mesa: cols.index('mesa'),
    ubigeo: cols.index('ubigeo'),
    eligible: cols.index('eligible'),
    voters: cols.index('voters'),
    blank: cols.index('blank'),
    null: cols.index('null'),
    impugned: cols.index('impugned'),
    choices: election.choices.map((c) => cols.index(c.id)),
    observation: cols.index('observation'),
  };
  return {
    format: 'cifra-csv',
    columns: at,
    parse: figureReader(at, election, codes),
    place: () => undefined,
    raw: (cells) => Object.fromEntries(header.map((h, i) => [h, cells.text(i)])),
  };
}

/** The value at `path` in `value`, or undefined where a step is absent or not a container. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * The code of a cifra JSON acta's schema failure (docs/errors.md): a field that is absent is
 * `missing_required`; a mesa, place code or state of the wrong form, the field's own code; a figure
 * that is no count, its number code; any other wrong type or shape (`votes` an array, the acta not
 * an object) is `shape`, the caller's: `invalid_query` for the API's body, `json_unreadable` for a
 * file's row. Was: a `votes` array read as "a required field is empty", an absent ubigeo as one of
 * the wrong form.
 */
export function cifraJsonIssueCode(
  i: z.core.$ZodIssue,
  value: unknown,
  shape: IssueCode,
): IssueCode {
  const field = i.path[0];
  if (i.path.length > 0 && valueAt(value, i.path) === undefined) return 'missing_required';
  if (field === 'mesa') return 'mesa_invalid';
  if (field === 'ubigeo') return 'ubigeo_invalid';
  // a state the format does not know (ONPE's "CONTABILIZADA" in cifra's JSON)
  if (field === 'state') return 'unknown_state';
  // a count: eligible, voters, blank, null, impugned, or one choice's votes
  const figure =
    i.path.length > 0 && field !== 'observation' && !(field === 'votes' && i.path.length === 1);
  if (!figure) return shape;
  if (i.code === 'too_small') return 'negative_number';
  if (i.code === 'too_big') return 'number_too_large';
  return 'non_integer';
}
