// An acta's states, apart from the acta so that the column map (column-map.ts, read by the
// manifest) names them without an import cycle back through the acta (acta.ts re-exports them).

/**
 * cifra's acta states, the same in every jurisdiction (each jurisdiction maps its sources' labels
 * to them, data/jurisdictions/<id>/jurisdiction.json): `counted` — its figures are in the totals;
 * `resolved` — counted after an electoral court's ruling; `annulled` — voters kept, votes booked
 * as null; `not_installed` — the mesa never opened, no votes; `pending` — not yet counted;
 * `jee` — observed, sent to the electoral court (Peru's Jurado Electoral Especial).
 */
export const ACTA_STATES = [
  'counted',
  'resolved',
  'annulled',
  'not_installed',
  'pending',
  'jee',
] as const;
export type ActaState = (typeof ACTA_STATES)[number];

/**
 * How far the count has taken an acta, in the order the law moves it: 0 pending (not yet
 * counted) → 1 at the JEE (observed and sent to it, LOE art. 301) → 2 closed: counted, resolved
 * (the JEE's ruling added by the ODPE, R-0837-2025 art. 15(f)), annulled (LOE art. 363), not
 * installed. No legal step takes an acta to an earlier stage, so an import that would is a
 * stale file (versioning.ts); a correction, a ruling recorded on purpose, may.
 */
export const ACTA_STATE_STAGE: Readonly<Record<ActaState, 0 | 1 | 2>> = {
  pending: 0,
  jee: 1,
  counted: 2,
  resolved: 2,
  annulled: 2,
  not_installed: 2,
};

/** Would moving an acta from `current` to `incoming` take it to an earlier stage? */
export function stateMovesBack(current: ActaState, incoming: ActaState): boolean {
  return ACTA_STATE_STAGE[incoming] < ACTA_STATE_STAGE[current];
}
