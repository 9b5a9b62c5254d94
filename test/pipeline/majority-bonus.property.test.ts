// Properties of Peru's municipal majority bonus (Ley 26864 art. 25), run through the bundled
// ruleset `pe-erm-municipal` as a council of n regidores (--districts), against plain cifra
// repartidora (the same file without its bonus tier):
// - the seats add up to n;
// - the winning list never gets fewer seats than under plain cifra repartidora;
// - when the bonus applies it is exactly ⌈n/2⌉ + 1 (at most n), the others share n minus it by
//   cifra repartidora; when it does not, the result is plain cifra repartidora;
// - with the legal tie rule (sorteo) and a seed, every seat is given, the same seed gives the same
//   council, and the order of the lists never matters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSeats, type SeatResult, type VoteRow } from '../../src/core/pipeline/seats.js';
import { rulesetFromJson } from '../../src/core/rulesets/compile.js';
import type { ListRuleset } from '../../src/core/rulesets/ruleset.js';
import { readRulesetSource } from '../../src/elections/rulesets.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

function variant(change: (file: Record<string, unknown>) => void): ListRuleset {
  const src = readRulesetSource('pe-erm-municipal');
  if (!src.ok) throw new Error('pe-erm-municipal');
  const file = structuredClone(src.value.json) as Record<string, unknown>;
  change(file);
  const r = rulesetFromJson(file);
  if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
  return r.value;
}

/** The bundled ruleset, ties reported (to compare with plain cifra repartidora on tie-free cases). */
const BONUS = variant((f) => void (f['tieBreak'] = ['report']));
const PLAIN = variant((f) => {
  f['tieBreak'] = ['report'];
  f['tiers'] = [];
  f['head'] = null;
});
/** The bundled ruleset as it is: ties by sorteo (lot) with a seed. */
const LEGAL = variant(() => undefined);

const council = (
  ruleset: ListRuleset,
  votes: readonly number[],
  n: number,
  seed?: number,
): SeatResult =>
  computeSeats(
    ruleset,
    {
      votes: votes.map((v, i): VoteRow => ({ district: 'C', party: `L${i}`, votes: v })),
      districts: [{ district: 'C', seats: n }],
    },
    { seed },
  );

const arbCouncil = fc.record({
  votes: fc.array(
    fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 3_000_000 })),
    { minLength: 1, maxLength: 10 },
  ),
  n: fc.constantFrom(5, 7, 9, 11, 13, 15, 39, 1, 2, 4, 6, 10),
});

const sum = (seats: Record<string, number>): number =>
  Object.values(seats).reduce((a, b) => a + b, 0);
const bonusOf = (n: number): number => Math.min(n, Math.ceil(n / 2) + 1);

