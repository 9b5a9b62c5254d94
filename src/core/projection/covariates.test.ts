import { describe, expect, it } from 'vitest';
import { arrivalDrift, arrivalDriftWithNoise } from './drift.js';
import { historyDrift } from './history-drift.js';
import fc from 'fast-check';
import {
  frameFromSnapshot,
  nonNegativeTransfers,
  pauleMandel,
  type SnapshotUnit,
} from './frame-snapshot.js';
import { priorDesign } from './prior.js';
import { leverage, predict, weightedRidge } from './regression.js';
import { simulate } from './simulate.js';
import { completeSnapshot } from './universe.js';

describe('weighted ridge regression', () => {
  it('recovers an exact linear relation without a penalty (reference: the closed form)', () => {
    // y = 0.1 + 0.6 x1 − 0.2 x2 on a small grid
    const rows = [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0.5, 0.25],
    ];
    const x = Float64Array.from(rows.flat());
    const y = rows.map(([a, b]) => 0.1 + 0.6 * (a as number) - 0.2 * (b as number));
    const fit = weightedRidge(x, y, [1, 2, 1, 3, 1], 2, 0);
    expect(fit).not.toBeNull();
    if (fit === null) return;
    expect([...fit.beta].map((b) => Math.round(b * 1e9) / 1e9)).toEqual([0.1, 0.6, -0.2]);
    expect(predict(fit, [0.3, 0.7])).toBeCloseTo(0.1 + 0.18 - 0.14, 9);
    // a prediction far from the data is less certain than one at its centre
    expect(leverage(fit, [5, 5])).toBeGreaterThan(leverage(fit, [0.5, 0.5]));
  });

  it('returns null when nothing has weight', () => {
    expect(weightedRidge(new Float64Array(2), [1, 2], [0, 0], 1, 0)).toBeNull();
  });
});

