import { issue, type Issue, type IssueCode } from '../core/issues.js';
import {
  ACTA_STATES,
  ONPE_STATES,
  type Acta,
  type ActaState,
  type ElectionDef,
} from '../core/model/acta.js';
import { nameKey } from '../core/names.js';
import { parseCount } from '../io/numbers.js';
import type { PlaceNames } from '../store/store.js';
import { FileRejected } from './source.js';

export type CsvFormat = 'onpe-mesa' | 'onpe-congress' | 'cifra-csv';

export type ParsedRow =
  | { readonly ok: true; readonly acta: Acta; readonly place?: PlaceNames | undefined }
  | { readonly ok: false; readonly mesa: string | null; readonly issues: readonly Issue[] };

export interface RowParser {
  readonly format: 'onpe-mesa' | 'cifra-csv';
  parse(cells: readonly string[], row: number): ParsedRow;
  raw(cells: readonly string[]): Record<string, string>;
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

function padCode(raw: string): string {
  const s = raw.trim();
  // Spreadsheets drop leading zeros ("10101" for "010101"); digits only are padded back.
  return /^\d{1,6}$/.test(s) ? s.padStart(6, '0') : s;
}

function stateOf(label: string): ActaState | undefined {
  const key = nameKey(label);
  const onpe = ONPE_STATES.get(key);
  if (onpe) return onpe;
  return (ACTA_STATES as readonly string[]).includes(label.trim().toLowerCase())
    ? (label.trim().toLowerCase() as ActaState)
    : undefined;
}

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

/** Shared figure reading for both CSV formats. */
function readFigures(
  cells: readonly string[],
  at: {
    state: number;
    mesa: number;
    ubigeo: number;
    eligible: number;
    voters: number;
    blank: number;
    null: number;
    impugned: number;
    choices: readonly number[];
  },
  election: ElectionDef,
  row: number,
): ParsedRow {
  const issues: Issue[] = [];
  const cell = (i: number): string => (i >= 0 ? (cells[i] ?? '') : '');
  const mesa = padCode(cell(at.mesa));
  const path = ['row', row];
  if (mesa === '') issues.push(issue('missing_required', [...path, 'mesa']));
  const ubigeo = padCode(cell(at.ubigeo));
  if (ubigeo === '') issues.push(issue('missing_required', [...path, 'ubigeo']));
  const label = cell(at.state).trim();
  const state = stateOf(label);
  if (state === undefined)
    issues.push(
      issue(label === '' ? 'missing_required' : 'unknown_state', [...path, 'state'], {
        value: label,
      }),
    );
  const num = (i: number, name: string, emptyAsZero: boolean): number | null => {
    const n = parseCount(cell(i), emptyAsZero);
    if (n.ok) return n.value;
    if (n.code === 'missing_required' && !emptyAsZero) return null;
    issues.push(issue(n.code as IssueCode, [...path, name], { value: cell(i) }));
    return 0;
  };
  const eligible = num(at.eligible, 'eligible', false);
  if (eligible === null) issues.push(issue('missing_required', [...path, 'eligible']));
  const voters = num(at.voters, 'voters', false);
  const voteCells = at.choices.map((i) => cell(i));
  const hasAnyFigure =
    voters !== null ||
    [...voteCells, cell(at.blank), cell(at.null), cell(at.impugned)].some((c) => c.trim() !== '');
  const noFigures = !hasAnyFigure;
  const votes = at.choices.map(
    (i, k) => num(i, election.choices[k]?.id ?? `choice_${k}`, true) ?? 0,
  );
  const blank = num(at.blank, 'blank', true) ?? 0;
  const nul = num(at.null, 'null', true) ?? 0;
  const impugned = num(at.impugned, 'impugned', true) ?? 0;
  if (issues.some((i) => i.severity === 'error')) return { ok: false, mesa: mesa || null, issues };
  return {
    ok: true,
    acta: {
      election: election.id,
      mesa,
      ubigeo,
      state: state as ActaState,
      stateLabel: label,
      eligible: eligible ?? 0,
      voters: noFigures ? null : voters,
      votes: noFigures ? null : votes,
      blank: noFigures ? 0 : blank,
      null: noFigures ? 0 : nul,
      impugned: noFigures ? 0 : impugned,
    },
  };
}

/**
 * ONPE per-mesa open data (2021 "Version PCM" and redistributions): UBIGEO, DEPARTAMENTO,
 * PROVINCIA, DISTRITO, TIPO_ELECCION, MESA_DE_VOTACION, DESCRIP_ESTADO_ACTA, TIPO_OBSERVACION,
 * N_CVAS, N_ELEC_HABIL, VOTOS_P1..VOTOS_Pn, VOTOS_VB, VOTOS_VN, VOTOS_VI. VOTOS_Pk is the k-th
 * choice of the election's candidate map; an empty vote cell is 0.
 */
export function onpeMesaParser(header: readonly string[], election: ElectionDef): RowParser {
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
  const known = new Set(election.choices.map((_, k) => `VOTOS_P${k + 1}`));
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
    choices: election.choices.map((_, k) => cols.index(`VOTOS_P${k + 1}`)),
  };
  const dep = cols.index('DEPARTAMENTO');
  const prov = cols.index('PROVINCIA');
  const dist = cols.index('DISTRITO');
  return {
    format: 'onpe-mesa',
    parse: (cells, row) => {
      const r = readFigures(cells, at, election, row);
      if (!r.ok || dep < 0) return r;
      return {
        ...r,
        place: {
          department: (cells[dep] ?? '').trim(),
          province: (cells[prov] ?? '').trim(),
          district: (cells[dist] ?? '').trim(),
        },
      };
    },
    raw: (cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])),
  };
}

/**
 * cifra's CSV acta format (docs/ingest.md): mesa, ubigeo, state, eligible, voters, blank, null,
 * impugned, then one column per choice id of the election. State: a cifra state or an ONPE label.
 */
export function cifraCsvParser(header: readonly string[], election: ElectionDef): RowParser {
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
  };
  return {
    format: 'cifra-csv',
    parse: (cells, row) => readFigures(cells, at, election, row),
    raw: (cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])),
  };
}
