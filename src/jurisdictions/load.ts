import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { issue, type Issue } from '../core/issues.js';
import {
  compileJurisdiction,
  parseJurisdictionFile,
  type Jurisdiction,
  type Level,
} from '../core/model/jurisdiction.js';
import { err, ok, type Result } from '../core/result.js';
import { readCsvFile } from '../io/csv.js';
import { dataPath, shownPath } from '../io/paths.js';
import { PARTY_COLORS_FILE, readPartyColors } from './party-colors-file.js';

/**
 * A jurisdiction with its place table loaded: the compiled jurisdiction (pure, core) plus what
 * needs the file system — which place codes exist, and the names the table gives their units.
 */
export interface LoadedJurisdiction extends Jurisdiction {
  /**
   * The one namer of a unit: its level's names table (circunscripciones; `national`: the national
   * name), else the name the place table gives the unit (a place level's: Peru's departments,
   * Ruritania's regions), else undefined. Every reader names a unit through it — the results, the
   * universe's rolled-up units, the projection's regions (matched to the ruleset's districts).
   */
  unitName(level: Level, code: string): string | undefined;
  /** Is the code in the place table, or one of the codes known without a row (Peru: abroad)? */
  isKnownPlace(code: string): boolean;
  /** A place of the table inside the unit `code` of a place level (its coarser units' codes). */
  tablePlace(level: Level, code: string): string | undefined;
  /** Rows of the table read as places, and rows skipped (a code outside the place pattern). */
  readonly tableRows: number;
  readonly skippedRows: number;
  /** The folder of the jurisdiction file: its data files' paths are relative to it. */
  readonly folder: string;
  /**
   * The units of a level known before any acta, code → name (`unitName`, else the code): its names
   * table, or the units of the place table's rows named in that level's column; null when neither
   * names them.
   */
  levelUnits(level: Level): ReadonlyMap<string, string> | null;
}

const ID = /^[a-z][a-z0-9-]{0,31}$/;
const FILE = 'jurisdiction.json';

/** The jurisdictions cifra has: the folders of data/jurisdictions with a jurisdiction.json. */
export function listJurisdictions(): string[] {
  const root = dataPath('jurisdictions');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => ID.test(d) && existsSync(join(root, d, FILE)))
    .sort();
}

const CACHE = new Map<string, LoadedJurisdiction>();

/**
 * A reference to a jurisdiction, as an election stores it: an id of data/jurisdictions (`pe`), or
 * the absolute path of a user's jurisdiction folder (`--jurisdictions DIR` found it there) — as a
 * ruleset is a built-in id or a file's path.
 */
export function isJurisdictionPath(ref: string): boolean {
  return isAbsolute(ref);
}

/**
 * Reads a jurisdiction — data/jurisdictions/<id>/jurisdiction.json, or a user's folder's — checks
 * and compiles it, and loads its place table. Problems are coded issues (the path is the field's
 * JSON path), never exceptions. Memoized per id or folder once it loads.
 */
export function loadJurisdiction(ref: string): Result<LoadedJurisdiction, Issue[]> {
  if (isJurisdictionPath(ref)) return loadJurisdictionFolder(ref);
  const hit = CACHE.get(ref);
  if (hit !== undefined) return ok(hit);
  if (!ID.test(ref) || !existsSync(dataPath('jurisdictions', ref, FILE)))
    return err([
      issue('unknown_jurisdiction', ['jurisdiction'], {
        jurisdiction: ref,
        known: listJurisdictions(),
      }),
    ]);
  const r = loadJurisdictionFile(dataPath('jurisdictions', ref, FILE), ref);
  if (r.ok) CACHE.set(ref, r.value);
  return r;
}

/**
 * The user's `--jurisdictions DIR` is a folder that exists: one that does not is
 * `jurisdictions_folder_invalid`, not an empty folder nor a jurisdiction "not found" in it.
 */
export function checkJurisdictionsFolder(dir: string): Issue[] {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat?.isDirectory() === true) return [];
  return [
    issue('jurisdictions_folder_invalid', ['jurisdictions'], {
      dir: resolve(dir),
      reason: stat === undefined ? 'missing' : 'not_a_folder',
    }),
  ];
}

/**
 * Where a manifest's jurisdiction id is found: a folder of `dir` (the user's `--jurisdictions`,
 * laid out as data/jurisdictions) as its absolute path, else the bundled id. A bundled id in `dir`
 * is `jurisdiction_shadowed`: the user's file would silently replace cifra's.
 */
