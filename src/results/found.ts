import { issue, type Issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import type { Store } from '../store/store.js';

/** The read side shared by the HTTP API, `cifra publish` and the CLI. Errors are issues. */
export type Found<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * The election asked for, or the only one in the store. None asked for among several stored is
 * `election_required` (naming one would answer); none stored, or an id the store lacks, is
 * `unknown_election` (null: none was asked for). Both list the elections the store has.
 */
export async function election(store: Store, id: string | undefined): Promise<Found<ElectionDef>> {
  if (id !== undefined) {
    const e = await store.getElection(id);
    if (e !== null) return { ok: true, value: e };
  }
  const all = await store.listElections();
  if (id === undefined && all.length === 1) return { ok: true, value: all[0] as ElectionDef };
  const known = all.map((x) => x.id);
  return {
    ok: false,
    issues: [
      id === undefined && known.length > 1
        ? issue('election_required', ['election'], { known })
        : issue('unknown_election', ['election'], { election: id ?? null, known }),
    ],
  };
}
