// votelib's tie cases (tests/evaluate/test_tiebreak.py, test_auxiliary.py, the tie cases of
// test_proportional.py and test_openlist.py, and probes of votelib/evaluate/core.py get_n_best)
// translated into cifra's public API.
//
// votelib never breaks a tie by itself: it returns a `Tie` key holding the seats in contention
// next to the untied seats, and only a TieBreaking wrapper resolves it. cifra does the same under
// the tie step `report`: the tied lists (sorted by name) and the seats in contention are the
// allocation's `tie`, and those seats stay out of `seats`. asVotelib() writes cifra's result in
// votelib's shape, so the expectations below are votelib's own.
//
// Not here, and why:
// - auxiliary/rfc3797_sourcecomp[0], [1], rfc3797_result, rfc3797_origex: cifra's lot is a
//   seeded PRNG draw, not the RFC 3797 procedure (reported in
//   /work/research/votelib/CIFRA_FAILURES.md); the vote-weighted RandomUnrankedBallotSelector
//   of the sortitor property has no cifra counterpart either (same file).
// - approval/quota_select_tie (tests/evaluate/test_approval.py QuotaSelector): candidates
//   reaching a quota in approval voting. Out of scope: cifra allocates seats to lists.
// - openlist/elem, openlist/quota, openlist/quota_listpref[True], [False]
//   (tests/evaluate/test_openlist.py ThresholdOpenList): which candidates of a list take its
//   seats under a preference-vote jump threshold. Out of scope: open-list candidate selection.
//   The list-order tie-breaker of that file (test_open_list_wrapper) is below.
import { describe, expect, it } from 'vitest';
import { allocateSeats, settleTie } from '../../src/core/allocation/allocate.js';
import { DHONDT, HARE, IMPERIALI_QUOTA } from '../../src/core/allocation/methods.js';
import { createRng } from '../../src/core/random.js';
import { asVotelib, lists, seatsOf, votelib, votelibProbe } from './votelib-helpers.js';

const PROP = 'tests/evaluate/test_proportional.py';
const TIE = 'tests/evaluate/test_tiebreak.py';
const AUX = 'tests/evaluate/test_auxiliary.py';
const report = { steps: ['report'] } as const;

/** One seat per candidate: votelib's Plurality selecting n winners is D'Hondt with a cap of 1. */
const onePerCandidate = (names: readonly string[]) => new Map(names.map((n) => [n, 1]));

describe('a tie reported, then broken (votelib TieBreaking)', () => {
  it(`plurality for 2 of A 3, B 2, C 2, D 1 elects A and leaves B, C tied; a lot gives A with B or C — ${votelib(TIE, 'test_simple')}`, () => {
    const votes = { A: 3, B: 2, C: 2, D: 1 };
    const caps = onePerCandidate(Object.keys(votes));
    const main = allocateSeats({
      lists: lists(votes),
      seats: 2,
      method: DHONDT,
      tieBreak: report,
      caps,
    });
    expect(asVotelib(main)).toEqual({ A: 1, tie: [{ tied: ['B', 'C'], seats: 1 }] });
    // votelib's Sortitor draws uniformly at random; cifra's lot is a seeded, recorded draw.
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const run = () =>
        allocateSeats({
          lists: lists(votes),
          seats: 2,
          method: DHONDT,
          tieBreak: { steps: ['lot'] },
          rng: createRng(seed),
          seed,
          caps,
        });
      const a = run();
      const winners = Object.keys(seatsOf(a.seats)).sort();
      expect([
        ['A', 'B'],
        ['A', 'C'],
      ]).toContainEqual(winners);
      expect(a.tie?.resolution).toBe('lot');
      expect(a.draw).toMatchObject({ seed, candidates: ['B', 'C'], seats: 1 });
      expect(seatsOf(run().seats)).toEqual(seatsOf(a.seats));
      outcomes.add(winners.join());
    }
    expect(outcomes.size).toBe(2);
  });

  it(`D'Hondt for 3 of A 4, B 3, C 2 ties A ÷ 2 with C ÷ 1; more votes gives A 2, B 1 — ${votelib(TIE, 'test_simple_prop')}`, () => {
    // votelib's tiebreaker (Plurality on the tied lists' original votes, A 4 > C 2) is cifra's
    // tie step `more-votes`.
    const votes = lists({ A: 4, B: 3, C: 2 });
    const main = allocateSeats({ lists: votes, seats: 3, method: DHONDT, tieBreak: report });
    expect(main.kind).toBe('tie');
    expect(asVotelib(main)).toEqual({ A: 1, B: 1, tie: [{ tied: ['A', 'C'], seats: 1 }] });
    const broken = allocateSeats({
      lists: votes,
      seats: 3,
      method: DHONDT,
      tieBreak: { steps: ['more-votes', 'report'] },
    });
    expect(broken.kind).toBe('allocated');
    expect(broken.tie?.resolution).toBe('more-votes');
    expect(seatsOf(broken.seats)).toEqual({ A: 2, B: 1 });
  });
});

