// votelib's real-election tests (tests/real/test_real_proportional.py, the list-seat step of
// test_real_listbased.py, the plain allocation steps of test_real_mmp.py, and
// test_proportional.py test_biprop_zurich_2002) translated into cifra rulesets run by
// computeSeats. The vote tables are in test/fixtures/votelib/ (numbers from votelib's test data);
// each ruleset is written here as a cifra-ruleset/1 JSON object. Expected seats are the ones
// votelib asserts; "derived" cases are votelib's own output for a step its test does not assert.
//
// Not here, and why:
// - real/cz_psp_2021 (national totals and Prague; the two-scrutiny Imperiali + Droop system):
//   cifra cannot run it yet (reported in /work/research/votelib/CIFRA_FAILURES.md). Its steps
//   that cifra can run are below.
// - real/nz_leg_2014, real/nz_leg_2008, real/de_bdt_2017 (test_real_mmp.py): mixed-member
//   systems whose house grows with overhang (NZ) or levelling seats (DE). Out of scope: cifra's
//   compensation tier keeps the house fixed. Their plain allocation steps are below.
// - real/nmnmet_cc_2018, the elected candidates (ThresholdOpenList, 5 % preference jump): open-list
//   candidate selection. Out of scope; the party seats are below.
import { describe, expect, it } from 'vitest';
import { allocateRaw, allocateSeats } from '../../src/core/allocation/allocate.js';
import {
  DHONDT,
  DROOP,
  HARE,
  IMPERIALI_QUOTA,
  SAINTE_LAGUE,
} from '../../src/core/allocation/methods.js';
import { computeSeats } from '../../src/core/pipeline/seats.js';
import {
  byDistrict,
  districtSeats,
  expectNoErrors,
  fixture,
  listRuleset,
  lists,
  oneDistrict,
  seatsOf,
  votelib,
} from './votelib-helpers.js';

const REAL = 'tests/real/test_real_proportional.py';
const report = { steps: ['report'] } as const;

type ByRegion = Record<string, Record<string, number>>;
const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
const only = (row: Record<string, number>, parties: readonly string[]) =>
  Object.fromEntries(parties.map((p) => [p, row[p] ?? 0]));

describe('Slovakia, National Council 2020', () => {
  const sk = fixture<{ votes: Record<string, number>; coalitionMembers: Record<string, number> }>(
    'sk-nr-2020.json',
  );

  it(`150 seats: OĽANO 53, Smer 38, Sme rodina 17, ĽSNS 17, SaS 13, Za ľudí 12 — ${votelib(REAL, 'test_sk_nr_2020')}`, () => {
    // Act 180/2014 Coll. (SK): 5 % for a party, 7 % for a coalition of 2–3 parties, 10 % for 4+;
    // then one national district, the Hagenbach-Bischoff quota of the passing lists' votes and
    // largest remainders. votelib uses hagenbach_bischoff_rounded (V/(S+1) rounded half up,
    // 2061100/151 → 13650: the law's republic electoral number is a whole number); cifra has
    // only the exact quota 13649.67 (CIFRA_FAILURES.md). The quota seats (OĽANO 52, Smer 38,
    // Sme rodina 17, ĽSNS 16, SaS 13, Za ľudí 12) and the order of the two largest remainders
    // (OĽANO, ĽSNS) are the same under both quotas, so the seats are too.
    const ruleset = listRuleset({
      id: 'sk-nr-2020',
      jurisdiction: 'sk',
      totalSeats: 150,
      districts: [{ name: 'Slovensko', seats: 150 }],
      method: { kind: 'largest-remainder', quota: 'hagenbach-bischoff' },
      threshold: {
        kind: 'share',
        share: '5%',
        alliance: {
          kind: 'by-size',
          shares: [
            { min: 2, max: 3, share: '7%' },
            { min: 4, share: '10%' },
          ],
        },
        source: 'Act 180/2014 Coll. (SK)',
      },
    });
    const res = computeSeats(ruleset, {
      votes: oneDistrict(sk.votes, 'Slovensko', sk.coalitionMembers),
    });
    expectNoErrors(res);
    expect(res.ties).toEqual([]);
    expect(res.seats).toEqual({
      OĽANO: 53,
      'Sloboda a Solidarita': 13,
      'Sme rodina': 17,
      Smer: 38,
      'Za ľudí': 12,
      ĽSNS: 17,
    });
    expect(res.excluded).toContainEqual(
      expect.objectContaining({ party: 'Progresívne Slovensko-SPOLU', reason: 'below_share' }),
    );
  });
});

