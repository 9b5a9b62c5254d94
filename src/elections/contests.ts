import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hasErrors, issue, type Issue } from '../core/issues.js';
import { BUNDLED_CONTESTS } from '../core/model/bundled-contests.js';
import {
  ContestsManifestSchema,
  type ContestSet,
  type ContestsManifest,
} from '../core/model/contests-manifest.js';
import type { ContestInput, ContestSetInput } from '../core/pipeline/contests.js';
import { progressFromActas, votesOutBound } from '../core/pipeline/contest-decided.js';
import { err, ok, type Result } from '../core/result.js';
import { readCsvFile, type CsvTable } from '../io/csv.js';
import { parseCount } from '../io/numbers.js';
import { dataPath } from '../io/paths.js';
import { parseJsonFile } from '../io/json-file.js';
import { isRulesetPath, loadRuleset } from './rulesets.js';

/**
 * Multi-contest elections (`cifra-contests/1`, Peru's regional and municipal elections): the
 * bundled ones under data/contests/ and any user's file. Reading one turns every source file into
 * the contests of its set — this module only translates files; the rules are in the core.
 */
const BUILT_IN_DIR = dataPath('contests');

export interface LoadedContests {
  readonly manifest: ContestsManifest;
  readonly path: string;
  readonly sets: readonly ContestSetInput[];
  /** Warnings met while reading (e.g. a row repeated whole in a source). */
  readonly warnings: readonly Issue[];
}

/** Manifests outside data/contests served as if bundled, by id (addContestsFile). */
const added = new Map<string, string>();

/** The ids of the bundled multi-contest elections (and any added file's), sorted. */
export function builtInContestsIds(): string[] {
  return [...BUNDLED_CONTESTS, ...added.keys()].sort();
}

/** The manifest file of a multi-contest election by id: an added file's, else data/contests'. */
export function contestsFile(id: string): string {
  return added.get(id) ?? resolve(BUILT_IN_DIR, `${id}.json`);
}

/**
 * Serves a manifest file under its id next to the bundled ones, in this process (the tests'
 * fixtures; a deployment's own election). Its id must not shadow a bundled one.
 */
export function addContestsFile(file: string): Result<string, Issue[]> {
  const path = resolve(file);
  const parsed = parseJsonFile(path, ContestsManifestSchema, 'election_invalid');
  if (!parsed.ok) return parsed;
  const id = parsed.value.id;
  if (existsSync(resolve(BUILT_IN_DIR, `${id}.json`)))
    return err([issue('election_invalid', ['id'], { file, problem: `${id} is a bundled id` })]);
  added.set(id, path);
  return ok(id);
}

const cache = new Map<string, Result<LoadedContests, Issue[]>>();

/** A multi-contest election by bundled id or path, every contest read (cached for bundled ids). */
export function loadContests(ref: string): Result<LoadedContests, Issue[]> {
  const isPath = ref.includes('/') || ref.endsWith('.json');
  const path = isPath ? resolve(ref) : contestsFile(ref);
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  const r = readContests(ref, path);
  if (!isPath) cache.set(path, r);
  return r;
}

function readContests(ref: string, path: string): Result<LoadedContests, Issue[]> {
  if (!existsSync(path))
    return err([
      issue('unknown_election', ['election'], { election: ref, known: builtInContestsIds() }),
    ]);
  const parsed = parseJsonFile(path, ContestsManifestSchema, 'election_invalid');
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const sets: ContestSetInput[] = [];
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  m.contestSets.forEach((set, i) => {
    // a set's own status (a second round counted later) or else the election's: only a final
    // one says the count is over (a third party's capture may stop short of it)
    const complete = (set.status ?? m.status).kind === 'final';
    const perMesa = m.mesaElectorsMax?.electors ?? null;
    const r = readSet(set, dirname(path), ['contestSets', i], warnings, { complete, perMesa });
    if (r.ok) sets.push(r.value);
    else issues.push(...r.error);
  });
  if (issues.length > 0) return err(issues);
  return ok({ manifest: m, path, sets: oneNamePerRegion(sets), warnings });
}

/**
 * One spelling per region code across the sets: ONPE's governor files write ÁNCASH, its council
 * files ANCASH; grouping by name split five departments in two. The accented spelling wins.
 */
function oneNamePerRegion(sets: readonly ContestSetInput[]): ContestSetInput[] {
  const names = new Map<string, string>();
  for (const s of sets)
    for (const c of s.contests) {
      if (c.regionCode === undefined) continue;
      const had = names.get(c.regionCode);
      if (had === undefined || accents(c.region) > accents(had)) names.set(c.regionCode, c.region);
    }
  return sets.map((s) => ({
    ...s,
    contests: s.contests.map((c) => {
      const name = c.regionCode === undefined ? undefined : names.get(c.regionCode);
      return name === undefined || name === c.region ? c : { ...c, region: name };
    }),
  }));
}

