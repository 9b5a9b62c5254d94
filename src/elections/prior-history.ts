import { z } from 'zod';
import { issue, type Issue } from '../core/issues.js';
import type { SnapshotCount, SnapshotUnit } from '../core/projection/frame-snapshot.js';
import {
  attachHistory,
  type UnitHistory,
  type WithHistory,
} from '../core/projection/prior-history.js';
import { nameKey } from '../core/names.js';
import { err, ok, type Result } from '../core/result.js';
import type { ElectionRef } from './manifests.js';
import { priorHistoryFileOf, universeFileOf, universePriorChoices } from './universe.js';
import { readCsvFile } from '../io/csv.js';
import { memoByFile } from '../io/file-memo.js';
import { BLANK, NULL } from '../core/projection/reserved-choices.js';

const count = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);

const RowSchema = z.object({
  cut: z.string().trim().min(1),
  unit: z.string().trim().min(1),
  actas_counted: count,
  actas_total: count,
  choice: z.string().min(1),
  votes: count,
});
type Row = z.infer<typeof RowSchema>;

/** The previous round's count course: its choices and each unit's cuts (votes in that order). */
export interface PriorHistorySeries {
  readonly choices: readonly string[];
  readonly cuts: readonly string[];
  readonly units: ReadonlyMap<string, UnitHistory>;
}

/** One unit at one cut while reading: actas, votes by choice, blank, null. */
interface Cell {
  counted: number;
  total: number;
  line: number;
  votes: Map<string, number>;
  blank: number;
  null: number;
}

/**
 * Reads the previous round's count course (`cut,unit,actas_counted,actas_total,choice,votes`, one
 * row per cut, unit and choice; BLANK and NULL reserved as in a snapshot CSV); the cuts are in the
 * order of the count, as they first appear in the file. Coded issues: a bad row
 * (`history_invalid`), a unit whose actas_total changes (`history_total_changed`), a count that
 * goes down from one cut to the next (`history_not_monotone`).
 */
export function readPriorHistoryCsv(path: string): Result<PriorHistorySeries, Issue[]> {
  return memoByFile('prior-history', path, () => parsePriorHistory(path));
}

function parsePriorHistory(path: string): Result<PriorHistorySeries, Issue[]> {
  const table = readCsvFile(path, 'prior history');
  if (!table.ok) return table;
  const missing = ['cut', 'unit', 'actas_counted', 'actas_total', 'choice', 'votes'].filter(
    (c) => !table.value.headers.includes(c),
  );
  if (missing.length > 0) return err([issue('columns_missing', ['prior history'], { missing })]);
  const issues: Issue[] = [];
  const choices: string[] = [];
  const cells = new Map<string, Map<string, Cell>>();
  for (const { line, values } of table.value.rows) {
    const parsed = RowSchema.safeParse(values);
    if (!parsed.success) {
      const at = String(parsed.error.issues[0]?.path[0] ?? '');
      issues.push(invalid(line, at, parsed.error.issues[0]?.message ?? 'not valid'));
      continue;
    }
    const problem = addRow(cells, parsed.data, line, choices);
    if (problem !== null) issues.push(problem);
  }
  if (issues.length === 0 && (cells.size === 0 || choices.length < 2))
    issues.push(invalid(0, 'cut', 'needs at least one cut and two choices'));
  if (issues.length > 0) return err(issues);
  const units = histories(cells, choices, issues);
  return issues.length > 0 ? err(issues) : ok({ choices, cuts: [...cells.keys()], units });
}

function invalid(line: number, column: string, reason: string): Issue {
  return issue('history_invalid', ['row', line, column], { reason });
}

/** Adds a row to its cut and unit; a coded issue when it contradicts the rows before it. */
function addRow(
  cells: Map<string, Map<string, Cell>>,
  r: Row,
  line: number,
  choices: string[],
): Issue | null {
  if (r.actas_counted > r.actas_total)
    return invalid(line, 'actas_counted', 'actas_counted > actas_total');
  let cut = cells.get(r.cut);
  if (cut === undefined) cells.set(r.cut, (cut = new Map()));
  let c = cut.get(r.unit);
  if (c === undefined) {
    c = {
      counted: r.actas_counted,
      total: r.actas_total,
      line,
      votes: new Map(),
      blank: 0,
      null: 0,
    };
    cut.set(r.unit, c);
  } else if (c.counted !== r.actas_counted || c.total !== r.actas_total)
    return invalid(line, 'unit', `the unit's actas differ between its rows of cut ${r.cut}`);
  if (r.choice === BLANK || r.choice === NULL) {
    const key = r.choice === BLANK ? 'blank' : 'null';
    c[key] += r.votes;
    return null;
  }
  if (c.votes.has(r.choice))
    return invalid(line, 'choice', `${r.choice} twice for ${r.unit} in cut ${r.cut}`);
  c.votes.set(r.choice, r.votes);
  if (!choices.includes(r.choice)) choices.push(r.choice);
  return null;
}

