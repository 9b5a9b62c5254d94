import { issue, type Issue, type IssueCode } from '../core/issues.js';
import type { ActaState, ElectionDef } from '../core/model/acta.js';
import type { ColumnMap } from '../core/model/column-map.js';
import { nameKey } from '../core/names.js';
import type { SourceActa, SourceCarries } from '../core/tally/compare.js';
import { CELL_NEGATIVE, CELL_NON_INTEGER, CELL_TOO_LARGE, countOfText } from '../io/csv-scanner.js';
import type { Cells, RowCodes } from './formats.js';
import { FileRejected } from './source.js';

export type SourceRow =
  | { readonly ok: true; readonly acta: SourceActa }
  | { readonly ok: false; readonly mesa: string | null; readonly issues: readonly Issue[] };

export interface ColumnMapReader {
  readonly carries: SourceCarries;
  read(cells: Cells, row: number): SourceRow;
}

const CELL_CODES: Readonly<Record<number, IssueCode>> = {
  [CELL_NEGATIVE]: 'negative_number',
  [CELL_NON_INTEGER]: 'non_integer',
  [CELL_TOO_LARGE]: 'number_too_large',
};

const FIGURES = ['voters', 'blank', 'null', 'impugned', 'eligible'] as const;

/** The header index of each mapped column; a column the file lacks is `columns_missing`. */
function indexesOf(header: readonly string[], map: ColumnMap, election: ElectionDef) {
  const at = new Map(header.map((h, i) => [h.trim().toUpperCase(), i]));
  const missing: string[] = [];
  const index = (name: string | undefined): number => {
    if (name === undefined) return -1;
    const i = at.get(name.trim().toUpperCase());
    if (i === undefined) missing.push(name);
    return i ?? -1;
  };
  const ids = new Set(election.choices.map((c) => c.id));
  const unknown = Object.keys(map.choices).filter((id) => !ids.has(id));
  if (unknown.length > 0)
    throw new FileRejected('unknown_party_column', {
      reason: 'the column map names choices the election does not have',
      choices: unknown,
      columns: unknown.map((id) => map.choices[id]),
    });
  const unmapped = election.choices.filter((c) => map.choices[c.id] === undefined);
  if (unmapped.length > 0)
    throw new FileRejected('columns_missing', {
      reason: 'the column map gives no column for these choices',
      choices: unmapped.map((c) => c.id),
    });
  const r = {
    mesa: index(map.mesa),
    place: index(map.place),
    state: (map.state?.columns ?? []).map(index),
    figures: FIGURES.map((f) => index(map[f])),
    choices: election.choices.map((c) => index(map.choices[c.id])),
    observation: index(map.observation),
  };
  if (missing.length > 0) throw new FileRejected('columns_missing', { missing });
  return r;
}

/** The state of a row: the first state column whose label is known decides. */
function stateReader(
  map: ColumnMap,
  codes: RowCodes,
): (labels: readonly string[]) => ActaState | undefined {
  const own =
    map.state?.labels === undefined
      ? null
      : new Map(Object.entries(map.state.labels).map(([l, s]) => [nameKey(l), s]));
  const one = (label: string): ActaState | undefined =>
    own === null ? codes.stateOf(label) : own.get(nameKey(label));
  return (labels) => {
    for (const l of labels) {
      const s = l === '' ? undefined : one(l);
      if (s !== undefined) return s;
    }
    return undefined;
  };
}

/**
 * Reads the rows of a CSV file through a column map (`cifra-columns/1`) into source actas: the
 * mesa and place zero-padded as the jurisdiction says, the state from its labels, each figure
 * a count or null where the cell is empty or one of the map's `missing` texts. A cell that is
 * neither makes the row unreadable (its issues, as ingest codes them).
 */
export function columnMapReader(
  header: readonly string[],
  map: ColumnMap,
  election: ElectionDef,
  codes: RowCodes,
): ColumnMapReader {
  const at = indexesOf(header, map, election);
  const missing = new Set(['', ...map.missing.map((m) => m.trim())]);
  const stateOf = stateReader(map, codes);
  const carries: SourceCarries = {
    place: map.place !== undefined,
    state: map.state !== undefined,
    voters: map.voters !== undefined,
    blank: map.blank !== undefined,
    null: map.null !== undefined,
    impugned: map.impugned !== undefined,
    eligible: map.eligible !== undefined,
  };
  return {
    carries,
    read: (cells, row) => {
      const issues: Issue[] = [];
      const num = (i: number, name: string): number | null => {
        if (i < 0 || missing.has(cells.text(i).trim())) return null;
        const c = countOfText(cells.text(i));
        if (c >= 0) return c;
        issues.push(
          issue(CELL_CODES[c] ?? 'non_integer', ['row', row, name], { value: cells.text(i) }),
        );
        return null;
      };
      const mesa = codes.padMesa(cells.text(at.mesa));
      if (mesa === '') issues.push(issue('missing_required', ['row', row, 'mesa']));
      const labels = at.state.map((i) => cells.text(i).trim());
      const state = carries.state ? stateOf(labels) : null;
      if (state === undefined)
        issues.push(issue('unknown_state', ['row', row, 'state'], { value: labels.join(' | ') }));
      const [voters, blank, nul, impugned, eligible] = FIGURES.map((f, k) =>
        num(at.figures[k] as number, f),
      );
      const votes = at.choices.map((i, k) => num(i, election.choices[k]?.id ?? ''));
      if (issues.length > 0) return { ok: false, mesa: mesa || null, issues };
      const place = carries.place ? codes.padPlace(cells.text(at.place)) || null : null;
      const acta: SourceActa = {
        mesa,
        place,
        state: state ?? null,
        stateLabel: labels.join(' | '),
        votes,
        voters: voters ?? null,
        blank: blank ?? null,
        null: nul ?? null,
        impugned: impugned ?? null,
        eligible: eligible ?? null,
      };
      const observation = at.observation < 0 ? '' : cells.text(at.observation).trim();
      return { ok: true, acta: observation === '' ? acta : { ...acta, observation } };
    },
  };
}
