// The one rule for "every seat waits on a lot" and "no list's seats to show" (review s32): the CLI
// (`cifra seats`, `cifra contests`) and the dashboard ask these, never their own comparisons.
import { describe, expect, it } from 'vitest';
import { lotHoldsEverySeat, noSeatAllocated } from './unallocated-reason.js';

describe('unallocated seats, one rule', () => {
  it('a lot holds every seat only when the tie left all of a known size unallocated', () => {
    const tie = { totalSeats: 5, unallocated: 5, unallocatedReason: 'tie' } as const;
    expect(lotHoldsEverySeat(tie)).toBe(true);
    // a last seat's lot leaves the others allocated
    expect(lotHoldsEverySeat({ ...tie, unallocated: 1 })).toBe(false);
    // every seat open for another reason is no lot's
    expect(lotHoldsEverySeat({ ...tie, unallocatedReason: 'not_counted' })).toBe(false);
    expect(lotHoldsEverySeat({ ...tie, unallocatedReason: 'no_eligible_list' })).toBe(false);
    // a district of no seats, or of unknown size, has none to hold
    expect(lotHoldsEverySeat({ totalSeats: 0, unallocated: 0, unallocatedReason: 'tie' })).toBe(
      false,
    );
    expect(lotHoldsEverySeat({ ...tie, totalSeats: null })).toBe(false);
  });

  it("no list's seats to show: every seat unallocated, whatever the reason, of a known size", () => {
    expect(noSeatAllocated({ totalSeats: 5, unallocated: 5, unallocatedReason: 'tie' })).toBe(true);
    expect(
      noSeatAllocated({ totalSeats: 5, unallocated: 5, unallocatedReason: 'not_counted' }),
    ).toBe(true);
    expect(noSeatAllocated({ totalSeats: 5, unallocated: 1, unallocatedReason: 'tie' })).toBe(
      false,
    );
    expect(noSeatAllocated({ totalSeats: null, unallocated: 0, unallocatedReason: null })).toBe(
      false,
    );
  });
});
