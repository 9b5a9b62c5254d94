import { rulesetFromJson } from '../core/rulesets/compile.js';
import type { ListRuleset } from '../core/rulesets/ruleset.js';

/** A 5-regidor council for tests: D'Hondt, the ⌈n/2⌉ + 1 bonus, a mayor, ties by lot (Ley 26864). */
export function councilRuleset(bonus: boolean): ListRuleset {
  const r = rulesetFromJson({
    format: 'cifra-ruleset/1',
    id: 'council',
    label: 'council',
    kind: 'list',
    method: 'dhondt',
    totalSeats: 5,
    districts: [{ name: 'CONCEJO', seats: 5 }],
    tieBreak: ['lot'],
    tiers: bonus
      ? [{ kind: 'majority-bonus', seats: 'half-plus-one', source: 'Ley 26864 art. 25' }]
      : [],
    head: { office: { es: 'Alcalde', en: 'Mayor' }, source: 'Ley 26864 art. 23' },
  });
  if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
  return r.value;
}
