import { ACTA_STATES, bookedFigures, type Acta, type ActaState } from '../model/acta.js';

/**
 * The current actas of an election as columns: one typed array per figure, the votes of all
 * actas in one array. The results service and the projection share one such snapshot per store
 * revision; tabulating it touches no per-acta object (BENCHMARKS.md: 86,488 objects cost the
 * tabulation most of its time, and the load as much again).
 */
export interface ActaColumns {
  readonly choices: number;
  readonly length: number;
  readonly mesa: readonly string[];
  /** The distinct ubigeos, in order of first appearance, and each acta's index into them. */
  readonly ubigeos: readonly string[];
  readonly ubigeoOf: Int32Array;
  /** Index into ACTA_STATES. */
  readonly state: Uint8Array;
  /** 1 when the acta carries figures (its votes are not null). */
  readonly hasFigures: Uint8Array;
  readonly eligible: Float64Array;
  readonly blank: Float64Array;
  readonly null: Float64Array;
  readonly impugned: Float64Array;
  /**
   * An acta at the JEE's voters, the votes it holds while the JEE rules (its electors where it
   * states no voters: what it can hold at most); 0 in every other state.
   */
  readonly jeeVoters: Float64Array;
  /** votes[i × choices + k]: acta i's votes for choice k (0 without figures). */
  readonly votes: Int32Array;
  /** Preferential votes per acta, or null when no acta has any. */
  readonly preferential: readonly (readonly (readonly number[])[] | undefined)[] | null;
}

export const STATE_INDEX: ReadonlyMap<ActaState, number> = new Map(
  ACTA_STATES.map((s, i) => [s, i]),
);

type Figures = { readonly length: number; readonly [k: number]: number };

/**
 * Fills columns row by row: the stores' loaders, `columnsFromActas`, and `patchColumns` (which
 * starts from a copy of an earlier snapshot).
 */
export class ActaColumnsBuilder {
  private i = 0;
  private readonly ubigeoIndex = new Map<string, number>();
  private readonly choices: number;
  private readonly mesa: string[] = [];
  private readonly ubigeos: string[] = [];
  private readonly ubigeoOf: Int32Array;
  private readonly state: Uint8Array;
  private readonly hasFigures: Uint8Array;
  private readonly eligible: Float64Array;
  private readonly blank: Float64Array;
  private readonly null: Float64Array;
  private readonly impugned: Float64Array;
  private readonly jeeVoters: Float64Array;
  private readonly votes: Int32Array;
  private preferential: (readonly (readonly number[])[] | undefined)[] | null = null;

  /** With `from`, the builder starts as a copy of that snapshot (which stays untouched). */
  constructor(capacity: number, choices: number, from?: ActaColumns) {
    this.choices = choices;
    this.ubigeoOf = new Int32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.hasFigures = new Uint8Array(capacity);
    this.eligible = new Float64Array(capacity);
    this.blank = new Float64Array(capacity);
    this.null = new Float64Array(capacity);
    this.impugned = new Float64Array(capacity);
    this.jeeVoters = new Float64Array(capacity);
    this.votes = new Int32Array(capacity * choices);
    if (from === undefined) return;
    if (from.choices !== choices || from.length > capacity)
      throw new Error('ActaColumnsBuilder: the snapshot does not fit');
    this.i = from.length;
    this.mesa = from.mesa.slice();
    this.ubigeos = from.ubigeos.slice();
    this.ubigeos.forEach((u, k) => this.ubigeoIndex.set(u, k));
    this.ubigeoOf.set(from.ubigeoOf);
    this.state.set(from.state);
    this.hasFigures.set(from.hasFigures);
    this.eligible.set(from.eligible);
    this.blank.set(from.blank);
    this.null.set(from.null);
    this.impugned.set(from.impugned);
    this.jeeVoters.set(from.jeeVoters);
    this.votes.set(from.votes);
    this.preferential = from.preferential === null ? null : from.preferential.slice();
  }

  /** The number of actas so far. */
  get length(): number {
    return this.i;
  }

  /** Adds one acta (`votes` null when it carries no figures). */
  push(
    mesa: string,
    ubigeo: string,
    state: ActaState,
    eligible: number,
    voters: number | null,
    blank: number,
    nul: number,
    impugned: number,
    votes: Figures | null,
    preferential?: readonly (readonly number[])[] | null,
  ): void {
    const i = this.i++;
    if (i >= this.ubigeoOf.length)
      throw new Error('ActaColumnsBuilder: more actas than its capacity');
    this.mesa.push(mesa);
    this.set(i, ubigeo, state, eligible, voters, blank, nul, impugned, votes, preferential);
  }

