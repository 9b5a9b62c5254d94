import { describe, expect, it } from 'vitest';
import { checkNullity } from './nullity.js';
import { electCandidates } from './preferential.js';
import { decidePresidentialRound } from './presidential.js';

describe('decidePresidentialRound', () => {
  it('needs strictly more than half of the valid votes to win in the first round (CONST art. 111)', () => {
    expect(
      decidePresidentialRound({
        round: 'first',
        candidates: [
          { candidate: 'A', votes: 501 },
          { candidate: 'B', votes: 499 },
        ],
      }).outcome,
    ).toEqual({ kind: 'winner', winner: 'A', round: 'first' });
    expect(
      decidePresidentialRound({
        round: 'first',
        candidates: [
          { candidate: 'A', votes: 500 },
          { candidate: 'B', votes: 300 },
          { candidate: 'C', votes: 200 },
        ],
      }).outcome,
    ).toEqual({ kind: 'runoff', pair: ['A', 'B'] });
  });
  it('reports a tie for second place instead of choosing by order', () => {
    const r = decidePresidentialRound({
      round: 'first',
      candidates: [
        { candidate: 'C', votes: 200 },
        { candidate: 'A', votes: 400 },
        { candidate: 'B', votes: 200 },
      ],
    });
    expect(r.outcome).toEqual({ kind: 'tie', stage: 'second-place', candidates: ['B', 'C'] });
  });
  it('sends two equal leaders to the runoff, and reports a three-way tie for first', () => {
    expect(
      decidePresidentialRound({
        round: 'first',
        candidates: [
          { candidate: 'A', votes: 4 },
          { candidate: 'B', votes: 4 },
          { candidate: 'C', votes: 2 },
        ],
      }).outcome,
    ).toEqual({ kind: 'runoff', pair: ['A', 'B'] });
    expect(
      decidePresidentialRound({
        round: 'first',
        candidates: [
          { candidate: 'A', votes: 4 },
          { candidate: 'B', votes: 4 },
          { candidate: 'C', votes: 4 },
        ],
      }).outcome.kind,
    ).toBe('tie');
  });
  it('reports an exact runoff tie for the JNE', () => {
    expect(
      decidePresidentialRound({
        round: 'runoff',
        candidates: [
          { candidate: 'A', votes: 7 },
          { candidate: 'B', votes: 7 },
        ],
      }).outcome,
    ).toEqual({ kind: 'tie', stage: 'runoff', candidates: ['A', 'B'] });
  });
  it('governor (Ley 27683 art. 5): at least 30 % of the valid votes wins; below it the top two go to a second round', () => {
    const thirty = {
      share: { numerator: 3, denominator: 10 },
      strict: false,
      base: 'valid' as const,
    };
    const round = (votes: Record<string, number>) =>
      decidePresidentialRound({
        round: 'first',
        winner: thirty,
        candidates: Object.entries(votes).map(([candidate, v]) => ({ candidate, votes: v })),
      }).outcome;
    // exactly 30 %: 300 × 10 = 1000 × 3, "no menos del treinta por ciento"
    expect(round({ A: 300, B: 290, C: 210, D: 200 })).toEqual({
      kind: 'winner',
      winner: 'A',
      round: 'first',
    });
    expect(round({ A: 299, B: 291, C: 210, D: 200 })).toEqual({ kind: 'runoff', pair: ['A', 'B'] });
    // a tie for second place is a result, not an input-order accident
    expect(round({ A: 290, B: 250, C: 250, D: 210 })).toEqual({
      kind: 'tie',
      stage: 'second-place',
      candidates: ['B', 'C'],
    });
    // below one half two formulas can both reach the share: level at the top, nobody has won alone
    expect(round({ B: 350, A: 350, C: 300 })).toEqual({
      kind: 'tie',
      stage: 'first-place',
      candidates: ['A', 'B'],
    });
  });
  it('reports the LOE art. 322 third-of-emitted metric as information', () => {
    const r = decidePresidentialRound({
      round: 'first',
      candidates: [
        { candidate: 'A', votes: 30 },
        { candidate: 'B', votes: 20 },
      ],
      emitted: 100,
    });
    expect(r.art322).toEqual({ emitted: 100, reached: false });
  });
});

describe('checkNullity', () => {
  it('art. 184: blank + null over two thirds of emitted, strictly', () => {
    expect(checkNullity({ valid: 100, blank: 100, null: 100 }).const184).toBe(false); // 200 = 2/3 of 300
    expect(checkNullity({ valid: 99, blank: 100, null: 101 }).const184).toBe(true);
  });
  it('LOE 365 uses valid votes as the denominator and is reported too; art. 184 binds by default', () => {
    const r = checkNullity({ valid: 12_858_920, blank: 2_126_712, null: 2_737_099 });
    expect(r).toMatchObject({
      emitted: 17_722_731,
      const184: false,
      loe365: false,
      binding: 'const-184',
      nullityReached: false,
    });
    const loe = checkNullity({ valid: 100, blank: 40, null: 30 }, 'loe-365');
    expect(loe).toMatchObject({ const184: false, loe365: true, nullityReached: true });
  });
});

describe('electCandidates (LOE art. 31)', () => {
  const c = (candidate: string, position: number, votes: number) => ({
    candidate,
    position,
    votes,
  });
  it('gives the seats in preferential order: #2 and #3 with 3,400 each win two seats', () => {
    expect(
      electCandidates([c('#1', 1, 1200), c('#2', 2, 3400), c('#3', 3, 3400), c('#4', 4, 0)], 2),
    ).toEqual({ elected: ['#2', '#3'], tie: null, shortBy: 0 });
  });
  it('reports #2 and #3 tied for a single seat (sorteo), not the list order', () => {
    expect(electCandidates([c('#1', 1, 1200), c('#2', 2, 3400), c('#3', 3, 3400)], 1)).toEqual({
      elected: [],
      tie: { candidates: ['#2', '#3'], seatsInContention: 1 },
      shortBy: 0,
    });
  });
  it('treats all-zero preferences as a tie', () => {
    expect(electCandidates([c('a', 1, 0), c('b', 2, 0), c('c', 3, 0)], 2).tie).toEqual({
      candidates: ['a', 'b', 'c'],
      seatsInContention: 2,
    });
  });
  it('reports a list with fewer candidates than seats', () => {
    expect(electCandidates([c('a', 1, 5)], 3)).toEqual({ elected: ['a'], tie: null, shortBy: 2 });
  });
});
