// When a council's seats are a fact (session 22): the cifra repartidora and the majority bonus
// (Ley 26864 arts. 25–26; peru-electoral-rules §13) on the votes counted can be said decided only
// when no split of the votes still out moves a seat. Hand-worked cases and properties: a decided
// allocation never changes, for random splits and for all the votes out to any one list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { councilRuleset } from '../../test-utils/erm-rulesets.js';
import { plus, split } from '../../test-utils/vote-splits.js';
import { DHONDT, HARE, SAINTE_LAGUE } from '../allocation/methods.js';
import { decidedCouncilSeats, lotKeepsAllocated } from './contest-seats-decided.js';
import { computeContests, nationalPicture, type CouncilContest } from './contests.js';

const BONUS = councilRuleset(true);
const PLAIN = councilRuleset(false);

function council(
  votes: readonly number[],
  opts: { seats?: number; remaining?: number; final?: boolean; bonus?: boolean } = {},
): CouncilContest {
  const lists = votes.map((v, i) => ({ party: String.fromCharCode(65 + i), votes: v }));
  const c = {
    key: 'C',
    name: 'C',
    region: 'R',
    seats: opts.seats ?? 5,
    lists,
    remaining: opts.remaining,
    final: opts.final,
  };
  const ruleset = opts.bonus === false ? PLAIN : BONUS;
  const r = computeContests(
    [{ kind: 'district-council', ruleset, complete: false, contests: [c] }],
    { seed: 7 },
  );
  return r.contests[0] as CouncilContest;
}

/** Seats by list, lists without a seat left out. */
const won = (c: CouncilContest): Record<string, number> =>
  Object.fromEntries(Object.entries(c.seats).filter(([, n]) => n > 0));

