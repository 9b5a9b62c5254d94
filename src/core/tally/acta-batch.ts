// One import batch's valid actas in columns (ADR 012): a row the quick path read is written
// straight from the scanner's cells into typed arrays, with no Acta, issue or plan object; a row
// the full path read is kept as the IncomingActa it built. `incoming()` gives every row as the
// objects the planner takes (the reference path, and any store or import that plans); a fresh
// SQLite import encodes the columns for its writer directly (src/store/sqlite/import-batch.ts, encodeFresh).
import type { Acta, ActaState } from '../model/acta.js';
import type { BatchItem } from './batch-plan.js';

/** Per row in `figures`: eligible, voters (NaN: null), blank, null, impugned, row. */
export const FIGURES = 6;

/** `P`: the place names a store keeps per ubigeo (as in BatchItem). */
export class ActaBatch<P> {
  n = 0;
  readonly mesa: string[] = [];
  readonly ubigeo: string[] = [];
  readonly state: ActaState[] = [];
  readonly label: string[] = [];
  readonly place: (P | undefined)[] = [];
  /** The full path's objects by row index (absent for a row read from the cells). */
  readonly items: (BatchItem<P> | undefined)[] = [];
  figures = new Float64Array(1024 * FIGURES);
  /** Per row: its votes' count in `votes`, or -1 when it has no figures. */
  votesLen = new Int32Array(1024);
  /** Per row: where its votes begin in `votes` (a duplicate's comparison finds them at once). */
  votesFrom = new Int32Array(1024);
  votes = new Int32Array(1024 * 24);
  /** Votes in `votes` so far. */
  votesAt = 0;

  constructor(readonly election: string) {}

  /** Room for one more row and `votes` more votes (the arrays double when full). */
  private reserve(votes: number): void {
    if (this.n === this.votesLen.length) {
      this.votesLen = grow(this.votesLen, this.n * 2);
      this.votesFrom = grow(this.votesFrom, this.n * 2);
      this.figures = grow(this.figures, this.n * 2 * FIGURES);
    }
    if (this.votesAt + votes > this.votes.length)
      this.votes = grow(this.votes, Math.max(this.votes.length * 2, this.votesAt + votes));
  }

  /**
   * Appends a row read from cells; the caller then writes its votes at `votesAt` (or none) and
   * calls `end`. Returns the offset of its figures.
   */
  begin(
    mesa: string,
    ubigeo: string,
    state: ActaState,
    label: string,
    place: P | undefined,
    votes: number,
  ): number {
    this.reserve(votes);
    this.mesa.push(mesa);
    this.ubigeo.push(ubigeo);
    this.state.push(state);
    this.label.push(label);
    this.place.push(place);
    this.items.push(undefined);
    this.votesFrom[this.n] = this.votesAt;
    return this.n * FIGURES;
  }

  /** Ends the row begun: `votes` votes written at `votesAt`, or -1 for none. */
  end(votes: number): void {
    this.votesLen[this.n] = votes;
    if (votes > 0) this.votesAt += votes;
    this.n++;
  }

  /** Appends a row the full path read (kept as it is for `incoming`). */
  push(item: BatchItem<P>): void {
    const a = item.acta;
    const vs = a.votes;
    const x = this.begin(a.mesa, a.ubigeo, a.state, a.stateLabel, item.place, vs?.length ?? 0);
    this.items[this.n] = item;
    const f = this.figures;
    f[x] = a.eligible;
    f[x + 1] = a.voters ?? NaN;
    f[x + 2] = a.blank;
    f[x + 3] = a.null;
    f[x + 4] = a.impugned;
    f[x + 5] = item.row;
    if (vs !== null)
      for (let j = 0; j < vs.length; j++) this.votes[this.votesAt + j] = vs[j] as number;
    this.end(vs === null ? -1 : vs.length);
  }

  /** Every row as the planner takes it: the full path's own objects, the others built here. */
  incoming(): BatchItem<P>[] {
    const out: BatchItem<P>[] = new Array<BatchItem<P>>(this.n);
    let at = 0;
    for (let k = 0; k < this.n; k++) {
      const len = this.votesLen[k] as number;
      const kept = this.items[k];
      if (kept !== undefined) {
        out[k] = kept;
        at += Math.max(len, 0);
        continue;
      }
      const x = k * FIGURES;
      const f = this.figures;
      const voters = f[x + 1] as number;
      out[k] = {
        acta: {
          election: this.election,
          mesa: this.mesa[k] as string,
          ubigeo: this.ubigeo[k] as string,
          state: this.state[k] as ActaState,
          stateLabel: this.label[k] as string,
          eligible: f[x] as number,
          voters: Number.isNaN(voters) ? null : voters,
          votes: len < 0 ? null : Array.from(this.votes.subarray(at, at + len)),
          blank: f[x + 2] as number,
          null: f[x + 3] as number,
          impugned: f[x + 4] as number,
        },
        row: f[x + 5] as number,
        warnings: [],
        place: this.place[k],
      };
      at += Math.max(len, 0);
    }
    return out;
  }
}

/** A batch's figure columns: all that a row's figures are compared from once it was sent. */
export interface BatchFigures {
  readonly n: number;
  readonly figures: Float64Array;
  readonly votesLen: Int32Array;
  readonly votesFrom: Int32Array;
  readonly votes: Int32Array;
}

/** The figures an acta's duplicate is compared on (not its state, place or preferential votes). */
export type ActaFigures = Pick<
  Acta,
  'eligible' | 'voters' | 'votes' | 'blank' | 'null' | 'impugned'
>;

/** The file row of a batch's first row (a batch sent is never empty). */
export function firstRow(b: BatchFigures): number {
  return b.figures[5] as number;
}

/**
 * Whether the batch holds file row `row` and its figures equal `acta`'s: null when the row is not
 * in the batch. Rows are in file order, so the row is found by bisection; its votes are at the
 * offset the batch kept for it: O(log batch + its votes) per duplicate row.
 */
export function sameFiguresAt(b: BatchFigures, row: number, acta: ActaFigures): boolean | null {
  const f = b.figures;
  let lo = 0;
  let hi = b.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = f[mid * FIGURES + 5] as number;
    if (r === row) return figuresEqual(b, mid, acta);
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

function figuresEqual(b: BatchFigures, k: number, acta: ActaFigures): boolean {
  const f = b.figures;
  const x = k * FIGURES;
  const voters = f[x + 1] as number;
  if (
    f[x] !== acta.eligible ||
    (Number.isNaN(voters) ? null : voters) !== acta.voters ||
    f[x + 2] !== acta.blank ||
    f[x + 3] !== acta.null ||
    f[x + 4] !== acta.impugned
  )
    return false;
  const len = b.votesLen[k] as number;
  const vs = acta.votes;
  if (len < 0 || vs === null) return len < 0 && vs === null;
  if (len !== vs.length) return false;
  const at = b.votesFrom[k] as number;
  for (let j = 0; j < len; j++) if (b.votes[at + j] !== vs[j]) return false;
  return true;
}

function grow<T extends Float64Array | Int32Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
