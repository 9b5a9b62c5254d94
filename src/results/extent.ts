import { issue, type Issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import type { Note } from '../core/model/note.js';
import { err, ok, type Result } from '../core/result.js';
import { universeNamePath, type UniverseUnit } from '../core/projection/universe.js';
import { percentCounted } from '../core/ratio.js';
import {
  placeSumsUnits,
  type Level,
  type PlaceSums,
  type UnitResult,
} from '../core/tally/aggregate.js';
import {
  extentOver,
  universeLevel,
  unlistedByUnit,
  type Extent,
  type StoredUnit,
  type UnitExtent,
} from '../core/tally/extent.js';
import { universeOf } from '../elections/universe.js';
import type { LoadedJurisdiction } from '../jurisdictions/load.js';

/**
 * An acta election's expected extent (its manifest's `universe`, docs/elections.md): the level its
 * units are at, each unit's and the whole count's extent, and the problems found (a universe that
 * does not load or match a level; a store holding more actas than it expects). null: no universe,
 * the store is the whole count.
 */
export interface ElectionExtent {
  readonly level: Level | null;
  readonly universe: readonly UniverseUnit[];
  readonly extent: Extent | null;
  readonly issues: readonly Issue[];
  /** Coarser levels' extents (ámbito), rolled up from the universe on first use; null: not coarser. */
  readonly coarser: Map<Level, LevelExtent | null>;
  /** The election's mesa list the extent was read against (null: none). */
  readonly mesas: ReadonlyMap<string, string> | null;
}

/** A level's expected units and extent. */
export interface LevelExtent {
  readonly universe: readonly UniverseUnit[];
  readonly extent: Extent;
}

/**
 * An acta election's declared universe and the level its units are at, read without the store:
 * null when its manifest declares none (the store is the whole count); the problems when it does
 * not load or its codes are not one level's units. The extent and the listed status share it.
 */
export function declaredUniverse(
  def: ElectionDef,
  j: LoadedJurisdiction,
): Result<{ universe: readonly UniverseUnit[]; level: Level } | null, Issue[]> {
  if (def.manifest?.universe === undefined) return ok(null);
  const loaded = universeOf(def);
  if (!loaded.ok || loaded.value === null) return loaded.ok ? ok(null) : loaded;
  const universe = loaded.value;
  const pad = j.file.place.pad ?? 0;
  const level = universeLevel(
    universe.map((u) => u.unit),
    j.placeLevels,
    (l) => j.unitCoder(l),
    (c) => c.padEnd(pad, '0'),
  );
  if (level === null)
    return err([
      issue('election_invalid', ['universe'], {
        election: def.id,
        problem: "the universe's codes are not the units of one level of the jurisdiction",
      }),
    ]);
  return ok({ universe, level });
}

/**
 * The election's extent over its universe, from the store's actas at the universe's level (rolled
 * up from their per-place sums, which the results' levels share). With the election's mesa list
 * (`mesas`: its polling places' mesas, results/polling-places.ts), an acta whose mesa it lacks
 * fills no expected acta of its unit: it is counted apart (`extent_unlisted_mesas`).
 */
export function electionExtent(
  def: ElectionDef,
  j: LoadedJurisdiction,
  sums: PlaceSums,
  mesas: ReadonlyMap<string, string> | null = null,
): ElectionExtent | null {
  const declared = declaredUniverse(def, j);
  if (!declared.ok) {
    // a universe that loads at no level keeps its units (a caller may still read them)
    const loaded = universeOf(def);
    const universe = loaded.ok ? (loaded.value ?? []) : [];
    return {
      level: null,
      universe,
      extent: null,
      issues: declared.error,
      coarser: new Map(),
      mesas,
    };
  }
  if (declared.value === null) return null;
  const { universe, level } = declared.value;
  const extent = extentOver(
    universe.map((u) => ({ code: u.unit, eligible: u.eligible, actasTotal: u.actasTotal })),
    storedUnits(sums, j, level, mesas),
  );
  const issues = [];
  if (extent.exceeded.length > 0)
    issues.push(
      issue('extent_exceeded', ['universe'], {
        election: def.id,
        units: extent.exceeded.map((e) => `${e.code}: ${e.stored} > ${e.expected}`).join(', '),
      }),
    );
  // said, not an error: ONPE may add a mesa after its list; its votes count either way
  if (extent.unlisted.length > 0)
    issues.push(
      issue(
        'extent_unlisted_mesas',
        ['universe'],
        {
          election: def.id,
          actas: extent.national.unlisted,
          units: extent.unlisted.map((e) => `${e.code}: ${e.actas}`).join(', '),
        },
        'warning',
      ),
    );
  return { level, universe, extent, issues, coarser: new Map(), mesas };
}

/**
 * The store's actas per unit of a level (their per-place sums rolled up), each with those whose
 * mesa the election's list lacks (none without a list).
 */
function storedUnits(
  sums: PlaceSums,
  j: LoadedJurisdiction,
  level: Level,
  mesas: ReadonlyMap<string, string> | null,
): StoredUnit[] {
  const unlisted = mesas === null ? null : unlistedByUnit(sums.cols, mesas, j.unitCoder(level));
  return placeSumsUnits(sums, j, level).map((u) => ({
    code: u.code,
    actasTotal: u.actas.total,
    eligible: u.eligible,
    unlisted: unlisted?.get(u.code),
  }));
}

/**
 * The extent at a level coarser than the universe's (Peru: the ámbito, Peru or abroad): the
 * universe rolled up, when every stored place's unit there follows from its universe unit; null
 * when it does not (a finer level, or one that splits a universe unit: Lima's circunscripciones).
 */
export function coarserExtent(
  def: ElectionDef,
  x: ElectionExtent,
  level: Level,
  j: LoadedJurisdiction,
  sums: PlaceSums,
): LevelExtent | null {
  if (x.level === null) return null;
  const cols = sums.cols;
  const pad = j.file.place.pad ?? 0;
  const at = j.unitCoder(level);
  const own = j.unitCoder(x.level);
  if (!cols.ubigeos.every((p) => at(p) === at(own(p).padEnd(pad, '0')))) return null;
  const rolled = new Map<string, UniverseUnit>();
  for (const u of x.universe) {
    const code = at(u.unit.padEnd(pad, '0'));
    const r = rolled.get(code);
    rolled.set(code, {
      unit: code,
      name: r?.name ?? rolledName(j, level, code, u),
      eligible: (r?.eligible ?? 0) + u.eligible,
      actasTotal: (r?.actasTotal ?? 0) + u.actasTotal,
    });
  }
  const universe = [...rolled.values()];
  const extent = extentOver(
    universe.map((u) => ({ code: u.unit, eligible: u.eligible, actasTotal: u.actasTotal })),
    storedUnits(sums, j, level, x.mesas),
  );
  return { universe, extent };
}

/**
 * A rolled-up unit's name: the jurisdiction's (`j.unitName`: the level's names, else the place
 * table's — Peru's departments), else the universe row's path down to that level ("AMÉRICA /
 * ARGENTINA": a country abroad, where no table names it; a universe name still, which documents
 * show as stored places read), else its code.
 */
export function rolledName(
  j: LoadedJurisdiction,
  level: Level,
  code: string,
  u: UniverseUnit,
): string {
  return (
    j.unitName(level, code) ??
    universeNamePath(u.name, j.placeLevels.indexOf(level))?.join(' / ') ??
    code
  );
}

/** A unit's figures over its expected extent: actas to come count in its total and its remainder. */
export function overExtent<
  U extends {
    readonly actas: { readonly total: number; readonly processed: number } | null;
    readonly eligible: number | null;
    readonly eligibleRemaining: number | null;
  },
>(u: U, e: UnitExtent | undefined): U {
  if (e === undefined || u.actas === null) return u;
  return {
    ...u,
    actas: {
      ...u.actas,
      total: e.actasTotal,
      pctProcessed: percentCounted(u.actas.processed, e.actasTotal),
    },
    // the universe's electors where the unit is short of actas (its stored ones plus those to
    // come), the stored ones once every acta is in: one base at every level (docs/elections.md)
    eligible: u.eligible === null ? null : u.eligible + e.eligibleMissing,
    eligibleRemaining:
      u.eligibleRemaining === null ? null : u.eligibleRemaining + e.eligibleMissing,
  };
}

/** A unit the universe expects that has no acta in the store yet: nothing counted, all to come. */
export function unitToCome(level: Level, u: UniverseUnit, choices: number): UnitResult {
  return {
    level,
    code: u.unit,
    votes: new Array<number>(choices).fill(0),
    preferential: null,
    blank: 0,
    null: 0,
    impugned: 0,
    valid: 0,
    emitted: 0,
    eligible: u.eligible,
    eligibleProcessed: 0,
    actas: {
      total: u.actasTotal,
      counted: 0,
      resolved: 0,
      annulled: 0,
      notInstalled: 0,
      pending: 0,
      jee: 0,
      pendingWithFigures: 0,
    },
    actasProcessed: 0,
    eligibleRemaining: u.eligible,
    jeeVoters: 0,
  };
}

/** The extent's problems that leave it readable: the actas disagree with it, but it is known. */
export const EXTENT_READ = new Set(['extent_exceeded', 'extent_unlisted_mesas']);

/** The status note of an extent's problems (null: none), with their codes (docs/errors.md). */
export function extentNote(issues: readonly Issue[]): Note | null {
  if (issues.length === 0) return null;
  const what = issues
    .map(
      (i) =>
        `${i.code}${i.details?.['units'] === undefined ? '' : ` (${String(i.details['units'])})`}`,
    )
    .join('; ');
  if (issues.some((i) => !EXTENT_READ.has(i.code)))
    return {
      es: `No se puede leer el universo de la elección (actas y electores esperados): ${what}. Se desconoce si las actas cargadas son todas.`,
      en: `The election's universe (expected actas and electors) cannot be read: ${what}. Whether the actas loaded are all of them is unknown.`,
    };
  if (issues.some((i) => i.code === 'extent_exceeded'))
    return {
      es: `El universo de la elección (actas y electores esperados) no cuadra con las actas cargadas: ${what}. Las cifras pueden no ser de esta elección.`,
      en: `The election's universe (expected actas and electors) does not agree with the actas loaded: ${what}. The figures may not be this election's.`,
    };
  return {
    es: `Hay actas cargadas de mesas que no están en la lista de mesas de la elección: ${what}. Sus votos se cuentan, pero no ocupan el lugar de ninguna mesa esperada: verifique sus números con la fuente.`,
    en: `Some actas loaded are of mesas the election's list of mesas does not have: ${what}. Their votes count, but they stand for no expected mesa: check their numbers against the source.`,
  };
}
