import type { SnapshotUnit } from '../core/projection/frame-snapshot.js';
import { completeSnapshot, type UniverseUnit } from '../core/projection/universe.js';
import { ok, type Result } from '../core/result.js';
import type { Issue } from '../core/issues.js';
import { builtInElectionIds, loadManifest } from './manifests.js';
import { readUniverse } from './universe.js';

/** A bundled election's universe, as a candidate to complete a snapshot. */
export interface UniverseCandidate {
  readonly election: string;
  readonly file: string;
  readonly units: readonly UniverseUnit[];
}

/**
 * What the bundled data know of a snapshot's universe (issue 13, "the universe is known"):
 * `found` when every bundled election of its rules that has a universe at the snapshot's level
 * has the same one (their ids, the first's file); `none` when none has; `disagree` when they
 * differ (their ids), so no one of them may be taken for the election's.
 */
export type UniverseLookup =
  | {
      readonly kind: 'found';
      readonly elections: readonly string[];
      readonly file: string;
      readonly units: readonly UniverseUnit[];
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'disagree'; readonly elections: readonly string[] };

/**
 * A universe fits a snapshot when it knows every snapshot unit (by code or name, rolled up to the
 * snapshot's level where its codes nest): else the snapshot is of another election or level.
 */
function fits(snapshot: readonly SnapshotUnit[], universe: readonly UniverseUnit[]): boolean {
  return snapshot.length > 0 && completeSnapshot(snapshot, universe).unknown.length === 0;
}

/** Of the candidates, those that fit the snapshot; one universe when they all agree (unit by unit). */
export function chooseUniverse(
  snapshot: readonly SnapshotUnit[],
  candidates: readonly UniverseCandidate[],
): UniverseLookup {
  const fitting = candidates.filter((c) => fits(snapshot, c.units));
  const first = fitting[0];
  if (first === undefined) return { kind: 'none' };
  const elections = fitting.map((c) => c.election);
  const same = (c: UniverseCandidate): boolean =>
    c.file === first.file || JSON.stringify(c.units) === JSON.stringify(first.units);
  return fitting.every(same)
    ? { kind: 'found', elections, file: first.file, units: first.units }
    : { kind: 'disagree', elections };
}

/**
 * The universe the bundled elections of `ruleset` know for a snapshot given without --universe
 * or --election (chooseUniverse). A bundled universe that does not read is an issue, not skipped.
 */
export function bundledUniverseFor(
  ruleset: string,
  snapshot: readonly SnapshotUnit[],
): Result<UniverseLookup, Issue[]> {
  const candidates: UniverseCandidate[] = [];
  for (const election of builtInElectionIds()) {
    const m = loadManifest(election);
    if (!m.ok || m.value.manifest.ruleset !== ruleset || m.value.universe === null) continue;
    const units = readUniverse(m.value.universe);
    if (!units.ok) return units;
    candidates.push({ election, file: m.value.universe, units: units.value });
  }
  return ok(chooseUniverse(snapshot, candidates));
}