describe('Czechia, European Parliament 2019', () => {
  it(`21 seats: ANO 6, ODS 4, Piráti 3, STAN-TOP 09 3, SPD 2, KDU-ČSL 2, KSČM 1 — ${votelib(REAL, 'test_cz_ep_2019')}`, () => {
    const ep = fixture<{ votes: Record<string, number> }>('cz-ep-2019.json');
    const ruleset = listRuleset({
      id: 'cz-ep-2019',
      jurisdiction: 'cz',
      totalSeats: 21,
      districts: [{ name: 'Česko', seats: 21 }],
      method: 'dhondt',
      threshold: { kind: 'share', share: '5%', source: 'Act 62/2003 Coll. (CZ)' },
    });
    const res = computeSeats(ruleset, { votes: oneDistrict(ep.votes, 'Česko') });
    expectNoErrors(res);
    expect(res.seats).toEqual({
      'ANO 2011': 6,
      'KDU-ČSL': 2,
      KSČM: 1,
      'Koalice STAN, TOP 09': 3,
      'Občanská demokratická strana': 4,
      'Svoboda a přímá demokracie': 2,
      'Česká pirátská strana': 3,
    });
  });
});

describe('Czechia, Chamber of Deputies 2017', () => {
  const cz = fixture<{ votesByRegion: ByRegion }>('cz-psp-2017.json');
  const regionTotals = Object.fromEntries(
    Object.entries(cz.votesByRegion).map(([r, row]) => [r, sum(row)]),
  );
  const APPORTIONMENT = {
    'Hlavní město Praha': 24,
    'Jihomoravský kraj': 23,
    'Jihočeský kraj': 13,
    'Karlovarský kraj': 5,
    'Kraj Vysočina': 10,
    'Královéhradecký kraj': 11,
    'Liberecký kraj': 8,
    'Moravskoslezský kraj': 22,
    'Olomoucký kraj': 12,
    'Pardubický kraj': 10,
    'Plzeňský kraj': 11,
    'Středočeský kraj': 26,
    'Zlínský kraj': 12,
    'Ústecký kraj': 13,
  };
  const PASSED = ['ANO', 'KDU-ČSL', 'KSČM', 'ODS', 'Piráti', 'SPD', 'STAN', 'TOP 09', 'ČSSD'];
  // Prague and Karlovarský kraj are asserted by votelib's test; the other 12 regions are votelib's
  // own output for the same run (derived).
  const REGIONS: Record<string, Record<string, number>> = {
    'Hlavní město Praha': {
      ANO: 6,
      'KDU-ČSL': 1,
      KSČM: 1,
      ODS: 5,
      Piráti: 5,
      SPD: 1,
      STAN: 1,
      'TOP 09': 3,
      ČSSD: 1,
    },
    'Středočeský kraj': {
      ANO: 9,
      KSČM: 2,
      ODS: 4,
      Piráti: 3,
      SPD: 2,
      STAN: 2,
      'TOP 09': 2,
      ČSSD: 2,
    },
    'Jihočeský kraj': {
      ANO: 5,
      'KDU-ČSL': 1,
      KSČM: 1,
      ODS: 2,
      Piráti: 1,
      SPD: 1,
      'TOP 09': 1,
      ČSSD: 1,
    },
    'Plzeňský kraj': { ANO: 5, KSČM: 1, ODS: 2, Piráti: 1, SPD: 1, ČSSD: 1 },
    'Karlovarský kraj': { ANO: 3, Piráti: 1, SPD: 1 },
    'Ústecký kraj': { ANO: 7, KSČM: 1, ODS: 1, Piráti: 1, SPD: 2, ČSSD: 1 },
    'Liberecký kraj': { ANO: 4, ODS: 1, Piráti: 1, SPD: 1, STAN: 1 },
    'Královéhradecký kraj': { ANO: 5, 'KDU-ČSL': 1, KSČM: 1, ODS: 1, Piráti: 1, SPD: 1, ČSSD: 1 },
    'Pardubický kraj': { ANO: 4, 'KDU-ČSL': 1, KSČM: 1, ODS: 1, Piráti: 1, SPD: 1, ČSSD: 1 },
    'Kraj Vysočina': { ANO: 4, 'KDU-ČSL': 1, KSČM: 1, ODS: 1, Piráti: 1, SPD: 1, ČSSD: 1 },
    'Jihomoravský kraj': {
      ANO: 7,
      'KDU-ČSL': 2,
      KSČM: 2,
      ODS: 3,
      Piráti: 2,
      SPD: 3,
      STAN: 1,
      'TOP 09': 1,
      ČSSD: 2,
    },
    'Olomoucký kraj': { ANO: 5, 'KDU-ČSL': 1, KSČM: 1, ODS: 1, Piráti: 1, SPD: 2, ČSSD: 1 },
    'Zlínský kraj': { ANO: 4, 'KDU-ČSL': 1, KSČM: 1, ODS: 1, Piráti: 1, SPD: 2, STAN: 1, ČSSD: 1 },
    'Moravskoslezský kraj': { ANO: 10, 'KDU-ČSL': 1, KSČM: 2, ODS: 2, Piráti: 2, SPD: 3, ČSSD: 2 },
  };

  // Act 247/1995 Coll. (as in 2017): the 200 seats go to the 14 regions by the valid votes cast
  // there (Hare quota, largest remainders); a party needs 5 % of the national valid votes
  // (coalitions of 2, 3, 4+: 10, 15, 20 %; none ran); each region's seats go by D'Hondt among the
  // passing parties. cifra's apportionment takes its base from the ruleset's districts, so the
  // file carries each region's valid votes as its `electorate`.
  const ruleset = listRuleset({
    id: 'cz-psp-2017',
    jurisdiction: 'cz',
    totalSeats: 200,
    districts: Object.entries(regionTotals).map(([name, electorate]) => ({ name, electorate })),
    apportionment: { base: 'electorate', method: 'hare', source: 'Act 247/1995 Coll. § 48' },
    method: 'dhondt',
    threshold: {
      kind: 'share',
      share: '5%',
      alliance: {
        kind: 'by-size',
        shares: [
          { min: 2, max: 2, share: '10%' },
          { min: 3, max: 3, share: '15%' },
          { min: 4, share: '20%' },
        ],
      },
      source: 'Act 247/1995 Coll. § 49',
    },
  });
  const res = computeSeats(ruleset, { votes: byDistrict(cz.votesByRegion) });

  it(`200 seats: ANO 78, ODS 25, Piráti 22, SPD 22, KSČM 15, ČSSD 15, KDU-ČSL 10, TOP 09 7, STAN 6 — ${votelib(REAL, 'test_cz_psp_2017')}`, () => {
    expectNoErrors(res);
    expect(res.ties).toEqual([]);
    expect(res.seats).toEqual({
      ANO: 78,
      'KDU-ČSL': 10,
      KSČM: 15,
      ODS: 25,
      Piráti: 22,
      SPD: 22,
      STAN: 6,
      'TOP 09': 7,
      ČSSD: 15,
    });
    expect([...res.passed].sort()).toEqual([...PASSED].sort());
  });

  it(`apportions 200 seats to the regions by Hare largest remainders — ${votelib(REAL, 'test_cz_psp_2017 (derived: step 1, apportionment)')}`, () => {
    const a = allocateSeats({
      lists: lists(regionTotals),
      seats: 200,
      method: HARE,
      tieBreak: report,
    });
    expect(seatsOf(a.seats)).toEqual(APPORTIONMENT);
    expect(Object.fromEntries(ruleset.districts.map((d) => [d.name, d.seats]))).toEqual(
      APPORTIONMENT,
    );
  });

  for (const [region, expected] of Object.entries(REGIONS)) {
    const asserted = region === 'Hlavní město Praha' || region === 'Karlovarský kraj';
    it(`${region}: D'Hondt for ${APPORTIONMENT[region as keyof typeof APPORTIONMENT]} among the passing parties — ${votelib(REAL, asserted ? 'test_cz_psp_2017' : 'test_cz_psp_2017 (derived: step 3)')}`, () => {
      const seats = APPORTIONMENT[region as keyof typeof APPORTIONMENT];
      const row = only(cz.votesByRegion[region] ?? {}, PASSED);
      const a = allocateSeats({ lists: lists(row), seats, method: DHONDT, tieBreak: report });
      expect(seatsOf(a.seats)).toEqual(expected);
      expect(districtSeats(res)[region]).toEqual(expected);
    });
  }
});

