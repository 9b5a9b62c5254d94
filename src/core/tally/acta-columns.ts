import { ACTA_STATES, type Acta, type ActaState } from '../model/acta.js';

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
  /** votes[i × choices + k]: acta i's votes for choice k (0 without figures). */
  readonly votes: Int32Array;
  /** Preferential votes per acta, or null when no acta has any. */
  readonly preferential: readonly (readonly (readonly number[])[] | undefined)[] | null;
}

export const STATE_INDEX: ReadonlyMap<ActaState, number> = new Map(
  ACTA_STATES.map((s, i) => [s, i]),
);

/** Fills columns row by row: the stores' loaders and `columnsFromActas` use it. */
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
  private readonly votes: Int32Array;
  private preferential: (readonly (readonly number[])[] | undefined)[] | null = null;

  constructor(capacity: number, choices: number) {
    this.choices = choices;
    this.ubigeoOf = new Int32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.hasFigures = new Uint8Array(capacity);
    this.eligible = new Float64Array(capacity);
    this.blank = new Float64Array(capacity);
    this.null = new Float64Array(capacity);
    this.impugned = new Float64Array(capacity);
    this.votes = new Int32Array(capacity * choices);
  }

  /** Adds one acta (`votes` null when it carries no figures). */
  push(
    mesa: string,
    ubigeo: string,
    state: ActaState,
    eligible: number,
    blank: number,
    nul: number,
    impugned: number,
    votes: { readonly length: number; readonly [k: number]: number } | null,
    preferential?: readonly (readonly number[])[] | null,
  ): void {
    const i = this.i++;
    if (i >= this.ubigeoOf.length)
      throw new Error('ActaColumnsBuilder: more actas than its capacity');
    this.mesa.push(mesa);
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
    this.blank[i] = blank;
    this.null[i] = nul;
    this.impugned[i] = impugned;
    if (votes !== null) {
      this.hasFigures[i] = 1;
      const C = this.choices;
      const n = Math.min(C, votes.length);
      const base = i * C;
      for (let k = 0; k < n; k++) this.votes[base + k] = votes[k] as number;
    }
    if (preferential) (this.preferential ??= [])[i] = preferential;
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
  const C = prev.choices;
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
  const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T => {
    const out = new (a.constructor as new (n: number) => T)(size);
    out.set(a);
    return out;
  };
  const mesa = prev.mesa.slice();
  for (const [m] of added) mesa.push(m);
  const ubigeos = prev.ubigeos.slice();
  const ubigeoIndex = new Map(ubigeos.map((u, i) => [u, i]));
  const ubigeoOf = grow(prev.ubigeoOf, n);
  const state = grow(prev.state, n);
  const hasFigures = grow(prev.hasFigures, n);
  const eligible = grow(prev.eligible, n);
  const blank = grow(prev.blank, n);
  const nul = grow(prev.null, n);
  const impugned = grow(prev.impugned, n);
  const votes = grow(prev.votes, n * C);
  let preferential = prev.preferential === null ? null : prev.preferential.slice();
  for (const r of rows) {
    const i = at.get(r.mesa) as number;
    let u = ubigeoIndex.get(r.ubigeo);
    if (u === undefined) {
      u = ubigeos.length;
      ubigeos.push(r.ubigeo);
      ubigeoIndex.set(r.ubigeo, u);
    }
    ubigeoOf[i] = u;
    const s = STATE_INDEX.get(r.state);
    if (s === undefined) throw new Error(`unknown acta state ${r.state}`);
    state[i] = s;
    eligible[i] = r.eligible;
    blank[i] = r.blank;
    nul[i] = r.null;
    impugned[i] = r.impugned;
    votes.fill(0, i * C, i * C + C);
    hasFigures[i] = r.votes === null ? 0 : 1;
    if (r.votes !== null) {
      const k = Math.min(C, r.votes.length);
      for (let j = 0; j < k; j++) votes[i * C + j] = r.votes[j] as number;
    }
    if (r.preferential) (preferential ??= [])[i] = r.preferential;
    else if (preferential !== null) preferential[i] = undefined;
  }
  return {
    columns: {
      choices: C,
      length: n,
      mesa,
      ubigeos,
      ubigeoOf,
      state,
      hasFigures,
      eligible,
      blank,
      null: nul,
      impugned,
      votes,
      preferential,
    },
    added,
  };
}
