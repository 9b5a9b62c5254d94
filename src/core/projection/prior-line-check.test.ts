import { describe, expect, it } from 'vitest';
import { extrapolationVariance, frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';

// Run 8 (docs/projection.md): the units first counted since the earlier snapshot check the prior
// line fitted on the units counted before them; where they miss it beyond its own spread, the
// line's variance grows by the Birge ratio.

/**
 * Twelve units whose share of A follows their prior share (0.1 + 0.8 e); U0–U7 counted in the
 * earlier snapshot, U8 and U9 first counted since (`freshOffset` off the line), U10 and U11 not
 * counted. `previous`: whether an earlier snapshot is given at all.
 */
function units(freshOffset: number, previous = true): SnapshotUnit[] {
  return Array.from({ length: 12 }, (_, i) => {
    const e = 0.2 + 0.05 * i;
    const a =
      0.1 + 0.8 * e + (i % 2 === 0 ? 0.005 : -0.005) + (i === 8 || i === 9 ? freshOffset : 0);
    const counted = i < 10 ? 50 : 0;
    const before = i < 8 ? 40 : 0;
    return {
      unit: `U${i}`,
      actasCounted: counted,
      actasTotal: 100,
      eligibleTotal: 20_000,
      votes: counted > 0 ? [Math.round(a * 5_000), Math.round((1 - a) * 5_000)] : [0, 0],
      blank: 0,
      null: 0,
      prior: { votes: [e * 10_000, (1 - e) * 10_000], eligible: 20_000, emitted: 10_000 },
      ...(previous
        ? {
            previous: {
              actasCounted: before,
              votes: before > 0 ? [Math.round(a * 4_000), Math.round((1 - a) * 4_000)] : [0, 0],
              blank: 0,
              null: 0,
            },
          }
        : {}),
    };
  });
}

/** The sd and common prior draw of choice A for unit U10 (not counted). */
function u10(us: readonly SnapshotUnit[], priorLineCheck: boolean): { sd: number; cp: number } {
  const frame = frameFromSnapshot(us, ['A', 'B'], { figures: 'valid', priorLineCheck });
  const g = frame.groups.find((x) => frame.regions[x.region]?.code === 'U10');
  return { sd: frame.regions[10]?.sd[0] ?? 0, cp: g?.cp?.[0] ?? 0 };
}

describe("the night's check of the prior line (priorLineCheck)", () => {
  it('widens the uncounted units where the newly counted ones miss the line', () => {
    const on = u10(units(0.1), true);
    const off = u10(units(0.1), false);
    expect(on.sd).toBeGreaterThan(1.5 * off.sd);
    expect(on.cp).toBeGreaterThan(1.5 * off.cp);
  });

  it('leans less on the line for a counted unit then', () => {
    const share = (check: boolean): number => {
      const frame = frameFromSnapshot(units(0.1), ['A', 'B'], {
        figures: 'valid',
        varianceScale: 0,
        priorLineCheck: check,
      });
      return frame.regions[8]?.mean[0] ?? 0;
    };
    // U8's count sits 0.1 above the line: with the line's variance grown, its remainder follows
    // its count more (its counted share is 0.1 + 0.8 × 0.6 + 0.005 + 0.1 = 0.685)
    expect(share(true)).toBeGreaterThan(share(false));
    expect(share(true)).toBeLessThan(0.69);
  });

  it('changes nothing when they agree with the line (never narrower)', () => {
    expect(u10(units(0), true)).toEqual(u10(units(0), false));
  });

  it('changes nothing without an earlier snapshot', () => {
    expect(u10(units(0.1, false), true)).toEqual(u10(units(0.1, false), false));
  });
});

describe('the prior line outside its span (extrapolationVariance)', () => {
  it('adds loading × τ² per span beyond the largest fitted prediction variance, 0 inside', () => {
    const pv = Float64Array.from([0.5, 1, 0.8, 3]);
    const fitted = [true, true, true, false];
    const x = extrapolationVariance(pv, fitted, 0.01, 1);
    expect(Array.from(x.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(x[3]).toBeCloseTo(0.02, 12);
    expect(Array.from(extrapolationVariance(pv, fitted, 0.01, 0))).toEqual([0, 0, 0, 0]);
  });
});
