// Run 20 (docs/projection.md): the per-mesa model while fewer than six regions have data. Lima
// alone (two circunscripciones) spoke for the nation: the other regions were drawn around its
// mean with a spread estimated from one degree of freedom, each on its own, and Fujimori was
// given 0.99. Now their share spread is that of a share known only to lie in [0, 1], and they
// share one common error; with six regions or more the model is as it was.
import { describe, expect, it } from 'vitest';
import { frameFromMesas, type ProjectionMesa } from './frame-mesas.js';
import { simulate } from './simulate.js';

/** Regions 01…24; `counted` of them with 40 counted mesas (A ≈ 65 %), the rest 40 uncounted. */
function mesas(counted: number): ProjectionMesa[] {
  const out: ProjectionMesa[] = [];
  for (let r = 1; r <= 24; r++) {
    const region = String(r).padStart(2, '0');
    for (let i = 0; i < 40; i++) {
      const a = 120 + ((i * 37 + r * 11) % 21);
      out.push({
        district: `${region}010${i % 3}`,
        province: `${region}01`,
        region,
        regionName: `R${region}`,
        eligible: 300,
        figures: r <= counted ? [a, 190 - a, 5, 5] : null,
      });
    }
  }
  return out;
}

const pA = (counted: number): number => {
  const frame = frameFromMesas(mesas(counted), ['A', 'B'], {});
  const p = simulate(frame, { seed: 3, sims: 400, kind: 'presidential-runoff' } as never);
  return p.choices.find((c) => c.choice === 'A')?.lo90 ?? Number.NaN;
};

describe('the per-mesa model with few regions reporting', () => {
  it('gives the regions with nothing counted the uniform spread and one common error', () => {
    const frame = frameFromMesas(mesas(2), ['A', 'B'], {});
    const empty = frame.regions.findIndex((r) => r.code === '10');
    expect(frame.regions[empty]?.sd[0]).toBeCloseTo(Math.sqrt(1 / 12), 6);
    const group = frame.groups.find((g) => g.region === empty);
    expect(group?.cp?.[0]).toBeCloseTo((group?.c1[0] ?? 0) * Math.sqrt(1 / 12), 6);
    // blank, null and turnout keep their estimates: no common term there
    expect(group?.cp?.[2]).toBe(0);
  });

  it('is the model as it was with six regions or more: no common term', () => {
    const frame = frameFromMesas(mesas(6), ['A', 'B'], {});
    expect(frame.groups.every((g) => g.cp === undefined)).toBe(true);
    expect(frame.regions.find((r) => r.code === '10')?.sd[0]).toBeLessThan(Math.sqrt(1 / 12) / 2);
  });

  it("so two regions' lead is no call on the rest: A's 90 % interval reaches far below it", () => {
    // A has ≈ 68 % where counted; with two regions the rest could vote otherwise
    expect(pA(2)).toBeLessThan(50);
    expect(pA(6)).toBeGreaterThan(60);
  });
});
