import { assert } from '../assert.js';
import {
  divisorTables,
  jumpRow,
  rowTotal,
  singleSeatRow,
  stepAndCertifyRow,
  stepRow,
  twoSeatRow,
  type DivisorTables,
} from './divisor-kernel.js';
import { DistrictRunner } from './seat-engine-district.js';
import { compileValla, markPassingList, sumLeaf, type Valla } from './seat-engine-valla.js';
import { divisorTable, type DivisorMethod } from './methods.js';
import type { SeatEngineSpec } from './seat-engine-spec.js';

export type { SeatEngineSpec } from './seat-engine-spec.js';

/**
 * The hot path for Monte Carlo and benchmarks: a whole election (valla + every district) on flat
 * typed arrays, allocating nothing per run. It gives exactly what computeSeats gives under the
 * "report" tie policy (differential test in seat-engine.test.ts): a district whose last seat is
 * tied keeps only its certain seats and is counted in the returned tie count.
 */
export interface SeatEngine {
  readonly districts: number;
  readonly parties: number;
  /**
   * votes[d·P + p] → out[d·P + p] seats. Returns the number of districts with a tie for the
   * last seat (plus 1 if the valla depended on a preliminary tie).
   */
  run(votes: Float64Array, out: Int32Array): number;
  /** After run: 1 for each party that passed the national valla in that run (all 1 without one). */
  readonly passed: Uint8Array;
}

/**
 * Compiles a ruleset's districts and valla into a SeatEngine; district-level shares only at the
 * top. Per run: the valla's national sums in one pass over the matrix, then each district's
 * eligible lists allocated in place on its row (commonDistricts), or gathered into contiguous
 * arrays by the DistrictRunner (divisor-kernel.ts).
 */
export function compileSeatEngine(spec: SeatEngineSpec): SeatEngine {
  const D = spec.seats.length;
  const P = spec.parties;
  assert(
    spec.methods.length === D && spec.districtNames.length === D,
    'engine: one method and name per district',
  );
  const maxSeats = Math.max(1, ...spec.seats);
  const runner = new DistrictRunner({
    parties: P,
    seats: Int32Array.from(spec.seats),
    // room for the jump start, which may overshoot by up to k/2 seats
    tables: spec.methods.map((m) => divisorTables(divisorTable(m, maxSeats + P + 1))),
    jump: Uint8Array.from(spec.methods, (m) => (m.respectsLowerQuota ? 1 : 0)),
  });
  return new CompiledEngine(spec, runner, compileValla(spec, runner));
}

/**
 * The engine as a class over its fields, calling module-level functions: one `run` for every
 * engine. A closure per engine was fast only while a single engine existed (V8 then specialises
 * the closure to its captured values); with a second one in the process, as in the bench and
 * the projection's workers, the Monte Carlo line took 45 % longer.
 */
class CompiledEngine implements SeatEngine {
  readonly districts: number;
  readonly parties: number;
  readonly passed: Uint8Array;
  private readonly list: Int32Array;
  private readonly common: CommonPlan;

  constructor(
    spec: SeatEngineSpec,
    private readonly runner: DistrictRunner,
    private readonly valla: Valla,
  ) {
    this.districts = spec.seats.length;
    this.parties = spec.parties;
    this.passed = new Uint8Array(spec.parties);
    this.list = new Int32Array(spec.parties);
    this.common = commonPlan(spec, runner);
  }

  run(votes: Float64Array, out: Int32Array): number {
    const { valla, passed: eligible, list, parties: P } = this;
    const leaf = valla.leaf;
    let ties = 0;
    let n = 0;
    if (leaf !== null) {
      sumLeaf(leaf, votes, valla.blank);
      n = markPassingList(leaf, eligible, list);
    } else {
      if (valla.national(votes, eligible)) ties = 1;
      for (let p = 0; p < P; p++) if (eligible[p] === 1) list[n++] = p;
    }
    out.fill(0);
    const byDistrict = valla.district;
    if (byDistrict === null) return ties + commonDistricts(this.common, votes, list, n, out);
    const D = this.districts;
    for (let d = 0; d < D; d++) {
      const m = byDistrict(votes, d, eligible);
      if (this.runner.allocateInto(votes, d, valla.districtList, m, out)) ties++;
    }
    return ties;
  }
}

