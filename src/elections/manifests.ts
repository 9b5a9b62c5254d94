import { joinNames } from '../core/model/note.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { issue, type Issue } from '../core/issues.js';
import { MANIFEST_DOC, MANIFEST_HINTS } from '../core/schema-hints.js';
import type { ElectionDef } from '../core/model/acta.js';
import {
  ManifestSchema,
  type DistrictUnits,
  type ElectionManifest,
  type ManifestSource,
} from '../core/model/manifest.js';
import { nameKey } from '../core/names.js';
import type { Ruleset } from '../core/rulesets/ruleset.js';
import { err, ok, type Result } from '../core/result.js';
import { dataPath } from '../io/paths.js';
import {
  loadJurisdiction,
  resolveJurisdiction,
  type LoadedJurisdiction,
} from '../jurisdictions/load.js';
import { memoByFile } from '../io/file-memo.js';
import { parseJsonFile } from '../io/json-file.js';
import { checkRulesetDistricts, isRulesetPath, loadRuleset } from './rulesets.js';

/**
 * Election manifests: the bundled ones under data/elections/ (one file per id) and any user's,
 * read by the same code. A reference is an id of a bundled manifest or a path to a .json file.
 */
const BUILT_IN_DIR = dataPath('elections');

export interface LoadedManifest {
  readonly manifest: ElectionManifest;
  /** The file it was read from. */
  readonly path: string;
  /** Each source's file, resolved against the manifest's folder. */
  readonly files: readonly string[];
  /** The count-course file, resolved, when the manifest has one. */
  readonly course: string | null;
  /** The earlier capture's file (`previousSnapshot`), resolved, or null. */
  readonly previousSnapshot: string | null;
  /** Each crossCheck source's file, resolved against the manifest's folder. */
  readonly crossCheckFiles: readonly string[];
  /** The projection's universe file, resolved, when the manifest has one. */
  readonly universe: string | null;
  /** The previous round's count-course file (`universe.priorHistory`), resolved, or null. */
  readonly priorHistory: string | null;
  /** The ruleset: a built-in id, or the resolved path of the manifest's ruleset file. */
  readonly ruleset: string;
  /**
   * Run 17 (`previousRound`): per choice id of this election, the labels of the previous round's
   * choices it ran as (checked against that round's manifest at load); null without.
   */
  readonly previousChoices: ReadonlyMap<string, readonly string[]> | null;
  /** The previous round's election id (`previousRound.election`, a path resolved to its id), or null. */
  readonly previousRound: string | null;
  /** The jurisdiction: a bundled id, or the absolute path of its folder in `--jurisdictions`. */
  readonly jurisdiction: string;
}

/** Where a manifest's references are looked up besides data/: the user's jurisdictions folder. */
export interface ManifestOptions {
  /** `--jurisdictions DIR`: folders `<id>/jurisdiction.json`, as data/jurisdictions is laid out. */
  readonly jurisdictions?: string | undefined;
}

