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
