// votelib's threshold cases (tests/evaluate/test_threshold.py, the threshold steps of
// tests/real/test_real_proportional.py and tests/real/test_real_mmp.py, and a probe of
// votelib/evaluate/threshold.py) translated into cifra rulesets: each threshold is written as a
// cifra-ruleset/1 JSON object, compiled by rulesetFromJson and run by computeSeats.
//
// One deliberate difference runs through this file. votelib's RelativeThreshold is always strict
// (share > t): its accept_equal branch compares the vote count, not the share, with t. cifra's
// `share` condition is ≥ (LOE art. 20 "al menos"; the Czech and Slovak laws also say "at least").
// The real elections below have no list at exactly its threshold, so both readings pass the same
// lists; each case checks that with a strict ruleset too (strictlyAbove). The probe at the end is
// the case where the two differ.
import { describe, expect, it } from 'vitest';
import { computeSeats } from '../../src/core/pipeline/seats.js';
import { rulesetFromJson } from '../../src/core/rulesets/compile.js';
import {
  byDistrict,
  expectNoErrors,
  fixture,
  listRuleset,
  oneDistrict,
  passedByVotes,
  strictlyAbove,
  votelib,
  votelibProbe,
} from './votelib-helpers.js';

const THR = 'tests/evaluate/test_threshold.py';
const REAL = 'tests/real/test_real_proportional.py';
const MMP = 'tests/real/test_real_mmp.py';

/** A one-district ruleset with `threshold`, seats by D'Hondt (only `passed` is asserted). */
function thresholdRuleset(id: string, threshold: Record<string, unknown>, seats = 10) {
  return listRuleset({
    id,
    totalSeats: seats,
    districts: [{ name: 'national', seats }],
    method: 'dhondt',
    threshold,
  });
}

/** National sums of `{region: {party: votes}}`. */
function nationalTotals(byRegion: Record<string, Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of Object.values(byRegion))
    for (const [p, v] of Object.entries(row)) out[p] = (out[p] ?? 0) + v;
  return out;
}

describe('alternative thresholds (votelib AlternativeThresholds: OR)', () => {
  it(`passes the union of its parts — ${votelib(THR, 'test_alt_eval')}`, () => {
    // votelib's parts are mocks that select [A, B, C, D] and [a, b] whatever the votes; cifra's
    // condition that passes named lists whatever their votes is `exempt`. Two differences of form:
    // cifra identifies parties regardless of case (partyKey), so votelib's 'a' and 'b' are spelled
    // 'lower-a' and 'lower-b' here; and cifra decides only the lists that have votes, so the mock's
    // C and D, which have none, are not lists here.
    const votes = { 'lower-a': 1, A: 2, B: 3, 'lower-b': 4 };
    const part1 = { kind: 'exempt', parties: ['A', 'B', 'C', 'D'], source: 'votelib mock A' };
    const part2 = { kind: 'exempt', parties: ['lower-a', 'lower-b'], source: 'votelib mock B' };
    const passed = (threshold: Record<string, unknown>) =>
      computeSeats(thresholdRuleset('alt-eval', threshold), { votes: oneDistrict(votes) }).passed;
    expect(new Set(passed({ kind: 'any', conditions: [part1, part2] }))).toEqual(
      new Set(['A', 'B', 'lower-a', 'lower-b']),
    );
    expect(new Set(passed(part1))).toEqual(new Set(['A', 'B']));
    expect(new Set(passed(part2))).toEqual(new Set(['lower-a', 'lower-b']));
  });
});

