import type { ElectionDef } from '../core/model/acta.js';
import { bundledElection } from '../elections/manifests.js';
import type { Store } from '../store/store.js';
import { election, type Found } from './service.js';

/**
 * The election an upload is read into: the one stored (or the store's only one), else a bundled
 * manifest by its id, stored first — as `cifra ingest --election <id>` does; a server never reads
 * a manifest path a client names. An upload of a bundled election into a new store was
 * unknown_election (review 8).
 */
export async function electionToImport(
  store: Store,
  id: string | undefined,
): Promise<Found<ElectionDef>> {
  const stored = await election(store, id);
  if (stored.ok || id === undefined) return stored;
  const bundled = bundledElection(id);
  if (bundled === null) return stored;
  await store.putElection(bundled);
  return { ok: true, value: bundled };
}