describe('Czechia, Chamber of Deputies 2021: the steps cifra can run', () => {
  const cz = fixture<{ votesByRegion: ByRegion }>('cz-psp-2021.json');
  const regionTotals = Object.fromEntries(
    Object.entries(cz.votesByRegion).map(([r, row]) => [r, sum(row)]),
  );
  const PASSED = ['ANO', 'Piráti+STAN', 'SPD', 'SPOLU'];
  const APPORTIONMENT: Record<string, number> = {
    'Hlavní město Praha': 23,
    'Jihomoravský kraj': 23,
    'Jihočeský kraj': 13,
    'Karlovarský kraj': 5,
    'Kraj Vysočina': 10,
    'Královéhradecký kraj': 11,
    'Liberecký kraj': 8,
    'Moravskoslezský kraj': 22,
    'Olomoucký kraj': 12,
    'Pardubický kraj': 10,
    'Plzeňský kraj': 11,
    'Středočeský kraj': 26,
    'Zlínský kraj': 12,
    'Ústecký kraj': 14,
  };
  // First scrutiny: in each region, ⌊v/q⌋ seats with the Imperiali quota q = V/(S+2) of the
  // passing parties' votes, an over-award taken back from the smallest remainders (votelib's
  // derived output; Vysočina, Olomoucký and Pardubický kraj over-award by one).
  const SCRUTINY_1: Record<string, Record<string, number>> = {
    'Hlavní město Praha': { ANO: 5, 'Piráti+STAN': 6, SPD: 1, SPOLU: 11 },
    'Středočeský kraj': { ANO: 8, 'Piráti+STAN': 6, SPD: 2, SPOLU: 9 },
    'Jihočeský kraj': { ANO: 5, 'Piráti+STAN': 2, SPD: 1, SPOLU: 5 },
    'Plzeňský kraj': { ANO: 4, 'Piráti+STAN': 2, SPD: 1, SPOLU: 4 },
    'Karlovarský kraj': { ANO: 2, 'Piráti+STAN': 1, SPD: 1, SPOLU: 1 },
    'Ústecký kraj': { ANO: 7, 'Piráti+STAN': 2, SPD: 2, SPOLU: 3 },
    'Liberecký kraj': { ANO: 3, 'Piráti+STAN': 2, SPD: 1, SPOLU: 2 },
    'Královéhradecký kraj': { ANO: 4, 'Piráti+STAN': 2, SPD: 1, SPOLU: 4 },
    'Pardubický kraj': { ANO: 3, 'Piráti+STAN': 2, SPD: 1, SPOLU: 4 },
    'Kraj Vysočina': { ANO: 4, 'Piráti+STAN': 1, SPD: 1, SPOLU: 4 },
    'Jihomoravský kraj': { ANO: 8, 'Piráti+STAN': 4, SPD: 2, SPOLU: 9 },
    'Olomoucký kraj': { ANO: 5, 'Piráti+STAN': 2, SPD: 1, SPOLU: 4 },
    'Zlínský kraj': { ANO: 4, 'Piráti+STAN': 2, SPD: 2, SPOLU: 4 },
    'Moravskoslezský kraj': { ANO: 10, 'Piráti+STAN': 3, SPD: 3, SPOLU: 6 },
  };

  it(`apportions 200 seats to the regions by Hare largest remainders — ${votelib(REAL, 'test_cz_psp_2021 (derived: step 1, apportionment)')}`, () => {
    const a = allocateSeats({
      lists: lists(regionTotals),
      seats: 200,
      method: HARE,
      tieBreak: report,
    });
    expect(seatsOf(a.seats)).toEqual(APPORTIONMENT);
  });

  for (const [region, expected] of Object.entries(SCRUTINY_1)) {
    const seats = APPORTIONMENT[region] as number;
    const row = only(cz.votesByRegion[region] ?? {}, PASSED);
    if (sum(expected) === seats) {
      it(`${region}: the first scrutiny fills its ${seats} seats with Imperiali quotas — ${votelib(REAL, 'test_cz_psp_2021 (derived: step 3)')}`, () => {
        // The full quotas (after any over-award is taken back) fill the region, so largest
        // remainders with the Imperiali quota have no remainder seat to give: same seats.
        const out = allocateRaw(Object.values(row), seats, IMPERIALI_QUOTA);
        expect(out.tie).toBeNull();
        expect(Object.fromEntries(Object.keys(row).map((p, i) => [p, out.seats[i]]))).toEqual(
          expected,
        );
      });
    } else {
      it(`${region}: the first scrutiny gives ${sum(expected)} of ${seats} seats by full Imperiali quotas — ${votelib(REAL, 'test_cz_psp_2021 (derived: step 3)')}`, () => {
        // Full quotas only, the rest left for the national second scrutiny: cifra's
        // remainder-pooling tier gives a district its full-quota seats and pools the others.
        const ruleset = listRuleset({
          id: 'cz-psp-2021-region',
          totalSeats: seats,
          districts: [{ name: region, seats }],
          method: 'imperiali-quota',
          tiers: [{ kind: 'remainder-pooling', method: 'droop', source: 'Act 247/1995 § 50' }],
        });
        const res = computeSeats(ruleset, { votes: oneDistrict(row, region) });
        expect(res.districts[0]).toMatchObject({
          seats: expected,
          pooledSeats: seats - sum(expected),
        });
      });
    }
  }

  it(`the second scrutiny's one seat goes to SPOLU by Droop on the unused votes — ${votelib(REAL, 'test_cz_psp_2021 (derived: step 5)')}`, () => {
    // votelib's unused votes v − q·seats are exact fractions (ANO 816074183/7800, Piráti+STAN
    // 144031813/1092, SPD 3856070483/27300, SPOLU 82282201/520); cifra takes whole votes, so they
    // are scaled by their common denominator 54600. The Droop quota ⌊V/2⌋ + 1 is not scale
    // invariant, but no list reaches it either way and the seat goes to the largest remainder,
    // i.e. the most unused votes: the same list under any scale.
    const scaled = [
      (816074183 * 54600) / 7800,
      (144031813 * 54600) / 1092,
      (3856070483 * 54600) / 27300,
      (82282201 * 54600) / 520,
    ];
    expect(scaled.every(Number.isSafeInteger)).toBe(true);
    const out = allocateRaw(scaled, 1, DROOP);
    expect(out.seats).toEqual([0, 0, 0, 1]);
  });
});

