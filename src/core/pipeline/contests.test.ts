import { describe, expect, it } from 'vitest';
import { councilRuleset } from '../../test-utils/erm-rulesets.js';
import {
  computeContests,
  contestSeed,
  type ContestInput,
  type ContestSetInput,
} from './contests.js';
import { computeSeats } from './seats.js';

/** A municipal council ruleset: D'Hondt, the ⌈n/2⌉ + 1 bonus, a mayor, ties by lot. */
const council = councilRuleset;

const contest = (key: string, seats: number, votes: Record<string, number>): ContestInput => ({
  key,
  name: key,
  region: 'R',
  seats,
  lists: Object.entries(votes).map(([party, v]) => ({ party, votes: v })),
});
const set = (contests: ContestInput[], bonus = true): ContestSetInput[] => [
  { kind: 'district-council', ruleset: council(bonus), contests },
];
const one = (r: ReturnType<typeof computeContests>, id: string) => {
  const c = r.contests.find((x) => x.id === id);
  if (c?.type !== 'council') throw new Error(id);
  return c;
};

describe('per-council seeded draws', () => {
  // three councils with a tie for the mayor (A, B level) and one with a tie for a seat
  const tied = [
    contest('010101', 5, { A: 100, B: 100, C: 10 }),
    contest('020202', 5, { A: 50, B: 50 }),
    contest('030303', 7, { A: 70, B: 70, C: 7 }),
    contest('040404', 5, { X: 60, Y: 20, Z: 20 }),
  ];

  it("each council's draws replay from (seed, contest id) alone: the other councils and the order do not matter", () => {
    for (const seed of [1, 2, 3, 2022, 99_999]) {
      const all = computeContests(set(tied), { seed });
      const reversed = computeContests(set([...tied].reverse()), { seed });
      for (const c of tied) {
        const id = `district-council/${c.key}`;
        const alone = computeContests(set([c]), { seed });
        expect(one(alone, id)).toEqual(one(all, id));
        expect(one(reversed, id)).toEqual(one(all, id));
        // the council's own seed, given to the seat calculator, replays the same sorteo
        const s = one(all, id).drawSeed;
        expect(s).toBe(contestSeed(seed, id));
        const replay = computeSeats(
          council(true),
          {
            votes: c.lists.map((l) => ({ district: c.key, party: l.party, votes: l.votes })),
            districts: [{ district: c.key, seats: c.seats as number }],
          },
          { seed: s as number },
        );
        expect([replay.districts[0]?.seats, replay.districts[0]?.head?.party]).toEqual([
          one(all, id).seats,
          one(all, id).head,
        ]);
      }
    }
  });

  it('without a seed the ties are reported and no council has a draw seed', () => {
    const r = computeContests(set(tied));
    expect(one(r, 'district-council/010101').head).toBeNull();
    expect(r.contests.map((c) => (c.type === 'council' ? c.drawSeed : 0))).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('the seeds of two councils differ, and the lots vary with the seed', () => {
    expect(contestSeed(1, 'district-council/010101')).not.toBe(
      contestSeed(1, 'district-council/020202'),
    );
    const heads = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(
        (seed) => one(computeContests(set(tied), { seed }), 'district-council/010101').head,
      ),
    );
    expect(heads).toEqual(new Set(['A', 'B']));
  });
});

describe('the plain allocation draws no lot the bonus does not need', () => {
  // 6 regidores, A 90, B 60, C 30, D 30. Plain D'Hondt: 90 A, 60 B, 45 A, then 30 A, 30 B, 30 C,
  // 30 D level for the last 3 seats — a tie; A has 2 sure and at most 3 < ⌈6/2⌉ + 1 = 4, so the
  // bonus applies however that tie falls, and no lot is drawn for it. The other 2 seats: D'Hondt
  // among B 60, C 30, D 30 → 60 B, then 30 B, 30 C, 30 D level for 1 seat: the first lot drawn.
  const bonusCouncil = contest('050505', 6, { A: 90, B: 60, C: 30, D: 30 });
  // the same tie alone, as the first lot of a council: B 60, C 30, D 30 for 2 seats, no bonus
  const sameTie = contest('050505', 2, { B: 60, C: 30, D: 30 });

  it('the rest tie is decided by the first draw of the council seed, as when it is alone', () => {
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const r = one(computeContests(set([bonusCouncil]), { seed }), 'district-council/050505');
      expect(r.seats['A']).toBe(4);
      expect(r.bonus).toEqual({ party: 'A', before: 2, after: 4 });
      const alone = one(
        computeContests(set([sameTie], false), { seed }),
        'district-council/050505',
      );
      const rest = { ...r.seats };
      delete rest['A'];
      expect(rest).toEqual(alone.seats);
      outcomes.add(JSON.stringify(rest));
      // only the lot that decided a seat is recorded
      expect(r.ties.map((t) => [t.stage, t.candidates, t.resolution])).toEqual([
        ['allocation', ['B', 'C', 'D'], 'lot'],
      ]);
    }
    expect(outcomes.size).toBeGreaterThan(1);
  });

  it('when the tie can decide the bonus test, the lot is drawn as before', () => {
    // 5 regidores, A 100, B 20, C 20: 100, 50, 33.3, 25 A; then 20 A, 20 B, 20 C level for the
    // last seat: A has 4 = ⌈5/2⌉ + 1 sure, so the plain result stands and its tie is drawn
    const r = one(
      computeContests(set([contest('060606', 5, { A: 100, B: 20, C: 20 })]), { seed: 7 }),
      'district-council/060606',
    );
    expect(Object.values(r.seats).reduce((a, b) => a + b, 0)).toBe(5);
    expect(r.bonus).toBeNull();
    expect(r.ties.map((t) => [t.stage, t.resolution])).toEqual([['allocation', 'lot']]);
  });
});
