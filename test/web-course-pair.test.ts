// The count's course (web/course.ts) draws the last update's leader against its runner-up: the
// README's first-round replay drew Humala (P1) against Arana (P2), ballot order, at 0 % each.
import { describe, expect, it } from 'vitest';
import { coursePair, courseSeries, pairMargin } from '../web/course-pair.js';

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

describe('courseSeries', () => {
  /** An update as count-course.ts makes it: its votes and its own leader and margin. */
  const update = (...votes: ReturnType<typeof v>[]) => {
    const [first, second] = [...votes].sort((a, b) => b.votes - a.votes);
    const margin = (first?.votes ?? 0) - (second?.votes ?? 0);
    return { votes, leader: margin > 0 ? (first?.id ?? null) : null, margin };
  };

  it('draws a runoff as the signed margin of its two: above zero the first, below the second', () => {
    const s = courseSeries(NONE, [
      update(v('f', 60), v('c', 40)),
      update(v('f', 100), v('c', 110)),
    ]);
    expect(s?.kind).toBe('pair');
    expect(s?.pair.map((x) => x.id)).toEqual(['c', 'f']);
    expect(s?.ys).toEqual([-20, 10]);
  });

  it("draws the leader's lead, by leader, when a third choice led or came second on the way", () => {
    // review 20 H1: the 2021 first round's last two (Castillo, Fujimori) were not the early
    // count's: López Aliaga, then De Soto led; Castillo − Fujimori under "Fujimori leads" was false
    const s = courseSeries(NONE, [
      update(v('castillo', 50), v('fujimori', 60), v('rla', 90)),
      update(v('castillo', 200), v('fujimori', 150), v('desoto', 210)),
      update(v('castillo', 500), v('fujimori', 400), v('desoto', 300)),
    ]);
    expect(s?.kind).toBe('lead');
    expect(s?.pair.map((x) => x.id)).toEqual(['castillo', 'fujimori']);
    expect(s?.ys).toEqual([30, 10, 100]);
    expect(s?.kind === 'lead' ? s.leaders : null).toEqual(['rla', 'desoto', 'castillo']);
  });

  it('keeps the pair when a third only ties the second, and leaves "Otras listas" out', () => {
    const def = { choices: [{ id: 'otros', remainder: true }] };
    const s = courseSeries(def, [
      update(v('a', 10), v('b', 5), v('c', 5), v('otros', 99)),
      update(v('a', 30), v('b', 20), v('c', 1), v('otros', 99)),
    ]);
    expect(s?.kind).toBe('pair');
    expect(s?.ys).toEqual([5, 10]);
  });

  it('draws nothing without two choices at the last update', () => {
    expect(courseSeries(NONE, [])).toBeNull();
    expect(courseSeries(NONE, [update(v('a', 3))])).toBeNull();
  });
});