describe('arrival drift', () => {
  const unit = (before: number, now: number, fBefore: number, fNow: number) => ({
    actasTotal: 1000,
    now: { actasCounted: 1000 * fNow, shares: [now] },
    before: { actasCounted: 1000 * fBefore, shares: [before] },
  });

  it('extrapolates the change of the counted share per fraction counted, damped', () => {
    // every unit moved +0.05 while counting 20 % more: slope 0.25
    const d = arrivalDrift([unit(0.4, 0.45, 0.2, 0.4), unit(0.3, 0.35, 0.2, 0.4)], 1, {
      damping: 0.5,
      minFraction: 0.05,
    });
    expect(d.map((x) => Math.round((x[0] as number) * 1e9) / 1e9)).toEqual([0.125, 0.125]);
  });

  // Run 18: the pooled slope of scattered unit slopes is shrunk toward zero by its own noise;
  // units that all drift alike keep it whole.
  it('shrinks the pooled slope by its sampling noise, not a common trend', () => {
    const alike = [0, 1, 2].map(() => unit(0.4, 0.45, 0.2, 0.4)); // slopes 0.25, 0.25, 0.25
    expect(arrivalDrift(alike, 1, { damping: 1, minFraction: 0 }).map((x) => x[0])).toEqual(
      [0.25, 0.25, 0.25].map((v) => expect.closeTo(v, 12)),
    );
    // slopes +1, −1, +1.2, −0.8 with equal weights: pooled 0.1, SE² 4/3 × 0.2525 (n/(n−1))
    const scattered = [
      unit(0.4, 0.6, 0.2, 0.4),
      unit(0.4, 0.2, 0.2, 0.4),
      unit(0.4, 0.64, 0.2, 0.4),
      unit(0.4, 0.24, 0.2, 0.4),
    ];
    const pooled = (0.1 * 0.01) / (0.01 + (4 / 3) * 0.2525);
    const d = arrivalDrift(scattered, 1, { damping: 1, minFraction: 0 });
    // equal weights: each unit halfway between its own slope and the (shrunk) pooled one
    expect(d.map((x) => x[0])).toEqual(
      [1, -1, 1.2, -0.8].map((s) => expect.closeTo(0.5 * s + 0.5 * pooled, 12)),
    );
  });

  // Run 18b: one factor for the whole vector, so each unit's drift still sums to zero over the
  // shares (they sum to one at both snapshots)
  it('keeps every unit drift summing to zero over the shares', () => {
    const two = (b: number, n: number) => ({
      actasTotal: 1000,
      now: { actasCounted: 400, shares: [n, 0.3, 0.7 - n] },
      before: { actasCounted: 200, shares: [b, 0.25, 0.75 - b] },
    });
    const d = arrivalDrift([two(0.4, 0.6), two(0.4, 0.2), two(0.4, 0.64), two(0.4, 0.24)], 3, {
      damping: 1,
      minFraction: 0,
    });
    for (const x of d)
      expect((x[0] as number) + (x[1] as number) + (x[2] as number)).toBeCloseTo(0, 12);
  });

  // Run 19 (M): the actas added between two snapshots are a clustered sample; a unit's own slope
  // has the noise V = deff · 2 s² / (added · f₁²), and its drift keeps λ·V of it (λ = w / (w + w̃))
  it('gives the noise a unit own slope keeps as a clustered sample, the drift unchanged', () => {
    const sized = (total: number, now: number) => ({
      actasTotal: total,
      now: { actasCounted: 0.4 * total, shares: [now, 1 - now] },
      before: { actasCounted: 0.2 * total, shares: [0.4, 0.6] },
    });
    // the last unit adds 20 actas, the others 200: its slope is the noisier, its λ the smaller
    const units = [sized(1000, 0.45), sized(1000, 0.35), sized(1000, 0.42), sized(100, 0.38)];
    const o = { damping: 1, minFraction: 0, designEffect: 10, between: [0.1, 0.1] };
    const added = [200, 200, 200, 20];
    const v = (a: number): number => (10 * 2 * 0.01) / (a * 0.4 * 0.4);
    const lambda = added.map((a) => (a * 0.2) / (a * 0.2 + 40)); // median w = 40
    const r = arrivalDriftWithNoise(units, 2, o);
    const plain = arrivalDriftWithNoise(units, 2, { damping: 1, minFraction: 0 });
    r.noise.forEach((e, i) => {
      const want = (lambda[i] as number) * v(added[i] as number);
      expect(e[0]).toBeCloseTo(want, 12);
      expect(e[1]).toBeCloseTo(want, 12);
      expect([...(r.drift[i] ?? [])]).toEqual([...(plain.drift[i] ?? [])]);
    });
    expect(plain.noise.every((e) => e[0] === 0 && e[1] === 0)).toBe(true);
    // at 10 % counted (2 % between the snapshots) the same actas' slope is 16 × as noisy
    const early = arrivalDriftWithNoise(
      [0.45, 0.35, 0.42].map((n) => ({
        actasTotal: 10_000,
        now: { actasCounted: 1000, shares: [n, 1 - n] },
        before: { actasCounted: 800, shares: [0.4, 0.6] },
      })),
      2,
      o,
    );
    expect(early.noise[0]?.[0]).toBeCloseTo(0.5 * ((10 * 2 * 0.01) / (200 * 0.1 * 0.1)), 12);
  });

  it('gives no drift without an earlier snapshot or with damping 0', () => {
    const none = { actasTotal: 10, now: { actasCounted: 5, shares: [0.5] }, before: null };
    expect([...(arrivalDrift([none], 1, { damping: 1, minFraction: 0 })[0] ?? [])]).toEqual([0]);
    const d = arrivalDrift([unit(0.4, 0.45, 0.2, 0.4)], 1, { damping: 0, minFraction: 0 });
    expect([...(d[0] ?? [])]).toEqual([0]);
  });
});

