import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesetFromJson } from '../rulesets/compile.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import { computeContests, type CouncilContest } from './contests.js';
import { computeSeats } from './seats.js';

/** A council of 7 under a majority bonus whose other lists share the rest by Sainte-Laguë. */
function council(tieBreak: readonly string[], seats = 7): ListRuleset {
  const r = rulesetFromJson({
    format: 'cifra-ruleset/1',
    id: 'bonus-rest',
    label: 'bonus-rest',
    kind: 'list',
    method: 'dhondt',
    totalSeats: seats,
    districts: [{ name: 'C', seats }],
    tieBreak,
    tiers: [
      {
        kind: 'majority-bonus',
        seats: 'half-plus-one',
        rest: 'sainte-lague',
        source: 'test',
      },
    ],
  });
  if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
  return r.value;
}

// Worked by hand. D'Hondt over A 60, B 30, C 12 for 7 seats: 60 A, 30 A, 30 B, 20 A, 15 A, 15 B,
// then A's 5th quotient 60/5 = 12 = C's first for the 7th seat: A 4, B 2, tie A–C for one seat.
// The bonus is ⌈7/2⌉ + 1 = 5. A wins the lot: 5 by the method, the bonus stays out, B keeps 2 by
// the method (A 5, B 2). C wins it: A has 4 < 5, takes the bonus, and B and C share 2 by
// Sainte-Laguë: 30 B, then C's 12 > B's 30/3 = 10 (A 5, B 1, C 1). The lot moves B's second seat.
const votes = [
  { district: 'C', party: 'A', votes: 60 },
  { district: 'C', party: 'B', votes: 30 },
  { district: 'C', party: 'C', votes: 12 },
];
const districts = [{ district: 'C', seats: 7 }];

/** The council as `cifra contests` reports it, on the source's final count. */
const contest = (rs: ListRuleset, seed?: number): CouncilContest =>
  computeContests(
    [
      {
        kind: 'district-council',
        ruleset: rs,
        contests: [
          {
            key: 'C',
            name: 'C',
            region: 'R',
            seats: 7,
            lists: votes.map(({ party, votes: v }) => ({ party, votes: v })),
            final: true,
          },
        ],
      },
    ],
    { seed },
  ).contests[0] as CouncilContest;

describe('a tie for the bonus-th seat under a bonus with its own `rest` method', () => {
  it('not drawn: reported, with only the seats every outcome gives allocated', () => {
    for (const tieBreak of [['lot'], ['report']]) {
      const rs = council(tieBreak);
      const r = computeSeats(rs, { votes, districts });
      // A has 5 either way; B at least 1; C at least 0; one seat waits on the lot
      expect(r.districts[0]).toMatchObject({
        seats: { A: 5, B: 1 },
        unallocated: 1,
        unallocatedReason: 'tie',
      });
      expect(r.ties).toEqual([
        {
          stage: 'allocation',
          district: 'C',
          candidates: ['A', 'C'],
          seatsInContention: 1,
          resolution: 'unresolved',
        },
      ]);
      expect(r.issues.map((i) => i.code)).toEqual(['tie_unresolved']);
      // on the source's final count the allocated seats (A 5, B 1) are each list's whichever way
      // the lot goes (A wins: A 5 B 2; C wins: A 5 B 1 C 1): decided, the lot's seat apart
      // (contest-seats-decided.ts `lotKeepsAllocated`, case (iii))
      const c = contest(rs);
      expect(c).toMatchObject({
        seats: { A: 5, B: 1 },
        unallocated: 1,
        unallocatedReason: 'tie',
        seatsDecided: 'source-final',
      });
      expect(c.ties).toHaveLength(1);
    }
  });

  it('drawn: the lot stays in the report whichever list it names, and the seats follow it', () => {
    const rs = council(['lot']);
    const seen = new Set<string>();
    for (let seed = 0; seed < 40 && seen.size < 2; seed++) {
      const r = computeSeats(rs, { votes, districts }, { seed });
      const winner = r.draws[0]?.winners[0] as string;
      seen.add(winner);
      expect(r.draws).toHaveLength(1);
      expect(r.draws[0]).toMatchObject({ stage: 'allocation', candidates: ['A', 'C'], seats: 1 });
      expect(r.ties).toMatchObject([
        { stage: 'allocation', candidates: ['A', 'C'], seatsInContention: 1, resolution: 'lot' },
      ]);
      expect(r.districts[0]?.seats).toEqual(winner === 'A' ? { A: 5, B: 2 } : { A: 5, B: 1, C: 1 });
      expect(r.districts[0]?.unallocated).toBe(0);
    }
    // a lot drawn by cifra is not the sorteo: the council is not settled by the figures
    const c = contest(rs, 3);
    expect(c.ties).toHaveLength(1);
    expect(c.seatsDecided).toBeNull();
    expect([...seen].sort()).toEqual(['A', 'C']);
  });
});

describe('a council under a bonus with its own `rest`, given without a lot', () => {
  it('every seat it allocates is its list’s whatever the lots name, and with no tie the lots change nothing', () => {
    // small votes: ties at every level, the winner's bonus-th seat among them
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(3, 5, 7, 9),
        (vs, n) => {
          const rs = council(['lot'], n);
          const rows = vs.map((v, i) => ({ district: 'C', party: `L${i}`, votes: v }));
          const input = { votes: rows, districts: [{ district: 'C', seats: n }] };
          const open = computeSeats(rs, input);
          for (let seed = 0; seed < 8; seed++) {
            const drawn = computeSeats(rs, input, { seed });
            for (const [p, k] of Object.entries(open.seats))
              expect(drawn.seats[p] ?? 0).toBeGreaterThanOrEqual(k);
            if (open.ties.length === 0) expect(drawn.seats).toEqual(open.seats);
          }
        },
      ),
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 300) },
    );
  });
});
