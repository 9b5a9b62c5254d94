import fc from 'fast-check';
import type { ListVotes } from '../core/allocation/allocate.js';
import type { SeatInput } from '../core/pipeline/seats.js';

/**
 * Elections for property tests: distinct list names, votes either small (so exact ties are
 * common) or realistic, and a seat count. Tested in arbitraries.test.ts.
 */
export function arbitraryLists(
  opts: { readonly maxLists?: number; readonly small?: boolean } = {},
): fc.Arbitrary<ListVotes[]> {
  const votes = opts.small
    ? fc.integer({ min: 0, max: 30 })
    : fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5_000_000 }));
  return fc
    .uniqueArray(fc.tuple(fc.stringMatching(/^[A-Z][a-z0-9]{0,5}$/), votes), {
      minLength: 1,
      maxLength: opts.maxLists ?? 12,
      selector: ([name]) => name,
    })
    .map((xs) => xs.map(([party, v]) => ({ party, votes: v })));
}

/** At least one list with votes. */
export function arbitraryElection(
  opts: { readonly maxLists?: number; readonly maxSeats?: number; readonly small?: boolean } = {},
): fc.Arbitrary<{ lists: ListVotes[]; seats: number }> {
  return fc.record({
    lists: arbitraryLists(opts).filter((ls) => ls.some((l) => l.votes > 0)),
    seats: fc.integer({ min: 0, max: opts.maxSeats ?? 40 }),
  });
}

/**
 * Seat inputs for the differential tests of the seat paths: small votes (frequent ties for the
 * last seat, lists exactly at a share) or large ones, over 1–6 districts and 2–9 lists.
 */
export const arbitrarySeatInput: fc.Arbitrary<SeatInput> = fc
  .record({
    districts: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }),
    lists: fc.integer({ min: 2, max: 9 }),
    big: fc.boolean(),
  })
  .chain(({ districts, lists, big }) =>
    fc
      .array(fc.integer({ min: 0, max: big ? 3_000_000 : 12 }), {
        minLength: districts.length * lists,
        maxLength: districts.length * lists,
      })
      .map((votes): SeatInput => ({
        districts: districts.map((seats, d) => ({ district: `D${d}`, seats })),
        votes: votes.map((v, i) => ({
          district: `D${Math.floor(i / lists)}`,
          party: `P${i % lists}`,
          votes: v,
        })),
      })),
  );
