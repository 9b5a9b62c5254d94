import { describe, expect, it } from 'vitest';
import { rulesetFromJson } from '../rulesets/compile.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import { computeSeats, type VoteRow } from './seats.js';

/** A ruleset from a few fields over a plain base; every expected value below is worked by hand. */
function rules(extra: Record<string, unknown>): ListRuleset {
  const r = rulesetFromJson({
    format: 'cifra-ruleset/1',
    id: 'case',
    label: 'case',
    kind: 'list',
    method: 'dhondt',
    ...extra,
  });
  if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
  return r.value;
}

const rows = (district: string, o: Record<string, number>): VoteRow[] =>
  Object.entries(o).map(([party, votes]) => ({ district, party, votes }));

describe('compensation tier', () => {
  const ruleset = rules({
    totalSeats: 6,
    districts: [
      { name: 'North', seats: 2 },
      { name: 'South', seats: 2 },
    ],
    tiers: [{ kind: 'compensation', seats: 2, method: 'sainte-lague', source: 'test' }],
  });

  it('levels each list to its national Sainte-Laguë entitlement', () => {
    // North (D'Hondt, 2): A 600, B 350 → A 1, B 1. South: A 500, C 320 → A 1, C 1.
    // National 6 seats by Sainte-Laguë on A 1100, B 550, C 420: quotients 1100 A, 550 B, 420 C,
    // 366.7 A, 220 A, 183.3 B → A 3, B 2, C 1; compensation = entitlement − district seats.
    const r = computeSeats(ruleset, {
      votes: [
        ...rows('North', { A: 600, B: 350, C: 100 }),
        ...rows('South', { A: 500, B: 200, C: 320 }),
      ],
    });
    expect(r.issues).toEqual([]);
    expect(r.tiers).toEqual([
      {
        kind: 'compensation',
        seats: { A: 1, B: 1 },
        entitlement: { A: 3, B: 2, C: 1 },
        overhang: [],
        qualifying: ['A', 'B', 'C'],
      },
    ]);
    expect(r.seats).toEqual({ A: 3, B: 2, C: 1 });
    expect(r.totalSeats).toBe(6);
  });

  it('leaves out a list with overhang and shares the rest among the others', () => {
    // C wins both seats of South with 100 votes; nationally (A 1000, B 900, C 100) its
    // entitlement is 0 < 2: C keeps its 2 seats and leaves; the other 4 by Sainte-Laguë: A 2, B 2.
    const r = computeSeats(ruleset, {
      votes: [...rows('North', { A: 1000, B: 900 }), ...rows('South', { C: 100 })],
    });
    const tier = r.tiers?.[0];
    expect(tier).toMatchObject({ kind: 'compensation', overhang: ['C'], seats: { A: 1, B: 1 } });
    expect(r.seats).toEqual({ A: 2, B: 2, C: 2 });
  });
});

