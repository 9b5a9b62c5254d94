import { describe, expect, it } from 'vitest';
import { readRulesetSource } from '../../elections/rulesets.js';
import { ratio } from '../ratio.js';
import { rulesetFromJson } from './compile.js';
import { whatIfRulesetFile } from './overrides.js';
import { vallaLevers, withValla } from './valla.js';

/** A built-in ruleset's threshold as in force (option switches resolved to their defaults). */
function thresholdOf(id: string): unknown {
  const src = readRulesetSource(id);
  if (!src.ok) throw new Error(id);
  const file = whatIfRulesetFile(src.value.json, {}, {});
  if (!file.ok) throw new Error(id);
  return (file.value as Record<string, unknown>)['threshold'];
}

const SRC = 'what-if (test)';

describe('the valla levers', () => {
  it('read a share as the exact ratio written: "1/20" is 5 %, never "1"', () => {
    const t = { kind: 'share', share: '1/20', source: 'x' };
    expect(vallaLevers(t)).toEqual({ share: ratio(1, 20), min: 0, comb: 'all' });
    expect(vallaLevers(null)).toEqual({ share: null, min: 0, comb: 'all' });
    expect(vallaLevers(thresholdOf('pe-2026-diputados'))).toEqual({
      share: ratio(5, 100),
      min: 7,
      comb: 'all',
    });
  });

  it('Spain: a new share keeps valid+blank per province (LOREG art. 163.1.a), no national share', () => {
    const own = thresholdOf('es-congreso');
    const five = withValla(own, { share: '5%' }, SRC);
    expect(five).toEqual({ ...(own as object), share: '5%' });
    expect(five).toMatchObject({ base: 'valid-and-blank', scope: 'district' });
  });

  it('Peru: changing only the seat minimum keeps the share as written, alliance surcharge and all', () => {
    const own = thresholdOf('pe-2026-diputados') as { conditions: Record<string, unknown>[] };
    const min5 = withValla(own, { min: 5 }, SRC) as { kind: string; conditions: unknown[] };
    expect(min5.kind).toBe('all');
    expect(min5.conditions).toEqual([own.conditions[0], { ...own.conditions[1], min: 5 }]);
    // no minimum: the share alone, as written; either combination with both kept
    expect(withValla(own, { min: 0 }, SRC)).toEqual(own.conditions[0]);
    expect(withValla(own, { comb: 'any' }, SRC)).toEqual({ ...own, kind: 'any' });
    // no share: the minimum alone
    expect(withValla(own, { share: null }, SRC)).toEqual(own.conditions[1]);
  });

  it('adds what the valla lacks, and drops it to null when nothing is left', () => {
    expect(withValla(null, { share: '4%' }, SRC)).toEqual({
      kind: 'share',
      share: '4%',
      base: 'valid',
      scope: 'national',
      source: SRC,
    });
    const spain = thresholdOf('es-congreso');
    expect(withValla(spain, { min: 2, comb: 'any' }, SRC)).toEqual({
      kind: 'any',
      conditions: [spain, { kind: 'preliminary-seats', min: 2, source: SRC }],
    });
    expect(withValla(spain, { share: null }, SRC)).toBeNull();
  });

  it('every rebuilt threshold is a valid ruleset file', () => {
    for (const id of ['es-congreso', 'pe-2026-diputados']) {
      const src = readRulesetSource(id);
      if (!src.ok) throw new Error(id);
      const file = whatIfRulesetFile(src.value.json, {}, {});
      if (!file.ok) throw new Error(id);
      const own = (file.value as Record<string, unknown>)['threshold'];
      for (const w of [{ share: '4%' }, { min: 3 }, { comb: 'any' as const }, { share: null }]) {
        const r = rulesetFromJson({
          ...(file.value as object),
          threshold: withValla(own, w, SRC),
        });
        expect([id, w, r.ok]).toEqual([id, w, true]);
      }
    }
  });
});