describe('a snapshot with priors', () => {
  // six units whose runoff share of A follows their earlier share of A; the last has no count
  const earlier = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9];
  const units: SnapshotUnit[] = earlier.map((e, i) => {
    const silent = i === earlier.length - 1;
    const a = Math.round(10_000 * (0.1 + 0.8 * e));
    return {
      unit: `U${i}`,
      actasCounted: silent ? 0 : 50,
      actasTotal: 100,
      eligibleTotal: 30_000,
      votes: silent ? [0, 0] : [a, 10_000 - a],
      blank: 0,
      null: 0,
      prior: { votes: [e * 20_000, (1 - e) * 20_000], eligible: 30_000, emitted: 20_000 },
    };
  });

  it('projects a unit with nothing counted from its prior, and lists it', () => {
    const frame = frameFromSnapshot(units, ['A', 'B'], { figures: 'valid' });
    expect(frame.unitsWithoutData).toEqual(['U6']);
    expect(frame.basis?.at(-1)).toEqual({ code: 'U6', basis: 'prior' });
    const p = simulate(frame, { sims: 300, seed: 2, kind: 'runoff' });
    const silent = p.regions.find((r) => r.code === 'U6');
    const a = silent?.choices.find((c) => c.choice === 'A');
    // the transfer line predicts 0.1 + 0.8 × 0.9 = 82 % for it; the parent's mean would be ~48 %
    expect(a?.median).toBeGreaterThan(75);
    expect(a?.lo90).toBeLessThan(a?.hi90 ?? 0);
  });
});

describe('completing a snapshot over the universe', () => {
  const seen: SnapshotUnit = {
    unit: '01',
    name: 'AMAZONAS',
    actasCounted: 10,
    actasTotal: 20,
    votes: [60, 40],
    blank: 1,
    null: 2,
  };
  const universe = [
    { unit: 'X1', name: 'Amazonas', eligible: 6_000, actasTotal: 20 },
    {
      unit: 'EXT',
      name: 'Extranjero',
      eligible: 9_000,
      actasTotal: 30,
      prior: { votes: [70, 30], eligible: 9_000 },
    },
  ];

  it('matches by code or name, adds the units the snapshot lacks, keeps the ones it does not know', () => {
    const stray: SnapshotUnit = { ...seen, unit: '99', name: 'ATLANTIS' };
    const c = completeSnapshot([seen, stray], universe);
    expect(c.absent).toEqual(['EXT']);
    expect(c.units.map((u) => u.unit)).toEqual(['01', 'EXT', '99']);
    // the snapshot's own figures stay; the universe adds the electors it lacks
    expect(c.units[0]).toMatchObject({ actasCounted: 10, votes: [60, 40], eligibleTotal: 6_000 });
    expect(c.units[1]).toMatchObject({
      actasCounted: 0,
      actasTotal: 30,
      eligibleTotal: 9_000,
      prior: { votes: [70, 30] },
    });
  });
});

describe('the common arrival bias and a unit own drift (snapshot model)', () => {
  // four units, half counted, one of which moved fast between the two snapshots
  const unit = (code: string, a: number, prevA: number): SnapshotUnit => ({
    unit: code,
    actasCounted: 500,
    actasTotal: 1000,
    votes: [a, 10_000 - a],
    blank: 0,
    null: 0,
    previous: {
      actasCounted: 400,
      votes: [(prevA * 4) / 5, ((10_000 - prevA) * 4) / 5],
      blank: 0,
      null: 0,
    },
  });
  const units = [
    unit('u1', 6000, 6000),
    unit('u2', 4000, 4000),
    unit('u3', 5000, 5000),
    unit('u4', 3000, 3200),
  ];
  const width = (o: Parameters<typeof frameFromSnapshot>[2], code = 'u4'): number => {
    const p = simulate(frameFromSnapshot(units, ['A', 'B'], o), {
      sims: 2000,
      seed: 3,
      kind: 'runoff',
    });
    const a = p.regions.find((r) => r.code === code)?.choices.find((c) => c.choice === 'A');
    return (a?.hi90 ?? 0) - (a?.lo90 ?? 0);
  };

  it('widens the fast-moving unit with its own drift (ownDrift), and every unit with the common bias', () => {
    const base = { ownDrift: 0, arrivalBias: 0 };
    expect(width({ ...base, ownDrift: 1 })).toBeGreaterThan(width(base));
    expect(width({ ...base, arrivalBias: 0.5 }, 'u1')).toBeGreaterThan(width(base, 'u1'));
  });

  // Run 19: a unit whose trend rests on 100 clustered actas keeps λ·V of that trend's noise
  it('widens a unit whose own trend rests on few actas, by its design effect', () => {
    const fast = [...units.slice(0, 3), unit('u4', 3000, 3500)];
    const sdOf = (trendDesignEffect: number): number => {
      const o = { ownDrift: 0, arrivalBias: 0, trendDesignEffect };
      return frameFromSnapshot(fast, ['A', 'B'], o).regions[3]?.sd[0] as number;
    };
    expect(sdOf(10)).toBeGreaterThan(1.5 * sdOf(0));
  });
});

