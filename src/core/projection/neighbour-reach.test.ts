import { describe, expect, it } from 'vitest';
import { twoChoiceUnit } from '../../test-utils/snapshot-units.js';
import {
  frameFromSnapshot,
  neighbourIndices,
  neighbourShift,
  type SnapshotUnit,
} from './frame-snapshot.js';

// Run 10 (docs/projection.md): the neighbours' term reaches two borders, so a unit whose
// neighbours are all uncounted still moves with the counted units beyond them.

/** Ten units on a line of their prior share of A; U6–U9 (a "south") run 8 pp above it. */
function units(counted: (i: number) => boolean, prior = true): SnapshotUnit[] {
  return Array.from({ length: 10 }, (_, i) => {
    const e = 0.2 + 0.06 * i + (i % 2 === 0 ? 0.02 : -0.02);
    const a = 0.1 + 0.8 * e + (i >= 6 ? 0.08 : i % 3 === 0 ? 0.01 : -0.01);
    return twoChoiceUnit(
      `U${i}`,
      a,
      counted(i),
      prior
        ? { prior: { votes: [e * 10_000, (1 - e) * 10_000], eligible: 20_000, emitted: 10_000 } }
        : {},
    );
  });
}

// U9 borders only U8; U8 borders the counted U6 and U7
const NEIGHBOURS = { U6: ['U8'], U7: ['U8'], U8: ['U6', 'U7', 'U9'], U9: ['U8'] };
const counted = (i: number): boolean => i < 8;

describe("the neighbours' term two borders away (run 10)", () => {
  const base = { figures: 'valid' as const, neighbours: NEIGHBOURS };
  const reach1 = frameFromSnapshot(units(counted), ['A', 'B'], base);
  const reach2 = frameFromSnapshot(units(counted), ['A', 'B'], { ...base, neighbourReach: 2 });

  it('moves a unit whose neighbours are all uncounted, which reach 1 cannot', () => {
    const without = frameFromSnapshot(units(counted), ['A', 'B'], { figures: 'valid' });
    expect(reach1.regions[9]?.mean[0]).toBe(without.regions[9]?.mean[0]);
    const moved = (reach2.regions[9]?.mean[0] ?? 0) - (reach1.regions[9]?.mean[0] ?? 0);
    // U6, U7 at weight 0.5 each: k = 1, λ = 1 keeps half their mean residual
    expect(moved).toBeGreaterThan(0.01);
    expect(moved).toBeLessThan(0.06);
    expect(reach2.regions[9]?.sd[0] ?? 0).toBeGreaterThan(reach1.regions[9]?.sd[0] ?? 0);
    // U8's own neighbours are the same at both reaches (U9 has no count)
    expect(reach2.regions[8]?.mean[0]).toBe(reach1.regions[8]?.mean[0]);
  });

  it('is a weighted shrunk mean with the weighted mean’s error', () => {
    const s = neighbourShift([0.1, 0.2], [0.001, 0.003], 0.01, 1, [1, 0.5]);
    const k = 1.5;
    expect(s.shift).toBeCloseTo((k / (k + 1)) * ((0.1 + 0.5 * 0.2) / k), 12);
    const v = (0.01 + 0.001 + 0.25 * (0.01 + 0.003)) / (k * k);
    expect(s.variance).toBeCloseTo((k / (k + 1)) ** 2 * v, 12);
    // equal weights: run 9's figures to the digit
    expect(neighbourShift([0.1, 0.2], [0.001, 0.003], 0.01, 1, [1, 1])).toEqual(
      neighbourShift([0.1, 0.2], [0.001, 0.003], 0.01, 1),
    );
  });

  it('lists the units two borders away once, at their weight, never itself or a neighbour', () => {
    const idx = neighbourIndices(units(counted), NEIGHBOURS, 2, 0.25);
    expect(idx?.[9]).toEqual([
      { j: 8, w: 1 },
      { j: 6, w: 0.25 },
      { j: 7, w: 0.25 },
    ]);
    expect(idx?.[6]).toEqual([
      { j: 8, w: 1 },
      { j: 7, w: 0.25 },
      { j: 9, w: 0.25 },
    ]);
    expect(neighbourIndices(units(counted), NEIGHBOURS, 1)?.[9]).toEqual([{ j: 8, w: 1 }]);
  });

  it('acts on the counted units’ mean without a prior only when asked (the first round’s fit)', () => {
    const noPrior = units(counted, false);
    const off = frameFromSnapshot(noPrior, ['A', 'B'], base);
    const plain = frameFromSnapshot(noPrior, ['A', 'B'], { figures: 'valid' });
    expect(off.regions[8]?.mean[0]).toBe(plain.regions[8]?.mean[0]);
    const on = frameFromSnapshot(noPrior, ['A', 'B'], { ...base, neighboursWithoutPrior: true });
    // U6, U7 lie well above the mean of the counted units: U8 moves up
    expect((on.regions[8]?.mean[0] ?? 0) - (plain.regions[8]?.mean[0] ?? 0)).toBeGreaterThan(0.05);
  });
});
