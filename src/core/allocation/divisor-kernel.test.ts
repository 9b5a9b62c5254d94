import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateCertified,
  allocateGathered,
  divisorTables,
  releaseTiedSeats,
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