/** Each unit's cuts in file order, checked: the same actas_total, counts that never go down. */
function histories(
  cells: ReadonlyMap<string, ReadonlyMap<string, Cell>>,
  choices: readonly string[],
  issues: Issue[],
): Map<string, UnitHistory> {
  const out = new Map<string, { actasTotal: number; cuts: SnapshotCount[]; lines: number[] }>();
  for (const [cut, units] of cells)
    for (const [unit, c] of units) {
      const now: SnapshotCount = {
        actasCounted: c.counted,
        votes: choices.map((k) => c.votes.get(k) ?? 0),
        blank: c.blank,
        null: c.null,
      };
      const h = out.get(unit);
      if (h === undefined) {
        out.set(unit, { actasTotal: c.total, cuts: [now], lines: [c.line] });
        continue;
      }
      const before = h.cuts[h.cuts.length - 1] as SnapshotCount;
      if (c.total !== h.actasTotal)
        issues.push(
          issue('history_total_changed', ['row', c.line, 'actas_total'], {
            unit,
            cut,
            was: h.actasTotal,
            now: c.total,
          }),
        );
      else if (wentDown(before, now))
        issues.push(issue('history_not_monotone', ['row', c.line, 'unit'], { unit, cut }));
      h.cuts.push(now);
    }
  return new Map([...out].map(([u, h]) => [u, { actasTotal: h.actasTotal, cuts: h.cuts }]));
}

/** Whether any count (actas, a choice, blank, null) is lower than at the cut before. */
function wentDown(before: SnapshotCount, now: SnapshotCount): boolean {
  return (
    now.actasCounted < before.actasCounted ||
    now.blank < before.blank ||
    now.null < before.null ||
    now.votes.some((v, k) => v < (before.votes[k] ?? 0))
  );
}

/**
 * The series over a universe (or the snapshot's own units): a unit it does not know is refused
 * (`history_unit_unknown`); with the universe's prior choices, the series must have the same
 * choices (any case or accents) and its votes are put in their order, so every unit's prior is on
 * the same columns.
 */
export function historyOver(
  series: PriorHistorySeries,
  unitCodes: readonly string[],
  priorChoices: readonly string[] | null,
): Result<ReadonlyMap<string, UnitHistory>, Issue[]> {
  const known = new Set(unitCodes);
  const unknown = [...series.units.keys()].filter((u) => !known.has(u));
  if (unknown.length > 0)
    return err([issue('history_unit_unknown', ['unit'], { units: unknown.join(', ') })]);
  if (priorChoices === null) return ok(series.units);
  const index = new Map(series.choices.map((c, k) => [nameKey(c), k]));
  const order = priorChoices.map((c) => index.get(nameKey(c)));
  if (order.some((k) => k === undefined) || priorChoices.length !== series.choices.length)
    return err([
      issue('history_invalid', ['choice'], {
        reason: "the history's choices differ from the universe's prior: choices",
        history: series.choices.join(', '),
        prior: priorChoices.join(', '),
      }),
    ]);
  const reorder = (c: SnapshotCount): SnapshotCount => ({
    ...c,
    votes: order.map((k) => c.votes[k as number] ?? 0),
  });
  return ok(
    new Map(
      [...series.units].map(([u, h]) => [
        u,
        { actasTotal: h.actasTotal, cuts: h.cuts.map(reorder) },
      ]),
    ),
  );
}

/**
 * A snapshot's units (completed over the universe, when there is one) with the previous round's
 * count history from `file` attached (prior-history.ts); `priorChoices`: the universe's `prior:`
 * choices, whose order the history's votes take.
 */
export function withPriorHistory(
  units: readonly SnapshotUnit[],
  file: string,
  priorChoices: readonly string[] | null,
): Result<WithHistory, Issue[]> {
  const series = readPriorHistoryCsv(file);
  if (!series.ok) return series;
  const over = historyOver(
    series.value,
    units.map((u) => u.unit),
    priorChoices,
  );
  return over.ok ? ok(attachHistory(units, over.value)) : over;
}

/**
 * The count history in `file` attached to a snapshot's units, its votes in the order of the
 * `prior:` columns of the universe file (when given).
 */
export function historyOverUniverseFile(
  units: readonly SnapshotUnit[],
  file: string,
  universe: string | null,
): Result<WithHistory, Issue[]> {
  const choices = universe === null ? ok(null) : universePriorChoices(universe);
  return choices.ok ? withPriorHistory(units, file, choices.value) : choices;
}

/**
 * The count history a bundled election's manifest names (`universe.priorHistory`) attached to
 * its snapshot's units; null when it names none.
 */
export function electionPriorHistory(
  election: ElectionRef,
  units: readonly SnapshotUnit[],
): Result<WithHistory, Issue[]> | null {
  const file = priorHistoryFileOf(election);
  return file === null ? null : historyOverUniverseFile(units, file, universeFileOf(election));
}