describe('remainder pooling tier', () => {
  it('gives full Droop quotas in the districts and the rest on the pooled remainders', () => {
    // Droop quota 251 in both (⌊1000/4⌋ + 1): North A 1 (r 249), B 1 (r 49), C 0 (r 200);
    // South A 1 (149), B 1 (149), C 0 (200). Pool 2 seats on A 398, B 198, C 400 by Hare:
    // quotas 0.799, 0.398, 0.803 → C 1, A 1.
    const r = computeSeats(
      rules({
        totalSeats: 6,
        method: 'droop',
        districts: [
          { name: 'North', seats: 3 },
          { name: 'South', seats: 3 },
        ],
        tiers: [{ kind: 'remainder-pooling', method: 'hare', source: 'test' }],
      }),
      {
        votes: [
          ...rows('North', { A: 500, B: 300, C: 200 }),
          ...rows('South', { A: 400, B: 400, C: 200 }),
        ],
      },
    );
    expect(r.issues).toEqual([]);
    expect(r.districts.map((d) => [d.district, d.seats, d.pooledSeats])).toEqual([
      ['North', { A: 1, B: 1 }, 1],
      ['South', { A: 1, B: 1 }, 1],
    ]);
    expect(r.tiers).toEqual([
      {
        kind: 'remainder-pooling',
        seats: { A: 1, C: 1 },
        remainders: { A: '398', B: '198', C: '400' },
        placed: false,
      },
    ]);
    expect(r.seats).toEqual({ A: 3, B: 2, C: 1 });
  });

  const pooling = (districts: { name: string; seats: number }[]) =>
    rules({
      totalSeats: districts.reduce((a, d) => a + d.seats, 0),
      method: 'droop',
      districts,
      tiers: [{ kind: 'remainder-pooling', method: 'hare', placement: 'hare', source: 'test' }],
    });

  it('reports a pooled seat whose district is tied as unplaced, still counted for its list', () => {
    // Droop quota 251 in both (⌊1000/4⌋ + 1): North A 1 (r 249), B 1 (r 49), C 0 (r 200);
    // South A 1 (r 249), B 1 (r 50), C 0 (r 199). Pool 2 seats by Hare on A 498, B 99, C 399
    // (quota 498): A 1 whole, the last seat to C (.801 > B .199). Placement by Hare on each list's
    // unused votes: C's seat to North (200 > 199); A's seat ties, 249 in both: no district has it.
    const r = computeSeats(
      pooling([
        { name: 'North', seats: 3 },
        { name: 'South', seats: 3 },
      ]),
      {
        votes: [
          ...rows('North', { A: 500, B: 300, C: 200 }),
          ...rows('South', { A: 500, B: 301, C: 199 }),
        ],
      },
    );
    expect(r.districts.map((d) => [d.district, d.seats])).toEqual([
      ['North', { A: 1, B: 1, C: 1 }],
      ['South', { A: 1, B: 1 }],
    ]);
    expect(r.unplaced).toEqual([
      { stage: 'placement', seats: 1, party: 'A', districts: ['North', 'South'] },
    ]);
    // A won 1 + 1 + 1 (pooled) seats: the house adds up, 5 in districts and 1 unplaced
    expect(r.seats).toEqual({ A: 3, B: 2, C: 1 });
    expect(r.issues.map((i) => i.code)).toEqual(['tie_unresolved']);
  });

  it('reports pooled seats the lists tie for as unplaced, no list’s', () => {
    // Droop quota 334 (⌊1000/3⌋ + 1): A 1 (r 66), B 0 (r 300), C 0 (r 300); the 1 pooled seat by
    // Hare on A 66, B 300, C 300: B and C tie for it.
    const r = computeSeats(pooling([{ name: 'Only', seats: 2 }]), {
      votes: rows('Only', { A: 400, B: 300, C: 300 }),
    });
    expect(r.unplaced).toEqual([{ stage: 'pool', seats: 1, lists: ['B', 'C'] }]);
    expect(r.seats).toEqual({ A: 1 });
  });

  it('has no unplaced seats when every pooled seat finds its district', () => {
    const r = computeSeats(
      pooling([
        { name: 'North', seats: 3 },
        { name: 'South', seats: 3 },
      ]),
      {
        votes: [
          ...rows('North', { A: 500, B: 300, C: 200 }),
          ...rows('South', { A: 501, B: 300, C: 199 }),
        ],
      },
    );
    // as above, but A's unused votes are 249 in North and 250 in South: its seat goes South
    expect(r.unplaced).toBeUndefined();
    expect(r.districts.map((d) => d.seats)).toEqual([
      { A: 1, B: 1, C: 1 },
      { A: 2, B: 1 },
    ]);
    expect(r.seats).toEqual({ A: 3, B: 2, C: 1 });
  });
});

describe('apparentment tier', () => {
  it('allocates a group as one list, then inside it', () => {
    // Alone (D'Hondt, 5): 450 A, 260 B, 240 C, 225 A, 150 A → A 3, B 1, C 1.
    // B + C grouped (500): 500 X, 450 A, 250 X, 225 A, 166.7 X → X 3, A 2; inside X: 260 B,
    // 240 C, 130 B → B 2, C 1.
    const base = { totalSeats: 5, districts: [{ name: 'Only', seats: 5 }] };
    const votes = [
      { district: 'Only', party: 'A', votes: 450 },
      { district: 'Only', party: 'B', votes: 260, group: 'X' },
      { district: 'Only', party: 'C', votes: 240, group: 'X' },
    ];
    expect(computeSeats(rules(base), { votes }).seats).toEqual({ A: 3, B: 1, C: 1 });
    const grouped = rules({
      ...base,
      tiers: [{ kind: 'apparentment', inner: 'dhondt', source: 't' }],
    });
    expect(computeSeats(grouped, { votes }).seats).toEqual({ A: 2, B: 2, C: 1 });
  });
});

