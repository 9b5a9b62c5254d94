import type { ResultsDocument } from './documents.js';

/** One CSV cell, quoted when it must be (RFC 4180). */
export function csvLine(cells: readonly (string | number)[]): string {
  return cells
    .map((c) => {
      const s = String(c);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

/** A results document as CSV: one row per unit, votes and % of valid per choice. */
export function resultsCsv(doc: ResultsDocument): string {
  const first = doc.units[0];
  const choiceCols = first
    ? first.choices.flatMap((c) => [`${c.id}_votes`, `${c.id}_pct_valid`])
    : [];
  const lines = [
    csvLine([
      'level',
      'code',
      'name',
      'valid',
      'blank',
      'null',
      'impugned',
      'emitted',
      'eligible',
      'participation',
      'actas_total',
      'actas_processed',
      'pct_actas_processed',
      'eligible_remaining',
      ...choiceCols,
    ]),
  ];
  for (const u of doc.units) {
    lines.push(
      csvLine([
        u.level,
        u.code,
        u.name,
        u.valid,
        u.blank,
        u.null,
        u.impugned,
        u.emitted,
        u.eligible,
        u.participation,
        u.actas.total,
        u.actas.processed,
        u.actas.pctProcessed,
        u.eligibleRemaining,
        ...u.choices.flatMap((c) => [c.votes, c.pctValid]),
      ]),
    );
  }
  return lines.join('\n');
}
