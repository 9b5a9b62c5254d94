// Snapshot and universe CSVs (src/projection/snapshot-csv.ts, the universe format) from snapshot units, for tests that write them.
import type { SnapshotUnit } from '../src/core/projection/frame-snapshot.js';
import { BLANK, NULL } from '../src/projection/snapshot-csv.js';
import { csvLine } from '../src/results/csv.js';

export function snapshotCsv(units: readonly SnapshotUnit[], choices: readonly string[]): string {
  const lines = [
    csvLine(['unit', 'actas_counted', 'actas_total', 'choice', 'votes', 'eligible_total']),
  ];
  for (const u of units) {
    const head = [u.unit, u.actasCounted, u.actasTotal];
    const tail = [u.eligibleTotal ?? ''];
    choices.forEach((c, k) => lines.push(csvLine([...head, c, u.votes[k] ?? 0, ...tail])));
    lines.push(
      csvLine([...head, BLANK, u.blank, ...tail]),
      csvLine([...head, NULL, u.null, ...tail]),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function universeCsv(
  units: readonly SnapshotUnit[],
  priorChoices: readonly string[],
): string {
  const lines = [
    csvLine(['code', 'name', 'eligible', 'actas_total', ...priorChoices.map((c) => `prior:${c}`)]),
  ];
  for (const u of units)
    lines.push(
      csvLine([u.unit, u.unit, u.prior?.eligible ?? 0, u.actasTotal, ...(u.prior?.votes ?? [])]),
    );
  return `${lines.join('\n')}\n`;
}
