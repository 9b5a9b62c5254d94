import type { DivisorMethod } from './methods.js';

/**
 * The lower apportionment of a biproportional method ("doppelter Pukelsheim"): seats per
 * district × party such that every district gets its seats and every party its upper-apportionment
 * total, each cell being its votes divided by a district divisor and a party divisor, rounded by
 * the divisor method (standard rounding for Sainte-Laguë). Found by alternating scaling: rows
 * then columns, each a divisor-method apportionment, until both marginals hold.
 *
 * The divisors are real numbers: this stage works in doubles, as the official calculators do.
 * A cell whose scaled quotient falls within a relative 1e-10 of a rounding boundary, with the
 * marginals then satisfiable in more than one way, is reported as a tie (the law draws lots).
 * @see Pukelsheim, Proportional Representation (2017), ch. 14; Balinski & Demange (1989).
 */
export interface BiproportionalInput {
  /** votes[d][p] of the lists that take part (others 0). */
  readonly votes: readonly (readonly number[])[];
  readonly districtSeats: readonly number[];
  readonly partySeats: readonly number[];
  readonly method: DivisorMethod;
  readonly maxIterations?: number;
}

export interface BiproportionalOutcome {
  readonly seats: number[][];
  readonly districtDivisors: number[];
  readonly partyDivisors: number[];
  readonly converged: boolean;
  /** Cells at a rounding boundary that decided a seat: [district, party] pairs. */
  readonly ties: readonly (readonly [number, number])[];
  readonly iterations: number;
}

const EPS = 1e-10;

/** The k-th rounding boundary (the divisor of the (k+1)-th seat), as a real number. */
function boundary(method: DivisorMethod, k: number): number {
  return method.divisor(k);
}

/**
 * Apportions `seats` among weights by the method: the `seats` highest quotients w/d(k). Returns
 * the seats and a divisor λ between the last winning and first losing quotient (their midpoint),
 * so that every weight's seats are the boundaries its quotient w/λ passes.
 */
function apportionWeights(
  weights: readonly number[],
  seats: number,
  method: DivisorMethod,
): { seats: number[]; divisor: number } {
  const out = weights.map(() => 0);
  const active = weights.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  if (active.length === 0 || seats === 0) return { seats: out, divisor: Number.POSITIVE_INFINITY };
  let last = Number.POSITIVE_INFINITY;
  for (let s = 0; s < seats; s++) {
    let best = -1;
    let bq = -1;
    for (const i of active) {
      const d = boundary(method, out[i] as number);
      const q = d === 0 ? Number.POSITIVE_INFINITY : (weights[i] as number) / d;
      if (q > bq) {
        bq = q;
        best = i;
      }
    }
    out[best] = (out[best] as number) + 1;
    last = bq;
  }
  let next = 0;
  for (const i of active) {
    const d = boundary(method, out[i] as number);
    const q = d === 0 ? Number.POSITIVE_INFINITY : (weights[i] as number) / d;
    if (q > next) next = q;
  }
  const divisor = Number.isFinite(last) ? (last + next) / 2 : next > 0 ? next / 2 : 1;
  return { seats: out, divisor: divisor > 0 ? divisor : 1 };
}

/** Seats of a cell given its votes and the two divisors: the number of boundaries it passes. */
function cellSeats(method: DivisorMethod, v: number, scale: number): number {
  if (v <= 0) return 0;
  const x = v / scale;
  let k = 0;
  while (x >= boundary(method, k)) k++;
  return k;
}

export function lowerApportionment(input: BiproportionalInput): BiproportionalOutcome {
  const { votes, districtSeats, partySeats, method } = input;
  const D = districtSeats.length;
  const P = partySeats.length;
  const dDiv = new Array<number>(D).fill(1);
  const pDiv = partySeats.map((s) => (s > 0 ? 1 : Number.POSITIVE_INFINITY));
  const ties: [number, number][] = [];
  const max = input.maxIterations ?? 1000;
  let seats: number[][] = votes.map((r) => r.map(() => 0));
  for (let it = 1; it <= max; it++) {
    // rows: each district's seats among its parties, weights v / party divisor
    for (let d = 0; d < D; d++) {
      const w = (votes[d] as readonly number[]).map((v, p) => v / (pDiv[p] as number));
      dDiv[d] = apportionWeights(w, districtSeats[d] as number, method).divisor;
    }
    // columns: each party's seats among districts, weights v / district divisor
    for (let p = 0; p < P; p++) {
      if ((partySeats[p] as number) === 0) continue;
      const w = votes.map((r, d) => (r[p] as number) / (dDiv[d] as number));
      pDiv[p] = apportionWeights(w, partySeats[p] as number, method).divisor;
    }
    seats = votes.map((r, d) =>
      r.map((v, p) =>
        (partySeats[p] as number) === 0
          ? 0
          : cellSeats(method, v, (dDiv[d] as number) * (pDiv[p] as number)),
      ),
    );
    const rowsOk = seats.every((r, d) => r.reduce((a, b) => a + b, 0) === districtSeats[d]);
    const colsOk = partySeats.every(
      (s, p) => seats.reduce((a, r) => a + (r[p] as number), 0) === s,
    );
    if (rowsOk && colsOk) {
      for (let d = 0; d < D; d++)
        for (let p = 0; p < P; p++) {
          const v = (votes[d] as readonly number[])[p] as number;
          if (v <= 0 || (partySeats[p] as number) === 0) continue;
          const x = v / ((dDiv[d] as number) * (pDiv[p] as number));
          const k = (seats[d] as number[])[p] as number;
          const near = (b: number): boolean => b > 0 && Math.abs(x - b) <= EPS * b;
          if (near(boundary(method, k)) || (k > 0 && near(boundary(method, k - 1))))
            ties.push([d, p]);
        }
      return {
        seats,
        districtDivisors: dDiv,
        partyDivisors: pDiv,
        converged: true,
        ties,
        iterations: it,
      };
    }
  }
  return {
    seats,
    districtDivisors: dDiv,
    partyDivisors: pDiv,
    converged: false,
    ties,
    iterations: max,
  };
}
