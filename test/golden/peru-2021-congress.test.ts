// SOURCE: Resolución N.° 0602-2021-JNE (proclamation of the Congress 2021–2026, El Peruano
// 12-Jun-2021, as reported by Agencia Andina): the ten parties that passed the valla, their
// national valid votes and % of valid votes; national valid 12,858,920. Typed here from the
// publication (RP's "1 millón 99,663" read as 1,199,663, the value consistent with 9.329 %).
import { describe, expect, it } from 'vitest';
import { percentHalfUp } from '../../src/core/ratio.js';
import { evaluateThreshold } from '../../src/core/rules/threshold.js';
import { loadRuleset } from '../../src/elections/rulesets.js';

const VALID_2021 = 12_858_920;
const JNE_0602_2021: readonly [string, number, string][] = [
  ['Perú Libre', 1_724_303, '13.409'],
  ['Fuerza Popular', 1_457_640, '11.336'],
  ['Renovación Popular', 1_199_663, '9.329'],
  ['Acción Popular', 1_159_707, '9.019'],
  ['Alianza para el Progreso', 969_699, '7.541'],
  ['Avanza País', 969_059, '7.536'],
  ['Juntos por el Perú', 847_570, '6.591'],
  ['Somos Perú', 788_488, '6.132'],
  ['Podemos Perú', 750_238, '5.834'],
  ['Partido Morado', 697_289, '5.423'],
];

describe('pe-2021-congreso valla against JNE 0602-2021', () => {
  const rs = loadRuleset('pe-2021-congreso');
  if (!rs.ok || rs.value.kind !== 'list' || rs.value.threshold?.kind !== 'any')
    throw new Error('ruleset');
  const shareRoute = rs.value.threshold.conditions[0];
  if (shareRoute === undefined) throw new Error('share route');

  it('percentages recompute to the published 3 decimals (half-up)', () => {
    for (const [, votes, pct] of JNE_0602_2021) expect(percentHalfUp(votes, VALID_2021)).toBe(pct);
  });

  it('passes exactly the ten parties; the line is 642,946 votes (5 % of 12,858,920)', () => {
    const listed = JNE_0602_2021.reduce((a, [, v]) => a + v, 0);
    // The other lists, below 5 % each, with the rest of the valid votes: two near the line
    // (as Victoria Nacional and FREPAP were) and the remainder split thinly.
    const justBelow = 642_945;
    const rest = VALID_2021 - listed - 2 * justBelow;
    const others: [string, number][] = [
      ['Other A (just below)', justBelow],
      ['Other B (just below)', justBelow],
      ...[...Array(9).keys()].map((i): [string, number] => [
        `Other ${i}`,
        Math.floor(rest / 9) + (i < rest % 9 ? 1 : 0),
      ]),
    ];
    const parties = [...JNE_0602_2021.map(([p, v]) => [p, v] as [string, number]), ...others];
    expect(parties.reduce((a, [, v]) => a + v, 0)).toBe(VALID_2021);
    const outcome = evaluateThreshold(shareRoute, {
      districts: ['NACIONAL'],
      parties: parties.map(([p]) => p),
      votes: [parties.map(([, v]) => v)],
      blank: [undefined],
      allianceMembers: parties.map(() => 1),
      preliminary: () => ({ seats: [], contested: [] }),
    });
    const passed = parties.filter((_, i) => outcome.eligible[0]?.[i] === true).map(([p]) => p);
    expect(passed).toEqual(JNE_0602_2021.map(([p]) => p));
    expect(outcome.reasons[10]).toEqual([
      {
        reason: 'below_share',
        votes: 642_945,
        total: VALID_2021,
        required: { numerator: 5, denominator: 100 },
      },
    ]);
  });
});