describe('majority-bonus tier', () => {
  // SOURCE: ERM 2022, Lima Metropolitana provincial council (39 regidores): votes per list from
  // ONPE's portal at 100 % of actas (third-party capture, github.com/annaabsi/ERM2022); the JEE
  // Lima Centro proclaimed RP 21 (bonus), Podemos 7, Somos Perú 5, Frente Esperanza 3, APP 2, JP 1.
  const lima = {
    'RENOVACION POPULAR': 1_397_727,
    'PODEMOS PERU': 1_342_828,
    'PARTIDO DEMOCRATICO SOMOS PERU': 1_003_805,
    'PARTIDO FRENTE DE LA ESPERANZA 2021': 578_673,
    'ALIANZA PARA EL PROGRESO': 376_630,
    'JUNTOS POR EL PERU': 337_585,
    'AVANZA PAIS - PARTIDO DE INTEGRACION SOCIAL': 185_461,
    'PARTIDO POLITICO NACIONAL PERU LIBRE': 77_934,
  };
  const council = rules({
    totalSeats: 39,
    districts: [{ name: 'Lima Metropolitana', seats: 39 }],
    tiers: [{ kind: 'majority-bonus', seats: 'half-plus-one', source: 'Ley 26864 art. 25' }],
  });

  it('gives the winner ⌈39/2⌉ + 1 = 21 and the rest by cifra repartidora (Lima 2022 proclamation)', () => {
    const r = computeSeats(council, { votes: rows('Lima Metropolitana', lima) });
    expect(r.seats).toEqual({
      'RENOVACION POPULAR': 21,
      'PODEMOS PERU': 7,
      'PARTIDO DEMOCRATICO SOMOS PERU': 5,
      'PARTIDO FRENTE DE LA ESPERANZA 2021': 3,
      'ALIANZA PARA EL PROGRESO': 2,
      'JUNTOS POR EL PERU': 1,
    });
    expect(r.districts[0]?.clauses).toEqual([
      { clause: 'majority-bonus', party: 'RENOVACION POPULAR', before: 11, after: 21 },
    ]);
  });

  it('changes nothing when the winner already has the bonus seats by cifra repartidora', () => {
    // D'Hondt: 910/36 = 25.3 is the 39th quotient (B's third is 30, its fourth 22.5) → A 36, B 3.
    const r = computeSeats(council, { votes: rows('Lima Metropolitana', { A: 910, B: 90 }) });
    expect(r.seats).toEqual({ A: 36, B: 3 });
    expect(r.districts[0]?.clauses).toBeUndefined();
  });
});

describe('absolute-majority tier', () => {
  it('moves one seat to a list with > half of the votes from the list that won the last seat', () => {
    // Hare, 10 seats, V = 10,000: A 5.1 → 5, B 2.5 → 2, C 2.4 → 2, remainder seat to B (.5):
    // A has 51 % of the votes but 5 of 10 seats → one seat from B (the last seat) to A.
    const r = computeSeats(
      rules({
        totalSeats: 10,
        method: 'hare',
        districts: [{ name: 'Only', seats: 10 }],
        tiers: [{ kind: 'absolute-majority', source: 'Kieswet art. P 9' }],
      }),
      { votes: rows('Only', { A: 5100, B: 2500, C: 2400 }) },
    );
    expect(r.seats).toEqual({ A: 6, B: 2, C: 2 });
    expect(r.districts[0]?.clauses).toEqual([
      { clause: 'absolute-majority', party: 'A', before: 5, after: 6, from: 'B' },
    ]);
  });
});

