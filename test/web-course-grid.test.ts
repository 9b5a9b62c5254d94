// The course's gridlines: round numbers of votes (1, 2 or 5 × 10^k, as d3's ticks), within the
// plot's edge, never a fraction of a vote (session 34: the chart had no scale but its ends).
import { describe, expect, it } from 'vitest';
import { gridValues } from '../web/course.js';

describe('gridValues', () => {
  it("the 2026 runoff's edge (49,641): 20,000 and 40,000 on each side", () => {
    expect(gridValues(49_641, 2)).toEqual([20_000, 40_000]);
  });
  it("Spain's lead (339,119) in three: 100,000 to 300,000", () => {
    expect(gridValues(339_119, 3)).toEqual([100_000, 200_000, 300_000]);
  });
  it('an edge on a round number has its gridline there', () => {
    expect(gridValues(50_000, 2)).toEqual([20_000, 40_000]);
    expect(gridValues(10, 2)).toEqual([5, 10]);
  });
  it('a lead of one vote: one gridline at 1, no fraction', () => {
    expect(gridValues(1, 2)).toEqual([1]);
    expect(gridValues(3, 3)).toEqual([1, 2, 3]);
  });
});
