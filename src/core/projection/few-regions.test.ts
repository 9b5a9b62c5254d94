// Run 20 (docs/projection.md): the per-mesa model while fewer than six regions have data. Lima
// alone (two circunscripciones) spoke for the nation: the other regions were drawn around its
// mean with a spread estimated from one degree of freedom, each on its own, and Fujimori was
// given 0.99. Now their share spread is that of a share known only to lie in [0, 1], and they
// share one common error; with six regions or more the model is as it was. Run 21: when the mesas
// carry the previous round the model works on residuals, and that spread is the between-region
// spread of the previous round's prediction, not a share's.
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

/** The previous round's share of A in region r's mesa i: regions 0.30…0.90, ±0.04 within. */
const priorA = (r: number, i: number): number => 0.3 + (0.6 * (r - 1)) / 23 + 0.01 * ((i % 9) - 4);

/** As `mesas`, each mesa carrying its previous round; A now = 0.1 + 0.8 × A then (+ noise). */
function mesasWithPrior(counted: number): ProjectionMesa[] {
  const out: ProjectionMesa[] = [];
  for (let r = 1; r <= 24; r++) {
    const region = String(r).padStart(2, '0');
    for (let i = 0; i < 40; i++) {
      const p = priorA(r, i);
      const a = Math.round(190 * (0.1 + 0.8 * p)) + ((i * 7 + r) % 5) - 2;
      out.push({
        district: `${region}010${i % 3}`,
        province: `${region}01`,
        region,
        regionName: `R${region}`,
        eligible: 300,
        figures: r <= counted ? [a, 190 - a, 5, 5] : null,
        prior: {
          votes: [Math.round(200 * p), 200 - Math.round(200 * p)],
          eligible: 300,
          emitted: 210,
        },
      });
    }
  }
  return out;
}

describe('the same with the previous round per mesa carried (run 21)', () => {
  // what the previous round predicts for A, region by region: 0.1 + 0.8 × its mean share then
  const means = Array.from({ length: 24 }, (_, j) => {
    let s = 0;
    for (let i = 0; i < 40; i++) s += 0.1 + 0.8 * (Math.round(200 * priorA(j + 1, i)) / 200);
    return s / 40;
  });
  const centre = means.reduce((a, b) => a + b, 0) / 24;
  const spread = means.reduce((a, m) => a + (m - centre) ** 2, 0) / 23;

  it('spreads a residual as far as the regions’ previous rounds are apart, not as a share', () => {
    const frame = frameFromMesas(mesasWithPrior(2), ['A', 'B'], {});
    expect(frame.mesaPrior?.fitted).toBe(80);
    const empty = frame.regions.findIndex((r) => r.code === '10');
    // ≈ 0.14 (within 10 %: the regression recovers the transfer up to its noise and ridge)
    const sd = frame.regions[empty]?.sd[0] ?? Number.NaN;
    expect(Math.abs(sd / Math.sqrt(spread) - 1)).toBeLessThan(0.1);
    // the regions with nothing counted share an error of the same size
    const group = frame.groups.find((g) => g.region === empty);
    expect(group?.cp?.[0]).toBeCloseTo((group?.c1[0] ?? 0) * sd, 6);
    expect(group?.cp?.[2]).toBe(0);
  });

  it('so two regions and the previous round give an interval that covers A and says something', () => {
    const frame = frameFromMesas(mesasWithPrior(2), ['A', 'B'], {});
    const p = simulate(frame, { seed: 3, sims: 400, kind: 'presidential-runoff' } as never);
    const a = p.choices.find((c) => c.choice === 'A');
    if (!a) throw new Error('A');
    // the truth: every mesa's A now over the valid votes
    let votes = 0;
    for (const m of mesasWithPrior(24)) votes += (m.figures?.[0] ?? 0) / 190;
    const truth = (100 * votes) / (24 * 40);
    expect(a.lo90).toBeLessThanOrEqual(truth);
    expect(a.hi90).toBeGreaterThanOrEqual(truth);
    // the uniform bound's common term alone is ±1.645 × 28.9 pp × 22/24 ≈ ±44 pp of its own
    expect(a.hi90 - a.lo90).toBeLessThan(2 * 1.645 * 100 * Math.sqrt(spread));
  });
});