/** D'Hondt with two seats or more: the jump in place. */
const JUMP = 1;
/** One seat by a method whose first divisor is 1 (respects lower quota): the most votes. */
const SINGLE = 2;
/** Any other method: through the DistrictRunner. */
const RUNNER = 0;
/** D'Hondt with two seats: from the three largest votes (twoSeatRow). */
const TWO = 3;

/** What `commonDistricts` reads: the engine's plan, built once. */
interface CommonPlan {
  readonly P: number;
  readonly D: number;
  readonly seats: Int32Array;
  /** JUMP, TWO, SINGLE or RUNNER per district: how commonDistricts allocates it. */
  readonly jump: Uint8Array;
  readonly tables: readonly DivisorTables[];
  readonly runner: DistrictRunner;
  /** jumpRow's next-district total. */
  readonly next: Float64Array;
}

function commonPlan(spec: SeatEngineSpec, runner: DistrictRunner): CommonPlan {
  return {
    P: spec.parties,
    D: spec.seats.length,
    seats: Int32Array.from(spec.seats),
    jump: Uint8Array.from(spec.methods, (m, d) => modeOf(m, spec.seats[d] as number)),
    tables: spec.seats.map((_, d) => runner.tablesOf(d)),
    runner,
    next: new Float64Array(1),
  };
}

function modeOf(m: DivisorMethod, seats: number): number {
  if (!m.respectsLowerQuota) return RUNNER;
  if (seats < 2) return SINGLE;
  // twoSeatRow compares a/2 with b: D'Hondt's divisors 1, 2 (on any integer scale)
  const t = divisorTable(m, 1);
  return seats === 2 && t[1] === 2 * (t[0] as number) ? TWO : JUMP;
}

/**
 * Every district of a run without a district-level valla. A D'Hondt district is allocated on its
 * row of the matrix in place: the jump (jumpRow, which also sums the next district's total in
 * the same loop), and when it is one seat off, one certified step (stepRow); 49 % and 47 % of
 * the bench's districts, with no gather into separate arrays and no scatter back (a fifth of the
 * run before). A two-seat D'Hondt district takes one pass instead (twoSeatRow). Anything else — another method, a jump too close to an integer or two seats off
 * that the in-place steps cannot certify, votes not ≥ 0 — clears the row and goes through the
 * runner: the gathered kernel's certified guess, else the exact path with its tie report.
 * Returns the number of tied districts. A module-level function over its plan's fields read into
 * locals once, not a closure per engine: V8 specialises a closure to its captured values only
 * while one engine exists, and the projection's process holds many.
 */
function commonDistricts(
  c: CommonPlan,
  votes: Float64Array,
  list: Int32Array,
  n: number,
  out: Int32Array,
): number {
  const { P, D, seats, jump, tables, runner, next } = c;
  let ties = 0;
  // each district's total (−1: a vote not ≥ 0), summed ahead by the previous district's jump
  let total = rowTotal(votes, 0, list, n);
  for (let d = 0, base = 0; d < D; d++, base += P) {
    const S = seats[d] as number;
    const nextBase = d + 1 < D ? base + P : base;
    let known = false;
    const mode = jump[d] as number;
    if (S !== 0 && total !== 0) {
      if (total > 0 && mode === JUMP) {
        const t = tables[d] as DivisorTables;
        const r = jumpRow(votes, out, base, list, n, total, S, nextBase, next);
        known = true;
        if (r === S || (r >= 0 && stepRow(votes, out, base, list, n, r, S, t))) {
          total = next[0] as number;
          continue;
        }
        if (!stepAndCertifyRow(votes, out, base, list, n, r < 0 ? ~r : r, S, t)) {
          for (let j = 0; j < n; j++) out[base + (list[j] as number)] = 0;
          if (runner.allocateInto(votes, d, list, n, out)) ties++;
        }
      } else if (total > 0 && mode === TWO) {
        known = true;
        if (!twoSeatRow(votes, out, base, list, n, nextBase, next))
          if (runner.allocateInto(votes, d, list, n, out)) ties++;
      } else if (!(total > 0 && mode === SINGLE && singleSeatRow(votes, out, base, list, n)))
        if (runner.allocateInto(votes, d, list, n, out)) ties++;
    }
    total = known ? (next[0] as number) : rowTotal(votes, nextBase, list, n);
  }
  return ties;
}
