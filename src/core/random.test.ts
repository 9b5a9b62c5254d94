import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';

describe('seeded normal draws (ziggurat)', () => {
  it('are deterministic for a seed', () => {
    const a = createRng(5);
    const b = createRng(5);
    for (let i = 0; i < 1000; i++) expect(a.normal()).toBe(b.normal());
  });

  it('have the moments and tail probabilities of N(0, 1) over 10^6 draws', () => {
    const rng = createRng(12345);
    const n = 1_000_000;
    let sum = 0;
    let sq = 0;
    let beyond196 = 0;
    let beyond3 = 0;
    let below0 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 1.959964) beyond196++;
      if (Math.abs(z) > 3) beyond3++;
      if (z < 0) below0++;
    }
    const mean = sum / n;
    // standard errors: mean 0.001, variance ~0.0014, P(|z| > 1.96) ~0.0002, P(|z| > 3) ~0.00005
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.abs(sq / n - mean * mean - 1)).toBeLessThan(0.007);
    expect(Math.abs(beyond196 / n - 0.05)).toBeLessThan(0.001);
    expect(Math.abs(beyond3 / n - 0.0027)).toBeLessThan(0.0003);
    expect(Math.abs(below0 / n - 0.5)).toBeLessThan(0.003);
  });
});
