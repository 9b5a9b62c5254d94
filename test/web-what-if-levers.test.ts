// The dashboard's what-if levers (web/what-if.ts) read a ruleset's valla exactly and send only
// what moved, rebuilt by the function `cifra seats --threshold` uses (src/core/rulesets/valla.ts):
// a share "1/20" is the lever 5, not 1 (parseFloat); a moved seat minimum leaves the share as
// written; Spain's share keeps its base (valid+blank) and scope (province), LOREG art. 163.1.a.
import { describe, expect, it } from 'vitest';
import { readRulesetSource } from '../src/elections/rulesets.js';
import type { RulesetFile } from '../web/api-client.js';
import { leversOf, whatIfBody } from '../web/what-if-levers.js';

function file(id: string): RulesetFile {
  const src = readRulesetSource(id);
  if (!src.ok) throw new Error(id);
  return src.value.json as RulesetFile;
}

describe('the what-if levers of the dashboard', () => {
  it('a share written "1/20" is the lever 5; changing only the minimum keeps "1/20"', () => {
    const f = {
      ...file('es-congreso'),
      threshold: {
        kind: 'all',
        conditions: [
          { kind: 'share', share: '1/20', base: 'valid', scope: 'national', source: 'x' },
          { kind: 'preliminary-seats', min: 7, source: 'y' },
        ],
      },
    };
    const base = leversOf(f);
    expect([base.valla, base.min, base.comb]).toEqual(['5', '7', 'all']);
    const body = whatIfBody('e', { ...base, min: '4' }, base);
    expect(body.rules).toEqual({
      threshold: {
        kind: 'all',
        conditions: [
          { kind: 'share', share: '1/20', base: 'valid', scope: 'national', source: 'x' },
          { kind: 'preliminary-seats', min: 4, source: 'y' },
        ],
      },
    });
    // nothing moved: the election's own rules
    expect(whatIfBody('e', base, base)).toEqual({ election: 'e' });
  });

  it('Spain: a new share keeps valid+blank per province; the patch deletes nothing of it', () => {
    const base = leversOf(file('es-congreso'));
    expect(base.valla).toBe('3');
    const body = whatIfBody('es-2023-congreso', { ...base, valla: '5' }, base);
    expect(body.rules).toEqual({
      threshold: {
        kind: 'share',
        share: '5%',
        base: 'valid-and-blank',
        scope: 'district',
        source: 'LOREG art. 163.1.a',
      },
    });
  });

  it('Peru: a new seat minimum keeps the 5 % share with its alliance surcharge', () => {
    const base = leversOf(file('pe-2026-diputados'));
    expect([base.valla, base.min, base.comb]).toEqual(['5', '7', 'all']);
    const body = whatIfBody('pe-2026-diputados', { ...base, min: '3' }, base);
    const th = (body.rules as { threshold: { conditions: Record<string, unknown>[] } }).threshold;
    expect(th.conditions[0]).toMatchObject({
      kind: 'share',
      share: '5%',
      base: 'valid',
      alliance: { kind: 'flat', extra: '1%' },
    });
    expect(th.conditions[1]).toMatchObject({ kind: 'preliminary-seats', min: 3 });
  });
});
