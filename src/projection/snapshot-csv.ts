import { z } from 'zod';
import { issue, type Issue } from '../core/issues.js';
import type { SnapshotUnit } from '../core/projection/frame-snapshot.js';
import { err, ok, type Result } from '../core/result.js';
import { readCsvFile } from '../io/csv.js';

import { BLANK, NULL } from '../core/projection/reserved-choices.js';

/** Reserved choices of a snapshot CSV. */
export { BLANK, NULL };

const count = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);

const RowSchema = z.object({
  unit: z.string().min(1),
  actas_counted: count,
  actas_total: count,
  choice: z.string().min(1),
  votes: count,
  eligible_total: count.optional(),
});

export interface Snapshot {
  readonly choices: readonly string[];
  readonly units: readonly SnapshotUnit[];
}

/**
 * Reads an aggregate snapshot (`unit,actas_counted,actas_total,choice,votes[,eligible_total]`,
 * one row per unit and choice; BLANK and NULL reserved) — what the public sees on election night.
 * Every problem is a coded issue with its row; nothing is guessed.
 */
export function readSnapshotCsv(path: string): Result<Snapshot, Issue[]> {
  const table = readCsvFile(path, 'snapshot');
  if (!table.ok) return table;
  const missing = ['unit', 'actas_counted', 'actas_total', 'choice', 'votes'].filter(
    (c) => !table.value.headers.includes(c),
  );
  if (missing.length > 0) return err([issue('columns_missing', ['snapshot'], { missing })]);
  const issues: Issue[] = [];
  const acc: Accumulated = { choices: [], seen: new Set(), units: new Map() };
  for (const { line, values } of table.value.rows) {
    const row = parseRow(values, line);
    if (!row.ok) issues.push(row.error);
    else {
      const problem = addRow(acc, row.value, line);
      if (problem !== null) issues.push(problem);
    }
  }
  if (issues.length > 0) return err(issues);
  if (acc.units.size === 0 || acc.choices.length < 2)
    return err([
      issue('snapshot_invalid', ['snapshot'], {
        reason: 'needs at least one unit and two choices',
      }),
    ]);
  return ok(snapshotOf(acc));
}

type Row = z.infer<typeof RowSchema>;

interface UnitSums {
  counted: number;
  total: number;
  eligible?: number;
  votes: Map<string, number>;
  blank: number;
  null: number;
}

/** The units read so far, and the choices in the order the file first names them. */
interface Accumulated {
  readonly choices: string[];
  readonly seen: Set<string>;
  readonly units: Map<string, UnitSums>;
}

/** One row parsed, or its issue (an empty `eligible_total` is no figure). */
function parseRow(values: Record<string, string>, line: number): Result<Row, Issue> {
  const raw = { ...values };
  if (raw['eligible_total'] === '') delete raw['eligible_total'];
  const parsed = RowSchema.safeParse(raw);
  if (!parsed.success)
    return err(
      issue('snapshot_invalid', ['row', line, String(parsed.error.issues[0]?.path[0] ?? '')], {
        reason: parsed.error.issues[0]?.message,
      }),
    );
  if (parsed.data.actas_counted > parsed.data.actas_total)
    return err(
      issue('snapshot_invalid', ['row', line, 'actas_counted'], {
        reason: 'actas_counted > actas_total',
      }),
    );
  return ok(parsed.data);
}

/** Adds a row to its unit; an issue where its unit's totals or its choice clash with earlier rows. */
function addRow(acc: Accumulated, r: Row, line: number): Issue | null {
  let u = acc.units.get(r.unit);
  if (u === undefined) {
    u = { counted: r.actas_counted, total: r.actas_total, votes: new Map(), blank: 0, null: 0 };
    if (r.eligible_total !== undefined) u.eligible = r.eligible_total;
    acc.units.set(r.unit, u);
  } else if (
    u.counted !== r.actas_counted ||
    u.total !== r.actas_total ||
    (r.eligible_total !== undefined && u.eligible !== r.eligible_total)
  )
    return issue('snapshot_invalid', ['row', line, 'unit'], {
      reason: 'unit totals differ between its rows',
      unit: r.unit,
    });
  if (r.choice === BLANK) u.blank += r.votes;
  else if (r.choice === NULL) u.null += r.votes;
  else {
    if (u.votes.has(r.choice))
      return issue('duplicate_row', ['row', line], { unit: r.unit, choice: r.choice });
    u.votes.set(r.choice, r.votes);
    if (!acc.seen.has(r.choice)) {
      acc.seen.add(r.choice);
      acc.choices.push(r.choice);
    }
  }
  return null;
}

function snapshotOf(acc: Accumulated): Snapshot {
  const { choices } = acc;
  return {
    choices,
    units: [...acc.units].map(([unit, u]) => ({
      unit,
      actasCounted: u.counted,
      actasTotal: u.total,
      eligibleTotal: u.eligible,
      votes: choices.map((c) => u.votes.get(c) ?? 0),
      blank: u.blank,
      null: u.null,
    })),
  };
}
