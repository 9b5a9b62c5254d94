// One function names the case a council's seats are in (session 33): each case from a council the
// engine computed (5 regidores, D'Hondt, ties by lot; with or without the ⌈n/2⌉ + 1 bonus), and the
// states a council reaches only through its data (unknown size, no vote, a valla) as the API has them.
import { describe, expect, it } from 'vitest';
import { councilRuleset } from '../../test-utils/erm-rulesets.js';
import { seatsCase, type SeatsCaseInput } from './council-seats-case.js';
import { computeContests, type CouncilContest } from './contests.js';

/** A 5-seat council A B C… on the source's final count, with or without the bonus and a seed. */
function council(
  votes: readonly number[],
  o: { bonus?: boolean; seed?: number; final?: boolean } = {},
): CouncilContest {
  const lists = votes.map((v, i) => ({ party: String.fromCharCode(65 + i), votes: v }));
  const c = { key: 'C', name: 'C', region: 'R', seats: 5, lists, final: o.final ?? true };
  const r = computeContests(
    [
      {
        kind: 'district-council',
        ruleset: councilRuleset(o.bonus ?? true),
        complete: false,
        contests: [c],
      },
    ],
    { seed: o.seed },
  );
  return r.contests[0] as CouncilContest;
}

/** A council as the API carries it, every seat open for `reason`. */
const carried = (
  reason: SeatsCaseInput['unallocatedReason'],
  votes: readonly number[],
  totalSeats: number | null = 5,
): SeatsCaseInput => ({
  totalSeats,
  unallocated: totalSeats ?? 0,
  unallocatedReason: totalSeats === null ? null : reason,
  votes: votes.map((v) => ({ votes: v })),
  ties: [],
  seatsDecided: null,
});

describe('seatsCase: the case a council’s seats are in', () => {
  it('every seat allocated, no lot: allocated', () => {
    expect(seatsCase(council([500, 300, 100]))).toEqual({ kind: 'allocated' });
  });

  it('a lot not drawn for the most-voted list under the bonus holds every seat', () => {
    // A and B level at the top: the bonus is the list the lot names
    expect(seatsCase(council([400, 400, 100]))).toEqual({
      kind: 'lot-holds-all',
      seats: 5,
      candidates: ['A', 'B'],
    });
  });

  it('the same lot drawn by a seed: most-voted-lot, seeded, every seat allocated', () => {
    const c = council([400, 400, 100], { seed: 7 });
    expect(c.unallocated).toBe(0);
    expect(seatsCase(c)).toEqual({ kind: 'most-voted-lot', lot: 'seeded', candidates: ['A', 'B'] });
  });

  it('without the bonus the most-voted lot holds back no seat: most-voted-lot, open', () => {
    // A 400 200, B 400 200, C 300 take the 5 seats (next: 150, 133): a tie at the top alone
    const c = council([400, 400, 300], { bonus: false });
    expect(c.unallocated).toBe(0);
    expect(seatsCase(c)).toEqual({ kind: 'most-voted-lot', lot: 'open', candidates: ['A', 'B'] });
  });

  it('a last-seat lot not drawn: its seats, and the others decided on the final count only', () => {
    // A 800 400 266.7 then the bonus (4); B and C at 200 for the 5th
    expect(seatsCase(council([800, 200, 200]))).toEqual({
      kind: 'last-seat-lot',
      lot: 'open',
      seats: 1,
      candidates: ['B', 'C'],
      othersDecided: true,
    });
    expect(seatsCase(council([800, 200, 200], { final: false }))).toMatchObject({
      kind: 'last-seat-lot',
      lot: 'open',
      othersDecided: false,
    });
  });

  it('a last-seat lot drawn by a seed: last-seat-lot, seeded', () => {
    const c = council([800, 200, 200], { seed: 3 });
    expect(c.unallocated).toBe(0);
    expect(seatsCase(c)).toEqual({ kind: 'last-seat-lot', lot: 'seeded', candidates: ['B', 'C'] });
  });

  it('no vote counted, no list eligible (a valla, or every vote blank or null), an unknown size', () => {
    expect(seatsCase(council([0, 0, 0], { final: false }))).toEqual({
      kind: 'not-counted',
      seats: 5,
    });
    expect(seatsCase(carried('not_counted', [0, 0]))).toEqual({ kind: 'not-counted', seats: 5 });
    expect(seatsCase(carried('no_eligible_list', [40, 0]))).toEqual({ kind: 'valla', seats: 5 });
    expect(seatsCase(carried('no_eligible_list', [0, 0]))).toEqual({
      kind: 'blank-or-null',
      seats: 5,
    });
    expect(seatsCase(carried(null, [10, 5], null))).toEqual({ kind: 'unknown-size' });
  });

  it('unallocated seats with no reason a council carries are a bug: it throws', () => {
    expect(() => seatsCase(carried(null, [10, 5]))).toThrow(/reason null/);
  });
});
