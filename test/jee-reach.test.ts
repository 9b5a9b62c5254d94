// The one JEE-versus-margin rule (leaders.ts jeeReach) that `cifra results` and the dashboard's
// unit both print: they disagreed on a runner-up at 0 votes (the dashboard dropped it).
import { describe, expect, it } from 'vitest';
import { jeeHeld, jeeReach, marginOf } from '../src/results/leaders.js';

const def = { choices: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'rest', remainder: true }] };
const votes = (...v: [string, number][]) => v.map(([id, n]) => ({ id, votes: n }));

describe('jeeReach: do the votes held at the JEE alone reach the leader’s margin?', () => {
  it('reaches when they are at least the margin, falls short below it', () => {
    expect(jeeReach(def, votes(['a', 60], ['b', 40]), 20)).toBe(true);
    expect(jeeReach(def, votes(['a', 60], ['b', 40]), 25)).toBe(true);
    expect(jeeReach(def, votes(['a', 60], ['b', 40]), 19)).toBe(false);
  });

  it('a runner-up at 0 votes stands: the margin is all the leader’s votes', () => {
    expect(jeeReach(def, votes(['a', 30], ['b', 0]), 30)).toBe(true);
    expect(jeeReach(def, votes(['a', 30], ['b', 0]), 29)).toBe(false);
  });

  it('the first two level: the margin is 0, so one held vote reaches it', () => {
    expect(jeeReach(def, votes(['a', 50], ['b', 50], ['c', 1]), 1)).toBe(true);
  });

  it('nothing to say: none held, no second contender, or nobody has a vote', () => {
    expect(jeeReach(def, votes(['a', 60], ['b', 40]), 0)).toBeNull();
    expect(jeeReach(def, votes(['a', 60], ['b', 40]), null)).toBeNull();
    expect(jeeReach(def, votes(['a', 60], ['b', 40]), undefined)).toBeNull();
    expect(jeeReach(def, votes(['a', 60]), 100)).toBeNull();
    expect(jeeReach(def, votes(['a', 0], ['b', 0]), 10)).toBeNull();
  });

  it('a remainder ("Otras listas") is no contender, neither leader nor runner-up', () => {
    // a leads b by 50; the remainder's 90 are no lead to reach
    expect(jeeReach(def, votes(['rest', 90], ['a', 60], ['b', 10]), 49)).toBe(false);
    expect(jeeReach(def, votes(['rest', 90], ['a', 60], ['b', 10]), 50)).toBe(true);
  });
});

describe("marginOf: the leader's margin a unit shows", () => {
  it('a runner-up at 0 votes stands: the margin is the leader’s votes, as jeeHeld weighs it', () => {
    expect(marginOf(def, votes(['a', 30], ['b', 0]))).toBe(30);
    expect(jeeHeld(def, votes(['a', 30], ['b', 0]), 30)).toEqual({ voters: 30, reaches: true });
  });

  it('none without two contenders or a vote; the remainder is no contender', () => {
    expect(marginOf(def, votes(['a', 30]))).toBeNull();
    expect(marginOf(def, votes(['a', 0], ['b', 0]))).toBeNull();
    expect(marginOf(def, votes(['rest', 90], ['a', 60], ['b', 10]))).toBe(50);
  });
});
