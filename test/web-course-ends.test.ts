// The ends of a pair's course chart (web/course.ts): each says that side's own largest lead, none
// where it never led (night review 4: the 2026 runoff's foot said 49,641 votes of a candidate whose
// largest lead was 43,292; a replay's foot named a lead its candidate never had).
import { describe, expect, it } from 'vitest';
import { pairEnds } from '../web/course.js';

describe('pairEnds', () => {
  it('each side its own largest lead, not the larger of the two', () => {
    expect(pairEnds([-43_292, -10_000, 5_000, 49_641, 20_000])).toEqual({
      top: 49_641,
      foot: 43_292,
    });
  });
  it('a side that never led: none at its end', () => {
    expect(pairEnds([0, 3_000, 11_044])).toEqual({ top: 11_044, foot: null });
    expect(pairEnds([-1, -7])).toEqual({ top: null, foot: 7 });
  });
  it('a tie throughout: no lead at either end', () => {
    expect(pairEnds([0, 0])).toEqual({ top: null, foot: null });
  });
});
