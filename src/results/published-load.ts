import type { Issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import { err, ok, type Result } from '../core/result.js';
import { readAggregateCsv } from '../elections/aggregate.js';
import {
  checkSourceHashes,
  electionDefOf,
  loadManifest,
  type ManifestOptions,
} from '../elections/manifests.js';
import type { PublishedUnit, Store } from '../store/store.js';
import { publishedUnit } from './published-units.js';

/** The stored level of an earlier capture's units of this level. */
export function previousLevel(level: string): string {
  return `previous-${level}`;
}

/**
 * An election of published aggregates (a manifest whose sources are cifra aggregate CSV) into
 * the store: its definition, its units per level, and the seats a source published.
 */
export async function putPublishedElection(
  store: Store,
  ref: string,
  o: ManifestOptions = {},
): Promise<Result<ElectionDef, Issue[]>> {
  const m = loadManifest(ref, o);
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
  // an earlier capture of the same count rides along as units of the levels `previous-<level>`
  if (m.value.previousSnapshot !== null) {
    const rows = readAggregateCsv(m.value.previousSnapshot, def.choices);
    if (!rows.ok) return rows;
    units.push(
      ...rows.value.map((u) => publishedUnit(def, { ...u, level: previousLevel(u.level) })),
    );
  }
  await store.putElection(def);
  await store.putPublished(def.id, units, m.value.manifest.seats ?? null);
  return ok(def);
}
