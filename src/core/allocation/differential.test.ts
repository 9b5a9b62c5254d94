import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryElection } from '../../test-utils/arbitraries.js';
import { allocateSeats } from './allocate.js';
import {
  ADAMS,
  DANISH,
  DEAN,
  DHONDT,
  DROOP,
  HAGENBACH_BISCHOFF,
  HARE,
  HUNTINGTON_HILL,
  IMPERIALI,
  IMPERIALI_QUOTA,
  MODIFIED_SAINTE_LAGUE,
  SAINTE_LAGUE,
  MACAU,
  HARE_ROUNDED,
  HAGENBACH_BISCHOFF_CEIL,
  HAGENBACH_BISCHOFF_ROUNDED,
  linearDivisors,
  modifiedSainteLague,
  withFirstDivisor,
} from './methods.js';
import { referenceAllocate } from './reference.js';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 4_000);

describe('allocateSeats equals the naive reference table method', () => {
  it.each(
    [
      DHONDT,
      SAINTE_LAGUE,
      MODIFIED_SAINTE_LAGUE,
      modifiedSainteLague({ numerator: 6, denominator: 5 }),
      DANISH,
      IMPERIALI,
      ADAMS,
      HUNTINGTON_HILL,
      DEAN,
      MACAU,
      withFirstDivisor(HUNTINGTON_HILL, { numerator: 1, denominator: 2 }),
      withFirstDivisor(DANISH, { numerator: 5, denominator: 2 }),
      linearDivisors(
        { numerator: 3, denominator: 2 },
        { numerator: 5, denominator: 2 },
        { numerator: 1, denominator: 3 },
      ),
      HARE,
      DROOP,
      HAGENBACH_BISCHOFF,
      IMPERIALI_QUOTA,
      HARE_ROUNDED,
      HAGENBACH_BISCHOFF_CEIL,
      HAGENBACH_BISCHOFF_ROUNDED,
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