/** How many combining marks a name carries once decomposed (ÁNCASH: 1, ANCASH: 0). */
const accents = (s: string): number => s.normalize('NFD').replace(/[^\p{M}]/gu, '').length;

type Path = (string | number)[];

function readSet(
  set: ContestSet,
  dir: string,
  at: Path,
  warnings: Issue[],
  count: { readonly complete: boolean; readonly perMesa: number | null },
): Result<ContestSetInput, Issue[]> {
  const complete = count.complete;
  const rs = loadRuleset(isRulesetPath(set.ruleset) ? resolve(dir, set.ruleset) : set.ruleset);
  if (!rs.ok) return err(rs.error.map((i) => ({ ...i, path: [...at, 'ruleset', ...i.path] })));
  const file = resolve(dir, set.file);
  const bad = checksum(file, set.sha256, [...at, 'sha256']);
  if (bad !== null) return err([bad]);
  const t = readCsvFile(file, 'votes');
  if (!t.ok) return err(t.error.map((i) => ({ ...i, path: [...at, 'file', ...i.path] })));
  let councils: Map<string, CouncilRow> | null = null;
  if (set.councils !== undefined) {
    const c = readCouncils(resolve(dir, set.councils), [...at, 'councils']);
    if (!c.ok) return err(c.error);
    councils = c.value;
  }
  const contests = contestsOf(set, t.value, councils, at, warnings, count.perMesa);
  if (!contests.ok) return contests;
  const kind = set.kind;
  return ok(
    rs.value.kind === 'presidential'
      ? { kind, ruleset: rs.value, contests: contests.value, complete }
      : { kind, ruleset: rs.value, contests: contests.value, complete },
  );
}

function checksum(file: string, sha256: string | undefined, at: Path): Issue | null {
  if (!existsSync(file)) return issue('file_unreadable', at.slice(0, -1).concat('file'), { file });
  if (sha256 === undefined) return null;
  const actual = createHash('sha256').update(readFileSync(file)).digest('hex');
  return actual === sha256
    ? null
    : issue('election_invalid', at, { file, problem: 'SHA-256 differs', expected: sha256, actual });
}

interface CouncilRow {
  readonly council: string;
  readonly region: string;
  readonly population: number | undefined;
  readonly seats: number | undefined;
}

/** councils.csv: ubigeo, council, departamento, population_est and, optionally, seats (empty: unknown). */
function readCouncils(file: string, at: Path): Result<Map<string, CouncilRow>, Issue[]> {
  const t = readCsvFile(file, 'councils');
  if (!t.ok) return err(t.error.map((i) => ({ ...i, path: [...at, ...i.path] })));
  const need = ['ubigeo', 'council', 'departamento', 'population_est'];
  const missing = need.filter((h) => !t.value.headers.includes(h));
  if (missing.length > 0)
    return err([issue('columns_missing', at, { file, missing, found: t.value.headers })]);
  const out = new Map<string, CouncilRow>();
  for (const r of t.value.rows) {
    const v = r.values;
    const n = parseCount(v['population_est'], false);
    // the council's own size (the JNE's figure) wins over the population bands
    const s = parseCount(v['seats'] ?? '', false);
    out.set(v['ubigeo'] ?? '', {
      council: v['council'] ?? '',
      region: v['departamento'] ?? '',
      population: n.ok ? n.value : undefined,
      seats: s.ok && s.value > 0 ? s.value : undefined,
    });
  }
  return ok(out);
}

/** The set's columns (lower-cased) that the votes file lacks. */
function missingColumns(set: ContestSet, t: CsvTable): string[] {
  const c = set.columns;
  const optional = [
    c.region,
    c.regionCode,
    c.mesa,
    c.remaining,
    c.pctCounted,
    c.actasCounted,
  ].filter((x): x is string => x !== undefined);
  return [c.contest, c.party, c.votes, ...optional, ...set.only.map((f) => f.column)]
    .map((h) => h.toLowerCase())
    .filter((h) => !t.headers.includes(h));
}

