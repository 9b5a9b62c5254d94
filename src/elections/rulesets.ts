import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';
import { rulesetFromJson } from '../core/rulesets/compile.js';
import type { WhatIf } from '../core/rulesets/overrides.js';
import type { Ruleset } from '../core/rulesets/ruleset.js';
import { RulesetFileSchema } from '../core/rulesets/schema.js';
import { dataPath, shownPath } from '../io/paths.js';
import { nameKey } from '../core/names.js';
import type { LoadedJurisdiction } from '../jurisdictions/load.js';

/**
 * Ruleset files: the built-in ones under data/rulesets/ (one file per id) and any user's file,
 * read by the same code. A reference is an id of a built-in ruleset or a path to a .json file.
 */
const BUILT_IN_DIR = dataPath('rulesets');

/** A path (has a slash or ends in .json), as opposed to a built-in id. */
export function isRulesetPath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.toLowerCase().endsWith('.json');
}

/** The ids of the built-in rulesets, sorted. */
export function builtInRulesetIds(): string[] {
  return readdirSync(BUILT_IN_DIR)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export interface RulesetSource {
  /** Where it was read from. */
  readonly path: string;
  /** The file's text, as written. */
  readonly text: string;
  readonly json: unknown;
}

const cache = new Map<string, Result<RulesetSource, Issue[]>>();

/** The text and parsed JSON of a ruleset file (built-in by id, or a path). */
export function readRulesetSource(ref: string): Result<RulesetSource, Issue[]> {
  const path = isRulesetPath(ref) ? resolve(ref) : resolve(BUILT_IN_DIR, `${ref}.json`);
  const builtIn = !isRulesetPath(ref);
  const hit = builtIn ? cache.get(path) : undefined;
  if (hit !== undefined) return hit;
  const found = readSource(ref, path);
  if (builtIn) cache.set(path, found);
  return found;
}

function readSource(ref: string, path: string): Result<RulesetSource, Issue[]> {
  if (!isRulesetPath(ref) && !/^[a-z0-9][a-z0-9-]*$/.test(ref))
    return err([issue('ruleset_not_found', ['rules'], { rules: ref, known: builtInRulesetIds() })]);
  if (!existsSync(path))
    return err([
      issue('ruleset_not_found', ['rules'], {
        rules: ref,
        ...(isRulesetPath(ref) ? { path } : { known: builtInRulesetIds() }),
      }),
    ]);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err([
      issue('file_unreadable', ['rules'], { path, reason: (e as NodeJS.ErrnoException).code }),
    ]);
  }
  try {
    return ok({ path, text, json: JSON.parse(text) as unknown });
  } catch (e) {
    return err([
      issue('ruleset_invalid', [], {
        file: shownPath(path),
        problem: 'not valid JSON',
        problemEs: 'no es JSON válido',
        message: (e as Error).message,
      }),
    ]);
  }
}

/**
 * A ruleset ready for the engines: read, options resolved, validated, compiled. A problem in the
 * file names it (as an election's does: a user's file by its absolute path, a bundled one under
 * data/), whichever command read it (`cifra rules FILE` named none, review s36).
 */
export function loadRuleset(
  ref: string,
  options: Readonly<Record<string, string>> = {},
  whatIf: WhatIf = {},
): Result<Ruleset, Issue[]> {
  const src = readRulesetSource(ref);
  if (!src.ok) return src;
  const r = rulesetFromJson(src.value.json, options, whatIf);
  if (r.ok) return r;
  const file = isRulesetPath(ref) ? src.value.path : `data/rulesets/${ref}.json`;
  return err(
    r.error.map((i) =>
      i.code === 'ruleset_invalid' ? { ...i, details: { file, ...i.details } } : i,
    ),
  );
}

/** `{"$option": name, "cases": {value: …}}`, which may stand for any value of a ruleset file. */
const OPTION_SWITCH = {
  type: 'object',
  properties: { $option: { type: 'string' }, cases: { type: 'object' } },
  required: ['$option', 'cases'],
  description: "An option switch: the case of the option's value in force (docs/rulesets.md).",
};

type JsonNode = Record<string, unknown>;
const isNode = (x: unknown): x is JsonNode => typeof x === 'object' && x !== null;

/**
 * Every value slot of a JSON Schema (an object's properties, a record's values, an array's items)
 * also admits an option switch, as the loader resolves them before validation: without it an
 * editor flagged every bundled ruleset that uses one (pe-2026-diputados' `threshold`).
 */
function admitSwitches(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(admitSwitches);
  if (!isNode(node)) return node;
  const out: JsonNode = {};
  for (const [k, v] of Object.entries(node)) out[k] = admitSwitches(v);
  const slot = (s: unknown): unknown =>
    isNode(s) ? { anyOf: [s, { $ref: '#/$defs/optionSwitch' }] } : s;
  if (isNode(out['properties']))
    out['properties'] = Object.fromEntries(
      Object.entries(out['properties']).map(([k, v]) => [k, k === '$schema' ? v : slot(v)]),
    );
  for (const k of ['items', 'additionalProperties']) if (k in out) out[k] = slot(out[k]);
  return out;
}

/** The JSON Schema of ruleset files (`cifra rules --schema`), generated from the zod schema. */
export function rulesetJsonSchema(): unknown {
  const schema = admitSwitches(
    z.toJSONSchema(RulesetFileSchema, { io: 'input', unrepresentable: 'any' }),
  ) as JsonNode;
  return {
    ...schema,
    $defs: { ...(schema['$defs'] as JsonNode), optionSwitch: OPTION_SWITCH },
    title: 'cifra ruleset file (cifra-ruleset/1)',
    description:
      'How votes become seats or a single winner, as data. Option switches {"$option": name, "cases": {value: …}} may stand for any value; they are resolved before validation. See docs/rulesets.md.',
  };
}

/**
 * Where a list ruleset meets its election's jurisdiction: each district is a unit of the
 * jurisdiction's electoral-district level, as the count's units are matched to districts — by
 * name or alias; a `code`, when given, must be that unit's code. Otherwise the seats would count
 * no votes for the district (an adopter's "Sued" for the unit "Süd"): `ruleset_district_unmatched`
 * at `districts[i]`, naming the ruleset file. Levels whose units are not named before the count
 * are not checked.
 */
export function checkRulesetDistricts(rs: Ruleset, j: LoadedJurisdiction, file: string): Issue[] {
  if (rs.kind !== 'list') return [];
  const level = j.electoralDistricts;
  const units = j.levelUnits(level);
  if (units === null || units.size === 0) return [];
  const byName = new Map([...units].map(([code, name]) => [nameKey(name), code]));
  const issues: Issue[] = [];
  rs.districts.forEach((d, i) => {
    const named = [d.name, ...(d.aliases ?? [])]
      .map((n) => byName.get(nameKey(n)))
      .find((c) => c !== undefined);
    if (named !== undefined && (d.code === undefined || d.code === named)) return;
    const unit = d.code === undefined ? undefined : units.get(d.code);
    issues.push(
      issue('ruleset_district_unmatched', ['districts', i, named === undefined ? 'name' : 'code'], {
        file,
        district: d.name,
        ...(d.code === undefined ? {} : { code: d.code }),
        level,
        jurisdiction: j.id,
        // the unit its code names: the name to write (or add as an alias)
        ...(unit === undefined ? {} : { unitName: unit }),
        ...(named === undefined ? {} : { unitCode: named }),
        known: [...units.values()],
      }),
    );
  });
  return issues;
}