describe('head office and seat bands', () => {
  const council = rules({
    totalSeats: 5,
    districts: [{ name: 'CONCEJO', seats: 5 }],
    tieBreak: ['lot'],
    tiers: [{ kind: 'majority-bonus', seats: 'half-plus-one', source: 'Ley 26864 art. 25' }],
    head: { office: { es: 'Alcalde', en: 'Mayor' }, source: 'Ley 26864 art. 23' },
    seatBands: {
      base: 'population',
      bands: [{ upTo: 25000, seats: 5 }, { upTo: 50000, seats: 7 }, { seats: 9 }],
      fixed: { 'Lima Metropolitana': 39 },
      source: 'Ley 26864 art. 24',
    },
  });

  it('sizes each council from its population, a named one fixed, and names the most-voted list for the office', () => {
    // Small (25,000: 5 seats): D'Hondt 3-1-1 → A gets ⌈5/2⌉ + 1 = 4, B 1 (600 > 300 for the last).
    // Middle (25,001: 7 seats): D'Hondt 300 A, 200 B, 150 A, 100 A, 100 B, 75 A, 66.7 B → A 4, B 3;
    // the bonus ⌈7/2⌉ + 1 = 5 > 4 → A 5, B 2. Lima Metropolitana: 39 by name, whatever its population.
    const r = computeSeats(council, {
      votes: [
        ...rows('Small', { A: 1000, B: 600, C: 300 }),
        ...rows('Middle', { A: 300, B: 200, C: 40 }),
        ...rows('LIMA METROPOLITANA', { A: 10, B: 9 }),
      ],
      districts: [
        { district: 'Small', population: 25_000 },
        { district: 'Middle', population: 25_001 },
        { district: 'LIMA METROPOLITANA', population: 9_000_000 },
      ],
    });
    expect(r.issues).toEqual([]);
    expect(r.districts.map((d) => [d.district, d.totalSeats, d.seats, d.head?.party])).toEqual([
      ['Small', 5, { A: 4, B: 1 }, 'A'],
      ['Middle', 7, { A: 5, B: 2 }, 'A'],
      ['LIMA METROPOLITANA', 39, { A: 21, B: 18 }, 'A'],
    ]);
    expect(r.districts[0]?.head?.office).toEqual({ es: 'Alcalde', en: 'Mayor' });
  });

  it('a tie for the most-voted list with no seed holds back every seat the bonus would move', () => {
    // Tied: A and B 400 each, C 200, 5 seats. D'Hondt alone gives A 2, B 2, C 1, but the list the
    // lot names takes ⌈5/2⌉ + 1 = 4: that allocation is no council's, so no seat is allocated yet.
    const votes = rows('Tied', { A: 400, B: 400, C: 200 });
    const districts = [{ district: 'Tied', population: 25_000 }];
    const open = computeSeats(council, { votes, districts });
    expect(open.districts[0]).toMatchObject({
      seats: {},
      unallocated: 5,
      unallocatedReason: 'tie',
      head: { party: null },
    });
    expect(open.ties).toEqual([
      {
        stage: 'most-voted',
        district: 'Tied',
        candidates: ['A', 'B'],
        // the tie holds the whole council, not one last seat
        seatsInContention: 5,
        resolution: 'unresolved',
      },
    ]);
    expect(open.issues.map((i) => [i.code, i.details?.seats])).toEqual([['tie_unresolved', 5]]);
    // drawn: the lot's list gets the bonus, the other two share the rest (1 each)
    const drawn = computeSeats(council, { votes, districts }, { seed: 7 });
    const d = drawn.districts[0];
    const winner = d?.head?.party as string;
    expect(['A', 'B']).toContain(winner);
    expect(d).toMatchObject({ unallocated: 0, unallocatedReason: null });
    expect(d?.seats[winner]).toBe(4);
    expect(Object.values(d?.seats ?? {}).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('a district given neither seats nor a population the bands cover is invalid_seats', () => {
    const r = computeSeats(rules({ totalSeats: 1, districts: [{ name: 'X', seats: 1 }] }), {
      votes: rows('X', { A: 1 }),
      districts: [{ district: 'X', population: 10 }],
    });
    expect(r.issues[0]).toMatchObject({ code: 'invalid_seats', path: ['districts', 1, 'seats'] });
  });

  it('bands must go up, with only the last one open-ended', () => {
    const r = rulesetFromJson({
      format: 'cifra-ruleset/1',
      id: 'x',
      label: 'x',
      kind: 'list',
      method: 'dhondt',
      totalSeats: 1,
      districts: [{ name: 'X', seats: 1 }],
      seatBands: {
        base: 'population',
        bands: [{ seats: 5 }, { upTo: 10, seats: 7 }],
        source: 's',
      },
    });
    expect(r.ok ? [] : r.error.map((i) => i.path)).toEqual([['seatBands', 'bands', 0, 'upTo']]);
  });
});

describe('a district with nothing counted says not_counted at every depth (review s32)', () => {
  // North counted, South at 0 % of its count: every list at 0, no blank or null vote
  const votes = [
    ...rows('North', { A: 500, B: 300, C: 200 }),
    ...rows('South', { A: 0, B: 0, C: 0 }),
  ];
  const districts = [
    { name: 'North', seats: 3 },
    { name: 'South', seats: 3 },
  ];
  const warning = [
    {
      code: 'district_not_counted',
      severity: 'warning',
      path: ['district', 'South'],
      details: { seats: 3 },
    },
  ];
  const south = { seats: {}, unallocated: 3, unallocatedReason: 'not_counted' };

  it('remainder pooling: its seats wait on the count, none goes to the pool', () => {
    // Droop quota 251 in North: A 1 (r 249), B 1 (r 49), C 0 (r 200); North's 1 seat left is the
    // pool (South gives none: it was pooling all 3): by Hare on A 249, B 49, C 200 → A
    for (const placement of [undefined, 'hare'] as const) {
      const r = computeSeats(
        rules({
          totalSeats: 6,
          method: 'droop',
          districts,
          tiers: [{ kind: 'remainder-pooling', method: 'hare', placement, source: 'test' }],
        }),
        { votes },
      );
      expect(r.issues).toEqual(warning);
      expect(r.districts[1]).toMatchObject({ ...south, pooledSeats: 0 });
      expect(r.tiers?.[0]).toMatchObject({ seats: { A: 1 } });
      expect(r.seats).toEqual({ A: 2, B: 1 });
      // placed, A's pooled seat goes to North, the only district where it has unused votes
      if (placement === 'hare') expect(r.districts[0]?.seats).toEqual({ A: 2, B: 1 });
    }
  });

  it('biproportional: the counted districts are apportioned on their own seats, not left unsettled', () => {
    // North's 3 seats by Sainte-Laguë on A 700, B 250, C 50: 700 A, 250 B, 233.3 A → A 2, B 1
    // (upper and lower alike with one district); South's 3 wait on the count
    const bipro = rules({
      totalSeats: 6,
      method: 'sainte-lague',
      districts,
      tiers: [
        {
          kind: 'biproportional',
          upper: 'sainte-lague',
          lower: 'sainte-lague',
          votes: 'raw',
          source: 'test',
        },
      ],
    });
    const r = computeSeats(bipro, {
      votes: [...rows('North', { A: 700, B: 250, C: 50 }), ...rows('South', { A: 0, B: 0 })],
    });
    expect(r.issues).toEqual(warning);
    expect(r.districts).toMatchObject([
      { district: 'North', seats: { A: 2, B: 1 }, unallocated: 0, unallocatedReason: null },
      { district: 'South', ...south },
    ]);
    expect(r.tiers?.[0]).toMatchObject({ upper: { A: 2, B: 1 } });
    expect(r.seats).toEqual({ A: 2, B: 1 });
    // nothing counted anywhere: every district waits on the count, no list has a seat
    const none = computeSeats(bipro, {
      votes: [...rows('North', { A: 0 }), ...rows('South', { A: 0 })],
    });
    expect(none.districts.map((d) => [d.unallocated, d.unallocatedReason])).toEqual([
      [3, 'not_counted'],
      [3, 'not_counted'],
    ]);
    expect(none.issues.map((i) => i.code)).toEqual([
      'district_not_counted',
      'district_not_counted',
    ]);
    expect(none.seats).toEqual({});
  });
});
