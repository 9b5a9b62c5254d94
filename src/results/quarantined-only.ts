import type { ElectionDef } from '../core/model/acta.js';
import { loadJurisdiction } from '../jurisdictions/load.js';
import type { Store } from '../store/store.js';
import { perRevision } from './per-revision.js';
import { declaredMesas } from './polling-places.js';

/** Per store, election and revision: its mesas known only by quarantined rows. */
const QUARANTINED_ONLY = new WeakMap<Store, Map<string, Promise<unknown>>>();

/**
 * The mesas of an acta election known only by quarantined rows (an unknown place code, a bad
 * cell): actas that exist but whose figures are not in, since no version of theirs is stored. A
 * quarantined row of a mesa that has a version (a duplicate, a later file's bad copy) is not one;
 * nor is a row whose mesa is not of the jurisdiction's form (a footer line is no acta), nor, where
 * the election lists its mesas, one not in that list (a made-up mesa never comes, and would keep
 * the count open for ever). Sorted. Its own module: the results documents (documents.ts) and the
 * status (status.ts) both read it.
 */
export function quarantinedOnly(
  store: Store,
  def: ElectionDef,
  revision: string,
): Promise<readonly string[]> {
  if (def.published !== undefined) return Promise.resolve([]);
  return perRevision(QUARANTINED_ONLY, store, `${def.id}|${revision}`, async () => {
    const read = await store.quarantinedMesas(def.id);
    if (read.length === 0) return [];
    const j = loadJurisdiction(def.jurisdiction);
    const pad = j.ok ? j.value.padMesa : (m: string) => m;
    const listed = await declaredMesas(def);
    const mesas = [...new Set(read.map(pad))]
      .filter((m) => !j.ok || j.value.mesaPattern.test(m))
      .filter((m) => listed === null || listed.has(m))
      .sort();
    const stored = await Promise.all(mesas.map((m) => store.getActa(def.id, m)));
    return mesas.filter((_, i) => stored[i] === null);
  });
}
