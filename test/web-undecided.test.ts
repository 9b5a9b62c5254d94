// The dashboard's undecided seats (web/congress.ts undecidedOf) come from each district's
// `unallocated`, as the seats document reports them: a tie names its lists and is capped by its
// own district's open seats, the rest is said unnamed.
import { describe, expect, it } from 'vitest';
import { undecidedOf } from '../web/congress.js';

const tie = (district: string, seatsInContention: number) => ({
  stage: 'allocation',
  district,
  candidates: ['Partido A', 'Partido B'],
  seatsInContention,
  resolution: 'unresolved',
});

describe('undecidedOf', () => {
  it('is empty when every district allocated every seat', () => {
    expect(undecidedOf({ districts: [{ district: 'Este', unallocated: 0 }], ties: [] })).toEqual(
      [],
    );
  });

  it('caps a tie by its own district and says the rest unnamed', () => {
    const u = undecidedOf({
      districts: [
        { district: 'Este', unallocated: 1 },
        { district: 'Oeste', unallocated: 2 },
      ],
      // the tie claims 2 seats in Este, which has 1 open: 1 for the tie, Oeste's 2 unnamed
      ties: [tie('Este', 2), { ...tie('Norte', 1), resolution: 'lot' }],
    });
    expect(u.map((x) => x.seats)).toEqual([1, 2]);
    expect(u[0]?.label).toContain('Partido A');
    expect(u[0]?.label).toContain('Este');
    expect(u[1]?.label).not.toContain('Partido A');
  });

  it('names no tie in a district with no open seat', () => {
    const u = undecidedOf({
      districts: [{ district: 'Este', unallocated: 0 }],
      ties: [tie('Este', 1)],
    });
    expect(u).toEqual([]);
  });
});