/** The ids of the bundled manifests, sorted. */
export function builtInElectionIds(): string[] {
  return readdirSync(BUILT_IN_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

const cache = new Map<string, Result<LoadedManifest, Issue[]>>();

/** A reference that names a manifest file (a path, or a `.json` name) rather than a bundled id. */
export function isPath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.toLowerCase().endsWith('.json');
}

/**
 * A manifest by bundled id or path: read, validated (issues with the JSON path), checked against
 * its ruleset and jurisdiction (looked up in `o.jurisdictions` first, then data/jurisdictions).
 */
export function loadManifest(
  ref: string,
  o: ManifestOptions = {},
): Result<LoadedManifest, Issue[]> {
  const path = isPath(ref) ? resolve(ref) : resolve(BUILT_IN_DIR, `${ref}.json`);
  const memo = !isPath(ref) && o.jurisdictions === undefined;
  const hit = memo ? cache.get(path) : undefined;
  if (hit !== undefined) return hit;
  const r = readManifest(ref, path, o);
  if (memo) cache.set(path, r);
  return r;
}

function readManifest(
  ref: string,
  path: string,
  o: ManifestOptions,
): Result<LoadedManifest, Issue[]> {
  if ((!isPath(ref) && !/^[a-z0-9][a-z0-9-]*$/.test(ref)) || !existsSync(path))
    return err([
      issue('unknown_election', ['election'], {
        election: ref,
        ...(isPath(ref) ? { path } : { known: builtInElectionIds() }),
      }),
    ]);
  const parsed = parseJsonFile(path, ManifestSchema, 'election_invalid', MANIFEST_WORDS);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const dir = dirname(path);
  const refs = checkReferences(m, path, o);
  const issues: Issue[] = [...refs.issues, ...duplicateChoices(m, path)];
  // a provenance note named as a file must be there: beside the manifest or under data/ (bundled)
  if (/\.md$/i.test(m.provenance) && provenanceFile(m.provenance, path) === null)
    issues.push(issue('file_unreadable', ['provenance'], { file: m.provenance }));
  const optional = optionalFiles(m, dir, issues);
  const previous = previousRoundOf(m, path);
  issues.push(...previous.issues);
  const { files, crossCheckFiles } = listedFiles(m, dir, issues);
  return issues.length > 0
    ? err(issues)
    : ok({
        manifest: m,
        path,
        files,
        crossCheckFiles,
        ...optional,
        ruleset: refs.ruleset,
        previousChoices: previous.choices,
        previousRound: previous.election,
        jurisdiction: refs.jurisdiction,
      });
}

/** A manifest's schema problems in words that name the field's fix (core/schema-hints.ts). */
const MANIFEST_WORDS = { hints: MANIFEST_HINTS, doc: MANIFEST_DOC };

/**
 * The manifest's ruleset and jurisdiction, each loaded and checked against the other (the count's
 * units are the ruleset's districts, or its `districtUnits` map them): their refs as resolved.
 */
function checkReferences(
  m: ElectionManifest,
  path: string,
  o: ManifestOptions,
): { ruleset: string; jurisdiction: string; issues: Issue[] } {
  const ruleset = isRulesetPath(m.ruleset) ? resolve(dirname(path), m.ruleset) : m.ruleset;
  const issues: Issue[] = [];
  const rs = loadRuleset(ruleset);
  if (!rs.ok) issues.push(...rs.error.map((i) => rulesetIssue(i, ruleset)));
  const jurisdiction = resolveJurisdiction(m.jurisdiction, o.jurisdictions);
  const j = jurisdiction.ok ? loadJurisdiction(jurisdiction.value) : jurisdiction;
  if (!j.ok) issues.push(...j.error.map((i) => under('jurisdiction', i)));
  if (m.districtUnits !== undefined && rs.ok && j.ok)
    issues.push(...checkDistrictUnits(m.districtUnits, rs.value, j.value, path));
  // the count's units become the ruleset's districts by name: each must be one (districtUnits
  // maps published units itself, checked above)
  if (m.districtUnits === undefined && rs.ok && j.ok)
    issues.push(...checkRulesetDistricts(rs.value, j.value, rulesetFileOf(ruleset)));
  return { ruleset, jurisdiction: jurisdiction.ok ? jurisdiction.value : m.jurisdiction, issues };
}

/** A choice id given twice: each repeat. */
function duplicateChoices(m: ElectionManifest, path: string): Issue[] {
  const ids = m.choices.map((c) => c.id);
  return ids.flatMap((id, i) =>
    ids.indexOf(id) === i
      ? []
      : [
          issue('election_invalid', ['choices', i, 'id'], {
            file: path,
            problem: 'duplicate choice id',
            id,
          }),
        ],
  );
}

/**
 * The files a manifest may name (course, previous snapshot, universe and its history), resolved;
 * one missing is an issue.
 */
function optionalFiles(
  m: ElectionManifest,
  dir: string,
  issues: Issue[],
): Pick<LoadedManifest, 'course' | 'previousSnapshot' | 'universe' | 'priorHistory'> {
  const at = (file: string | undefined, field: readonly (string | number)[]): string | null => {
    const f = file === undefined ? null : resolve(dir, file);
    if (f !== null && !existsSync(f))
      issues.push(issue('file_unreadable', [...field], { file: f }));
    return f;
  };
  return {
    course: at(m.course?.file, ['course', 'file']),
    previousSnapshot: at(m.previousSnapshot?.file, ['previousSnapshot', 'file']),
    universe: at(m.universe?.file, ['universe', 'file']),
    priorHistory: at(m.universe?.priorHistory?.file, ['universe', 'priorHistory', 'file']),
  };
}

/** The count's source files and the cross-check's, resolved; each missing one an issue. */
function listedFiles(
  m: ElectionManifest,
  dir: string,
  issues: Issue[],
): { files: string[]; crossCheckFiles: string[] } {
  const files = m.sources.map((s) => resolve(dir, s.file));
  const crossCheckFiles = m.crossCheck.map((s) => resolve(dir, s.file));
  for (const [key, list] of [
    ['sources', files],
    ['crossCheck', crossCheckFiles],
  ] as const)
    list.forEach((f, i) => {
      if (!existsSync(f)) issues.push(issue('file_unreadable', [key, i, 'file'], { file: f }));
    });
  return { files, crossCheckFiles };
}

/** An issue of a file the manifest names, under the manifest's field (once: not `jurisdiction.jurisdiction`). */
function under(field: string, i: Issue): Issue {
  return i.path[0] === field ? i : { ...i, path: [field, ...i.path] };
}

/** The ruleset's file as an issue names it: a user's path, or the bundled file of an id. */
function rulesetFileOf(ruleset: string): string {
  return isRulesetPath(ruleset) ? ruleset : `data/rulesets/${ruleset}.json`;
}

/**
 * A ruleset's issue raised through a manifest: one not found is the manifest's `ruleset` field
 * (not `ruleset.rules`); one inside the file keeps its path there and names the file.
 */
function rulesetIssue(i: Issue, ruleset: string): Issue {
  if (i.code === 'ruleset_not_found' || i.path[0] === 'rules')
    return { ...i, path: ['ruleset', ...i.path.slice(1)] };
  return { ...i, details: { file: rulesetFileOf(ruleset), ...i.details } };
}

/**
 * Run 17: a manifest's `previousRound` against both elections' choices: every key a choice of this
 * election, every id a choice of the previous round's manifest (`previous_choice_unknown`).
 */
function previousRoundOf(
  m: ElectionManifest,
  path: string,
): {
  issues: Issue[];
  choices: ReadonlyMap<string, readonly string[]> | null;
  election: string | null;
} {
  const pr = m.previousRound;
  if (pr === undefined) return { issues: [], choices: null, election: null };
  const ref = isPath(pr.election) ? resolve(dirname(path), pr.election) : pr.election;
  const bad = (at: (string | number)[], more: object): Issue =>
    issue('previous_choice_unknown', ['previousRound', ...at], { file: path, ...more });
  const prev = ref === path ? null : loadManifest(ref);
  if (prev === null || !prev.ok)
    return {
      issues: [bad(['election'], { election: pr.election, problem: 'does not load' })],
      choices: null,
      election: null,
    };
  const labels = new Map(prev.value.manifest.choices.map((c) => [c.id, c.label]));
  const own = new Set(m.choices.map((c) => c.id));
  const issues: Issue[] = [];
  const choices = new Map<string, string[]>();
  for (const [id, ids] of Object.entries(pr.choices)) {
    if (!own.has(id)) issues.push(bad(['choices', id], { id, problem: 'not a choice here' }));
    ids.forEach((p, i) => {
      if (!labels.has(p))
        issues.push(
          bad(['choices', id, i], { id: p, election: pr.election, known: [...labels.keys()] }),
        );
    });
    choices.set(
      id,
      ids.map((p) => labels.get(p) ?? p),
    );
  }
  return {
    issues,
    choices: issues.length > 0 ? null : choices,
    election: prev.value.manifest.id,
  };
}

/**
 * `districtUnits` against the ruleset and the jurisdiction: its levels are the jurisdiction's, the
 * ruleset is a list ruleset whose districts have codes (when matched by code), and every named
 * district is one of the ruleset's (by name or alias).
 */
function checkDistrictUnits(
  d: DistrictUnits,
  rs: Ruleset,
  j: LoadedJurisdiction,
  file: string,
): Issue[] {
  const bad = (path: (string | number)[], problem: string, more: object = {}): Issue =>
    issue('election_invalid', ['districtUnits', ...path], { file, problem, ...more });
  if (rs.kind !== 'list') return [bad([], 'seats from district units need a list ruleset')];
  const issues: Issue[] = [];
  const levels = [d.level, ...d.units.map((u) => u.level)];
  levels.forEach((level, i) => {
    if (!j.isLevel(level))
      issues.push(
        bad(i === 0 ? ['level'] : ['units', i - 1, 'level'], 'not a level of the jurisdiction', {
          level,
          allowed: j.levelIds,
        }),
      );
  });
  if (d.by === 'code' && rs.districts.some((x) => x.code === undefined))
    issues.push(bad(['by'], "the ruleset's districts have no codes: match by name"));
  const names = new Set(
    rs.districts.flatMap((x) => [x.name, ...(x.aliases ?? [])].map((n) => nameKey(n))),
  );
  d.units.forEach((u, i) => {
    if (!names.has(nameKey(u.district)))
      issues.push(bad(['units', i, 'district'], 'not a district of the ruleset', u));
  });
  return issues;
}

/** A source of a manifest's actas, its file resolved: what `cifra compare` reads. */
export interface ManifestActaSource {
  readonly source: ManifestSource;
  readonly file: string;
  /** Where it is in the manifest: `sources` or `crossCheck`, and its index there. */
  readonly path: readonly [string, number];
}

/** Every acta source of a manifest (its own sources, then its crossCheck sources), files resolved. */
export function actaSourcesOf(loaded: LoadedManifest): ManifestActaSource[] {
  const m = loaded.manifest;
  return [
    ...m.sources.map((source, i) => ({
      source,
      file: loaded.files[i] as string,
      path: ['sources', i] as const,
    })),
    ...m.crossCheck.map((source, i) => ({
      source,
      file: loaded.crossCheckFiles[i] as string,
      path: ['crossCheck', i] as const,
    })),
  ].filter((s) => s.source.format !== 'cifra-aggregate-csv');
}

/** The bundled elections with an acta source whose declared SHA-256 is this one. */
export function electionsDeclaring(sha256: string): string[] {
  return builtInElectionIds().filter((id) => {
    const m = loadManifest(id);
    return m.ok && actaSourcesOf(m.value).some((s) => s.source.sha256 === sha256);
  });
}

/** The SHA-256 of each source file (crossCheck sources too) that does not match the manifest's `sha256`. */
export function checkSourceHashes(loaded: LoadedManifest): Issue[] {
  const check = (
    s: Pick<ManifestSource, 'sha256'>,
    file: string,
    path: (string | number)[],
  ): Issue[] => {
    if (s.sha256 === undefined) return [];
    const actual = createHash('sha256').update(readFileSync(file)).digest('hex');
    return actual === s.sha256
      ? []
      : [
          issue('election_invalid', [...path, 'sha256'], {
            file,
            expected: s.sha256,
            actual,
            problem: 'the file is not the one the manifest names',
          }),
        ];
  };
  const course = loaded.manifest.course;
  return [
    ...loaded.manifest.sources.flatMap((s, i) =>
      check(s, loaded.files[i] as string, ['sources', i]),
    ),
    ...loaded.manifest.crossCheck.flatMap((s, i) =>
      check(s, loaded.crossCheckFiles[i] as string, ['crossCheck', i]),
    ),
    ...(course !== undefined && loaded.course !== null
      ? check(course, loaded.course, ['course'])
      : []),
    ...(loaded.manifest.previousSnapshot !== undefined && loaded.previousSnapshot !== null
      ? check(loaded.manifest.previousSnapshot, loaded.previousSnapshot, ['previousSnapshot'])
      : []),
    ...(loaded.manifest.universe !== undefined && loaded.universe !== null
      ? check(loaded.manifest.universe, loaded.universe, ['universe'])
      : []),
    ...(loaded.manifest.universe?.priorHistory !== undefined && loaded.priorHistory !== null
      ? check(loaded.manifest.universe.priorHistory, loaded.priorHistory, [
          'universe',
          'priorHistory',
        ])
      : []),
  ];
}

/** The election as cifra stores it. */
export function electionDefOf(loaded: LoadedManifest): ElectionDef {
  const m = loaded.manifest;
  const labels = typeof m.label === 'string' ? { es: m.label, en: m.label } : m.label;
  const aggregate = m.sources.every((s) => s.format === 'cifra-aggregate-csv');
  const status = m.status;
  return {
    id: m.id,
    label: labels.es,
    ruleset: loaded.ruleset,
    jurisdiction: loaded.jurisdiction,
    choices: m.choices.map((c) => ({
      id: c.id,
      label: c.label,
      ...(c.labels === undefined ? {} : { labels: c.labels }),
      party: c.party,
      ...(c.color === undefined ? {} : { color: c.color }),
      ...(c.ballotPosition === undefined ? {} : { ballotPosition: c.ballotPosition }),
      ...(c.alliance === undefined ? {} : { alliance: c.alliance.parties }),
      ...(c.column === undefined ? {} : { column: c.column }),
      ...(c.remainder === true ? { remainder: true } : {}),
      ...(c.remainder === true && c.rankedBelow === true ? { rankedBelow: true } : {}),
    })),
    manifest: {
      labels,
      ...(m.date === undefined ? {} : { date: m.date }),
      status,
      asOf: m.asOf,
      ...(m.asOfTime === undefined ? {} : { asOfTime: m.asOfTime }),
      sources: m.sources,
      provenance: m.provenance,
      ...(m.proclamation === undefined ? {} : { proclamation: m.proclamation }),
      ...(m.discrepancies.length === 0 ? {} : { discrepancies: m.discrepancies }),
      ...(m.reported === undefined ? {} : { reported: m.reported }),
      ...(m.resultsNote === undefined ? {} : { resultsNote: m.resultsNote }),
      ...(m.crossCheck.length === 0 ? {} : { crossCheck: m.crossCheck }),
      // an acta election's universe bounds its count (docs/elections.md); an aggregate's is the projection's
      ...(m.universe === undefined || aggregate ? {} : { universe: m.universe }),
      ...(loaded.previousRound === null ? {} : { previousRound: loaded.previousRound }),
      // a user's manifest is read again from its file when served (a bundled one by its id)
      ...(loaded.path === resolve(BUILT_IN_DIR, `${m.id}.json`) ? {} : { path: loaded.path }),
    },
    ...(aggregate
      ? {
          published: {
            status: status.kind,
            asOf: m.asOf,
            // a final release states no % of actas unless its figures count them (review 6: a
            // made-up 100.000 % for sources with no acta counts); the figures' own % is the count's
            pctCounted:
              status.kind === 'provisional'
                ? status.pctCounted
                : status.kind === 'computed-by-cifra'
                  ? (status.pctCounted ?? null)
                  : null,
            source: joinNames(m.sources.map((s) => s.publisher)),
            figures: m.figures,
            ...(m.districtUnits === undefined ? {} : { districtUnits: m.districtUnits }),
            ...(m.previousSnapshot === undefined
              ? {}
              : {
                  previous: {
                    asOf: m.previousSnapshot.asOf,
                    source: m.previousSnapshot.publisher,
                  },
                }),
          },
        }
      : {}),
    ...(m.pendingFiguresCount ? { pendingFiguresCount: true } : {}),
  };
}

/** The vote columns a manifest's acta source has: each choice's `column`, else VOTOS_Pk / the id. */
function voteColumns(m: ElectionManifest, format: string): string[] {
  return m.choices.map((c, k) =>
    (format === 'onpe-mesa' ? (c.column ?? `VOTOS_P${k + 1}`) : (c.column ?? c.id)).toUpperCase(),
  );
}

/**
 * The bundled elections whose acta files have this header: ONPE's per-mesa files by their
 * VOTOS_Pk columns (first round 18, runoff 2), cifra CSV by its choice columns.
 */
export function electionsFitting(header: readonly string[]): string[] {
  const cols = new Set(header.map((h) => h.trim().toUpperCase()));
  const onpe = cols.has('MESA_DE_VOTACION') && cols.has('N_ELEC_HABIL');
  const fileVotes = [...cols].filter((c) => /^VOTOS_P\d+$/.test(c)).sort();
  const fits = (m: ElectionManifest): boolean =>
    m.sources.some((s) => {
      if (s.format === 'onpe-mesa' && onpe) {
        const want = voteColumns(m, s.format).sort();
        return want.length === fileVotes.length && want.every((c, i) => c === fileVotes[i]);
      }
      if (s.format === 'cifra-csv' && !onpe)
        return voteColumns(m, s.format).every((c) => cols.has(c));
      return false;
    });
  // the columns first, from the file as loadManifest parses it: only a manifest that fits is
  // loaded whole (ruleset, jurisdiction and its place table, files), not every bundled one
  return builtInElectionIds().filter((id) => {
    const m = parseJsonFile(
      resolve(BUILT_IN_DIR, `${id}.json`),
      ManifestSchema,
      'election_invalid',
    );
    return m.ok && fits(m.value) && loadManifest(id).ok;
  });
}

/**
 * The file a provenance note named as `.md` is: the one beside the manifest first (a user's own
 * note, even if cifra bundles a file by that name), else the bundled one under data/; null when
 * neither is there or the note is text. Without a manifest path (a bundled election), data/ only.
 */
export function provenanceFile(provenance: string, manifestPath?: string): string | null {
  if (!/\.md$/i.test(provenance)) return null;
  const beside = manifestPath === undefined ? [] : [resolve(dirname(manifestPath), provenance)];
  return [...beside, dataPath(provenance)].find((f) => existsSync(f)) ?? null;
}

/** A stored election, or a reference to a manifest (a bundled id or a path). */
export type ElectionRef = string | Pick<ElectionDef, 'id' | 'jurisdiction' | 'manifest'>;

/**
 * The manifest of an election as served: a reference is loaded as given; a stored election by its
 * bundled id, or from the file a user's manifest was ingested from (`manifest.path`), with the
 * jurisdictions folder its user jurisdiction came from. Read once while the file is unchanged.
 */
export function manifestOfRef(e: ElectionRef): Result<LoadedManifest, Issue[]> {
  if (typeof e === 'string') return loadManifest(e);
  const path = e.manifest?.path;
  if (path === undefined) return loadManifest(e.id);
  // a user jurisdiction is stored as its folder `<DIR>/<id>` (resolveJurisdiction)
  const jurisdictions = isAbsolute(e.jurisdiction) ? dirname(e.jurisdiction) : undefined;
  return memoByFile('manifest', path, () => loadManifest(path, { jurisdictions }));
}

/** A bundled election as cifra stores it, or null when no manifest has this id (or it is invalid). */
export function bundledElection(id: string): ElectionDef | null {
  const m = loadManifest(id);
  return m.ok ? electionDefOf(m.value) : null;
}
