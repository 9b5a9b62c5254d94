import { issue, type Issue, type IssueCode } from '../core/issues.js';
import type { Acta, ActaState, ElectionDef } from '../core/model/acta.js';
import { nameKey } from '../core/names.js';
import { parseCount } from '../io/numbers.js';
import type { PlaceNames } from '../store/store.js';
import type { ParsedRow, RowCodes } from './formats.js';
import { FileRejected } from './source.js';

/** One acta assembled from the consecutive rows of its mesa. */
export interface GroupedActa {
  readonly row: number;
  readonly parsed: ParsedRow;
  readonly raw: () => Record<string, string>;
}

const SPECIAL: ReadonlyMap<string, 'blank' | 'null' | 'impugned'> = new Map([
  ['VOTOS EN BLANCO', 'blank'],
  ['VOTOS BLANCOS', 'blank'],
  ['EN BLANCO', 'blank'],
  ['VOTOS NULOS', 'null'],
  ['NULOS', 'null'],
  ['VOTOS IMPUGNADOS', 'impugned'],
  ['IMPUGNADOS', 'impugned'],
]);

const codeKey = (c: string): string => c.trim().replace(/^0+(?=\d)/, '');

/**
 * ONPE's congress per-mesa format: one row per mesa and list — UBIGEO, DEPARTAMENTO, PROVINCIA,
 * DISTRITO, MESA_DE_VOTACION, DESCRIP_ESTADO_ACTA, N_CVAS, N_ELEC_HABIL, CODIGO_OP (list code),
 * DESCRIPCION_OP (list name, or VOTOS EN BLANCO / VOTOS NULOS / VOTOS IMPUGNADOS), N_TOTAL_VOTOS
 * (the list's votes) and N_VOTOS_1..N_VOTOS_n (preferential votes of candidates 1..n). The rows of
 * a mesa are consecutive; cifra assembles them into one acta. Choices are the lists, by CODIGO_OP.
 */
export function onpeCongressGrouper(
  header: readonly string[],
  election: ElectionDef,
  codes: RowCodes,
) {
  const ctx = congressContext(header, election, codes);
  const { col } = ctx;
  let group: MesaGroup | null = null;
  const seen = new Set<string>();

  return {
    format: 'onpe-congress' as const,
    /** Feeds one CSV record; returns the acta of the previous mesa when this row starts a new one. */
    push(cells: readonly string[], row: number, misfit?: Issue): GroupedActa[] {
      const mesa = (cells[col('MESA_DE_VOTACION')] ?? '').trim();
      if (group !== null && (group.rows[0]?.cells[col('MESA_DE_VOTACION')] ?? '').trim() === mesa) {
        group.rows.push({ cells, row });
        if (misfit !== undefined) group.misfits.push(misfit);
        return [];
      }
      const out = group ? [assemble(ctx, group)] : [];
      if (seen.has(mesa)) {
        // a mesa whose rows are not consecutive: the later block is a duplicate
        group = null;
        out.push(nonConsecutive(header, cells, row, mesa));
        return out;
      }
      seen.add(mesa);
      group = { row, rows: [{ cells, row }], misfits: misfit === undefined ? [] : [misfit] };
      return out;
    },
    flush(): GroupedActa[] {
      const out = group ? [assemble(ctx, group)] : [];
      group = null;
      return out;
    },
  };
}

/** What every mesa of one file is read with: its columns, and the election's lists by code. */
interface CongressContext {
  readonly header: readonly string[];
  readonly election: ElectionDef;
  readonly codes: RowCodes;
  /** A column's index by its (upper-case) name, -1 when absent. */
  readonly col: (name: string) => number;
  /** The preferential columns N_VOTOS_1..n in candidate order: [candidate, column index]. */
  readonly prefCols: readonly (readonly [string, number])[];
  readonly choiceIndex: ReadonlyMap<string, number>;
}

/** The consecutive rows of one mesa, from its first row's number. */
interface MesaGroup {
  row: number;
  rows: { cells: readonly string[]; row: number }[];
  /** Rows of the mesa whose cells do not fit the header (row_cells_mismatch): its acta is not read. */
  misfits: Issue[];
}