export function resolveJurisdiction(id: string, dir: string | undefined): Result<string, Issue[]> {
  const known = (): string[] => [
    ...listJurisdictions(),
    ...(dir === undefined ? [] : listJurisdictionsIn(dir)),
  ];
  // an id, never a path: a manifest cannot point cifra at a folder by itself
  if (!ID.test(id))
    return err([
      issue('unknown_jurisdiction', ['jurisdiction'], { jurisdiction: id, known: known() }),
    ]);
  if (dir === undefined) return ok(id);
  const bad = checkJurisdictionsFolder(dir);
  if (bad.length > 0) return err(bad);
  const folder = resolve(dir, id);
  const bundled = listJurisdictions().includes(id);
  if (existsSync(join(folder, FILE)))
    return bundled
      ? err([issue('jurisdiction_shadowed', ['jurisdiction'], { jurisdiction: id })])
      : ok(folder);
  if (bundled) return ok(id);
  if (existsSync(folder))
    return err([
      issue('jurisdiction_invalid', [], { reason: 'no_file', file: shownPath(join(folder, FILE)) }),
    ]);
  return err([
    issue('unknown_jurisdiction', ['jurisdiction'], { jurisdiction: id, known: known() }),
  ]);
}

/** The jurisdictions of a user's folder (`--jurisdictions DIR`): its folders with a jurisdiction.json. */
export function listJurisdictionsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => ID.test(d) && existsSync(join(dir, d, FILE)))
    .sort();
}

/** A user's jurisdiction folder, by its absolute path: its id is the folder's name. */
function loadJurisdictionFolder(folder: string): Result<LoadedJurisdiction, Issue[]> {
  const hit = CACHE.get(folder);
  if (hit !== undefined) return ok(hit);
  const id = basename(folder);
  if (listJurisdictions().includes(id))
    return err([issue('jurisdiction_shadowed', ['jurisdiction'], { jurisdiction: id })]);
  if (!existsSync(join(folder, FILE)))
    return err([issue('unknown_jurisdiction', ['jurisdiction'], { jurisdiction: id, known: [] })]);
  const r = loadJurisdictionFile(join(folder, FILE), id);
  if (r.ok) CACHE.set(folder, r.value);
  return r;
}

/** The IANA zone a jurisdiction's times are shown in: its `timeZone` (required, checked at load). */
export const timeZoneOf = (j: LoadedJurisdiction): string => j.file.timeZone;

/** The jurisdiction of an id known to load (checked where the id came in): a bug otherwise. */
export function requireJurisdiction(ref: string): LoadedJurisdiction {
  const r = loadJurisdiction(ref);
  if (!r.ok) throw new Error(`jurisdiction ${ref} does not load: ${JSON.stringify(r.error)}`);
  return r.value;
}

// the one rule for a file an issue names (io/paths.ts: io's readers use it too)
export { shownPath };

/**
 * What an acta's unknown place code names (`unknown_ubigeo`): the jurisdiction, its word for the
 * code (`place.labels`: Peru's "ubigeo", Zembla's "commune code"), and the place table it was
 * looked up in (null: the jurisdiction knows its codes by patterns only, `place.known`).
 */
export function unknownPlaceDetails(j: LoadedJurisdiction): Record<string, unknown> {
  const table = j.file.place.table?.file;
  return {
    jurisdiction: j.id,
    placeLabel: j.file.place.labels,
    placeTable: table === undefined ? null : shownPath(resolve(j.folder, table)),
  };
}

/** Loads a jurisdiction file from any path (a folder being written, a test's fixture). */
export function loadJurisdictionFile(
  path: string,
  folderId?: string,
): Result<LoadedJurisdiction, Issue[]> {
  const file = shownPath(path);
  const where = (issues: readonly Issue[]): Issue[] =>
    issues.map((i) => ({ ...i, details: { file, ...i.details } }));
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return err(
      where([
        issue('jurisdiction_invalid', [], { reason: 'not_json', message: (e as Error).message }),
      ]),
    );
  }
  const parsed = parseJurisdictionFile(json);
  if (!parsed.ok) return err(where(parsed.error));
  if (folderId !== undefined && parsed.value.id !== folderId)
    return err(
      where([
        issue('jurisdiction_invalid', ['id'], {
          reason: 'id_mismatch',
          id: parsed.value.id,
          folder: folderId,
        }),
      ]),
    );
  const j = compileJurisdiction(parsed.value);
  const table = readPlaceTable(j, dirname(path));
  if (!table.ok) return err(where(table.error));
  const checked = [
    ...checkCoverage(j, table.value.places),
    ...checkNesting(j, table.value.places),
    ...checkDataFiles(j, dirname(path)),
  ];
  if (checked.length > 0) return err(where(checked));
  // the folder's party colours, bundled or a user's: checked here, read where colours are given
  const colors = readPartyColors(dirname(path), parsed.value.id);
  if (!colors.ok) return err(colors.error);
  return ok({ ...withPlaces(j, table.value), folder: dirname(path) });
}