/** The rows of a votes file grouped into contests: key, name, region and list votes. */
function contestsOf(
  set: ContestSet,
  t: CsvTable,
  councils: ReadonlyMap<string, CouncilRow> | null,
  at: Path,
  warnings: Issue[],
  perMesa: number | null,
): Result<ContestInput[], Issue[]> {
  const col = (c: string): string => c.toLowerCase();
  const cols = set.columns;
  const missing = missingColumns(set, t);
  if (missing.length > 0)
    return err([
      issue('columns_missing', [...at, 'columns'], { file: set.file, missing, found: t.headers }),
    ]);
  const skip = set.skipContests ? new RegExp(set.skipContests.pattern) : null;
  const groups = new Map<string, Group>();
  // per (contest, mesa, list): a repeat is caught per mesa, and mesas are summed per contest
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  for (const r of t.rows) {
    if (
      !set.only.every(
        (f) => f.values.includes((r.values[col(f.column)] ?? '').trim()) !== f.exclude,
      )
    )
      continue;
    const raw = (r.values[col(cols.contest)] ?? '').trim();
    const key = contestKey(set, raw);
    if (skip?.test(key)) continue;
    const party = (r.values[col(cols.party)] ?? '').trim();
    // ONPE prints thousands with commas ("1,397,727")
    const n = parseCount((r.values[col(cols.votes)] ?? '').replaceAll(',', ''), false);
    if (key === '' || party === '' || !n.ok) {
      issues.push(
        issue(n.ok ? 'missing_field' : 'invalid_votes', [...at, 'file', r.line], {
          value: r.values[col(cols.votes)] ?? null,
        }),
      );
      continue;
    }
    const mesa = cols.mesa ? (r.values[col(cols.mesa)] ?? '').trim() : '';
    const id = `${key}\u0000${mesa}\u0000${party}`;
    const before = seen.get(id);
    // a scrape can repeat a row whole: kept once, with a warning; differing repeats are errors
    if (before !== undefined) {
      const same = before === n.value;
      const where = { contest: key, party, ...(mesa ? { mesa } : {}), identical: same };
      issues.push(
        issue('duplicate_row', [...at, 'file', r.line], where, same ? 'warning' : 'error'),
      );
      continue;
    }
    seen.set(id, n.value);
    const g = groups.get(key) ?? {
      region: cols.region ? (r.values[col(cols.region)] ?? '') : key,
      regionCode: regionCodeOf(key, cols.regionCode ? r.values[col(cols.regionCode)] : undefined),
      lists: new Map<string, number>(),
      remaining: undefined,
      final: undefined,
    };
    groups.set(key, g);
    // the votes still out are the contest's, repeated on each of its rows: the largest is kept
    const out = cols.remaining ? parseCount(r.values[col(cols.remaining)] ?? '', false) : null;
    if (out?.ok) g.remaining = Math.max(g.remaining ?? 0, out.value);
    const p = cols.pctCounted ? progressOf(r.values, cols, perMesa) : null;
    if (p !== null) {
      // rows of one contest disagreeing: the least counted wins (never more settled than a row says)
      g.final = (g.final ?? true) && p.final;
      if (p.remaining !== null) g.remaining = Math.max(g.remaining ?? 0, p.remaining);
      else if (!p.final) g.unbounded = true;
    }
    g.lists.set(party, (g.lists.get(party) ?? 0) + n.value);
  }
  if (hasErrors(issues)) return err(issues);
  warnings.push(...issues);
  return ok([...groups].map(([key, g]) => contestOf(key, g, councils?.get(key))));
}

/** A region's code: the first two digits of the code column, or of a ubigeo key (its department). */
function regionCodeOf(key: string, code: string | undefined): string | undefined {
  const from = code?.trim() ?? key;
  return /^\d{2}(\d{4})?$/.test(from) ? from.slice(0, 2) : undefined;
}

interface Group {
  region: string;
  regionCode: string | undefined;
  lists: Map<string, number>;
  remaining: number | undefined;
  final: boolean | undefined;
  /** A row whose progress bounds nothing: the contest's remaining votes are unknown. */
  unbounded?: boolean;
}

/**
 * A row's progress of its contest's count: the source's 100 % (final), else the votes still out
 * bounded by the actas not counted × the most electors of a mesa (contest-decided.ts); null
 * remaining when the row or the manifest cannot bound them.
 */
function progressOf(
  values: Readonly<Record<string, string | undefined>>,
  cols: ContestSet['columns'],
  perMesa: number | null,
): { final: boolean; remaining: number | null } | null {
  const pct = values[(cols.pctCounted ?? '').toLowerCase()] ?? '';
  const n = cols.actasCounted
    ? parseCount((values[cols.actasCounted.toLowerCase()] ?? '').replaceAll(',', ''), false)
    : null;
  const p = progressFromActas(n?.ok ? n.value : null, pct);
  if (p === null) return null;
  const remaining =
    p.actasOut === null || perMesa === null ? null : votesOutBound(p.actasOut, perMesa);
  return { final: p.final, remaining: p.final ? 0 : remaining };
}

/** One contest from its rows, named and sized by its council when the set has a councils file. */
function contestOf(key: string, g: Group, c: CouncilRow | undefined): ContestInput {
  return {
    key,
    name: c?.council ?? key,
    region: c?.region ?? g.region,
    regionCode: g.regionCode,
    lists: [...g.lists].map(([party, votes]) => ({ party, votes })),
    population: c?.population,
    seats: c?.seats,
    remaining: g.unbounded === true ? undefined : g.remaining,
    final: g.final,
  };
}

/** The contest key of a row: padded with zeros, then cut to the contest's level (region, province). */
function contestKey(set: ContestSet, raw: string): string {
  if (!/^\d+$/.test(raw)) return raw;
  const padded = set.padContest ? raw.padStart(set.padContest, '0') : raw;
  return set.contestDigits === undefined
    ? padded
    : padded.slice(0, set.contestDigits).padEnd(padded.length, '0');
}
