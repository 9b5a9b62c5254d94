import { describe, expect, it } from 'vitest';
import type { Acta } from '../model/acta.js';
import { computeSeats } from '../pipeline/seats.js';
import { createRng } from '../random.js';
import { loadRuleset } from '../../elections/rulesets.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import { frameFromMesas, mesasFromActas } from './frame-mesas.js';
import { frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';
import { snapshotUnit } from '../../test-utils/snapshot-units.js';
import { replayOrder } from './replay-order.js';
import fc from 'fast-check';
import { centralTotals, interval, PROBABILITY_BOUNDS, quantile, simulate } from './simulate.js';
import { requireJurisdiction } from '../../jurisdictions/load.js';

const CHOICES = ['A', 'B', 'C', 'D'];
const PE = requireJurisdiction('pe');

/** A synthetic country: 3 departments × 4 provinces × 5 districts, smaller and more rural in turn. */
function country(seed: number): Acta[] {
  const rng = createRng(seed);
  const actas: Acta[] = [];
  let mesa = 1;
  for (let dep = 1; dep <= 3; dep++)
    for (let prov = 1; prov <= 4; prov++)
      for (let dist = 1; dist <= 5; dist++) {
        const ubigeo = `${String(dep + 1).padStart(2, '0')}${String(prov).padStart(2, '0')}${String(dist).padStart(2, '0')}`;
        const rural = dist / 5;
        // rural districts are smaller: 10, 8, 6, 4, 2 mesas
        for (let m = 0; m < 12 - 2 * dist; m++) {
          const eligible = 200 + rng.int(0, 100);
          const voters = Math.round(eligible * (0.7 + 0.1 * rng.float()));
          const w = [1 + 2 * rural, 2 - rural, 1, 0.3].map((x) => x * (0.8 + 0.4 * rng.float()));
          const sum = w.reduce((a, b) => a + b, 0);
          const blank = Math.round(voters * 0.05);
          const nul = Math.round(voters * 0.04);
          const valid = voters - blank - nul;
          const votes = w.map((x) => Math.floor((valid * x) / sum));
          const rest = valid - votes.reduce((a, b) => a + b, 0);
          votes[0] = (votes[0] as number) + rest;
          actas.push({
            election: 'x',
            mesa: String(mesa++).padStart(6, '0'),
            ubigeo,
            state: 'counted',
            stateLabel: 'CONTABILIZADA',
            eligible,
            voters,
            votes,
            blank,
            null: nul,
            impugned: 0,
          });
        }
      }
  return actas;
}

function partial(actas: readonly Acta[], share: number, seed: number): Acta[] {
  const order = replayOrder(actas, 'urban-first', createRng(seed));
  const arrived = new Set(order.slice(0, Math.round(share * actas.length)));
  return actas.map((a, i) =>
    arrived.has(i)
      ? a
      : { ...a, state: 'pending', voters: null, votes: null, blank: 0, null: 0, impugned: 0 },
  );
}

const project = (actas: readonly Acta[], seed: number, sims = 400) =>
  simulate(frameFromMesas(mesasFromActas(actas, CHOICES.length, PE), CHOICES), {
    sims,
    seed,
    kind: 'first-round',
  });

describe('projection', () => {
  const full = country(7);

  it('is deterministic for a given seed, and moves with the seed', () => {
    const half = partial(full, 0.4, 3);
    expect(project(half, 11)).toEqual(project(half, 11));
    expect(project(half, 11).choices[0]?.lo90).not.toBe(project(half, 12).choices[0]?.lo90);
  });

  it('orders every interval: lo90 ≤ lo80 ≤ median ≤ hi80 ≤ hi90', () => {
    for (const share of [0.1, 0.3, 0.6, 0.9]) {
      const p = project(partial(full, share, 5), 1);
      for (const c of [...p.choices, ...p.regions.flatMap((r) => r.choices)]) {
        expect(c.lo90).toBeLessThanOrEqual(c.lo80);
        expect(c.lo80).toBeLessThanOrEqual(c.median);
        expect(c.median).toBeLessThanOrEqual(c.hi80);
        expect(c.hi80).toBeLessThanOrEqual(c.hi90);
        expect(c.hi90 - c.lo90).toBeGreaterThan(0);
      }
      // the pairs seen sum to one, less the bound kept for the unseen while actas remain
      const sum = (p.runoffPairs ?? []).reduce((a, x) => a + x.probability, 0);
      expect(sum).toBeGreaterThanOrEqual(1 - PROBABILITY_BOUNDS.min - 1e-9);
      expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('projects a fully counted election exactly, with zero width', () => {
    const p = project(full, 1, 50);
    const votes = [0, 0, 0, 0];
    for (const a of full) a.votes?.forEach((v, i) => (votes[i] = (votes[i] as number) + v));
    const valid = votes.reduce((a, b) => a + b, 0);
    for (const c of p.choices) {
      const k = CHOICES.indexOf(c.choice);
      expect(c.votes.lo90).toBe(votes[k]);
      expect(c.votes.hi90).toBe(votes[k]);
      expect(c.median).toBe(Math.round((100_000 * (votes[k] as number)) / valid) / 1000);
      expect(c.hi90).toBe(c.lo90);
    }
    expect(p.pctCounted).toBe(100);
    // per region too: exact votes, zero width, and the regions add up to the nation
    for (const c of CHOICES) {
      const k = CHOICES.indexOf(c);
      const regional = p.regions.map((r) => r.choices.find((x) => x.choice === c));
      for (const x of regional) {
        expect(x?.votes.lo90).toBe(x?.votes.hi90);
        expect(x?.lo80).toBe(x?.hi80);
      }
      expect(regional.reduce((a, x) => a + (x?.votes.median ?? 0), 0)).toBe(votes[k]);
    }
  });

  it('treats not-installed mesas as final (zero votes) and pending ones as still to come', () => {
    const actas = full.map((a, i) =>
      i % 10 === 0
        ? { ...a, state: 'not_installed' as const, voters: null, votes: null, blank: 0, null: 0 }
        : a,
    );
    const frame = frameFromMesas(mesasFromActas(actas, CHOICES.length, PE), CHOICES);
    expect(frame.groups).toHaveLength(0);
    expect(frame.actasProcessed).toBe(actas.length);
  });

  it('beats the naive current share under urban-first arrival on the synthetic country', () => {
    let totalProjected = 0;
    let totalNaive = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const [a, b] = errors(partial(full, 0.3, seed), seed);
      totalProjected += a;
      totalNaive += b;
    }
    expect(totalProjected).toBeLessThan(totalNaive / 2);
  });

  function errors(half: Acta[], seed: number): [number, number] {
    const p = project(half, seed, 300);
    const truth = [0, 0, 0, 0];
    const naive = [0, 0, 0, 0];
    for (const [i, a] of full.entries()) {
      a.votes?.forEach((v, k) => (truth[k] = (truth[k] as number) + v));
      half[i]?.votes?.forEach((v, k) => (naive[k] = (naive[k] as number) + v));
    }
    const pct = (xs: number[]) => xs.map((x) => (100 * x) / xs.reduce((a, b) => a + b, 0));
    const t = pct(truth);
    const n = pct(naive);
    const errProjected = CHOICES.reduce(
      (s, c, k) =>
        s + Math.abs((p.choices.find((x) => x.choice === c)?.median ?? 0) - (t[k] as number)),
      0,
    );
    const errNaive = CHOICES.reduce(
      (s, _, k) => s + Math.abs((n[k] as number) - (t[k] as number)),
      0,
    );
    return [errProjected, errNaive];
  }
});

describe('snapshot projection and seats', () => {
  const found = loadRuleset('pe-2021-congreso');
  if (!found.ok || found.value.kind !== 'list') throw new Error('ruleset');
  const ruleset: ListRuleset = found.value;
  const parties = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];
  const rng = createRng(3);
  const units: SnapshotUnit[] = ruleset.districts.map((d) => {
    const total = 100 + rng.int(0, 900);
    return {
      unit: d.name,
      actasCounted: Math.round(total * 0.6),
      actasTotal: total,
      votes: parties.map((_, i) => rng.int(1000, 20_000) * (i + 1)),
      blank: rng.int(100, 2000),
      null: rng.int(100, 2000),
    };
  });

  it('with zero variance reproduces the deterministic allocation in every simulation', () => {
    const frame = frameFromSnapshot(units, parties, { varianceScale: 0 });
    const p = simulate(frame, { sims: 40, seed: 1, kind: 'list', ruleset });
    const central = centralTotals(frame);
    const S = parties.length + 2;
    const votes = frame.regions.flatMap((r, ri) =>
      parties.map((party, k) => ({
        district: r.label,
        party,
        votes: Math.round(central[ri * S + k] as number),
      })),
    );
    const exact = computeSeats(ruleset, { votes });
    expect(exact.issues).toEqual([]);
    for (const party of parties) {
      const s = p.seats?.parties.find((x) => x.party === party);
      const n = exact.seats[party] ?? 0;
      expect(s).toMatchObject({ median: n, lo90: n, hi90: n, mean: n });
      // 40 % of the actas remain: a simulated certainty is reported as its bound
      expect(s?.pValla).toBe(
        exact.passed.includes(party) ? PROBABILITY_BOUNDS.max : PROBABILITY_BOUNDS.min,
      );
    }
    expect(p.seats?.parties.reduce((a, x) => a + x.median, 0)).toBe(130);
  });

  it('gives seat intervals that contain the central allocation when there is noise', () => {
    const p = simulate(frameFromSnapshot(units, parties), {
      sims: 300,
      seed: 4,
      kind: 'list',
      ruleset,
    });
    for (const s of p.seats?.parties ?? []) {
      expect(s.lo90).toBeLessThanOrEqual(s.median);
      expect(s.median).toBeLessThanOrEqual(s.hi90);
    }
  });

  it('gives the same seats and P(valla) through the typed-array engine as through computeSeats', () => {
    for (const [rules, seed] of [
      ['pe-2021-congreso', 4],
      ['pe-2026-diputados', 9],
    ] as const) {
      const rs = loadRuleset(rules);
      if (!rs.ok || rs.value.kind !== 'list') throw new Error('ruleset');
      const list = rs.value;
      const u = units.map((x, i) => ({ ...x, unit: list.districts[i]?.name ?? x.unit }));
      const frame = frameFromSnapshot(u, parties);
      const fast = simulate(frame, { sims: 150, seed, kind: 'list', ruleset: list });
      const general = simulate(frame, {
        sims: 150,
        seed,
        kind: 'list',
        ruleset: list,
        seatPath: 'general',
      });
      expect(fast.seats).toEqual(general.seats);
      expect(fast.seats?.parties.reduce((a, x) => a + x.median, 0)).toBeGreaterThan(100);
    }
  });

  it('projects no seats, and says why, when a region is named after no district of the ruleset', () => {
    // regions named by their codes ("1", "2") reached no district: every party showed 0 seats
    const coded = units.map((u, i) => ({ ...u, unit: i === 2 ? String(i) : u.unit }));
    const p = simulate(frameFromSnapshot(coded, parties), {
      sims: 20,
      seed: 1,
      kind: 'list',
      ruleset,
    });
    expect(p.seats).toBeUndefined();
    expect(p.seatsUnavailable).toEqual({
      reason: 'unknown_district',
      regions: ['2'],
      districts: [],
    });
  });

  it('projects no seats, and says why, when a district of the ruleset has no region', () => {
    // a district no region reaches allocated nothing: every party showed 0 seats (review s29)
    const p = simulate(frameFromSnapshot(units.slice(1), parties), {
      sims: 20,
      seed: 1,
      kind: 'list',
      ruleset,
    });
    expect(p.seats).toBeUndefined();
    expect(p.seatsUnavailable).toEqual({
      reason: 'district_without_votes',
      regions: [],
      districts: [units[0]?.unit],
    });
  });

  it("pools every region into a one-district ruleset's national list (Parlamento Andino), fast and general alike", () => {
    const rs = loadRuleset('pe-2026-parlamento-andino');
    if (!rs.ok || rs.value.kind !== 'list') throw new Error('ruleset');
    const andean = rs.value;
    const frame = frameFromSnapshot(units, parties, { varianceScale: 0 });
    const fast = simulate(frame, { sims: 30, seed: 2, kind: 'list', ruleset: andean });
    const general = simulate(frame, {
      sims: 30,
      seed: 2,
      kind: 'list',
      ruleset: andean,
      seatPath: 'general',
    });
    expect(fast.seats).toEqual(general.seats);
    // the national sum of the regions' central votes, allocated by computeSeats itself
    const central = centralTotals(frame);
    const S = parties.length + 2;
    const votes = parties.map((party, k) => ({
      district: 'NACIONAL',
      party,
      votes: frame.regions.reduce((a, _, ri) => a + Math.round(central[ri * S + k] as number), 0),
    }));
    const exact = computeSeats(andean, { votes });
    expect(exact.issues).toEqual([]);
    for (const party of parties)
      expect(fast.seats?.parties.find((x) => x.party === party)?.median).toBe(
        exact.seats[party] ?? 0,
      );
    expect(fast.seats?.parties.reduce((a, x) => a + x.median, 0)).toBe(5);
  });
  it('predicts a unit that has reported nothing from the others and says so', () => {
    const withSilent = units.map((u, i) =>
      i === 0 ? { ...u, actasCounted: 0, votes: parties.map(() => 0), blank: 0, null: 0 } : u,
    );
    const frame = frameFromSnapshot(withSilent, parties);
    expect(frame.unitsWithoutData).toEqual([units[0]?.unit]);
    const p = simulate(frame, { sims: 200, seed: 1, kind: 'runoff' });
    expect(p.winner?.reduce((a, w) => a + w.probability, 0)).toBeCloseTo(1, 3);
    const region = p.regions[0];
    expect(region?.choices.every((c) => c.hi90 > c.lo90)).toBe(true);
  });
});

describe('quantile', () => {
  it('quickselect intervals equal the quantiles of the sorted values (differential)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (xs) => {
          const sorted = Float64Array.from(xs).sort();
          const iv = interval(Float64Array.from(xs), 6);
          const r = (x: number) => Math.round(x * 1e6) / 1e6;
          expect(iv).toEqual({
            lo90: r(quantile(sorted, 0.05)),
            lo80: r(quantile(sorted, 0.1)),
            median: r(quantile(sorted, 0.5)),
            hi80: r(quantile(sorted, 0.9)),
            hi90: r(quantile(sorted, 0.95)),
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([7], 0.9)).toBe(7);
  });
});

describe('probabilities while actas remain', () => {
  it('never reports a runoff winner or a pair as certain before the last acta', () => {
    const runoff = [
      snapshotUnit('01', 99, [90_000, 10_000]),
      snapshotUnit('02', 99, [80_000, 20_000]),
    ];
    const r = simulate(frameFromSnapshot(runoff, ['A', 'B']), {
      sims: 200,
      seed: 1,
      kind: 'runoff',
    });
    expect(r.winner?.[0]).toEqual({ choice: 'A', probability: PROBABILITY_BOUNDS.max });
    expect(r.winner?.[1]).toEqual({ choice: 'B', probability: PROBABILITY_BOUNDS.min });
    const first = [
      snapshotUnit('01', 99, [50_000, 40_000, 100]),
      snapshotUnit('02', 99, [50_000, 40_000, 90]),
    ];
    const p = simulate(frameFromSnapshot(first, ['A', 'B', 'C']), {
      sims: 200,
      seed: 1,
      kind: 'first-round',
    });
    // the only pair ever simulated: still not a certainty
    expect(p.runoffPairs).toEqual([{ choices: ['A', 'B'], probability: PROBABILITY_BOUNDS.max }]);
  });

  it('reports the count itself, 1 and 0, once every acta is counted', () => {
    const done = [
      snapshotUnit('01', 100, [90_000, 10_000]),
      snapshotUnit('02', 100, [80_000, 20_000]),
    ];
    const r = simulate(frameFromSnapshot(done, ['A', 'B']), { sims: 50, seed: 1, kind: 'runoff' });
    expect(r.winner?.map((w) => w.probability)).toEqual([1, 0]);
  });
});
