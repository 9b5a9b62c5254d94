import { describe, expect, it } from 'vitest';
import { twoChoiceUnit } from '../../test-utils/snapshot-units.js';
import { frameFromSnapshot, neighbourShift, type SnapshotUnit } from './frame-snapshot.js';

// Run 9 (docs/projection.md): an uncounted unit's prior moves with its counted neighbours'
// residuals on the prior line.

/** Ten units whose share of A follows their prior share, but U6–U9 (a "south") run 8 pp above it. */
function units(): SnapshotUnit[] {
  return Array.from({ length: 10 }, (_, i) => {
    const e = 0.2 + 0.06 * i + (i % 2 === 0 ? 0.02 : -0.02);
    const a = 0.1 + 0.8 * e + (i >= 6 ? 0.08 : i % 3 === 0 ? 0.01 : -0.01);
    return twoChoiceUnit(`U${i}`, a, i < 8, {
      prior: { votes: [e * 10_000, (1 - e) * 10_000], eligible: 20_000, emitted: 10_000 },
    });
  });
}

// U8 borders the two counted southern units; U9 borders nobody
const NEIGHBOURS = { U6: ['U8'], U7: ['U8'], U8: ['U6', 'U7'], U9: [] };

describe("the neighbours' residual term", () => {
  const without = frameFromSnapshot(units(), ['A', 'B'], { figures: 'valid' });
  const withNb = frameFromSnapshot(units(), ['A', 'B'], {
    figures: 'valid',
    neighbours: NEIGHBOURS,
  });

  it("moves an uncounted unit toward its counted neighbours' residuals", () => {
    const before = without.regions[8]?.mean[0] ?? 0;
    const after = withNb.regions[8]?.mean[0] ?? 0;
    // the line absorbs part of the south's 8 pp; k = 2, λ = 1 keeps two thirds of what is left
    expect(after - before).toBeGreaterThan(0.02);
    expect(after - before).toBeLessThan(0.08);
    expect(withNb.regions[8]?.sd[0] ?? 0).toBeGreaterThan(without.regions[8]?.sd[0] ?? 0);
  });

  it('leaves a unit without neighbours and the counted units as they were', () => {
    expect(withNb.regions[9]?.mean[0]).toBe(without.regions[9]?.mean[0]);
    expect(withNb.regions[9]?.sd[0]).toBe(without.regions[9]?.sd[0]);
    for (let i = 0; i < 8; i++)
      expect(withNb.regions[i]?.mean[0]).toBe(without.regions[i]?.mean[0]);
  });

  it('is the shrunk mean k / (k + λ) of the residuals, with its own error as variance', () => {
    const s = neighbourShift([0.1, 0.2], [0.001, 0.003], 0.01, 1);
    expect(s.shift).toBeCloseTo((2 / 3) * 0.15, 12);
    expect(s.variance).toBeCloseTo(((4 / 9) * (0.01 + 0.002)) / 2, 12);
    expect(neighbourShift([], [], 0.01, 1)).toEqual({ shift: 0, variance: 0 });
  });
});
