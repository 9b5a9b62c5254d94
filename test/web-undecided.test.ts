// The dashboard's undecided seats (web/undecided.ts openSeats, drawn by web/congress.ts) come from
// each district's `unallocated`, as the seats document reports them: a tie is capped by its own
// district's open seats, the rest is said unnamed.
import { describe, expect, it } from 'vitest';
import { openSeats, seatsOpen, unplacedOfLists } from '../web/undecided.js';

const tie = (district: string, seatsInContention: number, resolution = 'unresolved') => ({
  district,
  candidates: ['Partido A', 'Partido B'],
  seatsInContention,
  resolution,
});

describe('openSeats', () => {
  it('is empty when every district allocated every seat', () => {
    expect(openSeats([{ district: 'Este', unallocated: 0 }], [])).toEqual([]);
  });

  it('caps a tie by its own district and leaves the rest unnamed', () => {
    const districts = [
      { district: 'Este', unallocated: 1 },
      { district: 'Oeste', unallocated: 2 },
    ];
    // the tie claims 2 seats in Este, which has 1 open: 1 for the tie, Oeste's 2 unnamed; a tie
    // drawn by lot holds no seat open
    const t = tie('Este', 2);
    expect(openSeats(districts, [t, tie('Norte', 1, 'lot')])).toEqual([
      { seats: 1, tie: t, noEligibleList: false },
      { seats: 2, tie: null, noEligibleList: false },
    ]);
  });

  it("says apart the seats of districts where no list passed the valla (the core's reason)", () => {
    const districts = [
      { district: 'Este', unallocated: 1, unallocatedReason: 'tie' },
      { district: 'Oeste', unallocated: 3, unallocatedReason: 'no_eligible_list' },
      { district: 'Sur', unallocated: 2, unallocatedReason: 'no_eligible_list' },
    ];
    // a tie recorded for Oeste claims none of its seats: no list took part there
    const t = tie('Este', 1);
    expect(openSeats(districts, [t, tie('Oeste', 1)])).toEqual([
      { seats: 1, tie: t, noEligibleList: false },
      { seats: 5, tie: null, noEligibleList: true },
    ]);
  });

  it('says apart the seats of districts with no vote counted yet (not_counted), before the rest', () => {
    const districts = [
      { district: 'Este', unallocated: 2, unallocatedReason: 'not_counted' },
      { district: 'Oeste', unallocated: 3, unallocatedReason: 'no_eligible_list' },
      { district: 'Sur', unallocated: 1, unallocatedReason: 'not_counted' },
      { district: 'Norte', unallocated: 1, unallocatedReason: null },
    ];
    // a tie recorded where nothing is counted claims none of its seats
    expect(openSeats(districts, [tie('Este', 1)])).toEqual([
      { seats: 3, tie: null, noEligibleList: true },
      { seats: 3, tie: null, noEligibleList: false, notCounted: true },
      { seats: 1, tie: null, noEligibleList: false },
    ]);
  });

  it('names no tie in a district with no open seat', () => {
    expect(openSeats([{ district: 'Este', unallocated: 0 }], [tie('Este', 1)])).toEqual([]);
  });

  it("counts the seats lists tie for in a remainder pool, in no district; a list's unplaced seats are not open", () => {
    const unplaced = [
      { stage: 'pool' as const, seats: 1, lists: ['B', 'C'] },
      { stage: 'placement' as const, seats: 1, party: 'A', districts: ['Norte', 'Sur'] },
    ];
    expect(openSeats([{ district: 'Norte', unallocated: 0 }], [], unplaced)).toEqual([
      { seats: 1, tie: null, noEligibleList: false, poolTie: ['B', 'C'] },
    ]);
    expect(unplacedOfLists(unplaced)).toEqual([unplaced[1]]);
  });
});

describe('seatsOpen', () => {
  it('holds every seat of a provisional count open, whatever its % (unknown too)', () => {
    expect(seatsOpen({ kind: 'provisional', pctCounted: '60.000' })).toBe(true);
    expect(seatsOpen({ kind: 'provisional', pctCounted: null })).toBe(true);
  });

  it('never holds a final count open, even one a release leaves short of 100 %', () => {
    expect(seatsOpen({ kind: 'final', pctCounted: '99.981' })).toBe(false);
    expect(seatsOpen({ kind: 'final', pctCounted: null })).toBe(false);
  });

  it("holds a third party's figure or seats open below 100 % of actas, as cifra's computation", () => {
    for (const kind of ['third-party', 'computed-by-cifra', 'official']) {
      expect(seatsOpen({ kind, pctCounted: '85.991' }), kind).toBe(true);
      expect(seatsOpen({ kind, pctCounted: '99.999' }), kind).toBe(true);
      expect(seatsOpen({ kind, pctCounted: '100.000' }), kind).toBe(false);
      // a table that states no coverage is the source's as it gives it
      expect(seatsOpen({ kind }), kind).toBe(false);
      expect(seatsOpen({ kind, pctCounted: null }), kind).toBe(false);
    }
  });
});
