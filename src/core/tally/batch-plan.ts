import type { Issue } from '../issues.js';
import type { Acta, ActaState } from '../model/acta.js';
import type { VersionFields } from '../model/version-columns.js';
import {
  actaContentKey,
  decideVersion,
  type Superseded,
  type VersionDecision,
} from './versioning.js';

/**
 * The content of one acta version that the hash chain covers, in the order it is hashed by the
 * store's chain function. The current and conflict flags are derived, so never hashed.
 */
export type VersionRecord = Omit<VersionFields, 'isCurrent' | 'conflict' | 'hash'>;

/**
 * SHA-256 (or any pure digest) of the previous link and a version, injected by the store. It
 * reads the VersionRecord's fields only (the planner hands it the planned version itself).
 */
export type ChainHash = (prev: string, version: VersionRecord) => string;

/** What a version that is written records: every decision but `unchanged`. */
export type WrittenKind = Exclude<VersionDecision['kind'], 'unchanged'>;

/** A version the plan writes, with its final flags and its link of the hash chain. */
export interface PlannedVersion extends VersionRecord {
  readonly kind: WrittenKind;
  readonly importId: number;
  readonly row: number;
  readonly isCurrent: boolean;
  /** Current, and a later version of this batch conflicts with it. */
  readonly conflict: boolean;
  readonly hash: string;
}

/** What an import batch did, counted per decision (the import log's figures). */
export interface BatchOutcome {
  readonly new: number;
  readonly unchanged: number;
  readonly stateChanges: number;
  /** Versions whose only change is the observation (versioning.ts `observation_change`). */
  readonly observationChanges: number;
  readonly corrected: number;
  readonly conflicts: number;
  readonly conflictMesas: readonly string[];
  /** Those conflicts whose file gave an earlier state than the one held (a stale file). */
  readonly earlierStates: readonly EarlierState[];
  /** Those conflicts whose file repeated a version a correction replaced (versioning.ts `superseded`). */
  readonly superseded: readonly SupersededGiven[];
}

/** A mesa the file gave as the source gave it before the corrections that hold it. */
export interface SupersededGiven {
  readonly mesa: string;
  /**
   * The import of the first correction of that run (the ruling that replaced what the source
   * gave); null for a version without one.
   */
  readonly correction: number | null;
}

/** A mesa the file reported at an earlier stage than it holds (versioning.ts `earlier_state`). */
export interface EarlierState {
  readonly mesa: string;
  /** The state the acta holds, and keeps. */
  readonly held: ActaState;
  /** The state the file gave it, kept as a conflict version. */
  readonly given: ActaState;
}

/** An outcome being counted into (the planner's, or an import's total over its batches). */
export type Counts = { -readonly [K in keyof BatchOutcome]: BatchOutcome[K] } & {
  conflictMesas: string[];
  earlierStates: EarlierState[];
  superseded: SupersededGiven[];
};

/** The outcome of a batch that writes nothing (a fresh one each call: the planner counts into it). */
export function noOutcome(): Counts {
  return {
    new: 0,
    unchanged: 0,
    stateChanges: 0,
    observationChanges: 0,
    corrected: 0,
    conflicts: 0,
    conflictMesas: [],
    earlierStates: [],
    superseded: [],
  };
}

/** Adds a batch's outcome into a running total (an import of several batches). */
export function addOutcome(total: Counts, r: BatchOutcome): void {
  total.new += r.new;
  total.unchanged += r.unchanged;
  total.stateChanges += r.stateChanges;
  total.observationChanges += r.observationChanges;
  total.corrected += r.corrected;
  total.conflicts += r.conflicts;
  total.conflictMesas.push(...r.conflictMesas);
  total.earlierStates.push(...r.earlierStates);
  total.superseded.push(...r.superseded);
}

/** A mesa of the batch as stored before it: its current acta and its highest version number. */
export interface StoredMesa {
  readonly acta: Acta;
  readonly maxVersion: number;
  /** The acta of its highest version when that one is not current (a conflict kept). */
  readonly latest?: Acta | undefined;
  /** Where the current version is a correction: what its run of corrections replaced. */
  readonly superseded?: Superseded | undefined;
}

/** One valid acta of the file, where it came from, and the names of its place (if given). */
export interface BatchItem<P> {
  readonly acta: Acta;
  readonly row: number;
  readonly warnings: readonly Issue[];
  readonly place?: P | undefined;
}

