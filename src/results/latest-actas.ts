import { ACTA_STATES, type Acta } from '../core/model/acta.js';
import { ActaColumnsBuilder, STATE_INDEX, type ActaColumns } from '../core/tally/acta-columns.js';

/** Eligible, blank, null, impugned, voters (NaN when none): the numbers held per acta. */
const FIGURES = 5;

/**
 * Each mesa's latest acta as one row of typed arrays, not one object per acta: the count course's
 * running state (count-course.ts), kept per election for the life of the process. It holds what
 * the national tally reads of an acta (place, state, eligible, voters, blank, null, impugned, votes);
 * not the preferential votes nor the source's labels, which no national sum needs.
 */
export class LatestActas {
  private readonly rowOf = new Map<string, number>();
  private readonly ubigeos: string[] = [];
  private readonly ubigeoIndex = new Map<string, number>();
  private rows = 0;
  private ubigeoOf = new Int32Array(0);
  private state = new Uint8Array(0);
  private hasFigures = new Uint8Array(0);
  private figures = new Float64Array(0);
  private votes = new Int32Array(0);

  constructor(private readonly choices: number) {}

  /** The number of mesas held. */
  get size(): number {
    return this.rows;
  }

  /** Whether `mesa` has an acta held. */
  has(mesa: string): boolean {
    return this.rowOf.has(mesa);
  }

  /** Records `a` as its mesa's latest acta. */
  set(a: Acta): void {
    let i = this.rowOf.get(a.mesa);
    if (i === undefined) {
      i = this.rows++;
      if (i >= this.state.length) this.grow(Math.max(1024, 2 * this.state.length));
      this.rowOf.set(a.mesa, i);
    }
    let u = this.ubigeoIndex.get(a.ubigeo);
    if (u === undefined) {
      u = this.ubigeos.push(a.ubigeo) - 1;
      this.ubigeoIndex.set(a.ubigeo, u);
    }
    const s = STATE_INDEX.get(a.state);
    if (s === undefined) throw new Error(`unknown acta state ${a.state}`);
    this.ubigeoOf[i] = u;
    this.state[i] = s;
    this.hasFigures[i] = a.votes === null ? 0 : 1;
    const f = FIGURES * i;
    this.figures[f] = a.eligible;
    this.figures[f + 1] = a.blank;
    this.figures[f + 2] = a.null;
    this.figures[f + 3] = a.impugned;
    this.figures[f + 4] = a.voters ?? Number.NaN;
    const C = this.choices;
    const n = a.votes === null ? 0 : Math.min(C, a.votes.length);
    for (let k = 0; k < n; k++) this.votes[i * C + k] = (a.votes as readonly number[])[k] as number;
    this.votes.fill(0, i * C + n, (i + 1) * C);
  }

  /** The latest actas of these mesas as columns, in this order; a mesa never set is left out. */
  columnsOf(mesas: readonly string[]): ActaColumns {
    const held = mesas.filter((m) => this.rowOf.has(m));
    const C = this.choices;
    const b = new ActaColumnsBuilder(held.length, C);
    for (const m of held) {
      const i = this.rowOf.get(m) as number;
      const [eligible, blank, nul, impugned, voters] = this.figures.subarray(
        FIGURES * i,
        FIGURES * (i + 1),
      );
      b.push(
        m,
        this.ubigeos[this.ubigeoOf[i] as number] as string,
        ACTA_STATES[this.state[i] as number] as Acta['state'],
        eligible as number,
        Number.isNaN(voters) ? null : (voters as number),
        blank as number,
        nul as number,
        impugned as number,
        this.hasFigures[i] === 1 ? this.votes.subarray(i * C, (i + 1) * C) : null,
      );
    }
    return b.finish();
  }

  private grow(capacity: number): void {
    const more = <T extends Int32Array | Uint8Array | Float64Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.ubigeoOf = more(this.ubigeoOf, capacity);
    this.state = more(this.state, capacity);
    this.hasFigures = more(this.hasFigures, capacity);
    this.figures = more(this.figures, FIGURES * capacity);
    this.votes = more(this.votes, this.choices * capacity);
  }
}
