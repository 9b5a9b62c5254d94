// A batch's planned writes, packed for the connection that executes them (ADR 011): the versions'
// figures in typed arrays (transferred to the writer thread, not copied) and their texts in one
// array, instead of one object graph per version, which structured cloning copies property by
// property (ADR 010: cloning the 2021 file's records cost 0.29–0.33 s, more than hashing them).
import type { BatchWrite, PlannedVersion } from '../../core/tally/batch-plan.js';
import { FIGURES, type ActaBatch } from '../../core/tally/acta-batch.js';
import type { VersionColumnName } from '../../core/model/version-columns.js';
import type { PlaceNames, QuarantinedRow } from '../store.js';

export interface EncodedWrites {
  /**
   * Every version is version 1 of a mesa new to the election, current, with no conflict
   * (encodeFresh): the connection writes those four constants in its statement, not per row.
   */
  readonly fresh?: true;
  readonly retire: readonly string[];
  readonly flag: readonly string[];
  /** Versions, in chain order. */
  readonly n: number;
  /**
   * Per version (STRS): mesa, kind, ubigeo, state, state label, warnings, preferential, hash,
   * observation.
   */
  readonly strs: readonly (string | null)[];
  /** Per version (NUMS): version, current, conflict, eligible, voters, blank, null, impugned, row. */
  readonly nums: Float64Array;
  /** Per version: its votes' count in `votes`, or -1 when it has no figures. */
  readonly votesLen: Int32Array;
  /** Every version's votes, one after another, as the stored BLOB holds them (int32). */
  readonly votes: Int32Array;
  readonly places: readonly (readonly [string, PlaceNames])[];
  /** Per quarantined row: row, mesa, issues (JSON), raw cells (JSON). */
  readonly quarantined: readonly (readonly [number, string | null, string, string])[];
  /** Mesas whose current correction the source caught up with (BatchWrite caught_up). */
  readonly caughtUp: readonly string[];
}

export const STRS = 9;
export const NUMS = 9;

/**
 * Where each column of VERSION_COLUMNS travels: a slot of `strs` or `nums`, the votes, or once per
 * batch (the connection's election and the import's id and time). The packing and the writer's
 * binds index the slots by hand, for speed (ADR 010, 013); test/version-columns.test.ts holds
 * them to this map, and a column added to the table does not compile until it is placed here.
 */
export const PACKED: Readonly<
  Record<VersionColumnName, readonly ['strs' | 'nums', number] | 'votes' | 'batch'>
> = {
  election: 'batch',
  mesa: ['strs', 0],
  version: ['nums', 0],
  kind: ['strs', 1],
  is_current: ['nums', 1],
  conflict: ['nums', 2],
  ubigeo: ['strs', 2],
  state: ['strs', 3],
  state_label: ['strs', 4],
  eligible: ['nums', 3],
  voters: ['nums', 4],
  votes: 'votes',
  blank: ['nums', 5],
  null_votes: ['nums', 6],
  impugned: ['nums', 7],
  import_id: 'batch',
  row: ['nums', 8],
  recorded_at: 'batch',
  warnings: ['strs', 5],
  preferential: ['strs', 6],
  hash: ['strs', 7],
  observation: ['strs', 8],
};

/** The buffers `postMessage` may transfer instead of copying. */
export function transferables(e: EncodedWrites): ArrayBuffer[] {
  return [e.nums.buffer, e.votesLen.buffer, e.votes.buffer] as ArrayBuffer[];
}

/**
 * Packs a plan's writes; every version must be of this import (`importId`, `recordedAt`), which
 * the connection writes once per batch rather than once per row.
 */
