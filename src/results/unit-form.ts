import { issue, type Issue } from '../core/issues.js';
import { UNMAPPED_UNIT, type Jurisdiction } from '../core/model/jurisdiction.js';
import type { ElectionDef } from '../core/model/acta.js';
import type { Level } from '../core/tally/aggregate.js';
import type { LoadedJurisdiction } from '../jurisdictions/load.js';
import { declaredUniverse } from './extent.js';

// what a place code's tail may be made of, to ask the place pattern whether a prefix can begin one
const FILLERS = ['0', '1', 'A', 'a'];
const MAX_TAIL = 64;

/**
 * Whether `code` has the form of a unit code at `level` (any level but the nation and the mesa):
 * a prefix rule's code is that many characters that can begin a place code (Peru's department:
 * two digits), a map rule's one of its codes (or its default, or `?` without one), a constant
 * rule's that constant. A code of the form that the election lacks is `unknown_ubigeo`; one not of
 * it `ubigeo_invalid` (unitFormIssue), on every route that names a unit.
 */
export function isUnitCodeForm(j: Jurisdiction, level: Level, code: string): boolean {
  const rule = j.file.levels.find((l) => l.id === level)?.unit;
  if (rule === undefined) return true;
  if (rule.constant !== undefined) return code === rule.constant;
  if (rule.map !== undefined)
    return rule.map.some((e) => e.code === code) || code === (rule.default ?? UNMAPPED_UNIT);
  const n = rule.prefix ?? 0;
  if (code.length !== n) return false;
  for (let tail = 0; tail <= MAX_TAIL; tail++)
    if (FILLERS.some((f) => j.placePattern.test(code + f.repeat(tail)))) return true;
  return false;
}

/** `ubigeo_invalid` for a unit code not of its level's form, at `at`; null when it is of it. */
export function unitFormIssue(
  j: Jurisdiction,
  level: Level,
  code: string,
  at: readonly string[],
): Issue | null {
  if (isUnitCodeForm(j, level, code)) return null;
  return issue('ubigeo_invalid', at, { level, ubigeo: code, pattern: j.placePattern.source });
}

/**
 * Whether the election's declared universe (its manifest's every unit, before the count) has the
 * unit `place` falls in at the universe's level; null when it declares none or it does not load
 * (the store and the jurisdiction's known places are then all that is known).
 */
export function universeHasPlace(
  def: ElectionDef,
  j: LoadedJurisdiction,
  place: string,
): boolean | null {
  const d = declaredUniverse(def, j);
  if (!d.ok || d.value === null) return null;
  const unit = j.unitCode(d.value.level, place);
  return d.value.universe.some((u) => u.unit === unit);
}
