// The one rule for "every seat waits on a lot" and "no list's seats to show" (review s32): the CLI
// (`cifra seats`, `cifra contests`) and the dashboard ask these, never their own comparisons.
import { describe, expect, it } from 'vitest';
import { rulesetFromJson } from '../rulesets/compile.js';
import { computeContests, type CouncilContest } from './contests.js';
import { lotHoldsEverySeat, noEligibleListWhy, noSeatAllocated } from './unallocated-reason.js';

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

describe('what keeps every list out (no_eligible_list), from the votes the council carries', () => {
  it('a council under a valla no list passes: lists with votes, so the valla, not blank or null', () => {
    // 40 % valla of the valid votes: A 35 %, B 33 %, C 32 % — none passes; a council carries list
    // votes only, so its no_eligible_list is the valla's (s32 ties2: it was said "blank or null")
    const r = rulesetFromJson({
      format: 'cifra-ruleset/1',
      id: 'valla-40',
      label: 'valla-40',
      kind: 'list',
      method: 'dhondt',
      totalSeats: 5,
      districts: [{ name: 'C', seats: 5 }],
      threshold: { kind: 'share', share: '40%', source: 'test' },
    });
    if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
    const lists = [
      { party: 'A', votes: 35 },
      { party: 'B', votes: 33 },
      { party: 'C', votes: 32 },
    ];
    const c = computeContests([
      {
        kind: 'district-council',
        ruleset: r.value,
        contests: [{ key: 'C', name: 'C', region: 'R', seats: 5, lists, final: true }],
      },
    ]).contests[0] as CouncilContest;
    expect([c.unallocated, c.unallocatedReason]).toEqual([5, 'no_eligible_list']);
    expect(noEligibleListWhy(c.votes)).toBe('valla');
    // every list at 0 with the reason given: the votes counted were blank or null
    expect(noEligibleListWhy(lists.map((l) => ({ ...l, votes: 0 })))).toBe('blank-or-null');
  });
});
