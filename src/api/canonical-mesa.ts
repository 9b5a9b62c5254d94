import { issue } from '../core/issues.js';
import { MESA } from '../core/model/jurisdiction.js';
import { electionWithJurisdiction, type Found } from '../results/service.js';
import type { Store } from '../store/store.js';

/**
 * A document path's mesa in the one form `cifra publish` writes its file under (Peru: six digits,
 * `012438`): the same document at the same path on the server and on a static host. A short or
 * spaced form (`12438`, `012438 `) that the server's query routes read leniently would be a 200
 * here and a 404 there, so it is `mesa_invalid` (404, as the static host's missing file), with the
 * canonical form in `details.canonical`. null: the path's mesa is canonical (or the election is
 * not there: the document says so).
 */
export async function nonCanonicalMesa(
  store: Store,
  election: string,
  mesa: string,
  at: readonly string[],
): Promise<Found<never> | null> {
  const e = await electionWithJurisdiction(store, election);
  if (!e.ok) return null;
  const j = e.value.jurisdiction;
  if (j.padMesa(mesa) === mesa && j.mesaPattern.test(mesa)) return null;
  const canonical = j.padMesa(mesa);
  return {
    ok: false,
    issues: [
      issue('mesa_invalid', at, {
        mesa,
        pattern: j.mesaPattern.source,
        ...(j.mesaPattern.test(canonical) ? { canonical } : {}),
      }),
    ],
  };
}

/** Whether a results document's level is the mesa's (its code a mesa id). */
export const isMesaLevel = (level: string): boolean => level === MESA;