/** Everything the plan of a batch depends on; `P` is the place names a store keeps per ubigeo. */
export interface BatchPlanInput<P> {
  /** Every mesa of the batch that has versions; a mesa missing here has none. */
  readonly stored: ReadonlyMap<string, StoredMesa>;
  readonly incoming: readonly BatchItem<P>[];
  readonly mode: 'import' | 'correction';
  readonly importId: number;
  /** When the import started: every version of it is recorded at that time. */
  readonly recordedAt: string;
  /** The hash of the last version written before this batch (the chain's genesis if none). */
  readonly chain: string;
  /** Ubigeos whose place names this import has already written. */
  readonly placed: ReadonlySet<string>;
  readonly hash: ChainHash;
}

/**
 * A write of the plan. `retire_current` (no longer current, conflict cleared) and
 * `flag_conflict` touch only the current version stored before the batch; the batch's own
 * versions are inserted with their final flags.
 */
export type BatchWrite<P> =
  | { readonly op: 'retire_current'; readonly mesa: string }
  | { readonly op: 'flag_conflict'; readonly mesa: string }
  | { readonly op: 'insert_version'; readonly version: PlannedVersion }
  | { readonly op: 'insert_place'; readonly ubigeo: string; readonly place: P }
  /**
   * The import's row for the mesa gave its current version, a correction, unchanged: the source
   * caught up with the ruling (HistoryVersion.caughtUp). Recorded against that version.
   */
  | { readonly op: 'caught_up'; readonly mesa: string };

