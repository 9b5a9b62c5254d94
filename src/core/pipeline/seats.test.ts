import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ratio } from '../ratio.js';
import { loadRuleset } from '../../elections/rulesets.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import { DHONDT, PLURALITY } from '../allocation/methods.js';
import { computeSeats, type VoteRow } from './seats.js';

function ruleset(id: string, options: Record<string, string> = {}): ListRuleset {
  const r = loadRuleset(id, options);
  if (!r.ok || r.value.kind !== 'list') throw new Error(id);
  return r.value;
}

const rows = (
  district: string,
  o: Record<string, number>,
  alliance?: Record<string, number>,
): VoteRow[] =>
  Object.entries(o).map(([party, votes]) => ({
    district,
    party,
    votes,
    alliance: alliance?.[party],
  }));

/** A two-district custom ruleset for small, readable cases. */
function tiny(threshold: ListRuleset['threshold']): ListRuleset {
  return {
    ...ruleset('pe-2026-diputados'),
    id: 'tiny',
    districts: [
      { name: 'North', seats: 5 },
      { name: 'South', seats: 3 },
    ],
    totalSeats: 8,
    threshold,
    method: DHONDT,
    singleSeatMethod: PLURALITY,
  };
}

describe('computeSeats', () => {
  it('applies the 2021 OR rule: a party under 5 % still passes with 7 preliminary seats in ≥ 2 districts', () => {
    const r = tiny({
      kind: 'any',
      conditions: [
        { kind: 'share', scope: 'national', share: ratio(30, 100), base: 'valid', source: 't' },
        {
          kind: 'preliminary-seats',
          min: 2,
          minDistricts: 2,
          among: 'all',
          iterate: false,
          source: 't',
        },
      ],
    });
    // North (5): quotients 500 A, 280 B, 250 A, 220 C, 166.7 A → A 3, B 1, C 1.
    // South (3): 500 A, 280 B, 250 A → A 2, B 1. A passes by share (50 %); B (28 %) by 2 seats in
    // 2 districts; C (22 %) has 1 seat in 1 district and fails both routes.
    const res = computeSeats(r, {
      votes: [
        ...rows('North', { A: 500, B: 280, C: 220 }),
        ...rows('South', { A: 500, B: 280, C: 220 }),
      ],
    });
    expect(res.passed).toEqual(['A', 'B']);
    expect(res.preliminarySeats).toEqual({ A: 5, B: 2, C: 1 });
    expect(res.excluded.map((e) => [e.party, e.reason])).toEqual([
      ['C', 'below_share'],
      ['C', 'below_seats'],
    ]);
    expect(res.seats).toEqual({ A: 5, B: 3 });
  });

  it('applies the 2026 AND rule: 5 % and 7 deputies — a big party short of 7 seats gets none', () => {
    const r = ruleset('pe-2026-diputados');
    const votes: VoteRow[] = r.districts.flatMap((d) =>
      rows(d.name, { A: 610, B: 290, C: 70, D: 30 }),
    );
    const res = computeSeats(r, { votes });
    // C has 7 % of the vote but wins preliminary seats only in Lima Metropolitana (32 seats: 2) → excluded.
    expect(res.passed).toEqual(['A', 'B']);
    expect(res.excluded.find((e) => e.party === 'C')).toMatchObject({
      reason: 'below_seats',
      required: 7,
    });
    expect(res.excluded.find((e) => e.party === 'D')).toMatchObject({ reason: 'below_share' });
    expect(Object.values(res.seats).reduce((a, b) => a + b, 0)).toBe(130);
  });

  it('raises the share by 1 point for an alliance (LOP art. 13), unless the option limits it to registration', () => {
    const base = ruleset('pe-2026-diputados');
    const votes = base.districts.flatMap((d) =>
      rows(d.name, { Big: 4000, Ally: 550, Solo: 550, Rest: 4900 }, { Ally: 3 }),
    );
    const res = computeSeats(base, { votes });
    expect(res.excluded.find((e) => e.party === 'Ally')).toMatchObject({
      reason: 'below_share',
      required: '6.000%',
    });
    expect(
      res.excluded.find((e) => e.party === 'Solo' && e.reason === 'below_share'),
    ).toBeUndefined();
    const lenient = computeSeats(
      ruleset('pe-2026-diputados', { 'alliance-surcharge': 'registration-only' }),
      { votes },
    );
    expect(
      lenient.excluded.find((e) => e.party === 'Ally' && e.reason === 'below_share'),
    ).toBeUndefined();
  });

  it('pools national and district Senate votes by default; per-modality is stricter', () => {
    const r = ruleset('pe-2026-senado');
    // S: 6 % of the national list, 4.14 % of the district lists → pooled 5.08 % (rules §4.3 example).
    const dem = r.districts.filter((d) => d.name !== 'NACIONAL');
    const votes: VoteRow[] = [
      ...rows('NACIONAL', { S: 900_000, T: 14_100_000 }),
      ...dem.map((d, i) => ({ district: d.name, party: 'S', votes: i < 14 ? 23_000 : 22_500 })),
      ...dem.map((d) => ({ district: d.name, party: 'T', votes: (14_500_000 / 27) | 0 })),
    ];
    const pooled = computeSeats(r, { votes });
    expect(
      pooled.excluded.find((e) => e.party === 'S' && e.reason === 'below_share'),
    ).toBeUndefined();
    const strict = computeSeats(ruleset('pe-2026-senado', { 'senate-share': 'per-modality' }), {
      votes,
    });
    expect(
      strict.excluded.find((e) => e.party === 'S' && e.reason === 'below_share'),
    ).toBeDefined();
  });

  it('elects single-seat senators by plurality among qualifying lists', () => {
    const r = ruleset('pe-2026-senado');
    const votes: VoteRow[] = r.districts.flatMap((d) => rows(d.name, { Q: 451, R: 299, P: 50 }));
    const res = computeSeats(r, { votes });
    // NACIONAL 30: Q 18, R 12; Lima Metropolitana 4: 451, 299, 225.5, 150.3 → Q 3, R 1;
    // the 26 single-seat districts: Q. P (6.25 %) has < 3 preliminary senators and is out.
    expect(res.seats).toEqual({ Q: 47, R: 13 });
    expect(res.excluded).toMatchObject([{ party: 'P', reason: 'below_seats', required: 3 }]);
    expect(res.districts.find((d) => d.district === 'Cusco')?.seats).toEqual({ Q: 1 });
  });

  it('reports the tie of scenario 122 (ICA, P6 = P8 = 23,511) and settles it only by a recorded draw', () => {
    const input = JSON.parse(
      readFileSync(
        new URL('../../../test/fixtures/bench-scenario-122.json', import.meta.url),
        'utf8',
      ),
    ) as { districts: { name: string; seats: number; votes: Record<string, number> }[] };
    const r: ListRuleset = {
      ...ruleset('pe-2021-congreso'),
      threshold: {
        kind: 'share',
        scope: 'national',
        share: ratio(5, 100),
        base: 'valid',
        source: 'bench',
      },
    };
    const votes = input.districts.flatMap((d) => rows(d.name, d.votes));
    const districts = input.districts.map((d) => ({ district: d.name, seats: d.seats }));
    const res = computeSeats(r, { votes, districts });
    expect(res.ties).toEqual([
      {
        stage: 'allocation',
        district: 'ICA',
        candidates: ['P6', 'P8'],
        seatsInContention: 1,
        resolution: 'unresolved',
      },
    ]);
    expect(res.issues.map((i) => i.code)).toEqual(['tie_unresolved']);
    expect(res.districts.find((d) => d.district === 'ICA')?.unallocated).toBe(1);
    const drawn = computeSeats(r, { votes, districts }, { seed: 2021 });
    expect(drawn.issues).toEqual([]);
    expect(drawn.draws).toHaveLength(1);
    expect(drawn.draws[0]).toMatchObject({
      seed: 2021,
      district: 'ICA',
      candidates: ['P6', 'P8'],
      seats: 1,
    });
    expect(Object.values(drawn.seats).reduce((a, b) => a + b, 0)).toBe(130);
    expect(computeSeats(r, { votes: [...votes].reverse(), districts }, { seed: 2021 })).toEqual(
      drawn,
    );
  });

  it('returns coded issues for bad input and allocates nothing', () => {
    const r = ruleset('pe-2026-diputados');
    const res = computeSeats(r, {
      votes: [
        { district: 'Atlantis', party: 'A', votes: 5 },
        { district: 'Cusco', party: 'A', votes: -1 },
        { district: 'Cusco', party: 'B', votes: 2.5 },
        { district: 'Cusco', party: 'C', votes: 3 },
        { district: 'cusco', party: 'C', votes: 3 },
        { district: 'Cusco', party: 'D', votes: 3, alliance: 2 },
        { district: 'Puno', party: 'D', votes: 3, alliance: 3 },
      ],
    });
    const codes = new Set(res.issues.map((i) => i.code));
    expect(codes).toEqual(
      new Set([
        'unknown_district',
        'invalid_votes',
        'duplicate_row',
        'alliance_mismatch',
        'district_without_votes',
      ]),
    );
    expect(res.seats).toEqual({});
  });

  it('matches district names case- and accent-insensitively and by alias', () => {
    const r = ruleset('pe-2026-diputados');
    const votes: VoteRow[] = r.districts.map((d) => ({
      district: d.name
        .toUpperCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
      party: 'A',
      votes: 10,
    }));
    votes[14] = { district: 'LIMA', party: 'A', votes: 10 };
    votes[26] = { district: 'residentes en el extranjero', party: 'A', votes: 10 };
    const res = computeSeats(r, { votes });
    expect(res.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it("names the elected candidates and moves a short list's extra seat to the next quotient", () => {
    const r = tiny(null);
    const votes = [...rows('North', { A: 900, B: 100 }), ...rows('South', { A: 10, B: 20 })];
    const candidates = [
      { district: 'North', party: 'A', candidate: 'a1', position: 1, votes: 5 },
      { district: 'North', party: 'A', candidate: 'a2', position: 2, votes: 50 },
      { district: 'North', party: 'B', candidate: 'b1', position: 1, votes: 1 },
      { district: 'South', party: 'A', candidate: 'x', position: 1, votes: 0 },
      { district: 'South', party: 'B', candidate: 'y', position: 1, votes: 0 },
      { district: 'South', party: 'B', candidate: 'z', position: 2, votes: 0 },
    ];
    const res = computeSeats(r, { votes, candidates });
    const north = res.districts.find((d) => d.district === 'North');
    // A would take all 5 but has 2 candidates; B has 1: the other 2 seats have no one to take them.
    expect(north?.seats).toEqual({ A: 2, B: 1 });
    expect(north?.vacant).toBe(2);
    expect(north?.elected?.['A']).toEqual(['a2', 'a1']);
    expect(res.issues.some((i) => i.code === 'insufficient_candidates')).toBe(true);
  });

  it('a tie with a list that has no candidate left goes to the next quotient, not to a draw', () => {
    // North (5 seats, D'Hondt): A 400, B 200 → A 400, A 200 = B 200 … With 2 seats the second is
    // a tie between A and B; A has one candidate, so it cannot take it: B does, with no tie.
    const r = { ...tiny(null), districts: [{ name: 'North', seats: 2 }], totalSeats: 2 };
    const votes = rows('North', { A: 400, B: 200 });
    const candidates = [
      { district: 'North', party: 'A', candidate: 'a1', position: 1, votes: 1 },
      { district: 'North', party: 'B', candidate: 'b1', position: 1, votes: 2 },
      { district: 'North', party: 'B', candidate: 'b2', position: 2, votes: 1 },
    ];
    expect(computeSeats(r, { votes }).ties).toHaveLength(1); // without candidates: a real tie
    const res = computeSeats(r, { votes, candidates });
    expect(res.ties).toEqual([]);
    expect(res.seats).toEqual({ A: 1, B: 1 });
    // every list exhausted: the seat is vacant, not drawn
    const short = computeSeats(r, { votes, candidates: candidates.slice(0, 2) });
    expect(short.ties).toEqual([]);
    expect(short.districts[0]).toMatchObject({ seats: { A: 1, B: 1 } });
    const none = computeSeats(
      { ...r, districts: [{ name: 'North', seats: 3 }], totalSeats: 3 },
      { votes, candidates: candidates.slice(0, 2) },
    );
    expect(none.districts[0]).toMatchObject({ seats: { A: 1, B: 1 }, vacant: 1, unallocated: 0 });
  });

  it('party names differing only by case or Unicode normalisation are one party', () => {
    const nfc = 'Perú Libre';
    const nfd = 'Perú Libre'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const r = tiny(null);
    const res = computeSeats(r, {
      votes: [
        { district: 'North', party: nfc, votes: 300 },
        { district: 'South', party: nfd, votes: 200 },
        { district: 'South', party: 'perú libre', votes: 100 },
        { district: 'North', party: 'B', votes: 100 },
      ],
    });
    expect(res.votes.map((v) => v.party)).toEqual([nfc, 'B']);
    expect(res.issues).toEqual([
      expect.objectContaining({ code: 'duplicate_row', path: ['votes', 3] }),
    ]);
  });

  it('raises district_without_seats for votes in a district of 0 seats', () => {
    const res = computeSeats(tiny(null), {
      votes: [...rows('North', { A: 5, B: 3 }), ...rows('Empty', { A: 7 })],
      districts: [
        { district: 'North', seats: 3 },
        { district: 'Empty', seats: 0 },
      ],
    });
    expect(res.issues).toEqual([
      {
        code: 'district_without_seats',
        severity: 'warning',
        path: ['district', 'Empty'],
        details: { votes: 7 },
      },
    ]);
    expect(res.seats).toEqual({ A: 2, B: 1 });
  });

  it('--districts that redefines the chamber is the house: no seats_total_mismatch warning', () => {
    const r = ruleset('pe-2026-parlamento-andino'); // 5 seats built in
    const res = computeSeats(r, {
      votes: rows('Anywhere', { A: 60, B: 40 }),
      districts: [{ district: 'Anywhere', seats: 10 }],
    });
    expect(res.issues).toEqual([]);
    expect(res.totalSeats).toBe(10);
  });

  it('a share of registered electors needs every electorate (else a share of 0 would pass everyone); with them, it counts', () => {
    const r = tiny({
      kind: 'share',
      scope: 'national',
      share: ratio(10, 100),
      base: 'registered',
      source: 'test',
    });
    const votes = [...rows('North', { A: 50, B: 30, C: 15 }), ...rows('South', { A: 20, B: 25 })];
    const without = computeSeats(r, { votes });
    expect(without.issues.map((i) => [i.code, i.details])).toEqual([
      ['electorate_required', { rules: 'tiny', missing: ['North', 'South'] }],
    ]);
    expect(without.seats).toEqual({});
    // 10 % of 300 registered = 30: A 70 and B 55 pass, C 15 does not
    const res = computeSeats(r, {
      votes,
      districts: [
        { district: 'North', seats: 5, electorate: 200 },
        { district: 'South', seats: 3, electorate: 100 },
      ],
    });
    expect([res.passed, res.issues]).toEqual([['A', 'B'], []]);
  });
});

describe('why a district leaves seats unallocated (DistrictResult.unallocatedReason)', () => {
  // tiny: North 5 seats, South 3, D'Hondt, ties by lot (pe-2026-diputados' rule)
  const share30 = {
    kind: 'share',
    scope: 'national',
    share: ratio(30, 100),
    base: 'valid',
    source: 't',
  } as const;
  const of = (res: ReturnType<typeof computeSeats>, name: string) =>
    res.districts.find((d) => d.district === name);

  it('no list passed the valla in the district: every seat, no_eligible_list', () => {
    // A has 150 of 160 valid votes (94 %), C 10 (6 % < 30 %): only C ran in South
    const res = computeSeats(tiny(share30), {
      votes: [...rows('North', { A: 150 }), ...rows('South', { C: 10 })],
    });
    expect(of(res, 'South')).toMatchObject({
      seats: {},
      unallocated: 3,
      unallocatedReason: 'no_eligible_list',
    });
    expect(of(res, 'North')).toMatchObject({ unallocated: 0, unallocatedReason: null });
    expect(res.issues.map((i) => i.code)).toEqual(['no_eligible_list']);
  });

  it('votes counted but all blank or null: no_eligible_list with the nullity, not not_counted', () => {
    // a council whose 52 votes were all blank or null: counted, nothing more to come, no list to seat
    const erm = ruleset('pe-erm-municipal');
    const votes = rows('Q', { A: 0, B: 0 });
    const res = computeSeats(erm, {
      votes,
      districts: [{ district: 'Q', seats: 5, blank: 40, null: 12 }],
    });
    expect(res.districts[0]).toMatchObject({
      seats: {},
      unallocated: 5,
      unallocatedReason: 'no_eligible_list',
    });
    expect(res.issues.map((i) => [i.code, i.details])).toEqual([
      ['no_eligible_list', { seats: 5 }],
    ]);
    expect(res.nullity).toMatchObject({ emitted: 52, nullityReached: true });
    // blank and null given as 0 with every list at 0: nothing emitted, still not counted
    const none = computeSeats(erm, {
      votes,
      districts: [{ district: 'Q', seats: 5, blank: 0, null: 0 }],
    });
    expect(none.districts[0]?.unallocatedReason).toBe('not_counted');
    expect(none.issues.map((i) => i.code)).toEqual(['district_not_counted']);
  });

  it('no vote counted in the district (every list at 0): every seat, not_counted, a warning', () => {
    // South's rows are there, all at 0 (a council at 0 % of actas): the count, not a valla, holds it
    const res = computeSeats(tiny(share30), {
      votes: [...rows('North', { A: 150, C: 10 }), ...rows('South', { A: 0, C: 0 })],
    });
    expect(of(res, 'South')).toMatchObject({
      seats: {},
      unallocated: 3,
      unallocatedReason: 'not_counted',
    });
    expect(of(res, 'North')).toMatchObject({ seats: { A: 5 }, unallocatedReason: null });
    expect(res.issues).toEqual([
      {
        code: 'district_not_counted',
        severity: 'warning',
        path: ['district', 'South'],
        details: { seats: 3 },
      },
    ]);
  });

  it('a tie left unresolved (no seed for the lot): its seats, tie; drawn, null', () => {
    // North: quotients A 100, B 100, A 50, B 50, then A 33.3 = B 33.3 for the fifth seat
    const input = {
      votes: [...rows('North', { A: 100, B: 100 }), ...rows('South', { A: 90, B: 10 })],
    };
    const open = computeSeats(tiny(null), input);
    expect(of(open, 'North')).toMatchObject({
      seats: { A: 2, B: 2 },
      unallocated: 1,
      unallocatedReason: 'tie',
    });
    expect(of(open, 'South')).toMatchObject({ unallocated: 0, unallocatedReason: null });
    const drawn = computeSeats(tiny(null), input, { seed: 7 });
    expect(of(drawn, 'North')).toMatchObject({ unallocated: 0, unallocatedReason: null });
    expect(drawn.draws).toHaveLength(1);
  });

  it('every seat placed: null in each district', () => {
    const res = computeSeats(tiny(share30), {
      votes: [...rows('North', { A: 300, B: 200 }), ...rows('South', { A: 100, B: 90 })],
    });
    expect(res.districts.map((d) => [d.unallocated, d.unallocatedReason])).toEqual([
      [0, null],
      [0, null],
    ]);
  });

  it('a single seat to the most-voted candidate: a tie is tie; no candidate at all is vacant', () => {
    const r: ListRuleset = {
      ...tiny(null),
      districts: [
        { name: 'North', seats: 1 },
        { name: 'South', seats: 1 },
      ],
      totalSeats: 2,
      singleSeatWinner: 'candidate',
    };
    const res = computeSeats(r, {
      votes: [...rows('North', { A: 100, B: 100 }), ...rows('South', { A: 100, B: 50 })],
      candidates: [
        { district: 'North', party: 'A', candidate: 'Ana', position: 1, votes: 40 },
        { district: 'North', party: 'B', candidate: 'Beto', position: 1, votes: 40 },
      ],
    });
    expect(of(res, 'North')).toMatchObject({ unallocated: 1, unallocatedReason: 'tie' });
    expect(of(res, 'South')).toMatchObject({ unallocated: 0, unallocatedReason: null, vacant: 1 });
    expect(res.issues.map((i) => [i.code, i.path])).toEqual([
      ['tie_unresolved', ['district', 'North']],
      ['insufficient_candidates', ['district', 'South']],
    ]);
  });
});
