import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryElection } from './arbitraries.js';

describe('arbitraryElection', () => {
  it('generates distinct list names, non-negative integer votes, some votes, and a seat count in range', () => {
    fc.assert(
      fc.property(arbitraryElection({ maxSeats: 20 }), ({ lists, seats }) => {
        expect(new Set(lists.map((l) => l.party)).size).toBe(lists.length);
        expect(lists.every((l) => Number.isSafeInteger(l.votes) && l.votes >= 0)).toBe(true);
        expect(lists.some((l) => l.votes > 0)).toBe(true);
        expect(seats).toBeGreaterThanOrEqual(0);
        expect(seats).toBeLessThanOrEqual(20);
      }),
    );
  });
  it('with small votes produces exact ties often enough to test them', () => {
    const samples = fc.sample(arbitraryElection({ small: true }), 500);
    const withEqualVotes = samples.filter(
      ({ lists }) => new Set(lists.map((l) => l.votes)).size < lists.length,
    );
    expect(withEqualVotes.length).toBeGreaterThan(100);
  });
});