/** The writes of one batch, what it did, and the chain head after it. */
export interface BatchPlan<P> {
  /**
   * In the order to execute: every retire, every flag, the versions in chain order, the places,
   * the corrections the source caught up with.
   * A store may run each group as one statement.
   */
  readonly writes: readonly BatchWrite<P>[];
  readonly outcome: BatchOutcome;
  /** The hash of the batch's last version: the chain head after it. */
  readonly chain: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The running state of a batch: each mesa's current acta and version count as of this row. */
interface Planning {
  readonly current: Map<string, Acta>;
  readonly maxVersion: Map<string, number>;
  /** A mesa's highest version when it is not the current one: the last conflict kept. */
  readonly latest: Map<string, Acta>;
  /** What a mesa's run of corrections replaced, where its current version is a correction. */
  readonly superseded: Map<string, Superseded>;
  /** The version of this batch that is a mesa's current one, while it is. */
  readonly batchCurrent: Map<string, Mutable<PlannedVersion>>;
  readonly retire: Set<string>;
  readonly flag: Set<string>;
  /** Mesas whose current correction this import's row gave unchanged (BatchWrite caught_up). */
  readonly caughtUp: Set<string>;
  readonly versions: PlannedVersion[];
  readonly outcome: Counts;
  chain: string;
}

/**
 * Plans the writes of one import batch, row by row as the file gives them: decides each acta
 * against its mesa's current version and the conflict last kept (`decideVersion`, including versions
 * written earlier in the same batch), numbers new versions after the mesa's highest, makes a decided version current
 * (retiring the one before) or flags the current one on a conflict, chains each version's hash
 * and names each new place once per import. Pure: the store reads `stored` and executes the plan.
 */
export function planBatch<P>(input: BatchPlanInput<P>): BatchPlan<P> {
  const s: Planning = {
    current: new Map(),
    maxVersion: new Map(),
    latest: new Map(),
    superseded: new Map(),
    batchCurrent: new Map(),
    retire: new Set(),
    flag: new Set(),
    caughtUp: new Set(),
    versions: [],
    outcome: noOutcome(),
    chain: input.chain,
  };
  for (const [mesa, m] of input.stored) {
    s.current.set(mesa, m.acta);
    s.maxVersion.set(mesa, m.maxVersion);
    if (m.latest !== undefined) s.latest.set(mesa, m.latest);
    if (m.superseded !== undefined) s.superseded.set(mesa, m.superseded);
  }
  const places: BatchWrite<P>[] = [];
  const placed = new Set<string>();
  for (const item of input.incoming) {
    const { ubigeo } = item.acta;
    if (item.place !== undefined && !input.placed.has(ubigeo) && !placed.has(ubigeo)) {
      placed.add(ubigeo);
      places.push({ op: 'insert_place', ubigeo, place: item.place });
    }
    planItem(s, input, item);
  }
  return {
    writes: [
      ...[...s.retire].map((mesa) => ({ op: 'retire_current' as const, mesa })),
      ...[...s.flag].map((mesa) => ({ op: 'flag_conflict' as const, mesa })),
      ...s.versions.map((version) => ({ op: 'insert_version' as const, version })),
      ...places,
      ...[...s.caughtUp].map((mesa) => ({ op: 'caught_up' as const, mesa })),
    ],
    outcome: s.outcome,
    chain: s.chain,
  };
}

function planItem<P>(s: Planning, input: BatchPlanInput<P>, item: BatchItem<P>): void {
  const a = item.acta;
  const current = s.current.get(a.mesa);
  const ruled = s.superseded.get(a.mesa);
  const latest = s.latest.get(a.mesa) ?? null;
  const decision = decideVersion(current ?? null, a, input.mode, latest, ruled?.actas);
  if (decision.kind === 'unchanged') {
    s.outcome.unchanged++;
    // the source gives the ruling itself: it caught up, and the ruling's run holds no more from
    // the next import on — a row later in this one is held as before, as the acta document reads
    // it back (versioning.ts caughtBefore compares imports; review s33, 4)
    if (ruled !== undefined && input.mode === 'import' && caughtUp(current, a, ruled.actas))
      s.caughtUp.add(a.mesa);
    return;
  }
  const version = (s.maxVersion.get(a.mesa) ?? 0) + 1;
  s.maxVersion.set(a.mesa, version);
  const becomesCurrent = decision.kind !== 'conflict';
  // one object, hashed as the VersionRecord it extends (a copy made by spreading the record
  // cost ten times the rest of the plan)
  const planned: Mutable<PlannedVersion> = {
    mesa: a.mesa,
    version,
    kind: decision.kind,
    acta: a,
    importId: input.importId,
    row: item.row,
    recordedAt: input.recordedAt,
    warnings: item.warnings.length === 0 ? '[]' : JSON.stringify(item.warnings),
    isCurrent: becomesCurrent,
    conflict: false,
    hash: '',
  };
  s.chain = planned.hash = input.hash(s.chain, planned);
  s.versions.push(planned);
  const inBatch = s.batchCurrent.get(a.mesa);
  if (becomesCurrent) {
    if (inBatch !== undefined) {
      inBatch.isCurrent = false;
      inBatch.conflict = false;
    } else if (current !== undefined) {
      s.retire.add(a.mesa);
      s.flag.delete(a.mesa); // retiring clears the stored current's conflict flag too
    }
    s.batchCurrent.set(a.mesa, planned);
    // a version the source made current ends the run of corrections; a correction continues it
    // or starts one, which a batch of corrections never compares against (decideVersion): the
    // stores read the run the next batch holds against
    if (decision.kind !== 'correction') s.superseded.delete(a.mesa);
    s.current.set(a.mesa, a);
    s.latest.delete(a.mesa);
  } else {
    s.latest.set(a.mesa, a);
    if (inBatch !== undefined) inBatch.conflict = true;
    else s.flag.add(a.mesa);
  }
  count(s.outcome, decision, a.mesa);
  if (decision.kind === 'conflict' && decision.reason === 'earlier_state' && current !== undefined)
    s.outcome.earlierStates.push({ mesa: a.mesa, held: current.state, given: a.state });
  if (decision.kind === 'conflict' && decision.reason === 'superseded' && ruled !== undefined)
    s.outcome.superseded.push({ mesa: a.mesa, correction: ruled.correction });
}

/**
 * Does the incoming row give the current version's own content (not a conflict kept's), one the
 * source never gave before the ruling? A row it gave before (an acta first seen pending, reopened
 * to pending) may be an old snapshot served again: it proves nothing (review s33, 1).
 */
function caughtUp(current: Acta | undefined, a: Acta, givenBefore: readonly Acta[]): boolean {
  if (current === undefined) return false;
  const key = actaContentKey(a);
  return actaContentKey(current) === key && !givenBefore.some((v) => actaContentKey(v) === key);
}

function count(
  o: Counts,
  decision: Exclude<VersionDecision, { kind: 'unchanged' }>,
  mesa: string,
): void {
  switch (decision.kind) {
    case 'new':
      o.new++;
      return;
    case 'state_change':
      o.stateChanges++;
      return;
    case 'observation_change':
      o.observationChanges++;
      return;
    case 'correction':
      o.corrected++;
      return;
    case 'conflict':
      o.conflicts++;
      o.conflictMesas.push(mesa);
      return;
  }
}
