import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesetFromJson } from '../rulesets/compile.js';
import type { PresidentialRuleset } from '../rulesets/ruleset.js';
import { computeContests, type ContestSetInput, type SingleWinnerContest } from './contests.js';

/** The governor's rounds as bundled (data/rulesets/pe-erm-gobernador{,-segunda}.json). */
function governor(round: 'first' | 'runoff'): PresidentialRuleset {
  const r = rulesetFromJson({
    format: 'cifra-ruleset/1',
    id: round === 'first' ? 'pe-erm-gobernador' : 'pe-erm-gobernador-segunda',
    label: 'governor',
    kind: 'single-winner',
    round,
    winner:
      round === 'first'
        ? { share: '30%', strict: false, base: 'valid' }
        : { share: '1/2', strict: true, base: 'valid' },
    runoffCandidates: 2,
  });
  if (!r.ok || r.value.kind !== 'presidential') throw new Error(JSON.stringify(r));
  return r.value;
}

const FIRST: ContestSetInput = {
  kind: 'governor',
  ruleset: governor('first'),
  contests: [
    {
      key: 'R',
      name: 'R',
      region: 'R',
      lists: [
        { party: 'A', votes: 29 },
        { party: 'B', votes: 28 },
        { party: 'C', votes: 23 },
        { party: 'D', votes: 20 },
      ],
    },
  ],
};

function runoff(a: number, b: number, remaining: number | undefined, complete: boolean) {
  const second: ContestSetInput = {
    kind: 'governor-runoff',
    ruleset: governor('runoff'),
    complete,
    contests: [
      {
        key: 'R',
        name: 'R',
        region: 'R',
        remaining,
        lists: [
          { party: 'A', votes: a },
          { party: 'B', votes: b },
        ],
      },
    ],
  };
  const r = computeContests([FIRST, second]);
  const find = (id: string) => r.contests.find((c) => c.id === id) as SingleWinnerContest;
  return { first: find('governor/R'), second: find('governor-runoff/R'), issues: r.issues };
}

describe('the governor second round in one pass (Ley 27683 art. 5)', () => {
  it('a complete count settles it; a tie is a reported result and leaves the office open', () => {
    const won = runoff(51, 49, undefined, true);
    expect(won.second.decided).toBe('source-final');
    expect(won.first.secondRound).toEqual({ id: 'governor-runoff/R', winner: 'A' });
    const tied = runoff(50, 50, undefined, true);
    expect(tied.second.result.outcome.kind).toBe('tie');
    expect(tied.first.secondRound).toEqual({ id: 'governor-runoff/R', winner: null });
    expect(tied.issues).toEqual([]);
  });

  it('a provisional count without the votes still out settles nothing', () => {
    const r = runoff(90, 10, undefined, false);
    expect(r.second.decided).toBeNull();
    expect(r.first.secondRound?.winner).toBeNull();
  });

  it('property: a lead settled before the end is the winner however the votes still out split', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(5_000),
        fc.nat(5_000),
        (a, b, remaining, toB) => {
          const early = runoff(a, b, remaining, false);
          if (early.second.decided !== 'mathematically') return;
          // every split of the votes still out, the worst case all to the trailing formula
          const give = Math.min(toB, remaining);
          const leaderIsA = a > b;
          const end = leaderIsA
            ? runoff(a + (remaining - give), b + give, undefined, true)
            : runoff(a + give, b + (remaining - give), undefined, true);
          expect(end.first.secondRound?.winner).toBe(early.first.secondRound?.winner);
        },
      ),
    );
  });
});