export function encodeWrites(
  importId: number,
  recordedAt: string,
  writes: readonly BatchWrite<PlaceNames>[],
  quarantined: readonly QuarantinedRow[],
): EncodedWrites {
  const retire: string[] = [];
  const flag: string[] = [];
  const versions: PlannedVersion[] = [];
  const places: [string, PlaceNames][] = [];
  const caughtUp: string[] = [];
  let votesSize = 0;
  for (const w of writes)
    if (w.op === 'insert_version') {
      versions.push(w.version);
      votesSize += w.version.acta.votes?.length ?? 0;
    } else if (w.op === 'retire_current') retire.push(w.mesa);
    else if (w.op === 'flag_conflict') flag.push(w.mesa);
    else if (w.op === 'caught_up') caughtUp.push(w.mesa);
    else places.push([w.ubigeo, w.place]);
  const n = versions.length;
  const strs: (string | null)[] = new Array<string | null>(n * STRS);
  const nums = new Float64Array(n * NUMS);
  const votesLen = new Int32Array(n);
  const votes = new Int32Array(votesSize);
  let at = 0;
  for (let k = 0; k < n; k++) {
    const v = versions[k] as PlannedVersion;
    if (v.importId !== importId || v.recordedAt !== recordedAt)
      throw new Error(`version of mesa ${v.mesa} is not of import ${importId}`);
    const a = v.acta;
    const s = k * STRS;
    strs[s] = v.mesa;
    strs[s + 1] = v.kind;
    strs[s + 2] = a.ubigeo;
    strs[s + 3] = a.state;
    strs[s + 4] = a.stateLabel;
    strs[s + 5] = v.warnings;
    strs[s + 6] = a.preferential ? JSON.stringify(a.preferential) : null;
    strs[s + 7] = v.hash;
    strs[s + 8] = a.observation ?? null;
    const x = k * NUMS;
    nums[x] = v.version;
    nums[x + 1] = v.isCurrent ? 1 : 0;
    nums[x + 2] = v.conflict ? 1 : 0;
    nums[x + 3] = a.eligible;
    // NaN for null: a stored figure is an integer (the connection binds NaN as NULL)
    nums[x + 4] = a.voters ?? NaN;
    nums[x + 5] = a.blank;
    nums[x + 6] = a.null;
    nums[x + 7] = a.impugned;
    nums[x + 8] = v.row;
    const vs = a.votes;
    votesLen[k] = vs === null ? -1 : vs.length;
    // an indexed copy: half the CPU of Int32Array.from's iterator (ADR 010)
    if (vs !== null) for (let j = 0; j < vs.length; j++) votes[at++] = vs[j] as number;
  }
  return {
    retire,
    flag,
    n,
    strs,
    nums,
    votesLen,
    votes,
    places,
    quarantined: encodeQuarantined(quarantined),
    caughtUp,
  };
}

function encodeQuarantined(quarantined: readonly QuarantinedRow[]): EncodedWrites['quarantined'] {
  return quarantined.map((q) => [q.row, q.mesa, JSON.stringify(q.issues), JSON.stringify(q.raw)]);
}

/**
 * Packs a fresh import's batch (ImportPlanner.planFresh: every row version 1, new, current) from
 * its columns, with the hashes and places its plan gave: the same writes `encodeWrites` packs from
 * that plan's objects (ADR 012; test/ingest-packed.test.ts holds the stored rows to it).
 */
export function encodeFresh(
  batch: ActaBatch<PlaceNames>,
  hashes: readonly string[],
  places: readonly (readonly [string, PlaceNames])[],
  quarantined: readonly QuarantinedRow[],
): EncodedWrites {
  const n = batch.n;
  const strs: (string | null)[] = new Array<string | null>(n * STRS);
  const nums = new Float64Array(n * NUMS);
  const f = batch.figures;
  for (let k = 0; k < n; k++) {
    const item = batch.items[k];
    const s = k * STRS;
    strs[s] = batch.mesa[k] as string;
    strs[s + 1] = 'new';
    strs[s + 2] = batch.ubigeo[k] as string;
    strs[s + 3] = batch.state[k] as string;
    strs[s + 4] = batch.label[k] as string;
    strs[s + 5] =
      item === undefined || item.warnings.length === 0 ? '[]' : JSON.stringify(item.warnings);
    const pref = item?.acta.preferential;
    strs[s + 6] = pref ? JSON.stringify(pref) : null;
    strs[s + 7] = hashes[k] as string;
    // a row with an observation took the full path (quick-check.ts): its acta is kept
    strs[s + 8] = item?.acta.observation ?? null;
    const x = k * NUMS;
    const y = k * FIGURES;
    nums[x] = 1;
    nums[x + 1] = 1;
    nums[x + 2] = 0;
    for (let j = 0; j < 5; j++) nums[x + 3 + j] = f[y + j] as number;
    nums[x + 8] = f[y + 5] as number;
  }
  return {
    fresh: true,
    retire: [],
    flag: [],
    n,
    strs,
    nums,
    votesLen: batch.votesLen.slice(0, n),
    votes: batch.votes.slice(0, batch.votesAt),
    places,
    quarantined: encodeQuarantined(quarantined),
    caughtUp: [],
  };
}