describe('arrival drift from the previous round (history)', () => {
  // ten units: the current share of A is 0.1 + 0.8 × the previous round's share of A (B has no
  // effect); each unit's previous-round remainder had 10 pp more A than its counted part
  const units = Array.from({ length: 10 }, (_, i) => {
    const a = 0.2 + 0.05 * i;
    const b = 0.2 + 0.01 * (i % 3);
    const cur = 0.1 + 0.8 * a;
    const counted = { votes: [a * 1000, b * 1000, (1 - a - b) * 1000] };
    const rest = { votes: [(a + 0.1) * 1000, b * 1000, (0.9 - a - b) * 1000] };
    return {
      shares: [cur, 1 - cur],
      has: true,
      f: 0.5,
      priorCounted: counted,
      prior: { votes: counted.votes.map((v, j) => v + (rest.votes[j] as number)) },
    };
  });

  it('carries the previous round remainder − counted through the transfers (a shrunk 0.8 × 10 pp)', () => {
    const d = historyDrift(units, 2, 6);
    for (const x of d) {
      expect(x).not.toBeNull();
      const a = x?.drift[0] as number;
      expect(a).toBeGreaterThan(0.07);
      expect(a).toBeLessThanOrEqual(0.08 + 1e-9);
      // the shares' drifts sum to 0: the transfers of shares that sum to one
      expect(a + (x?.drift[1] as number)).toBeCloseTo(0, 9);
      // the transfers' own error: a positive sd, less than the drift on a near-exact line
      expect(x?.sd[0]).toBeGreaterThan(0);
      expect(x?.sd[0]).toBeLessThan(a);
    }
  });

  it('covers only units with both the previous round and its count at this cut', () => {
    const d = historyDrift(
      units.map((u, i) => (i === 0 ? { ...u, priorCounted: undefined } : u)),
      2,
      6,
    );
    expect(d[0]).toBeNull();
    expect(d[1]).not.toBeNull();
    expect(historyDrift(units.slice(0, 5), 2, 6).every((x) => x === null)).toBe(true);
  });

  it('scales the remainder votes per acta as the previous round remainder did', () => {
    const snap = (half: boolean): SnapshotUnit[] =>
      units.map((u, i) => ({
        unit: `u${i}`,
        actasCounted: 50,
        actasTotal: 100,
        votes: [
          Math.round((u.shares[0] as number) * 10_000),
          Math.round((u.shares[1] as number) * 10_000),
        ],
        blank: 0,
        null: 0,
        priorCounted: { ...u.priorCounted, emitted: 1000 },
        prior: { ...u.prior, emitted: half ? 1500 : 2000 },
      }));
    const valid = (half: boolean): number =>
      simulate(frameFromSnapshot(snap(half), ['A', 'B'], { varianceScale: 0 }), {
        sims: 1,
        seed: 1,
        kind: 'runoff',
      }).valid.median;
    // counted 100,000 valid votes; the remainder 100,000 at the same rate, 50,000 at half
    expect(valid(false)).toBeCloseTo(200_000, -1);
    expect(valid(true)).toBeCloseTo(150_000, -1);
  });
});