describe('tie-break selectors (votelib auxiliary.py)', () => {
  it(`input order picks A, B of A, B, C for 2, whatever the votes — ${votelib(AUX, 'test_inporder')}`, () => {
    // cifra never lets the order of the input decide (a tie is a result, not an accident of array
    // order); the explicit rule for "first on the list" is the tie step ballot-position, with the
    // positions in votelib's input order. Reversed positions pick the other end.
    const votes = { A: 500, B: 300, C: 160 };
    const at = (order: string[]) =>
      settleTie(['A', 'B', 'C'], 2, {
        lists: Object.entries(votes).map(([party, v]) => ({
          party,
          votes: v,
          position: order.indexOf(party) + 1,
        })),
        tieBreak: { steps: ['ballot-position'] },
      });
    expect(at(['A', 'B', 'C'])).toMatchObject({
      winners: ['A', 'B'],
      resolution: 'ballot-position',
    });
    expect(at(['C', 'B', 'A'])).toMatchObject({
      winners: ['C', 'B'],
      resolution: 'ballot-position',
    });
  });

  it(`a seeded lot is stable and never leaves a tie; different seeds draw differently — ${votelib(AUX, 'test_sortitor_stable + test_sortitor_unstable')}`, () => {
    // votelib draws its 10 vote sets of 20 candidates at import time without a seed, so there are
    // no numbers to copy: the properties carry over. Sortitor(seed=1711) gives one result of
    // n_seats winners over 100 runs; unseeded, more than one result over 100 runs. cifra's lot
    // always has a seed: a fixed seed must repeat, 100 different seeds must not all agree.
    const gen = createRng(1711);
    const names = Array.from({ length: 20 }, (_, i) => `P${i + 1}`);
    for (let set = 0; set < 10; set++) {
      const pool = names.map((party) => ({ party, votes: gen.int(0, 1000) }));
      for (const n of [1, 2, 3]) {
        const draw = (seed: number) =>
          settleTie(names, n, {
            lists: pool,
            tieBreak: { steps: ['lot'] },
            rng: createRng(seed),
            seed,
          });
        const first = draw(1711);
        expect(first.resolution).toBe('lot');
        expect(first.winners).toHaveLength(n);
        expect(first.stillTied).toEqual([]);
        for (let run = 0; run < 100; run++) expect(draw(1711).winners).toEqual(first.winners);
        const distinct = new Set(
          Array.from({ length: 100 }, (_, seed) => draw(seed).winners.join()),
        );
        expect(distinct.size).toBeGreaterThan(1);
      }
    }
  });

  it(`list order breaks the tie for the second seat: B for A, B, C, D; C for D, C, B, A — ${votelib('tests/evaluate/test_openlist.py', 'test_open_list_wrapper')}`, () => {
    // ListOrderTieBreaker(Plurality()) on A 4, B 3, C 3, D 2 for 2 seats: Plurality gives
    // [A, Tie{B, C}] and the candidate higher on the list takes the tied seat. cifra: the tie step
    // ballot-position, positions in list order (the selection itself, one seat per candidate, as
    // in test_simple above).
    const votes = { A: 4, B: 3, C: 3, D: 2 };
    const elect = (order: string[]) =>
      allocateSeats({
        lists: Object.entries(votes).map(([party, v]) => ({
          party,
          votes: v,
          position: order.indexOf(party) + 1,
        })),
        seats: 2,
        method: DHONDT,
        tieBreak: { steps: ['ballot-position', 'report'] },
        caps: onePerCandidate(order),
      });
    expect(seatsOf(elect(['A', 'B', 'C', 'D']).seats)).toEqual({ A: 1, B: 1 });
    expect(seatsOf(elect(['D', 'C', 'B', 'A']).seats)).toEqual({ A: 1, C: 1 });
    expect(elect(['A', 'B', 'C', 'D']).tie).toMatchObject({
      candidates: ['B', 'C'],
      seatsInContention: 1,
      resolution: 'ballot-position',
    });
  });
});

describe('ties in allocation results (votelib Tie keys)', () => {
  it(`an Imperiali over-award on equal remainders: B 1 and 1 seat tied among A, B, C — ${votelib(PROP, 'test_imperiali_overaward_subtract_tied')}`, () => {
    // Quota 800/4 = 200: full quotas A 1, B 2, C 1 (4 of 2 seats), every remainder 0. Two seats
    // must go back and the three lists tie for the smallest remainder: one seat each goes back
    // and one of the three returned seats stays in contention (B may end with 2).
    const a = allocateSeats({
      lists: lists({ A: 200, B: 400, C: 200 }),
      seats: 2,
      method: IMPERIALI_QUOTA,
      tieBreak: report,
    });
    expect(asVotelib(a)).toEqual({ B: 1, tie: [{ tied: ['A', 'B', 'C'], seats: 1 }] });
    expect(a.unallocated).toBe(1);
  });

  it(`D'Hondt: three equal lists for 2 seats leave both seats tied — ${votelibProbe('votelib/evaluate/proportional.py HighestAverages() three-way tie')}`, () => {
    const a = allocateSeats({
      lists: lists({ A: 100, B: 100, C: 100 }),
      seats: 2,
      method: DHONDT,
      tieBreak: report,
    });
    expect(asVotelib(a)).toEqual({ tie: [{ tied: ['A', 'B', 'C'], seats: 2 }] });
  });

  it(`D'Hondt: equal quotients that all fit are no tie: A 1, B 1 — ${votelibProbe('votelib/evaluate/proportional.py HighestAverages() tie that fits')}`, () => {
    const a = allocateSeats({
      lists: lists({ A: 100, B: 100, C: 50 }),
      seats: 2,
      method: DHONDT,
      tieBreak: report,
    });
    expect(a.tie).toBeNull();
    expect(asVotelib(a)).toEqual({ A: 1, B: 1 });
  });

  it(`Hare: equal remainders for 2 seats among three lists leave both tied — ${votelibProbe("votelib/evaluate/proportional.py LargestRemainder('hare') remainder tie")}`, () => {
    const a = allocateSeats({
      lists: lists({ A: 1, B: 1, C: 1 }),
      seats: 2,
      method: HARE,
      tieBreak: report,
    });
    expect(asVotelib(a)).toEqual({ tie: [{ tied: ['A', 'B', 'C'], seats: 2 }] });
  });
});
