import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIVISOR_METHODS, QUOTA_METHODS } from '../../test-utils/allocation-methods.js';
import { arbitraryElection } from '../../test-utils/arbitraries.js';
import { allocateSeats, type ListVotes, type SeatAllocation } from './allocate.js';
import { ADAMS, DHONDT, HARE, quotaOf, type AllocationMethod } from './methods.js';

const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const run = (
  lists: readonly ListVotes[],
  seats: number,
  method: AllocationMethod,
): SeatAllocation => allocateSeats({ lists, seats, method, tieBreak: { steps: ['report'] } });
const total = (a: SeatAllocation): number => [...a.seats.values()].reduce((x, y) => x + y, 0);
const plain = (a: SeatAllocation) => ({
  seats: Object.fromEntries([...a.seats].sort()),
  tie: a.tie,
  unallocated: a.unallocated,
});

const DIVISOR = DIVISOR_METHODS;
const QUOTA = QUOTA_METHODS;
const ALL: readonly AllocationMethod[] = [...DIVISOR, ...QUOTA];

describe.each(ALL.map((m) => [m.id, m] as const))('%s', (_id, method) => {
  it('allocates exactly the house size: seats + seats left for a tie = S', () => {
    fc.assert(
      fc.property(arbitraryElection(), ({ lists, seats }) => {
        const a = run(lists, seats, method);
        expect(total(a) + a.unallocated).toBe(seats);
        expect(a.kind === 'tie').toBe(a.unallocated > 0);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('does not depend on the order of the lists, ties included', () => {
    fc.assert(
      fc.property(
        arbitraryElection({ small: true }),
        fc.infiniteStream(fc.nat()),
        ({ lists, seats }, noise) => {
          const keyed = lists.map((l) => ({ l, k: noise.next().value }));
          const permuted = [...keyed].sort((a, b) => a.k - b.k).map((x) => x.l);
          expect(plain(run(permuted, seats, method))).toEqual(plain(run(lists, seats, method)));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('gives a list with zero votes zero seats', () => {
    fc.assert(
      fc.property(arbitraryElection(), ({ lists, seats }) => {
        const a = run([...lists, { party: 'zzZero', votes: 0 }], seats, method);
        expect(a.seats.get('zzZero')).toBe(0);
        expect(a.tie?.candidates ?? []).not.toContain('zzZero');
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe.each(DIVISOR.map((m) => [m.id, m] as const))('divisor method %s', (_id, method) => {
  it('is scale invariant: multiplying every vote by k changes nothing', () => {
    fc.assert(
      fc.property(arbitraryElection(), fc.integer({ min: 2, max: 50 }), ({ lists, seats }, k) => {
        const scaled = lists.map((l) => ({ ...l, votes: l.votes * k }));
        expect(plain(run(scaled, seats, method))).toEqual(plain(run(lists, seats, method)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is house monotone: one more seat never takes a seat from any list', () => {
    fc.assert(
      fc.property(arbitraryElection(), ({ lists, seats }) => {
        const a = run(lists, seats, method);
        const b = run(lists, seats + 1, method);
        for (const l of lists) {
          // a list's sure seats at S never exceed what it can hold at S+1 (sure + contested)
          const contestedB = b.tie?.candidates.includes(l.party) ? b.tie.seatsInContention : 0;
          expect(a.seats.get(l.party) ?? 0).toBeLessThanOrEqual(
            (b.seats.get(l.party) ?? 0) + contestedB,
          );
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('is vote monotone: more votes for one list never cost it a seat', () => {
    fc.assert(
      fc.property(
        arbitraryElection(),
        fc.nat(),
        fc.integer({ min: 1, max: 100_000 }),
        ({ lists, seats }, pick, extra) => {
          const i = pick % lists.length;
          const target = lists[i] as ListVotes;
          const more = lists.map((l, j) => (j === i ? { ...l, votes: l.votes + extra } : l));
          const a = run(lists, seats, method);
          const b = run(more, seats, method);
          const contestedB = b.tie?.candidates.includes(target.party) ? b.tie.seatsInContention : 0;
          expect(a.seats.get(target.party) ?? 0).toBeLessThanOrEqual(
            (b.seats.get(target.party) ?? 0) + contestedB,
          );
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe("D'Hondt", () => {
  it('respects lower quota: seats ≥ ⌊S·v/V⌋', () => {
    fc.assert(
      fc.property(arbitraryElection(), ({ lists, seats }) => {
        const a = run(lists, seats, DHONDT);
        const V = lists.reduce((x, l) => x + l.votes, 0);
        for (const l of lists) {
          const contested = a.tie?.candidates.includes(l.party) ? a.tie.seatsInContention : 0;
          expect((a.seats.get(l.party) ?? 0) + contested).toBeGreaterThanOrEqual(
            Math.floor((seats * l.votes) / V),
          );
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('Hare largest remainder', () => {
  it('respects quota: ⌊q⌋ ≤ seats ≤ ⌈q⌉ with q = S·v/V', () => {
    fc.assert(
      fc.property(arbitraryElection(), ({ lists, seats }) => {
        const a = run(lists, seats, HARE);
        const V = lists.reduce((x, l) => x + l.votes, 0);
        for (const l of lists) {
          const s = a.seats.get(l.party) ?? 0;
          const contested = a.tie?.candidates.includes(l.party) ? 1 : 0;
          expect(s).toBeGreaterThanOrEqual(Math.floor((seats * l.votes) / V));
          expect(s + contested).toBeLessThanOrEqual(Math.ceil((seats * l.votes) / V));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe.each(QUOTA.map((m) => [m.id, m] as const))('quota method %s', (_id, method) => {
  it('gives each list its whole quotas ⌊v/q⌋, or one more, whenever those fit the house', () => {
    fc.assert(
      fc.property(arbitraryElection(), ({ lists, seats }) => {
        const V = lists.reduce((x, l) => x + l.votes, 0);
        const [qn, qd] = quotaOf(method.quota, V, seats);
        const whole = lists.map((l) => Math.floor((l.votes * qd) / qn));
        const withVotes = lists.filter((l) => l.votes > 0).length;
        const left = seats - whole.reduce((a, b) => a + b, 0);
        fc.pre(seats > 0 && left >= 0 && left < withVotes);
        const a = run(lists, seats, method);
        lists.forEach((l, i) => {
          const s = a.seats.get(l.party) ?? 0;
          const contested = a.tie?.candidates.includes(l.party) ? 1 : 0;
          expect(s).toBeGreaterThanOrEqual(whole[i] as number);
          expect(s + contested).toBeLessThanOrEqual((whole[i] as number) + 1);
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('Adams', () => {
  it('respects upper quota (seats ≤ ⌈S·v/V⌉) and seats every list with votes when S ≥ lists', () => {
    fc.assert(
      fc.property(arbitraryElection(), ({ lists, seats }) => {
        const a = run(lists, seats, ADAMS);
        const V = lists.reduce((x, l) => x + l.votes, 0);
        const withVotes = lists.filter((l) => l.votes > 0);
        for (const l of lists)
          expect(a.seats.get(l.party) ?? 0).toBeLessThanOrEqual(Math.ceil((seats * l.votes) / V));
        if (seats >= withVotes.length)
          for (const l of withVotes) expect(a.seats.get(l.party) ?? 0).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