/** The adjacency and map files the jurisdiction names, by the field that names each. */
function dataFiles(j: Jurisdiction): [string[], string | undefined][] {
  const g = j.file.geography;
  return [
    [['adjacency', 'file'], j.file.adjacency?.file],
    [['geography', 'file'], g?.kind === 'features' ? g.file : undefined],
    [['geography', 'departments'], g?.kind === 'peru-departments' ? g.departments : undefined],
    [['geography', 'provinces'], g?.kind === 'peru-departments' ? g.provinces : undefined],
    [['geography', 'codes'], g?.kind === 'peru-departments' ? g.codes : undefined],
  ];
}

/** The adjacency and map files the jurisdiction names exist (read when the model or map asks). */
function checkDataFiles(j: Jurisdiction, folder: string): Issue[] {
  return dataFiles(j)
    .filter(([, f]) => f !== undefined && !existsSync(resolve(folder, f)))
    .map(([at, file]) =>
      issue('jurisdiction_invalid', at, {
        reason: 'file_missing',
        file: shownPath(resolve(folder, file as string)),
      }),
    );
}

/**
 * Every file a loaded jurisdiction is read from, resolved: its jurisdiction.json, place table,
 * party colours (when present) and the adjacency and map files it names. `cifra publish` digests
 * them to tell an edited jurisdiction from the one its previous version was computed under.
 */
export function jurisdictionFiles(j: LoadedJurisdiction): string[] {
  const named = [j.file.place.table?.file, ...dataFiles(j).map(([, f]) => f)];
  return [FILE, PARTY_COLORS_FILE, ...named]
    .filter((f): f is string => f !== undefined)
    .map((f) => resolve(j.folder, f));
}

interface PlaceTable {
  /** Each place of the table with the names of its units by level. */
  readonly places: ReadonlyMap<string, ReadonlyMap<Level, string>>;
  readonly skipped: number;
}

/** The place table: the code column, the name columns; rows outside the place pattern skipped. */
function readPlaceTable(j: Jurisdiction, folder: string): Result<PlaceTable, Issue[]> {
  const spec = j.file.place.table;
  if (spec === undefined) return ok({ places: new Map(), skipped: 0 });
  const path = resolve(folder, spec.file);
  const columns = [
    ['code', spec.code] as const,
    ...Object.entries(spec.names ?? {}).map(([level, c]) => [level, c] as const),
  ];
  // only the code and name columns are read: Peru's table has 20, the loader keeps 4
  const csv = readCsvFile(path, 'table', new Set(columns.map(([, c]) => c.toLowerCase())));
  if (!csv.ok)
    return err(
      csv.error.map((i) =>
        // the read's own reason (ENOENT, a CSV error) stays as `cause`
        issue('place_table_invalid', ['place', 'table', 'file'], {
          file: shownPath(path),
          reason: i.code,
          cause: i.details?.['reason'] ?? null,
        }),
      ),
    );
  const missing = columns.filter(([, c]) => !csv.value.headers.includes(c.toLowerCase()));
  if (missing.length > 0)
    return err(
      missing.map(([key, c]) =>
        issue(
          'place_table_invalid',
          ['place', 'table', ...(key === 'code' ? ['code'] : ['names', key])],
          {
            reason: 'column_missing',
            column: c,
            file: shownPath(path),
          },
        ),
      ),
    );
  const places = new Map<string, ReadonlyMap<Level, string>>();
  const rows = new Map<string, number>();
  const duplicates: Issue[] = [];
  let skipped = 0;
  for (const row of csv.value.rows) {
    const code = row.values[spec.code.toLowerCase()] ?? '';
    if (!j.placePattern.test(code)) {
      skipped++;
      continue;
    }
    // one row per place: a second row would silently rename it (review 6)
    const first = rows.get(code);
    if (first !== undefined) {
      duplicates.push(
        issue('place_table_invalid', ['place', 'table', 'code'], {
          reason: 'duplicate_code',
          file: shownPath(path),
          code,
          rows: [first, row.line],
        }),
      );
      continue;
    }
    rows.set(code, row.line);
    places.set(
      code,
      new Map(columns.slice(1).map(([level, c]) => [level, row.values[c.toLowerCase()] ?? ''])),
    );
  }
  const conflicts = [...duplicates, ...checkUnitNames(j, places, rows, shownPath(path))];
  return conflicts.length > 0 ? err(conflicts) : ok({ places, skipped });
}

