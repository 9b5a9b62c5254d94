import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { allocateSeats, type ListVotes } from './allocate.js';
import { KIESWET, NAMED_METHODS } from './methods.js';

const lists = (o: Record<string, number>): ListVotes[] =>
  Object.entries(o).map(([party, votes]) => ({ party, votes }));
const seats = (a: { seats: ReadonlyMap<string, number> }): Record<string, number> =>
  Object.fromEntries([...a.seats].sort());

// Quota 1,000: full seats 4, 2, 1, 1; B has the largest remainder (600).
const COUNCIL = lists({ A: 4100, B: 2600, C: 1300, D: 1000 });
// Quota 1,000: B and C share the largest remainder, 500, for one seat.
const TIED = lists({ A: 4000, B: 2500, C: 1500, D: 1000 });
// Quota 81/7: full 3, 1, 1; A and B take the two residual seats together; M has the majority.
const MAJORITY = lists({ M: 41, A: 20, B: 20 });

describe('allocateSeats with the kieswet method', () => {
  it('is reachable by name and returns the Kieswet seats with its record', () => {
    expect(NAMED_METHODS.get('kieswet')).toBe(KIESWET);
    const a = allocateSeats({
      lists: COUNCIL,
      seats: 9,
      method: KIESWET,
      tieBreak: { steps: ['report'] },
    });
    expect([a.kind, seats(a), a.unallocated, a.vacant]).toEqual([
      'allocated',
      { A: 4, B: 3, C: 1, D: 1 },
      0,
      0,
    ]);
    expect(a.kieswet?.steps).toHaveLength(1);
  });

  it('reports the P 9 lot as a tie: the majority list has its seat, the tied group shares one fewer', () => {
    const a = allocateSeats({
      lists: MAJORITY,
      seats: 7,
      method: KIESWET,
      tieBreak: { steps: ['report'] },
    });
    expect(a.kind).toBe('tie');
    expect(a.tie).toEqual({
      kind: 'tie',
      candidates: ['A', 'B'],
      seatsInContention: 1,
      resolution: 'unresolved',
    });
    expect([seats(a), a.unallocated]).toEqual([{ A: 1, B: 1, M: 4 }, 1]);
  });

  it('settles ties only by a recorded lot (other tie steps are not the Kieswet’s)', () => {
    const byVotes = allocateSeats({
      lists: TIED,
      seats: 9,
      method: KIESWET,
      tieBreak: { steps: ['more-votes', 'report'] },
    });
    expect(byVotes.kind).toBe('tie');
    const byLot = allocateSeats({
      lists: TIED,
      seats: 9,
      method: KIESWET,
      tieBreak: { steps: ['more-votes', 'lot'] },
      rng: createRng(3),
      seed: 3,
    });
    expect(byLot.kind).toBe('allocated');
    expect(byLot.tie).toMatchObject({ candidates: ['B', 'C'], resolution: 'lot' });
    expect(byLot.draws).toEqual([
      { seed: 3, candidates: ['B', 'C'], seats: 1, winners: [byLot.draw?.winners[0]] },
    ]);
  });

  it('takes candidate caps as P 10 and reports the seats lost and the seats left vacant', () => {
    const a = allocateSeats({
      lists: lists({ A: 300, B: 200 }),
      seats: 5,
      method: KIESWET,
      tieBreak: { steps: ['report'] },
      caps: new Map([
        ['A', 1],
        ['B', 1],
      ]),
    });
    expect([seats(a), a.vacant, a.capped]).toEqual([
      { A: 1, B: 1 },
      3,
      [
        { party: 'A', seatsLost: 2 },
        { party: 'B', seatsLost: 1 },
      ],
    ]);
    expect(a.issues?.map((i) => i.code)).toEqual(['seats_unassigned']);
  });
});