/** The file's columns (refused when a required one is missing) and the election's list codes. */
function congressContext(
  header: readonly string[],
  election: ElectionDef,
  codes: RowCodes,
): CongressContext {
  const idx = new Map(header.map((h, i) => [h.trim().toUpperCase(), i]));
  const need = [
    'UBIGEO',
    'MESA_DE_VOTACION',
    'DESCRIP_ESTADO_ACTA',
    'N_CVAS',
    'N_ELEC_HABIL',
    'CODIGO_OP',
    'DESCRIPCION_OP',
    'N_TOTAL_VOTOS',
  ];
  const missing = need.filter((n) => !idx.has(n));
  if (missing.length > 0) throw new FileRejected('columns_missing', { missing });
  const col = (name: string): number => idx.get(name) ?? -1;
  const prefCols = header
    .map((h, i) => [/^N_VOTOS_(\d+)$/i.exec(h.trim())?.[1], i] as const)
    .filter((x): x is readonly [string, number] => x[0] !== undefined)
    .sort((a, b) => Number(a[0]) - Number(b[0]));
  const choiceIndex = new Map(election.choices.map((c, i) => [codeKey(c.id), i]));
  return { header, election, codes, col, prefCols, choiceIndex };
}

/** A count cell's reader for one mesa: its value, null when empty and required, its issue pushed. */
type CountReader = (raw0: string, name: string, emptyAsZero: boolean) => number | null;

function countReader(issues: Issue[], path: readonly (string | number)[]): CountReader {
  return (raw0, name, emptyAsZero) => {
    const n = parseCount(raw0, emptyAsZero);
    if (n.ok) return n.value;
    if (n.code === 'missing_required' && !emptyAsZero) return null;
    issues.push(issue(n.code as IssueCode, [...path, name], { value: raw0 }));
    return 0;
  };
}

/** One mesa's rows as one acta, or its issues when any is an error. */
function assemble(ctx: CongressContext, g: MesaGroup): GroupedActa {
  const { header, election, codes, col, prefCols } = ctx;
  const first = g.rows[0]?.cells ?? [];
  const cell = (cells: readonly string[], name: string): string => (cells[col(name)] ?? '').trim();
  const raw = (): Record<string, string> => ({
    // a cell the row lacks is absent, not "" (a misfit row: row_cells_mismatch)
    ...Object.fromEntries(header.flatMap((h, i) => (i < first.length ? [[h, first[i]]] : []))),
    rows: String(g.rows.length),
  });
  const issues: Issue[] = [...g.misfits];
  const path = ['row', g.row];
  const mesa = codes.padMesa(cell(first, 'MESA_DE_VOTACION'));
  const ubigeo = codes.padPlace(cell(first, 'UBIGEO'));
  const label = cell(first, 'DESCRIP_ESTADO_ACTA');
  const state: ActaState | undefined = codes.stateOf(label);
  if (state === undefined)
    issues.push(
      issue(label === '' ? 'missing_required' : 'unknown_state', [...path, 'DESCRIP_ESTADO_ACTA'], {
        value: label,
      }),
    );
  const num = countReader(issues, path);
  const eligible = num(cell(first, 'N_ELEC_HABIL'), 'N_ELEC_HABIL', false);
  if (eligible === null) issues.push(issue('missing_required', [...path, 'N_ELEC_HABIL']));
  const voters = num(cell(first, 'N_CVAS'), 'N_CVAS', false);
  const f = sumMesaRows(ctx, g, cell, num, issues, voters !== null);
  if (issues.some((i) => i.severity === 'error') || state === undefined)
    return { row: g.row, parsed: { ok: false, mesa: mesa || null, issues }, raw };
  const acta: Acta = {
    election: election.id,
    mesa,
    ubigeo,
    state,
    stateLabel: label,
    eligible: eligible ?? 0,
    voters: f.anyFigure ? voters : null,
    votes: f.anyFigure ? f.votes : null,
    blank: f.blank,
    null: f.nul,
    impugned: f.impugned,
    ...(f.anyFigure && prefCols.length > 0 ? { preferential: f.preferential } : {}),
  };
  const dep = col('DEPARTAMENTO');
  const place: PlaceNames | undefined =
    dep >= 0
      ? {
          department: cell(first, 'DEPARTAMENTO'),
          province: cell(first, 'PROVINCIA'),
          district: cell(first, 'DISTRITO'),
        }
      : undefined;
  return { row: g.row, parsed: { ok: true, acta, place }, raw };
}

