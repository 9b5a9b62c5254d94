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
  const choices: string[] = [];
  const seen = new Set<string>();
  const units = new Map<
    string,
    {
      counted: number;
      total: number;
      eligible?: number;
      votes: Map<string, number>;
      blank: number;
      null: number;
    }
  >();
  for (const { line, values } of table.value.rows) {
    const raw = { ...values };
    if (raw['eligible_total'] === '') delete raw['eligible_total'];
    const parsed = RowSchema.safeParse(raw);
    if (!parsed.success) {
      issues.push(
        issue('snapshot_invalid', ['row', line, String(parsed.error.issues[0]?.path[0] ?? '')], {
          reason: parsed.error.issues[0]?.message,
        }),
      );
      continue;
    }
    const r = parsed.data;
    if (r.actas_counted > r.actas_total) {
      issues.push(
        issue('snapshot_invalid', ['row', line, 'actas_counted'], {
          reason: 'actas_counted > actas_total',
        }),
      );
      continue;
    }
    let u = units.get(r.unit);
    if (u === undefined) {
      u = { counted: r.actas_counted, total: r.actas_total, votes: new Map(), blank: 0, null: 0 };
      if (r.eligible_total !== undefined) u.eligible = r.eligible_total;
      units.set(r.unit, u);
    } else if (
      u.counted !== r.actas_counted ||
      u.total !== r.actas_total ||
      (r.eligible_total !== undefined && u.eligible !== r.eligible_total)
    ) {
      issues.push(
        issue('snapshot_invalid', ['row', line, 'unit'], {
          reason: 'unit totals differ between its rows',
          unit: r.unit,
        }),
      );
      continue;
    }
    if (r.choice === BLANK) u.blank += r.votes;
    else if (r.choice === NULL) u.null += r.votes;
    else {
      if (u.votes.has(r.choice)) {
        issues.push(issue('duplicate_row', ['row', line], { unit: r.unit, choice: r.choice }));
        continue;
      }
      u.votes.set(r.choice, r.votes);
      if (!seen.has(r.choice)) {
        seen.add(r.choice);
        choices.push(r.choice);
      }
    }
  }
  if (issues.length > 0) return err(issues);
  if (units.size === 0 || choices.length < 2)
    return err([
      issue('snapshot_invalid', ['snapshot'], {
        reason: 'needs at least one unit and two choices',
      }),
    ]);
  return ok({
    choices,
    units: [...units].map(([unit, u]) => ({
      unit,
      actasCounted: u.counted,
      actasTotal: u.total,
      eligibleTotal: u.eligible,
      votes: choices.map((c) => u.votes.get(c) ?? 0),
      blank: u.blank,
      null: u.null,
    })),
  });
}
