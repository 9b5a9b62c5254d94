import {
  allocateCertified,
  allocateGathered,
  releaseTiedSeats,
  type DivisorTables,
} from './divisor-kernel.js';

/** What the district runner needs per district: seats, divisor table, jump start allowed. */
export interface DistrictPlan {
  readonly parties: number;
  readonly seats: Int32Array;
  readonly tables: readonly DivisorTables[];
  /** 1 where the method respects lower quota (D'Hondt): the allocation may jump-start. */
  readonly jump: Uint8Array;
}

/**
 * One district at a time, for the SeatEngine: gathers the lists of a party list that have votes
 * in the district into contiguous arrays, allocates there, and leaves the result (`k` lists,
 * their party indices `at` and seats `s`) until the next district. Allocates nothing per call.
 */
export class DistrictRunner {
  /** After allocate: how many lists took part, their party indices and their seats. */
  k = 0;
  readonly at: Int32Array;
  readonly s: Int32Array;
  private readonly v: Float64Array;
  private readonly contested: Uint8Array;
  // the plan's fields held directly: one load fewer per district on the hot path
  private readonly P: number;
  private readonly seats: Int32Array;
  private readonly tables: readonly DivisorTables[];
  private readonly jump: Uint8Array;

  constructor(plan: DistrictPlan) {
    this.P = plan.parties;
    this.seats = plan.seats;
    this.tables = plan.tables;
    this.jump = plan.jump;
    this.at = new Int32Array(plan.parties);
    this.s = new Int32Array(plan.parties);
    this.v = new Float64Array(plan.parties);
    this.contested = new Uint8Array(plan.parties);
  }

  /**
   * Allocates district d (votes[d·P + p]) among the parties list[0..n) that have votes there.
   * On a tie for the last seat the contested seats stay unallocated, and each list involved
   * (holders and challengers) is counted in `contestedCount` when given. Returns true on a tie.
   */
  allocate(
    votes: Float64Array,
    d: number,
    list: Int32Array,
    n: number,
    contestedCount: Int32Array | null,
  ): boolean {
    const base = d * this.P;
    const v = this.v;
    const at = this.at;
    let k = 0;
    let total = 0;
    for (let j = 0; j < n; j++) {
      const p = list[j] as number;
      const x = votes[base + p] as number;
      if (x > 0) {
        v[k] = x;
        at[k++] = p;
        total += x;
      }
    }
    const seats = this.seats[d] as number;
    if (k === 0 || seats === 0) {
      this.k = 0;
      return false;
    }
    this.k = k;
    const t = this.tables[d] as DivisorTables;
    const jump = this.jump[d] === 1;
    if (allocateCertified(v, this.s, k, total, seats, t, jump)) return false;
    return this.exact(k, total, seats, t, jump, contestedCount);
  }

  /** Quotients too close for floats to decide: the exact path, ties reported (rare; kept apart). */
  private exact(
    k: number,
    total: number,
    seats: number,
    t: DivisorTables,
    jump: boolean,
    contestedCount: Int32Array | null,
  ): boolean {
    const v = this.v;
    if (!allocateGathered(v, this.s, k, total, seats, t.divisors, jump)) return false;
    releaseTiedSeats(v, this.s, k, t.divisors, this.contested);
    if (contestedCount !== null)
      for (let j = 0; j < k; j++)
        if (this.contested[j] === 1) contestedCount[this.at[j] as number]! += 1;
    return true;
  }

  /** District d's divisor tables. */
  tablesOf(d: number): DivisorTables {
    return this.tables[d] as DivisorTables;
  }

  /** District d's seats. */
  seatsOf(d: number): number {
    return this.seats[d] as number;
  }

  /**
   * allocate, then its seats written into out[d·P + p] (the rest of the row left as is): the
   * SeatEngine's loop, in one call so that the lists' count stays in a register.
   */
  allocateInto(
    votes: Float64Array,
    d: number,
    list: Int32Array,
    n: number,
    out: Int32Array,
  ): boolean {
    const tied = this.allocate(votes, d, list, n, null);
    const k = this.k;
    const at = this.at;
    const s = this.s;
    const base = d * this.P;
    for (let j = 0; j < k; j++) out[base + (at[j] as number)] = s[j] as number;
    return tied;
  }

  /** Writes the last allocation's seats into out[base + p] (the rest of the row is left as is). */
  scatter(out: Int32Array, base: number): void {
    const at = this.at;
    const s = this.s;
    const k = this.k;
    for (let j = 0; j < k; j++) out[base + (at[j] as number)] = s[j] as number;
  }
}
