import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { betweenVariance, fitBetweenPrior } from './between-prior.js';
import { frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';
import { simulate } from './simulate.js';
import { twoChoiceUnit } from '../../test-utils/snapshot-units.js';

// Run 11 (docs/projection.md): the parent baseline's between-unit variance from k counted units.

/** Two small counted units that vote alike (40 and 41 % for A), twenty large uncounted ones. */
function units(): SnapshotUnit[] {
  return Array.from({ length: 22 }, (_, i) => {
    const c = i < 2;
    return twoChoiceUnit(`U${i}`, 0.4 + 0.01 * i, c, { eligibleTotal: c ? 20_000 : 40_000 });
  });
}

const PRIOR = { betweenPriorDf: 6, betweenPriorScale: 0.04 };

describe("the parent's between-unit variance from a handful of units (run 11)", () => {
  it('without the prior two alike units settle the race; with it they do not', () => {
    const pB = (o: object): number => {
      const frame = frameFromSnapshot(units(), ['A', 'B'], { figures: 'valid', ...o });
      const p = simulate(frame, { sims: 2000, seed: 3, kind: 'runoff' });
      return p.winner?.find((w) => w.choice === 'B')?.probability ?? 0;
    };
    // the sample variance of two units 1 pp apart: every uncounted unit rests on 40.5 ± ~0.7 pp
    expect(pB({ betweenPriorDf: 0 })).toBeGreaterThan(0.99);
    // with the prior, τ² ≥ s₀² m(1 − m) ≈ (9.8 pp)²: B leads, but the data do not settle it
    expect(pB(PRIOR)).toBeLessThan(0.99);
  });

  it('is the sample variance without a prior, and tends to it as k grows', () => {
    expect(betweenVariance(0.02, 5, 0.3, { df: 0, scale: 0 })).toBe(0.02);
    const far = betweenVariance(0.02, 10_000, 0.3, { df: 6, scale: 0.04 });
    expect(far).toBeCloseTo(0.02, 4);
    // one unit: the prior alone, its mean ν₀ s₀² m(1 − m) / (ν₀ − 2)
    expect(betweenVariance(0, 1, 0.5, { df: 6, scale: 0.04 })).toBeCloseTo((6 * 0.01) / 4, 12);
  });

  it('recovers a scaled-inverse-χ² prior from simulated choices', () => {
    const rng = createRng(11);
    const [nu, s0] = [8, 0.04];
    const U = 400;
    const C = 300;
    const cols = Array.from({ length: C }, () => {
      // τ² / m(1 − m) = ν s₀² / χ²_ν
      let chi = 0;
      for (let j = 0; j < nu; j++) chi += rng.normal() ** 2;
      const r = (nu * s0) / chi;
      const m = 0.2 + 0.3 * rng.float();
      return Array.from({ length: U }, () => m + Math.sqrt(r * m * (1 - m)) * rng.normal());
    });
    const shares = Array.from({ length: U }, (_, u) => cols.map((c) => c[u] as number));
    const fit = fitBetweenPrior(shares, C);
    expect(fit.scale).toBeGreaterThan(0.9 * s0);
    expect(fit.scale).toBeLessThan(1.1 * s0);
    expect(fit.df).toBeGreaterThan(0.75 * nu);
    expect(fit.df).toBeLessThan(1.33 * nu);
  });
});
