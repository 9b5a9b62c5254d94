import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateCertified,
  allocateGathered,
  divisorTables,
  releaseTiedSeats,
  twoSeatRow,
} from './divisor-kernel.js';
import {
  ADAMS,
  DANISH,
  DHONDT,
  IMPERIALI,
  MODIFIED_SAINTE_LAGUE,
  PLURALITY,
  SAINTE_LAGUE,
  divisorTable,
  linearDivisors,
  type DivisorMethod,
} from './methods.js';
import { referenceAllocate } from './reference.js';
import { DistrictRunner } from './seat-engine-district.js';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 4_000);

const METHODS: readonly DivisorMethod[] = [
  DHONDT,
  SAINTE_LAGUE,
  MODIFIED_SAINTE_LAGUE,
  DANISH,
  IMPERIALI,
  ADAMS,
  PLURALITY,
  linearDivisors(
    { numerator: 3, denominator: 2 },
    { numerator: 5, denominator: 2 },
    { numerator: 1, denominator: 3 },
  ),
];

/** Votes that tie often (small), that do not (large), or that sit near 10⁹. */
const votesArb = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 9 }),
  fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 12 }),
  fc.array(fc.integer({ min: 999_000_000, max: 1_000_000_000 }), { minLength: 1, maxLength: 6 }),
);

/** One district through the SeatEngine's runner: seats per list and the lists of a tie. */
function runDistrict(votes: readonly number[], seats: number, method: DivisorMethod) {
  const P = votes.length;
  const runner = new DistrictRunner({
    parties: P,
    seats: Int32Array.of(seats),
    tables: [divisorTables(divisorTable(method, seats + P + 1))],
    jump: Uint8Array.of(method.respectsLowerQuota ? 1 : 0),
  });
  const contested = new Int32Array(P);
  const out = new Int32Array(P);
  const list = Int32Array.from(votes, (_, p) => p);
  const tied = runner.allocate(Float64Array.from(votes), 0, list, P, contested);
  runner.scatter(out, 0);
  return {
    seats: [...out],
    tie: tied ? [...contested].flatMap((c, p) => (c > 0 ? [p] : [])) : null,
  };
}

describe('the SeatEngine district kernel equals the naive reference table method', () => {
  it.each(METHODS.map((m) => [m.id, m] as const))(
    '%s: same seats and the same tied lists on random districts',
    (_id, method) => {
      let ties = 0;
      fc.assert(
        fc.property(votesArb, fc.integer({ min: 0, max: 40 }), (votes, s) => {
          const seats = method.singleSeat ? Math.min(s, 1) : s;
          const fast = runDistrict(votes, seats, method);
          const ref = referenceAllocate(votes, seats, method);
          expect(fast.seats).toEqual(ref.seats);
          expect(fast.tie).toEqual(ref.tie === null ? null : [...ref.tie.candidates]);
          if (ref.tie !== null) ties++;
        }),
        { numRuns: RUNS },
      );
      expect(ties).toBeGreaterThan(RUNS / 50);
    },
  );
});

describe('allocateCertified (float guess, certified) and allocateGathered (exact)', () => {
  const tables = divisorTables(divisorTable(DHONDT, 64));
  const v = Float64Array.of(100, 80, 30);
  const s = new Int32Array(3);

  it('certifies an allocation whose quotients are apart and gives the exact seats', () => {
    expect(allocateCertified(v, s, 3, 210, 5, tables, true)).toBe(true);
    // quotients 100, 80, 50, 40, 33.3 | 30, 26.7: 3 + 2 + 0
    expect([...s]).toEqual([3, 2, 0]);
  });

  it('declines a tie at the cut, which the exact path then reports', () => {
    // 100, 80, 50 | 40, 40 (80/2 and 40's first seat): the fourth seat is tied
    const w = Float64Array.of(100, 80, 40);
    expect(allocateCertified(w, s, 3, 220, 4, tables, true)).toBe(false);
    expect(allocateGathered(w, s, 3, 220, 4, tables.divisors, true)).toBe(true);
    const contested = new Uint8Array(3);
    expect(releaseTiedSeats(w, s, 3, tables.divisors, contested)).toBe(2);
    expect([...s]).toEqual([2, 1, 0]);
    expect([...contested]).toEqual([0, 1, 1]);
  });

  it('declines quotients closer than floats can separate, which the exact path separates', () => {
    // a/3 = 333,333,332.67 and b/2 = 333,333,332.5 differ by 5·10⁻¹⁰ of themselves
    const w = Float64Array.of(999_999_998, 666_666_665);
    expect(allocateCertified(w, s, 2, 1_666_666_663, 4, tables, true)).toBe(false);
    expect(allocateGathered(w, s, 2, 1_666_666_663, 4, tables.divisors, true)).toBe(false);
    expect([...s.subarray(0, 2)]).toEqual([3, 1]);
  });
});

describe("twoSeatRow (two D'Hondt seats from the three largest votes, on a row in place)", () => {
  // row 0 is allocated (lists 0, 1, 3 eligible; list 2 is not), row 1 is the next district
  const list = Int32Array.of(0, 1, 3);
  const run = (row: number[]): { ok: boolean; out: number[]; next: number } => {
    const votes = Float64Array.from([...row, 5, 6, 7, 8]);
    const out = new Int32Array(8);
    const next = new Float64Array(1);
    const ok = twoSeatRow(votes, out, 0, list, 3, 4, next);
    return { ok, out: [...out.subarray(0, 4)], next: next[0] as number };
  };

  it('gives both seats to a list with more than twice the runner-up, else one each', () => {
    // 100 > 2·49: quotients 100, 50 | 49
    expect(run([100, 49, 999, 10])).toEqual({ ok: true, out: [2, 0, 0, 0], next: 19 });
    // 100 < 2·51: quotients 100, 51 | 50, 10
    expect(run([100, 10, 999, 51])).toEqual({ ok: true, out: [1, 0, 0, 1], next: 19 });
    // two lists equal at the top share the two seats untied: 70, 70 | 35, 35, 3
    expect(run([70, 70, 0, 3])).toEqual({ ok: true, out: [1, 1, 0, 0], next: 19 });
  });

  it('declines a tie for the second seat (a = 2b, or b = c), leaving the row untouched', () => {
    // 100/2 = 50 = the runner-up's first quotient
    expect(run([100, 50, 0, 20])).toEqual({ ok: false, out: [0, 0, 0, 0], next: 19 });
    // 100 | 60, 60: the second seat between the two 60s
    expect(run([60, 100, 0, 60])).toEqual({ ok: false, out: [0, 0, 0, 0], next: 19 });
  });

  it('sums the next row as −1 when one of its votes is not ≥ 0', () => {
    const votes = Float64Array.from([100, 10, 0, 51, 5, NaN, 7, 8]);
    const next = new Float64Array(1);
    twoSeatRow(votes, new Int32Array(8), 0, list, 3, 4, next);
    expect(next[0]).toBe(-1);
  });
});