/**
 * The places of one unit name it alike: a unit is named after its first place (`unitName`, built
 * in `withPlaces`), so two names for one unit would show whichever row came first (review 6: two
 * wards named "West").
 */
function checkUnitNames(
  j: Jurisdiction,
  places: ReadonlyMap<string, ReadonlyMap<Level, string>>,
  rows: ReadonlyMap<string, number>,
  file: string,
): Issue[] {
  const out: Issue[] = [];
  // one issue per unit, naming its first row and the first that disagrees
  const seen = new Map<string, { name: string; place: string; reported?: true }>();
  for (const [place, names] of places)
    for (const [level, name] of names) {
      if (!j.placeLevels.includes(level)) continue;
      const unit = j.unitCode(level, place);
      const before = seen.get(`${level}\u0000${unit}`);
      if (before === undefined) seen.set(`${level}\u0000${unit}`, { name, place });
      else if (before.name !== name && before.reported !== true) {
        before.reported = true;
        out.push(
          issue('place_table_invalid', ['place', 'table', 'names', level], {
            reason: 'unit_name_conflict',
            file,
            level,
            unit,
            names: [before.name, name],
            rows: [rows.get(before.place), rows.get(place)],
          }),
        );
      }
    }
  return out;
}

/** Every place of the table falls in a unit of every `map` level without a default. */
function checkCoverage(j: Jurisdiction, places: ReadonlyMap<string, unknown>): Issue[] {
  const out: Issue[] = [];
  j.file.levels.forEach((l, i) => {
    if (l.unit.map === undefined || l.unit.default !== undefined) return;
    const prefixes = l.unit.map.map((e) => e.prefix);
    for (const place of places.keys())
      if (!prefixes.some((p) => place.startsWith(p))) {
        out.push(
          issue('jurisdiction_invalid', ['levels', i, 'unit', 'map'], {
            reason: 'unmapped_place',
            level: l.id,
            place,
          }),
        );
        return;
      }
  });
  return out;
}

/** The projection's groups nest in the electoral districts: a group is in one district only. */
function checkNesting(j: Jurisdiction, places: ReadonlyMap<string, unknown>): Issue[] {
  const group = j.unitCoder(j.projectionGroups);
  const district = j.unitCoder(j.electoralDistricts);
  const seen = new Map<string, string>();
  for (const place of places.keys()) {
    const g = group(place);
    const d = district(place);
    const before = seen.get(g);
    if (before !== undefined && before !== d)
      return [
        issue('jurisdiction_invalid', ['projectionGroups'], {
          reason: 'not_nested',
          group: g,
          districts: [before, d],
          place,
        }),
      ];
    seen.set(g, d);
  }
  return [];
}

function withPlaces(j: Jurisdiction, table: PlaceTable): Omit<LoadedJurisdiction, 'folder'> {
  const known = (j.file.place.known ?? []).map((p) => new RegExp(p));
  const named = j.placeLevels.filter((l) => j.file.place.table?.names?.[l] !== undefined);
  const placeOf = new Map<Level, Map<string, string>>(named.map((l) => [l, new Map()]));
  for (const place of table.places.keys())
    for (const l of named) {
      const units = placeOf.get(l) as Map<string, string>;
      const code = j.unitCode(l, place);
      if (!units.has(code)) units.set(code, place);
    }
  // a unit's first row names it (checkUnitNames: its rows agree); an empty cell names nothing
  const tableName = (level: Level, code: string): string | undefined => {
    const place = placeOf.get(level)?.get(code);
    const name = place === undefined ? undefined : table.places.get(place)?.get(level);
    return name === '' ? undefined : name;
  };
  const unitName = (level: Level, code: string): string | undefined =>
    j.unitName(level, code) ?? tableName(level, code);
  return {
    ...j,
    unitName,
    isKnownPlace: (code) => table.places.has(code) || known.some((re) => re.test(code)),
    tablePlace: (level, code) => placeOf.get(level)?.get(code),
    tableRows: table.places.size,
    skippedRows: table.skipped,
    levelUnits: (level) => {
      const names = j.file.levels.find((l) => l.id === level)?.names;
      if (names !== undefined) return new Map(Object.entries(names));
      const units = placeOf.get(level);
      if (units === undefined) return null;
      return new Map([...units.keys()].map((code) => [code, unitName(level, code) ?? code]));
    },
  };
}
