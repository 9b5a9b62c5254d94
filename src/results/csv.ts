import { MESA } from '../core/model/jurisdiction.js';
import type { ServedResults } from './status.js';

/**
 * One CSV line, cells quoted when they must be (RFC 4180). A text cell a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or carriage return) gets a leading ' (OWASP's
 * CSV injection advice): a place or party name from a source file can never execute.
 */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells
    .map((c) => {
      // null: a figure the source does not give, or a share of a zero base (no share of
      // nothing): an empty cell (docs/elections.md), never 0
      if (c === null) return '';
      const s = typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : String(c);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

/** The status columns, after the choices': the same on every row. */
const STATUS_COLUMNS = ['status', 'pct_counted', 'cut', 'source'] as const;

/** A choice as a person reads it: the candidate and the party, or the list. */
const choiceName = (c: { label: string; party: string }): string =>
  c.party !== '' && c.party !== c.label ? `${c.label} · ${c.party}` : c.label;

/**
 * A results document as CSV: one row per unit, votes and % of valid per choice, and on every row
 * what the figures are — `status`, `pct_counted`, `cut`, `source` (docs/ingest.md): a filtered
 * or pasted row keeps its caveat, and no comment line breaks a spreadsheet's import.
 */
export function resultsCsv(doc: ServedResults): string {
  // a choice's columns: its stable code first (`P11_votes`, up to the first space, for scripts),
  // then its name in brackets (for a person in a spreadsheet): one header row, nothing to lose
  // a mesa not counted lists no choice: the columns are a counted unit's, its cells empty, and
  // its acta's state says why (the mesa level's `acta_state` column, cifra's state)
  const mesa = doc.level === MESA;
  const first = doc.units.find((u) => u.choices.length > 0);
  const blank = first ? first.choices.flatMap(() => [null, null]) : [];
  const choiceCols = first
    ? first.choices.flatMap((c) => [
        `${c.id}_votes (${choiceName(c)})`,
        `${c.id}_pct_valid (${choiceName(c)})`,
      ])
    : [];
  const st = doc.status;
  const status = [st.kind, st.pctCounted, st.cut, st.source?.es ?? null];
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
      // voters of the unit's actas at the JEE (an acta's electors where it states none): an upper bound
      'jee_voters',
      ...choiceCols,
      ...(mesa ? ['acta_state'] : []),
      ...STATUS_COLUMNS,
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
        u.actas?.total ?? null,
        u.actas?.processed ?? null,
        u.actas?.pctProcessed ?? null,
        u.eligibleRemaining,
        u.jeeVoters ?? null,
        ...(u.choices.length === 0 ? blank : u.choices.flatMap((c) => [c.votes, c.pctValid])),
        ...(mesa ? [u.mesaState ?? null] : []),
        ...status,
      ]),
    );
  }
  return lines.join('\n');
}