describe('Czechia, Chamber of Deputies 2021: the whole election from one ruleset file', () => {
  const cz = fixture<{ votesByRegion: ByRegion }>('cz-psp-2021.json');
  const regions = Object.entries(cz.votesByRegion).map(([name, row]) => ({
    name,
    electorate: sum(row),
  }));
  // Act 247/1995 Coll. as amended in 2021: regions' seats by Hare on their valid votes; 5 %,
  // coalitions of two 8 %, of three or more 11 %; first scrutiny by the Imperiali quota per
  // region; the unused votes pooled nationally and shared by Droop; each party's pooled seats go
  // to the regions of its largest unused votes (votelib: Droop over its regional unused votes).
  const ruleset = listRuleset({
    id: 'cz-psp-2021',
    jurisdiction: 'cz',
    totalSeats: 200,
    districts: regions,
    apportionment: { base: 'electorate', method: 'hare', source: 'Act 247/1995 § 48' },
    method: 'imperiali-quota',
    threshold: {
      kind: 'share',
      share: '5%',
      alliance: {
        kind: 'by-size',
        shares: [
          { min: 2, max: 2, share: '8%' },
          { min: 3, share: '11%' },
        ],
      },
      source: 'Act 247/1995 § 49',
    },
    tiers: [
      {
        kind: 'remainder-pooling',
        method: 'droop',
        placement: 'droop',
        source: 'Act 247/1995 §§ 50–51',
      },
    ],
  });
  const alliances: Record<string, number> = { SPOLU: 3, 'Piráti+STAN': 2, TSS: 3 };
  const votes = Object.entries(cz.votesByRegion).flatMap(([district, row]) =>
    Object.entries(row).map(([party, v]) => ({
      district,
      party,
      votes: v,
      alliance: alliances[party],
    })),
  );
  const res = computeSeats(ruleset, { votes });

  it(`national: ANO 72, SPOLU 71, Piráti+STAN 37, SPD 20 — ${votelib(REAL, 'test_cz_psp_2021')}`, () => {
    expectNoErrors(res);
    expect(res.seats).toEqual({ ANO: 72, SPOLU: 71, 'Piráti+STAN': 37, SPD: 20 });
  });

  it(`Prague: ANO 5, Piráti+STAN 6, SPD 1, SPOLU 11; the pooled seat goes to SPOLU in Středočeský kraj — ${votelib(REAL, 'test_cz_psp_2021')}`, () => {
    expect(res.districts.find((d) => d.district === 'Hlavní město Praha')?.seats).toEqual({
      ANO: 5,
      'Piráti+STAN': 6,
      SPD: 1,
      SPOLU: 11,
    });
    expect(res.districts.find((d) => d.district === 'Středočeský kraj')?.seats).toMatchObject({
      SPOLU: 10,
    });
    expect(res.tiers?.[0]).toMatchObject({
      kind: 'remainder-pooling',
      seats: { SPOLU: 1 },
      placed: true,
    });
  });
});

