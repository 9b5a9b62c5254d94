import { describe, expect, it } from 'vitest';
import { arrivalDrift } from './drift.js';
import { frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';
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
});
