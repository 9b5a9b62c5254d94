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
