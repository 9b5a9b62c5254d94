import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIVISOR_METHODS, QUOTA_METHODS } from '../../test-utils/allocation-methods.js';
import { arbitraryElection } from '../../test-utils/arbitraries.js';
import { allocateSeats } from './allocate.js';
import { DANISH, HUNTINGTON_HILL, linearDivisors, withFirstDivisor } from './methods.js';
import { referenceAllocate } from './reference.js';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 4_000);

describe('allocateSeats equals the naive reference table method', () => {
  it.each(
    [
      ...DIVISOR_METHODS,
      withFirstDivisor(HUNTINGTON_HILL, { numerator: 1, denominator: 2 }),
      withFirstDivisor(DANISH, { numerator: 5, denominator: 2 }),
      linearDivisors(
        { numerator: 3, denominator: 2 },
        { numerator: 5, denominator: 2 },
        { numerator: 1, denominator: 3 },
      ),
      ...QUOTA_METHODS,
    ].map((m) => [m.id, m] as const),
  )('%s: same seats and the same tie on random elections, ties included', (_id, method) => {
    let ties = 0;
    fc.assert(
      fc.property(
        fc.oneof(arbitraryElection({ small: true }), arbitraryElection()),
        ({ lists, seats }) => {
          const fast = allocateSeats({ lists, seats, method, tieBreak: { steps: ['report'] } });
          const ref = referenceAllocate(
            lists.map((l) => l.votes),
            seats,
            method,
          );
          expect(lists.map((l) => fast.seats.get(l.party) ?? 0)).toEqual(ref.seats);
          const refTie = ref.tie
            ? {
                candidates: ref.tie.candidates.map((i) => lists[i]?.party).sort(),
                seats: ref.tie.seatsInContention,
              }
            : null;
          const fastTie = fast.tie
            ? { candidates: [...fast.tie.candidates], seats: fast.tie.seatsInContention }
            : null;
          expect(fastTie).toEqual(refTie);
          if (fast.tie) ties++;
        },
      ),
      { numRuns: RUNS },
    );
    expect(ties).toBeGreaterThan(RUNS / 100); // the corpus really exercises ties
  });
});
