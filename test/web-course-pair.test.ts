// The count's course (web/course.ts) draws the last update's leader against its runner-up: the
// README's first-round replay drew Humala (P1) against Arana (P2), ballot order, at 0 % each.
import { describe, expect, it } from 'vitest';
import { coursePair, pairMargin } from '../web/course-pair.js';

const v = (id: string, votes: number) => ({ id, label: id.toUpperCase(), votes });
/** An election without a remainder choice. */
const NONE = { choices: [] };

describe('coursePair', () => {
  it('takes the first two by votes, not the first two columns', () => {
    const last = [v('p1', 10), v('p2', 5), v('p13', 900), v('p7', 880), v('p16', 700)];
    expect(coursePair(NONE, last)?.map((x) => x.id)).toEqual(['p13', 'p7']);
  });

  it('breaks a tie by ballot order, and needs two choices', () => {
    expect(coursePair(NONE, [v('a', 5), v('b', 7), v('c', 7)])?.map((x) => x.id)).toEqual([
      'b',
      'c',
    ]);
    expect(coursePair(NONE, [v('a', 5)])).toBeNull();
  });

  it("measures each update's margin by id, whatever the order of its votes", () => {
    const pair = coursePair(NONE, [v('x', 1), v('a', 100), v('b', 90)]);
    if (pair === null) throw new Error('pair');
    expect(pairMargin([v('b', 40), v('a', 30), v('x', 99)], pair)).toBe(-10);
    expect(pairMargin([v('a', 30)], pair)).toBe(30);
  });

  it('never draws "Otras listas" as a contender, however many votes it holds together', () => {
    // review 7 (M1): a first round's remainder ("OTROS 29 CANDIDATOS") out-polls the leader
    const def = { choices: [{ id: 'otros', remainder: true }, { id: 'a' }, { id: 'b' }] };
    const last = [v('a', 2_877_678), v('b', 2_015_114), v('otros', 3_778_318)];
    expect(coursePair(def, last)?.map((x) => x.id)).toEqual(['a', 'b']);
    expect(coursePair(NONE, last)?.map((x) => x.id)).toEqual(['otros', 'a']);
  });
});
