import { issue, type Issue } from '../issues.js';
import { parseRatio, parseShare } from '../ratio.js';
import { err, ok, type Result } from '../result.js';
import { chooseOptions, declaredOptions, resolveSwitches, setOwn } from './options.js';
import { METHOD_NAMES, RULESET_FORMAT, type MethodSpec } from './schema.js';
import { withValla } from './valla.js';

/**
 * What-if changes to a ruleset, applied to the resolved file before validation so that a changed
 * ruleset is checked exactly like a written one:
 * - method: the method of multi-seat districts;
 * - threshold: every share of the valla becomes this share ("4%"), or "none" removes the valla;
 * - seats: the house size — one district takes it whole; with an apportionment rule and each
 *   district's electorate in the file, the districts are apportioned anew.
 */
export interface WhatIf {
  readonly method?: string | undefined;
  readonly threshold?: string | undefined;
  readonly seats?: number | undefined;
}

/** `dhondt`, `hare`, … or `modified-sainte-lague:1.2` (a first divisor) as a method spec. */
export function methodSpecOf(text: string): MethodSpec | null {
  const t = text.trim().toLowerCase();
  const m = /^modified-sainte-lague:(\d+(?:\.\d+)?|\d+\/\d+)$/.exec(t);
  if (m)
    return { kind: 'divisor', sequence: 'modified-sainte-lague', firstDivisor: m[1] as string };
  return (METHOD_NAMES as readonly string[]).includes(t) ? (t as MethodSpec) : null;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function withSeats(file: Obj, seats: number): Result<Obj, Issue[]> {
  const districts = Array.isArray(file['districts']) ? (file['districts'] as Obj[]) : [];
  if (districts.length === 1)
    return ok({ ...file, totalSeats: seats, districts: [{ ...districts[0], seats }] });
  const apportioned =
    isObj(file['apportionment']) && districts.every((d) => typeof d['electorate'] === 'number');
  if (!apportioned)
    return err([
      issue('invalid_option', ['seats'], {
        value: seats,
        reason:
          'several districts and no electorate to apportion them from (none bundled): give each district its electorate in a --rules file, or --districts with --rules and --votes',
      }),
    ]);
  return ok({
    ...file,
    totalSeats: seats,
    districts: districts.map((d) => {
      const { seats: _s, ...keep } = d;
      void _s;
      return keep;
    }),
  });
}

/** Bounds on a ruleset's size, for callers that compute on request (the API's what-if). */
export interface RulesetLimits {
  /** The largest house: `totalSeats`. */
  readonly maxSeats: number;
  /** The most districts. */
  readonly maxDistricts: number;
}

/**
 * `query_too_costly` for a resolved file whose house or district table passes the limits,
 * checked before the file is compiled (an apportionment runs at compile time, in steps of seats).
 */
export function sizeIssues(resolved: unknown, limits: RulesetLimits): Issue[] {
  if (!isObj(resolved)) return [];
  const issues: Issue[] = [];
  const seats = resolved['totalSeats'];
  if (typeof seats === 'number' && seats > limits.maxSeats)
    issues.push(
      issue('query_too_costly', ['totalSeats'], { totalSeats: seats, max: limits.maxSeats }),
    );
  const districts = resolved['districts'];
  if (Array.isArray(districts) && districts.length > limits.maxDistricts)
    issues.push(
      issue('query_too_costly', ['districts'], {
        districts: districts.length,
        max: limits.maxDistricts,
      }),
    );
  return issues;
}

/** The resolved file with the what-if changes, or coded issues for a change that cannot apply. */
export function applyWhatIf(resolved: unknown, w: WhatIf): Result<unknown, Issue[]> {
  if (!isObj(resolved) || resolved['kind'] !== 'list') {
    const any = w.method !== undefined || w.threshold !== undefined || w.seats !== undefined;
    return any ? err([issue('not_a_list_election', ['rules'], {})]) : ok(resolved);
  }
  let file: Obj = { ...resolved };
  const issues: Issue[] = [];
  if (w.method !== undefined) {
    const spec = methodSpecOf(w.method);
    if (spec === null)
      issues.push(
        issue('invalid_option', ['method'], {
          value: w.method,
          allowed: [...METHOD_NAMES, 'modified-sainte-lague:<first divisor>'],
        }),
      );
    else file['method'] = spec;
  }
  if (w.threshold !== undefined) {
    if (w.threshold.trim().toLowerCase() === 'none') file['threshold'] = null;
    else if (parseShare(w.threshold) === null)
      issues.push(
        issue('invalid_option', ['threshold'], {
          value: w.threshold,
          allowed: ['4%', '1/20', '0.04', 'none'],
          // "5" is 500 %: a share written without "%" is a ratio, and none passes the whole
          ...(parseRatio(w.threshold) === null
            ? {}
            : { reason: 'a share of votes is at most 100 %' }),
        }),
      );
    else
      file['threshold'] = withValla(
        file['threshold'],
        { share: w.threshold.trim() },
        'what-if (--threshold)',
      );
  }
  if (w.seats !== undefined) {
    const s = withSeats(file, w.seats);
    if (s.ok) file = s.value;
    else issues.push(...s.error);
  }
  return issues.length > 0 ? err(issues) : ok(file);
}

/**
 * RFC 7386 JSON merge patch: objects merge key by key, null deletes, anything else replaces.
 * Every key is an own property (`__proto__` included), as JSON.parse gives them.
 * @see https://www.rfc-editor.org/rfc/rfc7386
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    const own = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    if (v === null) delete out[k];
    else setOwn(out, k, mergePatch(own, v));
  }
  return out;
}

/**
 * The ruleset file of a what-if: `rules` with a `format` is a whole file, taken as it is;
 * anything else is an RFC 7386 merge patch onto the base file (the election's) with the base's
 * option switches resolved by the chosen values, so that the patch changes what is in force
 * (`{"threshold": {"share": "4%"}}` reaches a share condition, not a switch). The result is a
 * raw file for `rulesetFromJson`, which resolves, changes and validates it as a written one.
 * @example whatIfRulesetFile(electionFile, { method: 'sainte-lague' }, {})
 */
export function whatIfRulesetFile(
  base: unknown,
  rules: Readonly<Record<string, unknown>>,
  chosen: Readonly<Record<string, string>>,
): Result<unknown, Issue[]> {
  if (Object.hasOwn(rules, 'format') && rules['format'] === RULESET_FORMAT) return ok(rules);
  const specs = declaredOptions(base);
  const values = chooseOptions(specs, chosen);
  if (!values.ok) return values;
  const resolved = resolveSwitches(base, specs, values.value);
  return resolved.ok ? ok(mergePatch(resolved.value, rules)) : resolved;
}
