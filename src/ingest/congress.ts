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
  const C = election.choices.length;

  let group: { row: number; rows: { cells: readonly string[]; row: number }[] } | null = null;
  const seen = new Set<string>();

  const assemble = (g: {
    row: number;
    rows: { cells: readonly string[]; row: number }[];
  }): GroupedActa => {
    const first = g.rows[0]?.cells ?? [];
    const cell = (cells: readonly string[], name: string): string =>
      (cells[col(name)] ?? '').trim();
    const raw = (): Record<string, string> => ({
      ...Object.fromEntries(header.map((h, i) => [h, first[i] ?? ''])),
      rows: String(g.rows.length),
    });
    const issues: Issue[] = [];
    const path = ['row', g.row];
    const mesa = codes.padMesa(cell(first, 'MESA_DE_VOTACION'));
    const ubigeo = codes.padPlace(cell(first, 'UBIGEO'));
    const label = cell(first, 'DESCRIP_ESTADO_ACTA');
    const state: ActaState | undefined = codes.stateOf(label);
    if (state === undefined)
      issues.push(
        issue(
          label === '' ? 'missing_required' : 'unknown_state',
          [...path, 'DESCRIP_ESTADO_ACTA'],
          { value: label },
        ),
      );
    const num = (raw0: string, name: string, emptyAsZero: boolean): number | null => {
      const n = parseCount(raw0, emptyAsZero);
      if (n.ok) return n.value;
      if (n.code === 'missing_required' && !emptyAsZero) return null;
      issues.push(issue(n.code as IssueCode, [...path, name], { value: raw0 }));
      return 0;
    };
    const eligible = num(cell(first, 'N_ELEC_HABIL'), 'N_ELEC_HABIL', false);
    if (eligible === null) issues.push(issue('missing_required', [...path, 'N_ELEC_HABIL']));
    const voters = num(cell(first, 'N_CVAS'), 'N_CVAS', false);
    const votes = new Array<number>(C).fill(0);
    const preferential: number[][] = Array.from({ length: C }, () =>
      new Array<number>(prefCols.length).fill(0),
    );
    let blank = 0;
    let nul = 0;
    let impugned = 0;
    let anyFigure = voters !== null;
    const listed = new Set<number>();
    for (const r of g.rows) {
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
    if (issues.some((i) => i.severity === 'error') || state === undefined)
      return { row: g.row, parsed: { ok: false, mesa: mesa || null, issues }, raw };
    const acta: Acta = {
      election: election.id,
      mesa,
      ubigeo,
      state,
      stateLabel: label,
      eligible: eligible ?? 0,
      voters: anyFigure ? voters : null,
      votes: anyFigure ? votes : null,
      blank,
      null: nul,
      impugned,
      ...(anyFigure && prefCols.length > 0 ? { preferential } : {}),
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
  };

  return {
    format: 'onpe-congress' as const,
    /** Feeds one CSV record; returns the acta of the previous mesa when this row starts a new one. */
    push(cells: readonly string[], row: number): GroupedActa[] {
      const mesa = (cells[col('MESA_DE_VOTACION')] ?? '').trim();
      if (group !== null && (group.rows[0]?.cells[col('MESA_DE_VOTACION')] ?? '').trim() === mesa) {
        group.rows.push({ cells, row });
        return [];
      }
      const out = group ? [assemble(group)] : [];
      if (seen.has(mesa)) {
        // a mesa whose rows are not consecutive: the later block is a duplicate
        group = null;
        out.push({
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
        });
        return out;
      }
      seen.add(mesa);
      group = { row, rows: [{ cells, row }] };
      return out;
    },
    flush(): GroupedActa[] {
      const out = group ? [assemble(group)] : [];
      group = null;
      return out;
    },
  };
}
