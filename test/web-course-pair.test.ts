// The count's course (web/course.ts) draws the last update's leader against its runner-up: the
// README's first-round replay drew Humala (P1) against Arana (P2), ballot order, at 0 % each.
import { describe, expect, it } from 'vitest';
import { coursePair, pairMargin } from '../web/course-pair.js';

const v = (id: string, votes: number) => ({ id, label: id.toUpperCase(), votes });

describe('coursePair', () => {
  it('takes the first two by votes, not the first two columns', () => {
    const last = [v('p1', 10), v('p2', 5), v('p13', 900), v('p7', 880), v('p16', 700)];
    expect(coursePair(last)?.map((x) => x.id)).toEqual(['p13', 'p7']);
  });

  it('breaks a tie by ballot order, and needs two choices', () => {
    expect(coursePair([v('a', 5), v('b', 7), v('c', 7)])?.map((x) => x.id)).toEqual(['b', 'c']);
    expect(coursePair([v('a', 5)])).toBeNull();
  });

  it("measures each update's margin by id, whatever the order of its votes", () => {
    const pair = coursePair([v('x', 1), v('a', 100), v('b', 90)]);
    if (pair === null) throw new Error('pair');
    expect(pairMargin([v('b', 40), v('a', 30), v('x', 99)], pair)).toBe(-10);
    expect(pairMargin([v('a', 30)], pair)).toBe(30);
  });
});