describe('pe-erm-municipal majority bonus (properties)', () => {
  it('seats sum to n; the winner never gets fewer seats than under plain cifra repartidora; the bonus is exactly ⌈n/2⌉ + 1 when it applies', () => {
    fc.assert(
      fc.property(arbCouncil, ({ votes, n }) => {
        const plain = council(PLAIN, votes, n);
        const withBonus = council(BONUS, votes, n);
        fc.pre(plain.ties.length === 0 && withBonus.ties.length === 0);
        const head = withBonus.districts[0]?.head?.party;
        const top = Math.max(...votes);
        expect(head).toBe(`L${votes.indexOf(top)}`);
        const w = head as string;
        expect(sum(withBonus.seats)).toBe(n);
        const before = plain.seats[w] ?? 0;
        const after = withBonus.seats[w] ?? 0;
        expect(after).toBeGreaterThanOrEqual(before);
        if (before < bonusOf(n)) {
          expect(after).toBe(bonusOf(n));
          expect(withBonus.districts[0]?.clauses).toEqual([
            { clause: 'majority-bonus', party: w, before, after },
          ]);
          // the others share the rest by cifra repartidora among themselves
          const others = votes.map((v, i) => (`L${i}` === w ? 0 : v));
          const rest = council(PLAIN, others, n - after);
          const restOfBonus = Object.fromEntries(
            Object.entries(withBonus.seats).filter(([p]) => p !== w),
          );
          if (rest.ties.length === 0) expect(restOfBonus).toEqual(rest.seats);
        } else {
          expect(withBonus.seats).toEqual(plain.seats);
          expect(withBonus.districts[0]?.clauses).toBeUndefined();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('with the legal sorteo and a seed every seat is given, the draw is recorded and replayable, and list order never matters', () => {
    fc.assert(
      fc.property(
        arbCouncil,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.boolean(),
        ({ votes, n }, seed, reverse) => {
          const a = council(LEGAL, votes, n, seed);
          expect(sum(a.seats)).toBe(n);
          expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
          expect(a.draws.length).toBe(a.ties.length);
          const b = council(LEGAL, votes, n, seed);
          expect(b.seats).toEqual(a.seats);
          const rows = votes.map((v, i): VoteRow => ({ district: 'C', party: `L${i}`, votes: v }));
          const shuffled = computeSeats(
            LEGAL,
            {
              votes: reverse ? [...rows].reverse() : [...rows.slice(1), ...rows.slice(0, 1)],
              districts: [{ district: 'C', seats: n }],
            },
            { seed },
          );
          expect(shuffled.seats).toEqual(a.seats);
          expect(shuffled.districts[0]?.head).toEqual(a.districts[0]?.head);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('lists level at the top are a tie for the mayor and the bonus: reported without a seed, one recorded draw with it', () => {
    const votes = [500, 500, 100];
    const open = council(LEGAL, votes, 5);
    expect(open.districts[0]?.head?.party).toBeNull();
    expect(open.ties[0]).toMatchObject({
      stage: 'most-voted',
      candidates: ['L0', 'L1'],
      resolution: 'unresolved',
    });
    expect(open.issues.map((i) => i.code)).toContain('tie_unresolved');
    const drawn = council(LEGAL, votes, 5, 7);
    const mayor = drawn.districts[0]?.head?.party as string;
    expect(['L0', 'L1']).toContain(mayor);
    expect(drawn.draws[0]).toMatchObject({ stage: 'most-voted', seed: 7, winners: [mayor] });
    // the list drawn heads the council and takes the bonus: 4 of 5
    expect(drawn.seats[mayor]).toBe(4);
    expect(sum(drawn.seats)).toBe(5);
  });
});

// review 22 M1: a tie for the winner's bonus-th seat decides no seat — won, cifra repartidora gives
// it ⌈n/2⌉ + 1; lost, the bonus does; the others share the rest alike — so no lot is drawn and the
// council is not "tied" (a council decided on a partial count stayed decided at the final one)
describe('a tie the bonus makes moot', () => {
  it('[72, 36] for 5 seats: A 4, B 1, no tie reported, no draw, with or without a seed', () => {
    // D'Hondt: 72, 36 (A), 36 (B), 24, then 18 (A's 4th) = 18 (B's 2nd) for the 5th seat; B = 4
    for (const seed of [undefined, 1, 2]) {
      const r = council(LEGAL, [72, 36], 5, seed);
      expect(r.seats).toEqual({ L0: 4, L1: 1 });
      expect(r.ties).toEqual([]);
      expect(r.draws).toEqual([]);
    }
  });

  it('[40, 9, 9] for 5 seats: the winner has its 4 by the method, the others’ tie for the 5th is drawn', () => {
    // A: 40, 20, 13.3, 10 (4 = B), then B's 9 = C's 9 for the 5th seat: the lot gives a seat
    const r = council(LEGAL, [40, 9, 9], 5, 11);
    expect(r.draws).toHaveLength(1);
    expect(r.seats['L0']).toBe(4);
    expect((r.seats['L1'] ?? 0) + (r.seats['L2'] ?? 0)).toBe(1);
  });

  it('a council given without a lot has the seats of every way its ties could break (none mattered)', () => {
    // small votes: ties at every level, the winner's bonus-th seat among them. Scaled by 1,000 the
    // allocation is the same; one list's +1 then breaks each tie it is in its way and nothing else
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(3, 5, 7, 9),
        fc.integer({ min: 0, max: 1_000 }),
        (votes, n, seed) => {
          const r = council(LEGAL, votes, n, seed);
          fc.pre(r.draws.length === 0);
          votes.forEach((_, k) => {
            const broken = votes.map((v, i) => v * 1000 + (i === k ? 1 : 0));
            const b = council(LEGAL, broken, n, seed);
            if (b.draws.length === 0) expect(b.seats).toEqual(r.seats);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
