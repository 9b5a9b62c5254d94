import { describe, expect, it } from 'vitest';
import { frameFromSnapshot, widestSplitRatio, type SnapshotUnit } from './frame-snapshot.js';
import { simulate } from './simulate.js';
import { twoChoiceUnit } from '../../test-utils/snapshot-units.js';

// Run 15 (docs/projection.md): the parent's spread from fewer than six counted units with a prior.

/** Previous-round shares of three choices per unit: P from 10 to 70 %, Q and R split the rest. */
function priorShares(i: number): number[] {
  const p = 0.1 + (0.6 * (i % 11)) / 10;
  return [p, 0.6 * (1 - p), 0.4 * (1 - p)];
}

/**
 * `counted` small units that vote alike (40–41 % for A) and twenty large uncounted ones; every unit
 * has a previous round whose units differ widely.
 */
function units(counted: number): SnapshotUnit[] {
  return Array.from({ length: 20 + counted }, (_, i) => {
    const c = i < counted;
    return twoChoiceUnit(`U${i}`, 0.4 + 0.01 * (i % 2), c, {
      eligibleTotal: c ? 20_000 : 40_000,
      prior: { votes: priorShares(i).map((s) => Math.round(s * 10_000)), eligible: 20_000 },
    });
  });
}

const pB = (counted: number, widestSplit: boolean): number => {
  const frame = frameFromSnapshot(units(counted), ['A', 'B'], { figures: 'valid', widestSplit });
  const p = simulate(frame, { sims: 2000, seed: 5, kind: 'runoff' });
  return p.winner?.find((w) => w.choice === 'B')?.probability ?? 0;
};

describe("the parent's spread from fewer than six counted units (run 15)", () => {
  it('two alike counted units do not settle the race when the previous round was spread', () => {
    // the sample variance of two units 1 pp apart: every uncounted unit rests on 40.5 ± ~0.7 pp
    expect(pB(2, false)).toBeGreaterThan(0.99);
    // floored by the previous round's widest split (P against Q + R: sd ≈ 20 pp): not settled
    expect(pB(2, true)).toBeLessThan(0.99);
  });

  it('leaves the frame alone from six counted units with a prior (the prior line)', () => {
    const a = frameFromSnapshot(units(6), ['A', 'B'], { figures: 'valid', widestSplit: false });
    const b = frameFromSnapshot(units(6), ['A', 'B'], { figures: 'valid', widestSplit: true });
    expect(b.groups.map((g) => Array.from(g.cp ?? []))).toEqual(
      a.groups.map((g) => Array.from(g.cp ?? [])),
    );
    expect(b.regions.map((r) => [...r.sd])).toEqual(a.regions.map((r) => [...r.sd]));
  });

  it('is the largest ratio Var / m(1 − m) over the splits of the previous choices', () => {
    const rows = Array.from({ length: 22 }, (_, i) => priorShares(i));
    const priors = rows.map((r) => ({ votes: r.map((s) => Math.round(s * 10_000)) }));
    const ratio = (f: (r: number[]) => number): number => {
      const v = rows.map(f);
      const m = v.reduce((x, y) => x + y, 0) / v.length;
      return v.reduce((x, y) => x + (y - m) ** 2, 0) / (v.length - 1) / (m * (1 - m));
    };
    // three choices: the splits are {P}, {Q}, {R} against the rest (a complement has the same ratio)
    const expected = Math.max(
      ratio((r) => r[0] as number),
      ratio((r) => r[1] as number),
      ratio((r) => r[2] as number),
    );
    expect(widestSplitRatio(priors, 'valid')).toBeCloseTo(expected, 3);
    // one unit says nothing about a spread
    expect(widestSplitRatio(priors.slice(0, 1), 'valid')).toBe(0);
  });
});
