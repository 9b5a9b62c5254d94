import { describe, expect, it } from 'vitest';
import { allocateSeats, type ListVotes } from './allocate.js';
import { DHONDT, DROOP, HARE, MODIFIED_SAINTE_LAGUE, PLURALITY, SAINTE_LAGUE } from './methods.js';
import { createRng } from '../random.js';

const lists = (o: Record<string, number>): ListVotes[] =>
  Object.entries(o).map(([party, votes]) => ({ party, votes }));
const seatsOf = (m: ReadonlyMap<string, number>): Record<string, number> =>
  Object.fromEntries([...m].filter(([, s]) => s > 0));

// Worked example of the rules document §3.3 (LOE art. 30): A 40,000, B 30,000, C 16,000, D 9,000.
const EXAMPLE = lists({ A: 40000, B: 30000, C: 16000, D: 9000 });

describe("allocateSeats with D'Hondt (cifra repartidora)", () => {
  it('gives A 2, B 2, C 1 of 5 seats (cifra repartidora 15,000)', () => {
    const r = allocateSeats({
      lists: EXAMPLE,
      seats: 5,
      method: DHONDT,
      tieBreak: { steps: ['report'] },
    });
    expect(r.kind).toBe('allocated');
    expect(seatsOf(r.seats)).toEqual({ A: 2, B: 2, C: 1 });
  });

  it('gives A 3, B 2, C 1 of 6 seats', () => {
    const r = allocateSeats({
      lists: EXAMPLE,
      seats: 6,
      method: DHONDT,
      tieBreak: { steps: ['report'] },
    });
    expect(seatsOf(r.seats)).toEqual({ A: 3, B: 2, C: 1 });
  });

  it('reports the 7th seat as a tie between A (÷4) and B (÷3) at 10,000, never by order', () => {
    for (const order of [EXAMPLE, [...EXAMPLE].reverse()]) {
      const r = allocateSeats({
        lists: order,
        seats: 7,
        method: DHONDT,
        tieBreak: { steps: ['report'] },
      });
      expect(r.kind).toBe('tie');
      expect(r.tie).toEqual({
        kind: 'tie',
        candidates: ['A', 'B'],
        seatsInContention: 1,
        resolution: 'unresolved',
      });
      expect(seatsOf(r.seats)).toEqual({ A: 3, B: 2, C: 1 });
      expect(r.unallocated).toBe(1);
    }
  });

  it('settles that tie by a seeded draw that is recorded and repeatable', () => {
    const run = (seed: number) =>
      allocateSeats({
        lists: EXAMPLE,
        seats: 7,
        method: DHONDT,
        tieBreak: { steps: ['lot'] },
        rng: createRng(seed),
        seed,
      });
    const a = run(3);
    expect(a.kind).toBe('allocated');
    expect(a.draw?.candidates).toEqual(['A', 'B']);
    expect(a.draw?.winners).toHaveLength(1);
    expect(run(3)).toEqual(a);
    const winner = a.draw?.winners[0] as string;
    expect(a.seats.get(winner)).toBe(winner === 'A' ? 4 : 3);
    const winners = new Set([...Array(40).keys()].map((s) => run(s).draw?.winners[0]));
    expect(winners).toEqual(new Set(['A', 'B']));
  });

  it('under "more votes" gives a quotient tie to the list with more votes (A)', () => {
    const r = allocateSeats({
      lists: EXAMPLE,
      seats: 7,
      method: DHONDT,
      tieBreak: { steps: ['more-votes', 'report'] },
    });
    expect(seatsOf(r.seats)).toEqual({ A: 4, B: 2, C: 1 });
    expect(r.tie?.resolution).toBe('more-votes');
  });

  it('gives no seat to a list with zero votes and leaves seats unallocated when no list has votes', () => {
    expect(
      seatsOf(
        allocateSeats({
          lists: lists({ A: 10, Z: 0 }),
          seats: 3,
          method: DHONDT,
          tieBreak: { steps: ['report'] },
        }).seats,
      ),
    ).toEqual({ A: 3 });
    const none = allocateSeats({
      lists: lists({ A: 0, B: 0 }),
      seats: 2,
      method: DHONDT,
      tieBreak: { steps: ['report'] },
    });
    expect(seatsOf(none.seats)).toEqual({});
  });

  it('moves the seats of a list without enough candidates to the next quotients', () => {
    const r = allocateSeats({
      lists: EXAMPLE,
      seats: 6,
      method: DHONDT,
      tieBreak: { steps: ['report'] },
      caps: new Map([['A', 1]]),
    });
    // A keeps 1; the other 5 seats go as D'Hondt among B, C, D: B 30k,15k,10k; C 16k, 8k; D 9k → B 3, C 1, D 1
    expect(seatsOf(r.seats)).toEqual({ A: 1, B: 3, C: 1, D: 1 });
    expect(r.capped).toEqual([{ party: 'A', seatsLost: 2 }]);
  });
});

