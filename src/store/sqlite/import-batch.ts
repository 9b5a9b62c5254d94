// A batch's planned writes, packed for the connection that executes them (ADR 011): the versions'
// figures in typed arrays (transferred to the writer thread, not copied) and their texts in one
// array, instead of one object graph per version, which structured cloning copies property by
// property (ADR 010: cloning the 2021 file's records cost 0.29–0.33 s, more than hashing them).
import type { BatchWrite, PlannedVersion } from '../../core/tally/batch-plan.js';
import type { PlaceNames, QuarantinedRow } from '../store.js';

export interface EncodedWrites {
  readonly retire: readonly string[];
  readonly flag: readonly string[];
  /** Versions, in chain order. */
  readonly n: number;
  /** Per version (STRS): mesa, kind, ubigeo, state, state label, warnings, preferential, hash. */
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
}

export const STRS = 8;
export const NUMS = 9;

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
  let votesSize = 0;
  for (const w of writes)
    if (w.op === 'insert_version') {
      versions.push(w.version);
      votesSize += w.version.acta.votes?.length ?? 0;
    } else if (w.op === 'retire_current') retire.push(w.mesa);
    else if (w.op === 'flag_conflict') flag.push(w.mesa);
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
    quarantined: quarantined.map((q) => [
      q.row,
      q.mesa,
      JSON.stringify(q.issues),
      JSON.stringify(q.raw),
    ]),
  };
}
