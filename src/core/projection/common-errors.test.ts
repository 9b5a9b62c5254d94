import { describe, expect, it } from 'vitest';
import type { ProjectionFrame } from './frame.js';
import { frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';
import { simulate } from './simulate.js';

// Run 6 (docs/projection.md): the errors that several units share are drawn once for all of them.

/** Width of the national 90 % interval of choice A. */
function nationalWidth(frame: ProjectionFrame, seed = 3): number {
  const p = simulate(frame, { sims: 2000, seed, kind: 'runoff' });
  const a = p.choices.find((c) => c.choice === 'A');
  return (a?.hi90 ?? 0) - (a?.lo90 ?? 0);
}

/** Eight units whose share of A follows their prior share; `silent` of them have counted nothing. */
function units(silent: number, turnoutRatio = (_: number) => 1): SnapshotUnit[] {
  return Array.from({ length: 8 }, (_, i) => {
    const e = 0.2 + 0.08 * i + (i % 2 === 0 ? 0.02 : -0.02);
    const a = 0.1 + 0.8 * e + (i % 3 === 0 ? 0.01 : -0.01);
    const counted = i < 8 - silent;
    const emitted = Math.round(5_000 * turnoutRatio(i));
    return {
      unit: `U${i}`,
      actasCounted: counted ? 50 : 0,
      actasTotal: 100,
      eligibleTotal: 20_000,
      votes: counted ? [Math.round(a * emitted), Math.round((1 - a) * emitted)] : [0, 0],
      blank: 0,
      null: 0,
      prior: { votes: [e * 10_000, (1 - e) * 10_000], eligible: 20_000, emitted: 10_000 },
    };
  });
}

describe('the prior line error of the units that have counted', () => {
  it('is one draw for all of them: zeroing it narrows the national interval', () => {
    const frame = frameFromSnapshot(units(0), ['A', 'B'], { figures: 'valid' });
    expect(frame.basis?.every((b) => b.basis === 'count-and-prior')).toBe(true);
    expect(frame.groups.every((g) => (g.cp?.[0] ?? 0) > 0)).toBe(true);
    const without: ProjectionFrame = {
      ...frame,
      groups: frame.groups.map((g) => ({ ...g, cp: new Float64Array(g.cb.length) })),
    };
    expect(nationalWidth(frame)).toBeGreaterThan(nationalWidth(without));
  });
});

describe('the units without a count', () => {
  it('share a part ρ of their residual (unseenCorrelation): the national interval widens with ρ', () => {
    const w = (unseenCorrelation: number): number =>
      nationalWidth(
        frameFromSnapshot(units(3), ['A', 'B'], { figures: 'valid', unseenCorrelation }),
      );
    expect(w(1)).toBeGreaterThan(w(0));
  });

  it('take the turnout ratio of sums: a small unit with an unusual ratio moves it little', () => {
    // the counted units vote as in the prior round (turnout 50 %) but U0, a tenth of the size, at
    // twice its prior turnout (1,000 votes in its counted half, where 500 were expected)
    const us = units(2, (i) => (i === 0 ? 0.2 : 1)).map((u, i) =>
      i === 0 && u.prior !== undefined
        ? { ...u, eligibleTotal: 2_000, prior: { ...u.prior, eligible: 2_000, emitted: 1_000 } }
        : u,
    );
    const p = simulate(frameFromSnapshot(us, ['A', 'B'], { varianceScale: 0 }), {
      sims: 1,
      seed: 1,
      kind: 'runoff',
    });
    // U7 had 10,000 votes in the prior round: the ratio of sums (26,000 / 25,500) gives 10,196,
    // the mean of the ratios ((2 + 5 × 1) / 6) 11,667
    const u7 = p.regions.find((r) => r.code === 'U7');
    const votes = u7?.choices.reduce((a, c) => a + c.votes.median, 0) ?? 0;
    expect(votes).toBeLessThan(10_500);
    expect(votes).toBeGreaterThan(10_000);
  });
});

describe("the turnout ratio's spread", () => {
  it("is the sample sd of the counted units' ratios, not the population one", () => {
    // six counted units of equal weight whose turnout moved by these ratios; U6 and U7 silent
    const r = [0.9, 1.0, 1.1, 1.2, 0.95, 1.05];
    const frame = frameFromSnapshot(
      units(2, (i) => r[i] ?? 1),
      ['A', 'B'],
      { unseenCorrelation: 0 },
    );
    const mean = r.reduce((a, x) => a + x, 0) / r.length;
    const ss = r.reduce((a, x) => a + (x - mean) ** 2, 0);
    // the rate's sd per acta: ratio sd × prior turnout (0.5) × electors per acta (200); equal
    // weights make the reliability-weights form Σ(r − r̄)² / (n − 1): 10.80 (population: 9.86)
    const sd = frame.regions[7]?.sd[4] ?? 0;
    expect(sd).toBeCloseTo(Math.sqrt(ss / (r.length - 1)) * 100, 1);
    expect(sd).toBeGreaterThan(Math.sqrt(ss / r.length) * 100 * 1.05);
  });
});

describe('the arrival-bias loading where the history gives the drift', () => {
  // ten units half counted, each with the previous round at the same share counted
  const history: SnapshotUnit[] = Array.from({ length: 10 }, (_, i) => {
    const a = 0.2 + 0.05 * i;
    const cur = 0.1 + 0.8 * a;
    const counted = [a * 1000, (1 - a) * 1000];
    return {
      unit: `H${i}`,
      actasCounted: 50,
      actasTotal: 100,
      votes: [Math.round(cur * 10_000), Math.round((1 - cur) * 10_000)],
      blank: 0,
      null: 0,
      priorCounted: { votes: counted, emitted: 1000 },
      prior: { votes: [2 * a * 1000 + 100, 2 * (1 - a) * 1000 - 100], emitted: 2000 },
    };
  });

  it('is historyArrivalBias, not arrivalBias', () => {
    const w = (o: { arrivalBias: number; historyArrivalBias: number }): number =>
      nationalWidth(frameFromSnapshot(history, ['A', 'B'], o));
    expect(w({ arrivalBias: 0, historyArrivalBias: 0.5 })).toBeGreaterThan(
      w({ arrivalBias: 0, historyArrivalBias: 0 }),
    );
    expect(w({ arrivalBias: 0.5, historyArrivalBias: 0 })).toBeCloseTo(
      w({ arrivalBias: 0, historyArrivalBias: 0 }),
      9,
    );
  });
});