describe('Nové Město nad Metují, municipal council 2018: party seats', () => {
  it(`21 seats: VPM 6, ODS 4, NM 3, VČ 3, KDU-ČSL 3, ČSSD 1, KSČM 1 — ${votelib('tests/real/test_real_listbased.py', 'test_nmnmet_cc_2018 (party seats: the lengths of the elected lists)')}`, () => {
    // votelib asserts the elected candidates; their counts per party are the seats. Party votes
    // are the sums of the candidates' votes. 5 % threshold, D'Hondt.
    const votes = {
      'KDU-ČSL': 8952,
      KSČM: 4609,
      NM: 11916,
      ODS: 13884,
      VPM: 19152,
      VČ: 11214,
      ČSSD: 5583,
    };
    const ruleset = listRuleset({
      id: 'nmnm-2018',
      totalSeats: 21,
      districts: [{ name: 'Nové Město nad Metují', seats: 21 }],
      method: 'dhondt',
      threshold: { kind: 'share', share: '5%', source: 'Act 491/2001 Coll. (CZ)' },
    });
    const res = computeSeats(ruleset, { votes: oneDistrict(votes, 'Nové Město nad Metují') });
    expectNoErrors(res);
    expect(res.seats).toEqual({ 'KDU-ČSL': 3, KSČM: 1, NM: 3, ODS: 4, VPM: 6, VČ: 3, ČSSD: 1 });
  });
});