describe('council seats decided by the figures (cifra repartidora, Ley 26864 art. 26)', () => {
  it('by hand, no bonus: 5 seats, A 600 B 300 C 100 → A 4 (600/4 = 150) B 1 (300)', () => {
    // quotients A 600 300 200 150 | 120; B 300 | 150; C 100: A's last 150 must beat B's next
    // (300 + R)/2 and C's (100 + R)/1, B's last 300 beat A's (600 + R)/5 and C's: R < 0 for B's
    // next against A's 150 — 150 · 2 > 300 + R fails at R = 0: the seat A–B is a tie of 150
    const level = council([600, 300, 100], { remaining: 0, bonus: false });
    expect(won(level)).toEqual({ A: 4, B: 1 });
    expect(level.seatsDecided).toBeNull();
    // A 640: A's last 160 · 2 > 300 + R ⇔ R < 20; C's 100 + R < 160 ⇔ R < 60; B's 300 · 5 > 640 + R ⇔ R < 860
    expect(council([640, 300, 100], { remaining: 19, bonus: false }).seatsDecided).toBe(
      'mathematically',
    );
    expect(council([640, 300, 100], { remaining: 20, bonus: false }).seatsDecided).toBeNull();
    // and 20 more for B do tie the fifth seat (160 = 320 / 2): the check is tight here
    expect(council([640, 320, 100], { final: true, bonus: false }).ties.length).toBeGreaterThan(0);
  });

  it('by hand, with the bonus: 5 seats, A 400 B 300 C 300 → A 4 (⌈5/2⌉ + 1), B and C share 1', () => {
    // plain: A 400 200 | B 300 | C 300 → A 2, B 1, C 1 + one of 200/150: A 3 < 4 → bonus
    // the rest, 1 seat between B and C level at 300: a lot — never decided by the figures
    expect(council([400, 300, 300], { remaining: 0 }).seatsDecided).toBeNull();
    // B 300 C 250, A 400: the mayor decided with R < 100; the rest's seat B: 300 > 250 + R
    // ⇔ R < 50; A's 5th quotient (400 + R)/4 below B's 300 ⇔ R < 800
    expect(council([400, 300, 250], { remaining: 49 }).seatsDecided).toBe('mathematically');
    expect(council([400, 300, 250], { remaining: 50 }).seatsDecided).toBeNull();
    // A 1,000 B 210: A 4 (plain and bonus alike), B 1; A's fifth quotient (1,000 + R)/5 stays
    // below B's 210 ⇔ R < 50; with 60 more A takes all five seats by the cifra repartidora
    expect(council([1_000, 210], { remaining: 49 }).seatsDecided).toBe('mathematically');
    expect(council([1_000, 210], { remaining: 50 }).seatsDecided).toBeNull();
    expect(won(council([1_060, 210], { final: true }))).toEqual({ A: 5 });
    // the mayor not decided: the bonus may go to another list
    expect(council([400, 390, 10], { remaining: 10 }).seatsDecided).toBeNull();
  });

  it('the source final decides the seats, unless a lot took part; no bound decides nothing', () => {
    expect(council([400, 300, 250], { final: true }).seatsDecided).toBe('source-final');
    expect(council([400, 300, 300], { final: true }).seatsDecided).toBeNull();
    expect(council([400, 300, 250]).seatsDecided).toBeNull();
  });

  const arbitrary = fc.record({
    votes: fc.array(fc.nat(4_000), { minLength: 2, maxLength: 6 }),
    seats: fc.constantFrom(1, 5, 7, 9, 15),
    remaining: fc.nat(600),
    bonus: fc.boolean(),
    weights: fc.array(fc.nat(100), { minLength: 6, maxLength: 6 }),
    added: fc.nat(600),
  });

  it('property: a decided allocation stands for any random split of the votes still out', () => {
    fc.assert(
      fc.property(arbitrary, ({ votes, seats, remaining, bonus, weights, added }) => {
        const early = council(votes, { seats, remaining, bonus });
        if (early.seatsDecided === null) return;
        const extra = split(Math.min(added, remaining), weights.slice(0, votes.length));
        expect(won(council(plus(votes, extra), { seats, final: true, bonus }))).toEqual(won(early));
      }),
      { numRuns: 400 },
    );
  });

  it('property: a decided allocation stands with all the votes still out to any one list', () => {
    fc.assert(
      fc.property(arbitrary, ({ votes, seats, remaining, bonus }) => {
        const early = council(votes, { seats, remaining, bonus });
        if (early.seatsDecided === null) return;
        for (let j = 0; j < votes.length; j++) {
          const extra = votes.map((_, i) => (i === j ? remaining : 0));
          expect(won(council(plus(votes, extra), { seats, final: true, bonus }))).toEqual(
            won(early),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: with nothing out and no tie, the allocation is decided (the check is not vacuous)', () => {
    fc.assert(
      fc.property(arbitrary, ({ votes, seats, bonus }) => {
        const c = council(votes, { seats, remaining: 0, bonus });
        const top = [...votes].sort((a, b) => b - a);
        // a lot for a seat or for the most-voted list: the figures alone settle nothing
        if (c.ties.length > 0 || (top[0] ?? 0) === 0 || top[0] === top[1]) return;
        expect(c.seatsDecided).toBe('mathematically');
      }),
      { numRuns: 300 },
    );
  });
});

// review 22 M2: with w at exactly the bonus's seats the others' share may come from the method
// (w's plain seats B) or from the bonus's `rest` (below B): both must hold
describe('a bonus whose rest is another method', () => {
  it('X 100 with 2 seats, Y 35, 5 votes out: holds by D’Hondt (50 > 40), not by Sainte-Laguë (33.3 < 40)', () => {
    const input = {
      votes: [
        { party: 'W', votes: 250 },
        { party: 'X', votes: 100 },
        { party: 'Y', votes: 35 },
      ],
      seats: { W: 5, X: 2, Y: 0 },
      headDecided: 'mathematically' as const,
      final: false,
      remaining: 5,
      tied: false,
    };
    const bonus = { party: 'W', seats: 5, rest: DHONDT };
    expect(decidedCouncilSeats({ ...input, method: SAINTE_LAGUE, bonus })).toBeNull();
    // D'Hondt for both: the share holds, and W's 6th quotient (255 / 6 = 42.5) is below X's 2nd (50)
    expect(decidedCouncilSeats({ ...input, method: DHONDT, bonus })).toBe('mathematically');
  });
});

describe('a last-seat lot on the final count (review s32, 4)', () => {
  /** A 5-seat council, A B C…, on a final count (or not), with or without a seed. */
  const last = (
    votes: readonly number[],
    o: { bonus?: boolean; seed?: number; final?: boolean } = {},
  ): CouncilContest => {
    const lists = votes.map((v, i) => ({ party: String.fromCharCode(65 + i), votes: v }));
    const c = { key: 'C', name: 'C', region: 'R', seats: 5, lists, final: o.final ?? true };
    const ruleset = o.bonus === false ? PLAIN : BONUS;
    const r = computeContests(
      [{ kind: 'district-council', ruleset, complete: false, contests: [c] }],
      { seed: o.seed },
    );
    return r.contests[0] as CouncilContest;
  };
  /** Every list keeps its allocated seats under each of these seeds' lots. */
  const keptUnderLots = (votes: readonly number[], bonus: boolean): void => {
    const open = last(votes, { bonus });
    for (let seed = 1; seed <= 40; seed++) {
      const drawn = last(votes, { bonus, seed });
      expect(drawn.unallocated).toBe(0);
      for (const [p, n] of Object.entries(open.seats))
        expect(drawn.seats[p] ?? 0).toBeGreaterThanOrEqual(n);
    }
  };

  it('no bonus: A 600 B 300 C 100 tie at 150 for the 5th seat: A 3 B 1 decided, 1 the lot’s', () => {
    // quotients A 600 300 200 150, B 300 150, C 100: four above 150, then A and B at 150
    const c = last([600, 300, 100], { bonus: false });
    expect([c.seats, c.unallocated, c.unallocatedReason]).toEqual([{ A: 3, B: 1 }, 1, 'tie']);
    expect(c.seatsDecided).toBe('source-final');
    keptUnderLots([600, 300, 100], false);
    // not the final count: more votes can move any seat; a seed's lot is cifra's, not the sorteo
    expect(last([600, 300, 100], { bonus: false, final: false }).seatsDecided).toBeNull();
    expect(last([600, 300, 100], { bonus: false, seed: 1 }).seatsDecided).toBeNull();
  });

  it('bonus, the most-voted list above it: A 900 B 200 C 200 → A 4 decided, B/C for the 5th', () => {
    // A 900 450 300 225 (4 = ⌈5/2⌉ + 1: the bonus stays out), then B and C at 200 for the last
    const c = last([900, 200, 200]);
    expect([c.seats, c.unallocated, c.bonus]).toEqual([{ A: 4 }, 1, null]);
    expect(c.seatsDecided).toBe('source-final');
    keptUnderLots([900, 200, 200], true);
  });

  it('bonus, the most-voted list in the tie for its 4th seat: A 800 B 200 C 200 → A 4 by the bonus either way', () => {
    // A 800 400 266.7, then A's 200 and B's and C's 200 for 2 seats: won or lost, A has 4 (by the
    // method or the bonus) and B and C share 1 by D'Hondt: a tie, the lot's
    const c = last([800, 200, 200]);
    expect([c.seats, c.unallocated, c.unallocatedReason]).toEqual([{ A: 4 }, 1, 'tie']);
    expect(c.seatsDecided).toBe('source-final');
    keptUnderLots([800, 200, 200], true);
  });

  it('only an allocation tie left to a lot not drawn, a divisor method, no bonus method of its own', () => {
    const tie = { stage: 'allocation', candidates: ['B', 'C'], resolution: 'unresolved' };
    expect(lotKeepsAllocated(DHONDT, null, [tie])).toBe(true);
    expect(lotKeepsAllocated(DHONDT, { rest: null }, [tie])).toBe(true);
    // the bonus's own divisor method for the others: the lot for the most-voted list's bonus-th
    // seat moves their seats, but the engine allocates each the fewer of its two outcomes
    // (district-seats.ts `eitherWay`), kept either way: case (iii) of the proof
    expect(lotKeepsAllocated(DHONDT, { rest: SAINTE_LAGUE }, [tie])).toBe(true);
    // a quota method of its own is not in the proof: left out
    expect(lotKeepsAllocated(DHONDT, { rest: HARE }, [tie])).toBe(false);
    expect(lotKeepsAllocated(DHONDT, null, [{ ...tie, resolution: 'lot' }])).toBe(false);
    expect(lotKeepsAllocated(DHONDT, null, [{ ...tie, stage: 'most-voted' }])).toBe(false);
    expect(lotKeepsAllocated(null, null, [tie])).toBe(false);
    expect(lotKeepsAllocated(DHONDT, null, [])).toBe(false);
  });

  it('the national count: the allocated seats decided, the lot’s seat apart, the council still open', () => {
    const lists = (v: readonly number[]) =>
      v.map((votes, i) => ({ party: String.fromCharCode(65 + i), votes }));
    const r = computeContests([
      {
        kind: 'district-council',
        ruleset: BONUS,
        complete: true,
        contests: [
          { key: 'T', name: 'T', region: 'R', seats: 5, lists: lists([800, 200, 200]) },
          { key: 'U', name: 'U', region: 'R', seats: 5, lists: lists([500, 300, 100]) },
        ],
      },
    ]);
    const n = nationalPicture(r.contests, []);
    const sum = (k: 'seats' | 'seatsOpen') => n.byType.reduce((a, t) => a + t[k], 0);
    // T: A 4 decided and 1 on the lot; U: A 4 B 1 (the bonus), all decided
    expect([sum('seats'), sum('seatsOpen')]).toEqual([9, 0]);
    expect(n.unassigned.lot).toEqual({ seats: 1, councils: 1 });
    expect(n.seatsTotal).toBe(10);
    expect(n.open).toEqual(['district-council/T']);
  });
});
