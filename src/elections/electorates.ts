import { dirname, relative, resolve } from 'node:path';
import type { Note } from '../core/model/note.js';
import type { Issue } from '../core/issues.js';
import { nameKey } from '../core/names.js';
import { RulesetElectorateSchema } from '../core/rulesets/schema.js';
import { dataPath } from '../io/paths.js';
import { loadElectorate, type Loaded } from '../io/seat-files.js';
import { readRulesetSource } from './rulesets.js';

/** The electorate (padrón) a ruleset file names for its apportionment (`electorate`). */
export interface RulesetElectorate {
  /** The CSV district,electorate[,source]: its path under data/ for a bundled one, else absolute. */
  readonly file: string;
  readonly source: Note;
  /** How far the figures may be trusted (what they are, and what they reproduce). */
  readonly status: Note;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The electorate the ruleset `ref` (a built-in id or a file) names, its path resolved beside the
 * file; null where it names none or does not load (its loader says why, where it is loaded).
 */
export function rulesetElectorate(ref: string): (RulesetElectorate & { path: string }) | null {
  const src = readRulesetSource(ref);
  if (!src.ok || !isObj(src.value.json)) return null;
  const field = RulesetElectorateSchema.safeParse(src.value.json['electorate']);
  if (!field.success) return null;
  const path = resolve(dirname(src.value.path), field.data.file);
  const shown = relative(dataPath(), path);
  return {
    ...field.data,
    path,
    file: shown.startsWith('..') ? path : shown,
  };
}

/** The ruleset's padrón, read (null: it names none): `cifra apportion` and the what-if's --seats. */
export function loadRulesetElectorate(
  ref: string,
): (Loaded<{ district: string; electorate: number }> & { named: RulesetElectorate }) | null {
  const named = rulesetElectorate(ref);
  if (named === null) return null;
  const { path, ...shown } = named;
  return { ...loadElectorate(path), named: shown };
}

/**
 * A ruleset file whose districts without an electorate take the padrón the file names (by name
 * or alias, as `cifra apportion` matches them), so that a new house size can be apportioned; the
 * file as it is when it names none or its districts already have theirs.
 */
export function withBundledElectorate(
  file: unknown,
  rulesetId: string,
): { readonly file: unknown; readonly issues: readonly Issue[] } {
  if (!isObj(file) || !Array.isArray(file['districts'])) return { file, issues: [] };
  const districts: unknown[] = file['districts'];
  if (districts.every((d) => !isObj(d) || d['electorate'] !== undefined))
    return { file, issues: [] };
  const loaded = loadRulesetElectorate(rulesetId);
  if (loaded === null || loaded.issues.length > 0) return { file, issues: loaded?.issues ?? [] };
  const byName = new Map(loaded.rows.map((r) => [nameKey(r.district), r.electorate]));
  const electorateOf = (d: Obj): number | undefined =>
    [d['name'], ...(Array.isArray(d['aliases']) ? d['aliases'] : [])]
      .filter((n): n is string => typeof n === 'string')
      .map((n) => byName.get(nameKey(n)))
      .find((n) => n !== undefined);
  const filled = districts.map((d: unknown) => {
    if (!isObj(d) || d['electorate'] !== undefined) return d;
    const electorate = electorateOf(d);
    return electorate === undefined ? d : { ...d, electorate };
  });
  return { file: { ...file, districts: filled }, issues: [] };
}
