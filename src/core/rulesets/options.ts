import { issue, type Issue } from '../issues.js';
import { err, ok, type Result } from '../result.js';
import type { RulesetOption } from './ruleset.js';

/**
 * Option switches in a ruleset file: `{"$option": "name", "cases": {"value": X, …}}` anywhere in
 * the file stands for the case of the option's value in force; a case `"$omit"` removes the key
 * (or array element) that holds the switch. Resolved on the raw JSON before schema validation,
 * so every resolved file is validated as a whole.
 */
const OMIT = '$omit';

/**
 * Sets a key as an own data property, as JSON.parse does: `out[k] = v` with k `__proto__` would
 * set the object's prototype instead, and the key would vanish from the file that the schema
 * checks (a strict schema must see it to reject it).
 */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function isSwitch(x: unknown): x is { $option: string; cases: Record<string, unknown> } {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    typeof (x as Record<string, unknown>)['$option'] === 'string'
  );
}

/** The declared options of a raw file, read leniently (the schema checks them afterwards). */
export function declaredOptions(raw: unknown): RulesetOption[] {
  const list = (raw as { options?: unknown } | null)?.options;
  if (!Array.isArray(list)) return [];
  return list.flatMap((o): RulesetOption[] => {
    if (typeof o !== 'object' || o === null) return [];
    const x = o as Partial<RulesetOption>;
    return typeof x.name === 'string' && Array.isArray(x.values) && typeof x.default === 'string'
      ? [
          {
            name: x.name,
            values: x.values.map(String),
            default: x.default,
            // read leniently: the schema checks the text (a string, or { es, en }) afterwards
            description:
              typeof x.description === 'object' && x.description !== null
                ? x.description
                : String(x.description ?? ''),
          },
        ]
      : [];
  });
}

/** The values in force: defaults, then the chosen ones (unknown names or values are issues). */
export function chooseOptions(
  specs: readonly RulesetOption[],
  chosen: Readonly<Record<string, string>>,
): Result<Record<string, string>, Issue[]> {
  const issues: Issue[] = [];
  const values: Record<string, string> = {};
  for (const o of specs) values[o.name] = o.default;
  for (const [k, v] of Object.entries(chosen)) {
    const spec = specs.find((o) => o.name === k);
    if (spec === undefined)
      issues.push(issue('unknown_option', ['option', k], { allowed: specs.map((o) => o.name) }));
    else if (!spec.values.includes(v))
      issues.push(issue('invalid_option', ['option', k], { value: v, allowed: spec.values }));
    else values[k] = v;
  }
  return issues.length > 0 ? err(issues) : ok(values);
}

/** Replaces every switch by its case; a switch naming an undeclared option or lacking a case is an issue. */
export function resolveSwitches(
  raw: unknown,
  specs: readonly RulesetOption[],
  values: Readonly<Record<string, string>>,
): Result<unknown, Issue[]> {
  const issues: Issue[] = [];
  const walk = (x: unknown, path: (string | number)[]): unknown => {
    if (isSwitch(x)) {
      const spec = specs.find((o) => o.name === x.$option);
      if (spec === undefined) {
        issues.push(
          issue('ruleset_invalid', path, { problem: 'undeclared option', option: x.$option }),
        );
        return undefined;
      }
      const missing = spec.values.filter((v) => !Object.hasOwn(x.cases ?? {}, v));
      if (missing.length > 0) {
        issues.push(
          issue('ruleset_invalid', [...path, 'cases'], { problem: 'missing cases', missing }),
        );
        return undefined;
      }
      const v = values[spec.name] ?? spec.default;
      return walk((x.cases as Record<string, unknown>)[v], [...path, 'cases', v]);
    }
    if (x === OMIT) return OMIT;
    if (Array.isArray(x)) return x.map((e, i) => walk(e, [...path, i])).filter((e) => e !== OMIT);
    if (typeof x === 'object' && x !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) {
        const r = walk(v, [...path, k]);
        if (r !== OMIT) setOwn(out, k, r);
      }
      return out;
    }
    return x;
  };
  const resolved = walk(raw, []);
  return issues.length > 0 ? err(issues) : ok(resolved);
}
