import type { Issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import { err, ok, type Result } from '../core/result.js';
import { readAggregateCsv } from '../elections/aggregate.js';
import { checkSourceHashes, electionDefOf, loadManifest } from '../elections/manifests.js';
import type { PublishedUnit, Store } from '../store/store.js';
import { publishedUnit } from './published-units.js';

/**
 * An election of published aggregates (a manifest whose sources are cifra aggregate CSV) into
 * the store: its definition, its units per level, and the seats a source published.
 */
export async function putPublishedElection(
  store: Store,
  ref: string,
): Promise<Result<ElectionDef, Issue[]>> {
  const m = loadManifest(ref);
  if (!m.ok) return m;
  const bad = checkSourceHashes(m.value);
  if (bad.length > 0) return err(bad);
  const def = electionDefOf(m.value);
  const units: PublishedUnit[] = [];
  // the count's course rides along as units of the level `course`, one per update
  for (const file of [...m.value.files, ...(m.value.course === null ? [] : [m.value.course])]) {
    const rows = readAggregateCsv(file, def.choices);
    if (!rows.ok) return rows;
    units.push(...rows.value.map((u) => publishedUnit(def, u)));
  }
  await store.putElection(def);
  await store.putPublished(def.id, units, m.value.manifest.seats ?? null);
  return ok(def);
}
