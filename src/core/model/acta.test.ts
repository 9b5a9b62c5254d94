import { describe, expect, it } from 'vitest';
import { bookedFigures } from './acta.js';
import { annulledNullOf } from './annulled.js';

const cells = { votes: [120, 75, 9], blank: 4, null: 2, impugned: 1 };

describe("an annulled acta's null votes", () => {
  it('are its voters when it states them, whatever its cells add to', () => {
    expect(annulledNullOf({ ...cells, voters: 230 }, 2)).toBe(230);
    expect(bookedFigures('annulled', { ...cells, voters: 230 }, 2)).toEqual({
      votes: [0, 0],
      blank: 0,
      null: 230,
      impugned: 0,
      preferential: null,
    });
  });

  it("are its cells' sum, the election's choices only, when it states no voters", () => {
    // the CLI's sentence said its null cell (2) here: the diff read of the twenty-fourth pass
    expect(annulledNullOf({ ...cells, voters: null }, 2)).toBe(120 + 75 + 4 + 2 + 1);
    expect(bookedFigures('annulled', { ...cells, voters: null }, 2).null).toBe(202);
  });

  it('are unknown when it states no voters and a cell is unknown', () => {
    expect(annulledNullOf({ ...cells, blank: null, voters: null }, 2)).toBeNull();
  });
});