describe('allocateSeats with other methods', () => {
  // Textbook example (Gallagher & Mitchell): 100,000 / 80,000 / 30,000 / 20,000, 8 seats.
  const T = lists({ A: 100000, B: 80000, C: 30000, D: 20000 });
  it("D'Hondt: 4, 3, 1, 0", () => {
    expect(
      seatsOf(
        allocateSeats({ lists: T, seats: 8, method: DHONDT, tieBreak: { steps: ['report'] } })
          .seats,
      ),
    ).toEqual({ A: 4, B: 3, C: 1 });
  });
  it('Sainte-Laguë: 3, 3, 1, 1', () => {
    expect(
      seatsOf(
        allocateSeats({ lists: T, seats: 8, method: SAINTE_LAGUE, tieBreak: { steps: ['report'] } })
          .seats,
      ),
    ).toEqual({ A: 3, B: 3, C: 1, D: 1 });
  });
  it('modified Sainte-Laguë (first divisor 1.4): the 8th seat ties A÷7 = D÷1.4 = 14,285.71', () => {
    const r = allocateSeats({
      lists: T,
      seats: 8,
      method: MODIFIED_SAINTE_LAGUE,
      tieBreak: { steps: ['report'] },
    });
    expect(r.kind).toBe('tie');
    expect(r.tie?.candidates).toEqual(['A', 'D']);
    expect(seatsOf(r.seats)).toEqual({ A: 3, B: 3, C: 1 });
  });
  it('Hare largest remainder: quotas 3.478, 2.783, 1.043, 0.696 → 3, 3, 1, 1', () => {
    expect(
      seatsOf(
        allocateSeats({ lists: T, seats: 8, method: HARE, tieBreak: { steps: ['report'] } }).seats,
      ),
    ).toEqual({ A: 3, B: 3, C: 1, D: 1 });
  });
  it('Droop largest remainder: quota 25,556 → 4, 3, 1, 0 (remainders 23,332 / 3,332 / 4,444 / 20,000)', () => {
    expect(
      seatsOf(
        allocateSeats({ lists: T, seats: 8, method: DROOP, tieBreak: { steps: ['report'] } }).seats,
      ),
    ).toEqual({ A: 4, B: 3, C: 1 });
  });
  it('plurality: the list with most votes takes the seat; equal tops are a tie', () => {
    expect(
      seatsOf(
        allocateSeats({ lists: T, seats: 1, method: PLURALITY, tieBreak: { steps: ['report'] } })
          .seats,
      ),
    ).toEqual({ A: 1 });
    const tie = allocateSeats({
      lists: lists({ Q: 45000, R: 45000, S: 3 }),
      seats: 1,
      method: PLURALITY,
      tieBreak: { steps: ['report'] },
    });
    expect(tie.tie?.candidates).toEqual(['Q', 'R']);
  });
  it('Hare: equal remainders at the cut are a tie', () => {
    const r = allocateSeats({
      lists: lists({ A: 50, B: 25, C: 25 }),
      seats: 2,
      method: HARE,
      tieBreak: { steps: ['report'] },
    });
    expect(r.tie).toEqual({
      kind: 'tie',
      candidates: ['B', 'C'],
      seatsInContention: 1,
      resolution: 'unresolved',
    });
    expect(seatsOf(r.seats)).toEqual({ A: 1 });
  });
});