/** A mesa's figures summed over its rows: the lists' votes, blank, null and impugned. */
interface MesaFigures {
  readonly votes: number[];
  readonly preferential: number[][];
  readonly blank: number;
  readonly nul: number;
  readonly impugned: number;
  /** Some row carries a figure (or the mesa's voters are given). */
  readonly anyFigure: boolean;
}

/** Reads every row of a mesa into its figures, pushing each row's issues. */
function sumMesaRows(
  ctx: CongressContext,
  g: MesaGroup,
  cell: (cells: readonly string[], name: string) => string,
  num: CountReader,
  issues: Issue[],
  hasVoters: boolean,
): MesaFigures {
  const { prefCols, choiceIndex } = ctx;
  const C = ctx.election.choices.length;
  const first = g.rows[0]?.cells ?? [];
  const votes = new Array<number>(C).fill(0);
  const preferential: number[][] = Array.from({ length: C }, () =>
    new Array<number>(prefCols.length).fill(0),
  );
  let blank = 0;
  let nul = 0;
  let impugned = 0;
  let anyFigure = hasVoters;
  const listed = new Set<number>();
  for (const r of g.rows) {
    checkRowAgrees(r, first, cell, issues);
    const total = cell(r.cells, 'N_TOTAL_VOTOS');
    if (total !== '') anyFigure = true;
    const v = num(total, 'N_TOTAL_VOTOS', true) ?? 0;
    const special = SPECIAL.get(nameKey(cell(r.cells, 'DESCRIPCION_OP')));
    if (special === 'blank') blank += v;
    else if (special === 'null') nul += v;
    else if (special === 'impugned') impugned += v;
    else {
      const ci = choiceIndex.get(codeKey(cell(r.cells, 'CODIGO_OP')));
      if (ci === undefined) {
        issues.push(
          issue('unknown_party', ['row', r.row, 'CODIGO_OP'], {
            code: cell(r.cells, 'CODIGO_OP'),
            name: cell(r.cells, 'DESCRIPCION_OP'),
          }),
        );
        continue;
      }
      if (listed.has(ci))
        issues.push(
          issue('duplicate_row', ['row', r.row, 'CODIGO_OP'], {
            code: cell(r.cells, 'CODIGO_OP'),
          }),
        );
      listed.add(ci);
      votes[ci] = v;
      prefCols.forEach(
        ([, at], k) =>
          ((preferential[ci] as number[])[k] =
            num(r.cells[at] ?? '', `N_VOTOS_${k + 1}`, true) ?? 0),
      );
    }
  }
  return { votes, preferential, blank, nul, impugned, anyFigure };
}

/** The cells every row of a mesa repeats must agree with its first row's. */
function checkRowAgrees(
  r: { cells: readonly string[]; row: number },
  first: readonly string[],
  cell: (cells: readonly string[], name: string) => string,
  issues: Issue[],
): void {
  for (const k of ['UBIGEO', 'DESCRIP_ESTADO_ACTA', 'N_CVAS', 'N_ELEC_HABIL']) {
    if (cell(r.cells, k) !== cell(first, k))
      issues.push(
        issue('state_inconsistent', ['row', r.row, k], {
          reason: 'the rows of one mesa disagree',
          first: cell(first, k),
          here: cell(r.cells, k),
        }),
      );
  }
}

/** A later block of a mesa already read: its rows are refused as a duplicate acta. */
function nonConsecutive(
  header: readonly string[],
  cells: readonly string[],
  row: number,
  mesa: string,
): GroupedActa {
  return {
    row,
    parsed: {
      ok: false,
      mesa,
      issues: [
        issue('duplicate_acta', ['row', row], {
          mesa,
          reason: 'rows of a mesa must be consecutive',
        }),
      ],
    },
    raw: () => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])),
  };
}