  /** Replaces the figures of acta `i` (its mesa stays). */
  set(
    i: number,
    ubigeo: string,
    state: ActaState,
    eligible: number,
    voters: number | null,
    blank: number,
    nul: number,
    impugned: number,
    votes: Figures | null,
    preferential?: readonly (readonly number[])[] | null,
  ): void {
    let u = this.ubigeoIndex.get(ubigeo);
    if (u === undefined) {
      u = this.ubigeos.length;
      this.ubigeos.push(ubigeo);
      this.ubigeoIndex.set(ubigeo, u);
    }
    this.ubigeoOf[i] = u;
    const s = STATE_INDEX.get(state);
    if (s === undefined) throw new Error(`unknown acta state ${state}`);
    this.state[i] = s;
    this.eligible[i] = eligible;
    this.jeeVoters[i] = state === 'jee' ? (voters ?? eligible) : 0;
    // the columns are what the totals add: an annulled acta's votes as null (bookedFigures)
    const f = bookedFigures(
      state,
      { votes, voters, blank, null: nul, impugned, preferential },
      this.choices,
    );
    this.blank[i] = f.blank;
    this.null[i] = f.null;
    this.impugned[i] = f.impugned;
    this.setVotes(i, f.votes, f.preferential);
  }

  /** Acta `i`'s votes per choice and preferential votes, as booked. */
  private setVotes(
    i: number,
    votes: Figures | null,
    preferential: readonly (readonly number[])[] | null | undefined,
  ): void {
    const C = this.choices;
    const base = i * C;
    const n = votes === null ? 0 : Math.min(C, votes.length);
    this.hasFigures[i] = votes === null ? 0 : 1;
    for (let k = 0; k < n; k++) this.votes[base + k] = (votes as Figures)[k] as number;
    if (n < C) this.votes.fill(0, base + n, base + C);
    if (preferential) (this.preferential ??= [])[i] = preferential;
    else if (this.preferential !== null) this.preferential[i] = undefined;
  }

  finish(): ActaColumns {
    const n = this.i;
    const cut = <T extends Int32Array | Uint8Array | Float64Array>(a: T, len = n): T =>
      a.length === len ? a : (a.slice(0, len) as T);
    return {
      choices: this.choices,
      length: n,
      mesa: this.mesa,
      ubigeos: this.ubigeos,
      ubigeoOf: cut(this.ubigeoOf),
      state: cut(this.state),
      hasFigures: cut(this.hasFigures),
      eligible: cut(this.eligible),
      blank: cut(this.blank),
      null: cut(this.null),
      impugned: cut(this.impugned),
      jeeVoters: cut(this.jeeVoters),
      votes: cut(this.votes, n * this.choices),
      preferential: this.preferential,
    };
  }
}

/** Columns of the given actas, in their order. */
export function columnsFromActas(actas: readonly Acta[], choices: number): ActaColumns {
  const b = new ActaColumnsBuilder(actas.length, choices);
  for (const a of actas)
    b.push(
      a.mesa,
      a.ubigeo,
      a.state,
      a.eligible,
      a.voters,
      a.blank,
      a.null,
      a.impugned,
      a.votes,
      a.preferential,
    );
  return b.finish();
}

/** One acta's current figures, as a store reads them for a snapshot. */
export interface ActaRow {
  readonly mesa: string;
  readonly ubigeo: string;
  readonly state: ActaState;
  readonly eligible: number;
  /** Null when the acta states no voters (an annulled acta then books its figures' sum). */
  readonly voters: number | null;
  readonly blank: number;
  readonly null: number;
  readonly impugned: number;
  readonly votes: { readonly length: number; readonly [k: number]: number } | null;
  readonly preferential?: readonly (readonly number[])[] | null | undefined;
}

/**
 * A new snapshot from `prev` and the actas changed since: a changed mesa keeps its index, a new
 * one is appended (the last row of a mesa wins). `prev` is not modified, so readers of the old
 * snapshot are unaffected. `indexOf` gives a mesa's index in `prev`; the mesas appended are
 * returned with their indexes. Equal to rebuilding the columns from the updated actas (tested).
 */
export function patchColumns(
  prev: ActaColumns,
  rows: readonly ActaRow[],
  indexOf: (mesa: string) => number | undefined,
): { readonly columns: ActaColumns; readonly added: readonly (readonly [string, number])[] } {
  const added: [string, number][] = [];
  const at = new Map<string, number>();
  let n = prev.length;
  for (const r of rows) {
    if (at.has(r.mesa)) continue;
    const i = indexOf(r.mesa);
    if (i !== undefined && i < prev.length) at.set(r.mesa, i);
    else {
      at.set(r.mesa, n);
      added.push([r.mesa, n]);
      n++;
    }
  }
  const b = new ActaColumnsBuilder(n, prev.choices, prev);
  for (const r of rows) {
    const i = at.get(r.mesa) as number;
    const figures = [r.state, r.eligible, r.voters, r.blank, r.null, r.impugned, r.votes] as const;
    // a new mesa is appended on its first row; its later rows, like every known mesa, overwrite
    if (i === b.length) b.push(r.mesa, r.ubigeo, ...figures, r.preferential);
    else b.set(i, r.ubigeo, ...figures, r.preferential);
  }
  return { columns: b.finish(), added };
}
