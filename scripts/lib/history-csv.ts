import { BLANK, NULL } from '../../src/core/projection/reserved-choices.js';
import type { CourseRow } from './replay-course.js';
import { csvLine } from '../../src/results/csv.js';

/** A count course as a prior-history CSV (the format readPriorHistoryCsv reads). */
export function priorHistoryCsv(
  rows: readonly CourseRow[],
  choices: readonly string[],
  cutName: (cut: number) => string = String,
): string {
  const lines = [csvLine(['cut', 'unit', 'actas_counted', 'actas_total', 'choice', 'votes'])];
  for (const r of rows) {
    const head = [cutName(r.cut), r.unit, r.actasCounted, r.actasTotal];
    choices.forEach((c, k) => lines.push(csvLine([...head, c, r.votes[k] ?? 0])));
    lines.push(csvLine([...head, BLANK, r.blank]), csvLine([...head, NULL, r.null]));
  }
  return `${lines.join('\n')}\n`;
}
