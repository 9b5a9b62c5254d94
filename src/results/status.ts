import type { ElectionDef } from '../core/model/acta.js';
import type { Store } from '../store/store.js';
import { buildResults, type ResultsDocument } from './documents.js';
import { countOf, statusOf, type SummaryDocument } from './summary.js';

/** What an election's figures are and where they come from: the summary's `status`. */
export type FiguresStatus = SummaryDocument['status'];

/** A results document as served (API, CSV, `cifra results`, `cifra export`): with its status. */
export interface ServedResults extends ResultsDocument {
  readonly status: FiguresStatus;
}

/**
 * The status every document of the election's figures carries (the summary, results, what-if):
 * from the national unit, as the summary computes it — one function, so no two screens differ.
 */
export async function figuresStatus(store: Store, def: ElectionDef): Promise<FiguresStatus> {
  const n = (await buildResults(store, def, 'national')).units[0];
  // no actas in the store (published aggregates): their % counted is unknown, not 0
  return statusOf(
    def,
    countOf(def, n).complete,
    n?.actas && n.actas.total > 0 ? n.actas.pctProcessed : null,
  );
}