describe('plain allocation steps of votelib mixed-member tests', () => {
  it(`New Zealand 2014: 71 electorates by plurality: National 41, Labour 27, ACT, Māori, United Future 1 each — ${votelib('tests/real/test_real_mmp.py', 'test_nz_leg_2014_raw')}`, () => {
    const nz = fixture<{ votesByElectorate: ByRegion }>('nz-leg-2014-electorates.json');
    const electorates = Object.keys(nz.votesByElectorate);
    expect(electorates).toHaveLength(71);
    const ruleset = listRuleset({
      id: 'nz-electorates-2014',
      totalSeats: 71,
      districts: electorates.map((name) => ({ name, seats: 1 })),
      method: 'dhondt',
      singleSeatMethod: 'plurality',
    });
    const res = computeSeats(ruleset, { votes: byDistrict(nz.votesByElectorate) });
    expectNoErrors(res);
    expect(res.ties).toEqual([]);
    expect(res.seats).toEqual({
      'ACT New Zealand': 1,
      'Labour Party': 27,
      'Māori Party': 1,
      'National Party': 41,
      'United Future': 1,
    });
  });

  it(`Germany 2017: 598 seats to the Länder by population, Sainte-Laguë — ${votelib('tests/real/test_real_mmp.py', 'test_de_bdt_2017 (derived: step 1, Land contingents)')}`, () => {
    const population = {
      'Schleswig-Holstein': 2673803,
      Hamburg: 1525090,
      Niedersachsen: 7278789,
      Bremen: 568510,
      'Nordrhein-Westfalen': 15707569,
      Hessen: 5281198,
      'Rheinland-Pfalz': 3661245,
      'Baden-Württemberg': 9365001,
      Bayern: 11362245,
      Saarland: 899748,
      Berlin: 2975745,
      Brandenburg: 2391746,
      'Mecklenburg-Vorpommern': 1548400,
      Sachsen: 3914671,
      'Sachsen-Anhalt': 2145671,
      Thüringen: 2077901,
    };
    const a = allocateSeats({
      lists: lists(population),
      seats: 598,
      method: SAINTE_LAGUE,
      tieBreak: report,
    });
    expect(seatsOf(a.seats)).toEqual({
      'Baden-Württemberg': 76,
      Bayern: 93,
      Berlin: 24,
      Brandenburg: 20,
      Bremen: 5,
      Hamburg: 12,
      Hessen: 43,
      'Mecklenburg-Vorpommern': 13,
      Niedersachsen: 59,
      'Nordrhein-Westfalen': 128,
      'Rheinland-Pfalz': 30,
      Saarland: 7,
      Sachsen: 32,
      'Sachsen-Anhalt': 17,
      'Schleswig-Holstein': 22,
      Thüringen: 17,
    });
  });

  it(`Germany 2017: the enlarged house of 709 by Sainte-Laguë on second votes — ${votelib('tests/real/test_real_mmp.py', 'test_de_bdt_2017 (national totals)')}`, () => {
    // votelib finds 709 as the smallest house that gives every party its minimum; the asserted
    // national totals are Sainte-Laguë for 709 among the parties above 5 %.
    const zweitstimmen = {
      AfD: 5878115,
      CDU: 12447656,
      CSU: 2869688,
      'DIE LINKE': 4297270,
      FDP: 4999449,
      GRÜNE: 4158400,
      SPD: 9539381,
    };
    const a = allocateSeats({
      lists: lists(zweitstimmen),
      seats: 709,
      method: SAINTE_LAGUE,
      tieBreak: report,
    });
    expect(seatsOf(a.seats)).toEqual({
      AfD: 94,
      CDU: 200,
      CSU: 46,
      'DIE LINKE': 69,
      FDP: 80,
      GRÜNE: 67,
      SPD: 153,
    });
  });
});