describe('the prior regression residual variance (Paule–Mandel)', () => {
  it('solves Σ r² / (τ² + e²) = df where the moment estimate would hit its floor', () => {
    // eight units with residuals of 2 pp and small errors, two barely counted with large ones
    const r2 = [...new Array<number>(8).fill(0.02 ** 2), 0.01 ** 2, 0.01 ** 2];
    const e2 = [...new Array<number>(8).fill(1e-6), 0.05, 0.05];
    const df = 7;
    const moment = (r2.reduce((a, b) => a + b, 0) - e2.reduce((a, b) => a + b, 0)) / df;
    expect(moment).toBeLessThan(0);
    const tau2 = pauleMandel(r2, e2, df);
    expect(Math.sqrt(tau2)).toBeGreaterThan(0.01);
    expect(r2.reduce((a, r, i) => a + r / (tau2 + (e2[i] as number)), 0)).toBeCloseTo(df, 6);
  });

  it('is at its floor when the residuals are no larger than their errors', () => {
    expect(pauleMandel([1e-4, 1e-4], [1e-3, 1e-3], 1)).toBe(1e-6);
  });
});

describe('non-negative transfers (differential: every active set solved exactly)', () => {
  /** The reference: least squares on every subset of columns, the best one with all β ≥ 0. */
  const reference = (X: number[][], y: number[], w: number[]): number => {
    const P = (X[0] as number[]).length;
    let best = Number.POSITIVE_INFINITY;
    for (let mask = 0; mask < 1 << P; mask++) {
      const cols = [...Array(P).keys()].filter((j) => (mask >> j) & 1);
      const b = new Array<number>(P).fill(0);
      if (cols.length > 0) {
        // through the origin: a column of ones is not in the model, so centre nothing
        const A = cols.map((_, a) =>
          cols.map((__, c) =>
            X.reduce(
              (s, r, i) =>
                s +
                (w[i] as number) *
                  (r[cols[a] as number] as number) *
                  (r[cols[c] as number] as number),
              0,
            ),
          ),
        );
        const v = cols.map((_, a) =>
          X.reduce(
            (s, r, i) => s + (w[i] as number) * (r[cols[a] as number] as number) * (y[i] as number),
            0,
          ),
        );
        const sol = solve(A, v);
        if (sol === null || sol.some((s) => s < -1e-12)) continue;
        cols.forEach((j, a) => (b[j] = sol[a] as number));
      }
      const ss = X.reduce(
        (s, r, i) =>
          s +
          (w[i] as number) *
            ((y[i] as number) - r.reduce((t, xj, j) => t + xj * (b[j] as number), 0)) ** 2,
        0,
      );
      best = Math.min(best, ss);
    }
    return best;
  };
  const solve = (A: number[][], v: number[]): number[] | null => {
    const n = v.length;
    const M = A.map((r, i) => [...r, v[i] as number]);
    for (let c = 0; c < n; c++) {
      let p = c;
      for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
      if (Math.abs(M[p]![c]!) < 1e-12) return null;
      [M[c], M[p]] = [M[p]!, M[c]!];
      for (let r = 0; r < n; r++) {
        if (r === c) continue;
        const f = M[r]![c]! / M[c]![c]!;
        for (let k = c; k <= n; k++) M[r]![k] = M[r]![k]! - f * M[c]![k]!;
      }
    }
    return M.map((r, i) => r[n]! / r[i]!);
  };

  it('reaches the constrained optimum of the weighted squares', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 0.5, noNaN: true }),
            fc.double({ min: 0, max: 0.5, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0.5, max: 2, noNaN: true }),
          ),
          { minLength: 6, maxLength: 12 },
        ),
        (rows) => {
          const d = priorDesign(
            rows.map(([a, b]) => ({ votes: [a, b, 1 - a - b] })),
            2,
            'valid',
          );
          const X = rows.map((_, i) => {
            const x = [d.x[2 * i] as number, d.x[2 * i + 1] as number];
            return [...x, Math.max(0, 1 - x[0]! - x[1]!)];
          });
          const y = rows.map((r) => r[2]);
          const w = rows.map((r) => r[3]);
          const b = nonNegativeTransfers(d, y, w);
          expect(b.every((x) => x >= 0)).toBe(true);
          const ss = X.reduce(
            (s, r, i) => s + w[i]! * (y[i]! - r.reduce((t, xj, j) => t + xj * b[j]!, 0)) ** 2,
            0,
          );
          expect(ss).toBeLessThanOrEqual(reference(X, y, w) + 1e-6);
        },
      ),
      { numRuns: 100, seed: 13 },
    );
  });
});
