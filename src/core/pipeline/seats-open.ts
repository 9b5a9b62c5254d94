// Whether seats allocated on a figure are settled: one rule for the dashboard's hemicycles (web/)
// and `cifra seats`. No imports: the dashboard bundles it as it is.

/**
 * A figure as the open-seats rule reads it: its status's kind (a served status's, or a published
 * seats table's `official` / `third-party`) and the % of actas it rests on (null or absent: not
 * stated).
 */
export interface Coverage {
  readonly kind: string;
  readonly pctCounted?: string | null | undefined;
}

/**
 * Whether seats allocated on a figure are still open (drawn as rings, "N seats still open"), never
 * settled: always on a provisional count; never on a final one (a final release that leaves actas
 * unresolved is still final); on any other figure — computed by cifra, a third party's, a source's
 * seats table — while the % of actas it rests on is below 100.
 */
export function seatsOpen(f: Coverage): boolean {
  if (f.kind === 'provisional') return true;
  if (f.kind === 'final') return false;
  return f.pctCounted !== undefined && f.pctCounted !== null && Number(f.pctCounted) < 100;
}