describe('Zurich, city council 2002 (biproportional)', () => {
  it(`125 seats in 9 districts by Sainte-Laguë upper and lower apportionment — ${votelib('tests/evaluate/test_proportional.py', 'test_biprop_zurich_2002')}`, () => {
    // votelib's input is already per district (the numbers the test gives), with the district
    // seats fixed; the party totals are Sainte-Laguë on their sums (votes: raw).
    const votes: ByRegion = {
      '1': { SP: 3516, SVP: 1709, FDP: 2413, Gre: 1080, CVP: 639, SenL: 247, AL: 184 },
      '2': { SP: 4264, SVP: 1806, FDP: 1062, Gre: 860, CVP: 539, SenL: 339, AL: 503 },
      '3': { SP: 3103, SVP: 758, FDP: 566, Gre: 867, CVP: 467, SenL: 137, AL: 940 },
      '4': { SP: 3626, SVP: 1349, FDP: 1487, Gre: 956, CVP: 471, SenL: 359, AL: 280 },
      '5': { SP: 4968, SVP: 2423, FDP: 4354, Gre: 1939, CVP: 968, SenL: 485, AL: 411 },
      '6': { SP: 3632, SVP: 2724, FDP: 1266, Gre: 730, CVP: 946, SenL: 482, AL: 230 },
      '7': { SP: 4103, SVP: 2135, FDP: 2066, Gre: 885, CVP: 647, SenL: 446, AL: 363 },
      '8': { SP: 4105, SVP: 3333, FDP: 1607, Gre: 771, CVP: 949, SenL: 636, AL: 247 },
      '9': { SP: 1970, SVP: 1516, FDP: 486, Gre: 211, CVP: 446, SenL: 344, AL: 65 },
    };
    const seats = {
      '1': 12,
      '2': 16,
      '3': 13,
      '4': 10,
      '5': 17,
      '6': 16,
      '7': 12,
      '8': 19,
      '9': 10,
    };
    const ruleset = listRuleset({
      id: 'zh-2002',
      totalSeats: 125,
      districts: Object.entries(seats).map(([name, s]) => ({ name, seats: s })),
      method: 'sainte-lague',
      tiers: [
        {
          kind: 'biproportional',
          upper: 'sainte-lague',
          lower: 'sainte-lague',
          votes: 'raw',
          source: 'GPR (ZH) §§ 102–105',
        },
      ],
    });
    const res = computeSeats(ruleset, { votes: byDistrict(votes) });
    expectNoErrors(res);
    expect(districtSeats(res)).toEqual({
      '1': { CVP: 1, FDP: 3, Gre: 2, SP: 4, SVP: 2 },
      '2': { AL: 1, CVP: 1, FDP: 2, Gre: 2, SP: 6, SVP: 3, SenL: 1 },
      '3': { AL: 2, CVP: 1, FDP: 1, Gre: 2, SP: 6, SVP: 1 },
      '4': { CVP: 1, FDP: 2, Gre: 1, SP: 4, SVP: 2 },
      '5': { AL: 1, CVP: 1, FDP: 5, Gre: 2, SP: 5, SVP: 2, SenL: 1 },
      '6': { CVP: 1, FDP: 2, Gre: 1, SP: 6, SVP: 5, SenL: 1 },
      '7': { CVP: 1, FDP: 3, Gre: 1, SP: 5, SVP: 2 },
      '8': { AL: 1, CVP: 1, FDP: 3, Gre: 1, SP: 7, SVP: 5, SenL: 1 },
      '9': { CVP: 1, FDP: 1, SP: 4, SVP: 3, SenL: 1 },
    });
  });
});