describe('a seat count around a threshold (votelib FixedSeatCount)', () => {
  it(`a threshold cannot stand where the seat method goes — ${votelib(THR, 'test_fixed_seats')}`, () => {
    // votelib's FixedSeatCount(RelativeThreshold(.05), 10) raises ValueError when built: a
    // threshold selects lists, it takes no seat count. In a cifra ruleset the seat count and the
    // method are the file's; a threshold given as the method is rejected by the schema.
    const res = rulesetFromJson({
      format: 'cifra-ruleset/1',
      id: 'threshold-as-method',
      label: 'x',
      kind: 'list',
      totalSeats: 10,
      districts: [{ name: 'national', seats: 10 }],
      method: { kind: 'share', share: '5%', source: 'votelib test' },
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.every((i) => i.code === 'ruleset_invalid')).toBe(true);
  });
});

describe('an exemption by property (votelib PropertyBracketer)', () => {
  const votes = { A: 200, B: 50, C: 50, D: 100 };

  it(`75 votes or an ethnic-minority list passes A, D, C; 75 votes alone passes A, D — ${votelib(THR, 'test_prop_bracketer')}`, () => {
    // PropertyBracketer('ethnic_minority', {True: None}, default=AbsoluteThreshold(75)): a list
    // with the property passes unconditionally, the rest need ≥ 75 votes (accept_equal). cifra:
    // any of (votes ≥ 75, exempt by the tag). votelib returns the lists most votes first.
    const withExemption = thresholdRuleset('prop-bracketer', {
      kind: 'any',
      conditions: [
        { kind: 'votes', min: 75, source: 'votelib AbsoluteThreshold(75)' },
        { kind: 'exempt', tags: ['ethnic-minority'], source: 'votelib PropertyBracketer' },
      ],
    });
    const plain = thresholdRuleset('absolute-75', {
      kind: 'votes',
      min: 75,
      source: 'votelib AbsoluteThreshold(75)',
    });
    const input = { votes: oneDistrict(votes), tags: { C: ['ethnic-minority'] } };
    expect(passedByVotes(computeSeats(withExemption, input), votes)).toEqual(['A', 'D', 'C']);
    expect(passedByVotes(computeSeats(plain, input), votes)).toEqual(['A', 'D']);
  });
});

describe('thresholds of real elections (the threshold step of votelib real tests)', () => {
  it(`Slovakia 2020: 5 % parties, 7 % coalitions of 2–3, 10 % of 4+ — ${votelib(REAL, 'test_sk_nr_2020 (derived: threshold step)')}`, () => {
    // Act 180/2014 Coll. (SK), National Council: 5 %, coalitions of 2–3 parties 7 %, of 4+ 10 %;
    // votelib's CoalitionMemberBracketer({1: 5 %, 2: 7 %, 3: 7 %}, default 10 %). PS-SPOLU, a
    // coalition of 2, has 6.97 % and fails although above 5 %.
    const sk = fixture<{ votes: Record<string, number>; coalitionMembers: Record<string, number> }>(
      'sk-nr-2020.json',
    );
    const rule = (party: string, two: string, four: string) => ({
      kind: 'share',
      share: party,
      alliance: {
        kind: 'by-size',
        shares: [
          { min: 2, max: 3, share: two },
          { min: 4, share: four },
        ],
      },
      source: 'Act 180/2014 Coll. (SK), NR SR threshold',
    });
    const input = { votes: oneDistrict(sk.votes, 'national', sk.coalitionMembers) };
    const expected = ['OĽANO', 'Smer', 'Sme rodina', 'ĽSNS', 'Sloboda a Solidarita', 'Za ľudí'];
    for (const threshold of [
      rule('5%', '7%', '10%'),
      rule(strictlyAbove(5), strictlyAbove(7), strictlyAbove(10)),
    ]) {
      const res = computeSeats(thresholdRuleset('sk-threshold', threshold, 150), input);
      expectNoErrors(res);
      expect(passedByVotes(res, sk.votes)).toEqual(expected);
    }
  });

  it(`Czechia EP 2019: 5 % for every list — ${votelib(REAL, 'test_cz_ep_2019 (derived: threshold step)')}`, () => {
    // Act 62/2003 Coll. (CZ, European Parliament): 5 % of the valid votes for parties and
    // coalitions alike.
    const ep = fixture<{ votes: Record<string, number> }>('cz-ep-2019.json');
    const expected = [
      'ANO 2011',
      'Občanská demokratická strana',
      'Česká pirátská strana',
      'Koalice STAN, TOP 09',
      'Svoboda a přímá demokracie',
      'KDU-ČSL',
      'KSČM',
    ];
    for (const share of ['5%', strictlyAbove(5)]) {
      const res = computeSeats(
        thresholdRuleset(
          'cz-ep-threshold',
          { kind: 'share', share, source: 'Act 62/2003 Coll. (CZ)' },
          21,
        ),
        { votes: oneDistrict(ep.votes) },
      );
      expect(passedByVotes(res, ep.votes)).toEqual(expected);
    }
  });

  it(`Czechia PSP 2017: 5 % of the national valid votes — ${votelib(REAL, 'test_cz_psp_2017 (derived: threshold step)')}`, () => {
    // Act 247/1995 Coll. § 49 (as in 2017): 5 % for a party; 10, 15, 20 % for coalitions of 2, 3,
    // 4+ (no coalition ran in 2017; votelib applies 5 % to every list).
    const cz = fixture<{ votesByRegion: Record<string, Record<string, number>> }>(
      'cz-psp-2017.json',
    );
    const totals = nationalTotals(cz.votesByRegion);
    const expected = ['ANO', 'ODS', 'Piráti', 'SPD', 'KSČM', 'ČSSD', 'KDU-ČSL', 'TOP 09', 'STAN'];
    for (const share of ['5%', strictlyAbove(5)]) {
      const res = computeSeats(
        thresholdRuleset(
          'cz-2017-threshold',
          { kind: 'share', share, source: 'Act 247/1995 § 49' },
          200,
        ),
        { votes: oneDistrict(totals) },
      );
      expect(passedByVotes(res, totals)).toEqual(expected);
    }
  });

  it(`Czechia PSP 2021: 5 % parties, 8 % coalitions of 2, 11 % of 3+ — ${votelib(REAL, 'test_cz_psp_2021 (derived: threshold step)')}`, () => {
    // Act 247/1995 Coll. § 49 as amended in 2021 (after Pl. ÚS 44/17): 5 %, coalitions of 2 8 %,
    // of 3 or more 11 %. votelib applies 5 % to coalitions too; the outcome is the same: SPOLU (3
    // parties, 27.8 %) and Piráti+STAN (2, 15.6 %) clear either, TSS (3, 2.8 %) neither.
    const cz = fixture<{ votesByRegion: Record<string, Record<string, number>> }>(
      'cz-psp-2021.json',
    );
    const totals = nationalTotals(cz.votesByRegion);
    const alliances = { SPOLU: 3, 'Piráti+STAN': 2, TSS: 3 };
    const law = {
      kind: 'share',
      share: '5%',
      alliance: {
        kind: 'by-size',
        shares: [
          { min: 2, max: 2, share: '8%' },
          { min: 3, share: '11%' },
        ],
      },
      source: 'Act 247/1995 § 49 (2021)',
    };
    const votelibRule = { kind: 'share', share: strictlyAbove(5), source: 'votelib: 5 %, strict' };
    for (const threshold of [law, votelibRule]) {
      const res = computeSeats(thresholdRuleset('cz-2021-threshold', threshold, 200), {
        votes: byDistrict({ national: totals }, alliances),
      });
      expectNoErrors(res);
      expect(passedByVotes(res, totals)).toEqual(['SPOLU', 'ANO', 'Piráti+STAN', 'SPD']);
    }
  });

  // New Zealand: 5 % of the party votes OR at least one electorate seat (Electoral Act 1993
  // s 191(4)); votelib: AlternativeThresholds([RelativeThreshold(.05),
  // PreviousGainThreshold(AbsoluteThreshold(1))]) with the electorate seats as prev_gains. cifra
  // has no condition on seats won in another contest: the electorate winners are given as a tag
  // and the condition is any of (share 5 %, exempt by the tag). votelib orders an OR result by
  // mean rank, so the comparison is as a set.
  const nz = (votes: Record<string, number>, electorateSeats: Record<string, number>) => {
    const tags = Object.fromEntries(Object.keys(electorateSeats).map((p) => [p, ['electorate']]));
    return (share: string) =>
      new Set(
        computeSeats(
          thresholdRuleset(
            'nz-threshold',
            {
              kind: 'any',
              conditions: [
                { kind: 'share', share, source: 'Electoral Act 1993 (NZ) s 191(4)(a)' },
                { kind: 'exempt', tags: ['electorate'], source: 'Electoral Act 1993 s 191(4)(b)' },
              ],
            },
            120,
          ),
          { votes: oneDistrict(votes), tags },
        ).passed,
      );
  };

  it(`New Zealand 2014: 5 % or an electorate seat — ${votelib(MMP, 'test_nz_leg_2014 (derived: threshold step)')}`, () => {
    const passed = nz(
      {
        'ACT New Zealand': 16689,
        'Aotearoa Legalise Cannabis Party': 10961,
        Ban1080: 5113,
        Conservative: 95598,
        'Democrats for Social Credit': 1730,
        'Focus New Zealand': 639,
        'Green Party': 257359,
        'Internet MANA': 34094,
        'Labour Party': 604535,
        'Māori Party': 31849,
        'National Party': 1131501,
        'New Zealand First Party': 208300,
        'NZ Independent Coalition': 872,
        'The Civilian Party': 1096,
        'United Future': 5286,
      },
      {
        'National Party': 41,
        'Labour Party': 27,
        'ACT New Zealand': 1,
        'United Future': 1,
        'Māori Party': 1,
      },
    );
    const expected = new Set([
      'National Party',
      'Labour Party',
      'ACT New Zealand',
      'Green Party',
      'United Future',
      'New Zealand First Party',
      'Māori Party',
    ]);
    expect(passed('5%')).toEqual(expected);
    expect(passed(strictlyAbove(5))).toEqual(expected);
  });

  it(`New Zealand 2008: 5 % or an electorate seat — ${votelib(MMP, 'test_nz_leg_2008 (derived: threshold step)')}`, () => {
    const passed = nz(
      {
        'ACT New Zealand': 85496,
        Alliance: 1909,
        'Aotearoa Legalise Cannabis Party': 9515,
        'Democrats for Social Credit': 1208,
        'Family Party': 8176,
        'Green Party': 157613,
        Progressive: 21241,
        'Kiwi Party': 12755,
        'Labour Party': 796880,
        Libertarianz: 1176,
        'Māori Party': 55980,
        'National Party': 1053398,
        'New Zealand First Party': 95356,
        'New Zealand Pacific Party': 8640,
        'RAM - Residents Action Movement': 465,
        'The Bill and Ben Party': 13016,
        'The Republic of New Zealand Party': 313,
        'United Future': 20497,
        'Workers Party': 932,
      },
      {
        'ACT New Zealand': 1,
        'Labour Party': 21,
        'Māori Party': 5,
        'National Party': 41,
        'United Future': 1,
        Progressive: 1,
      },
    );
    const expected = new Set([
      'National Party',
      'Labour Party',
      'Māori Party',
      'ACT New Zealand',
      'United Future',
      'Green Party',
      'Progressive',
    ]);
    expect(passed('5%')).toEqual(expected);
    expect(passed(strictlyAbove(5))).toEqual(expected);
  });
});

describe('a list at exactly the threshold (where cifra and votelib differ)', () => {
  it(`5 votes of 100 pass cifra's 5 % (≥); only a strict ruleset excludes them, as votelib does — ${votelibProbe("votelib/evaluate/threshold.py RelativeThreshold(Decimal('.05'), accept_equal=True)")}`, () => {
    // votelib passes only B: its relative threshold is strict even with accept_equal=True (the
    // equality branch compares the vote count 5 with 0.05). cifra's share is "at least" (LOE art.
    // 20), so A at exactly 5 % passes; votelib's reading is the strict share written out.
    const votes = { A: 5, B: 95 };
    const atLeast = computeSeats(
      thresholdRuleset('five-percent', { kind: 'share', share: '5%', source: 'LOE art. 20' }),
      { votes: oneDistrict(votes) },
    );
    const strict = computeSeats(
      thresholdRuleset('over-five-percent', {
        kind: 'share',
        share: strictlyAbove(5),
        source: 'votelib RelativeThreshold (strict)',
      }),
      { votes: oneDistrict(votes) },
    );
    expect(passedByVotes(atLeast, votes)).toEqual(['B', 'A']);
    expect(passedByVotes(strict, votes)).toEqual(['B']);
    expect(strict.excluded).toMatchObject([
      { party: 'A', reason: 'below_share', votes: 5, total: 100 },
    ]);
  });
});
