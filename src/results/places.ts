import { z } from 'zod';
import { ACTA_STATES, type ElectionDef } from '../core/model/acta.js';
import { MESA, NATIONAL } from '../core/model/jurisdiction.js';
import type { Level } from '../core/tally/aggregate.js';
import { timeZoneOf, type LoadedJurisdiction } from '../jurisdictions/load.js';
import type { Store } from '../store/store.js';
import { buildResults, currentColumns, type ResultUnit } from './documents.js';
import { checkLevel, electionWithJurisdiction, type Found } from './service.js';
import { figuresStatus, type ServedResults } from './status.js';
import { issue } from '../core/issues.js';
import { manifestOfRef } from '../elections/manifests.js';

const UnitRef = z.object({ level: z.string(), code: z.string() });

/** A body as a sentence names it, with its article ("el JEE" / "the JEE"), and its short name. */
const AuthorityWords = z.object({ es: z.string(), en: z.string(), short: z.string() });

/**
 * The units of an election and how they nest, for drilling down and searching: every unit with
 * results at every level but the mesa, its name, and its parent in the place hierarchy
 * (department → province → district in Peru); the jurisdiction's levels with their labels, and
 * how a short mesa number is padded.
 */
export const PlacesSchema = z.object({
  election: z.string(),
  jurisdiction: z
    .object({
      id: z.string(),
      labels: z.object({ es: z.string(), en: z.string() }),
      national: z.string().describe("the nation's unit code: results/national/<code>.json"),
      map: z
        .boolean()
        .describe(
          "the dashboard has its units' shapes, at /geo/<jurisdiction id>.json (Peru's departments)",
        ),
      states: z
        .array(z.enum(ACTA_STATES))
        .describe(
          "the acta states the jurisdiction's sources report (Peru's include jee: sent to a Jurado Electoral Especial)",
        ),
      timeZone: z
        .string()
        .describe(
          'the IANA time zone screens show times in (Peru: America/Lima; UTC when the jurisdiction gives none)',
        ),
      authorities: z
        .object({
          review: AuthorityWords,
          ties: AuthorityWords,
          tally: AuthorityWords,
          annulledActa: z.object({ es: z.string(), en: z.string() }),
          source: z.string(),
        })
        .nullable()
        .describe(
          "the bodies screens name (who rules on an observed acta, settles a tie, counts) and an annulled acta's rule, from the jurisdiction's file; null: neutral words",
        ),
      locale: z
        .string()
        .nullable()
        .describe(
          "the BCP 47 locale the jurisdiction writes its figures in (Spain es-ES: 12.681 and 80,48 %; Peru es-PE); null: the page's language decides",
        ),
    })
    .describe('The jurisdiction the election is counted in: its name, nation and map'),
  levels: z.array(
    z.object({
      id: z.string(),
      labels: z.object({ es: z.string(), en: z.string() }),
      place: z
        .boolean()
        .describe('a level of the place hierarchy (else named: ámbito, circunscripción)'),
    }),
  ),
  pollingPlaces: z
    .boolean()
    .describe("the election's manifest names its polling places (polling-places.json lists them)"),
  mesa: z.object({
    pattern: z.string(),
    pad: z.number().int().nullable().describe('a short mesa number is zero-padded to this length'),
  }),
  units: z
    .array(
      UnitRef.extend({
        name: z.string(),
        parent: UnitRef.nullable().describe(
          'the unit of the coarser place level holding it (null: the nation)',
        ),
      }),
    )
    .readonly(),
});
export type PlacesDocument = z.infer<typeof PlacesSchema>;
type UnitRefT = z.infer<typeof UnitRef>;

/** An election's hierarchy of units, built once per store revision. */
interface PlaceTree {
  /** The store's revision of the election the tree was built at. */
  readonly revision: string;
  readonly units: readonly PlacesDocument['units'][number][];
  readonly results: ReadonlyMap<Level, readonly ResultUnit[]>;
  /** The children of a unit (`level:code`; the nation: `national:`), in the results' order. */
  readonly children: ReadonlyMap<string, readonly UnitRefT[]>;
}

const key = (level: string, code: string): string => `${level}:${code}`;
const CACHE = new WeakMap<Store, Map<string, { revision: string; tree: PlaceTree }>>();

/** Places known inside each unit: the store's (actas), else one from the place table or the code. */
function placesByUnit(
  j: LoadedJurisdiction,
  results: ReadonlyMap<Level, readonly ResultUnit[]>,
  stored: readonly string[],
): Map<string, string[]> {
  const inside = new Map<string, string[]>();
  for (const level of results.keys()) {
    const coder = j.unitCoder(level);
    for (const p of stored) {
      const k = key(level, coder(p));
      const list = inside.get(k);
      if (list) list.push(p);
      else inside.set(k, [p]);
    }
  }
  for (const level of j.placeLevels)
    for (const u of results.get(level) ?? []) {
      if (inside.has(key(level, u.code))) continue;
      // a published unit: a place of the table inside it, else its code padded to a place
      const p =
        j.tablePlace(level, u.code) ??
        [0, 1, 2, 3, 4, 5, 6]
          .map((n) => u.code + '0'.repeat(n))
          .find((c) => j.placePattern.test(c) && j.unitCode(level, c) === u.code);
      if (p !== undefined) inside.set(key(level, u.code), [p]);
    }
  return inside;
}

/** The unit of `level` holding every one of the places, or null when they span several. */
function holder(j: LoadedJurisdiction, level: Level, places: readonly string[]): string | null {
  const codes = new Set(places.map(j.unitCoder(level)));
  return codes.size === 1 ? ([...codes][0] as string) : null;
}

async function buildTree(
  store: Store,
  def: ElectionDef,
  j: LoadedJurisdiction,
  revision: string,
): Promise<PlaceTree> {
  const levels = j.levelIds.filter((l) => l !== MESA && l !== NATIONAL);
  const results = new Map<Level, readonly ResultUnit[]>();
  for (const l of levels) results.set(l, (await buildResults(store, def, l)).units);
  // the places of the actas (all of them: a named unit may split a place unit, as Lima
  // Metropolitana splits Lima); a published election has none, and its units a representative
  const known = new Set((await store.places(def.id)).keys());
  if (def.published === undefined)
    for (const p of (await currentColumns(store, def)).ubigeos) known.add(p);
  const inside = placesByUnit(j, results, [...known]);
  const placesOf = (l: Level, code: string): readonly string[] => inside.get(key(l, code)) ?? [];
  const units: PlacesDocument['units'][number][] = [];
  const children = new Map<string, UnitRefT[]>();
  const adopt = (parent: string, child: UnitRefT): void => {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };
  const parentOf = new Map<string, UnitRefT | null>();
  j.placeLevels.forEach((l, i) => {
    const up = i === 0 ? undefined : j.placeLevels[i - 1];
    for (const u of results.get(l) ?? []) {
      const code = up === undefined ? null : holder(j, up, placesOf(l, u.code));
      const parent = up !== undefined && code !== null ? { level: up, code } : null;
      parentOf.set(key(l, u.code), parent);
      adopt(parent ? key(parent.level, parent.code) : key(NATIONAL, ''), {
        level: l,
        code: u.code,
      });
    }
  });
  for (const l of levels) {
    for (const u of results.get(l) ?? [])
      units.push({
        level: l,
        code: u.code,
        name: u.name,
        parent: parentOf.get(key(l, u.code)) ?? null,
      });
    if (j.placeLevels.includes(l)) continue;
    // a named level (ámbito, circunscripción): its children are the largest place units inside it
    for (const pl of j.placeLevels)
      for (const u of results.get(pl) ?? []) {
        const at = holder(j, l, placesOf(pl, u.code));
        const p = parentOf.get(key(pl, u.code));
        const parentAt = p ? holder(j, l, placesOf(p.level, p.code)) : null;
        if (at !== null && placesOf(pl, u.code).length > 0 && parentAt !== at)
          adopt(key(l, at), { level: pl, code: u.code });
      }
  }
  return { revision, units, results, children };
}

async function tree(store: Store, def: ElectionDef, j: LoadedJurisdiction): Promise<PlaceTree> {
  const revision = await store.revision(def.id);
  let perStore = CACHE.get(store);
  if (!perStore) CACHE.set(store, (perStore = new Map()));
  const hit = perStore.get(def.id);
  if (hit && hit.revision === revision) return hit.tree;
  const t = await buildTree(store, def, j, revision);
  perStore.set(def.id, { revision, tree: t });
  return t;
}

/** The election's manifest names its polling places (as getPollingPlaces reads them). */
function hasPollingPlaces(def: ElectionDef): boolean {
  const m = manifestOfRef(def);
  return m.ok && m.value.manifest.pollingPlaces !== undefined;
}

/** The election's units and hierarchy (`GET /api/v1/elections/:id/places.json`): search and drill-down. */
export async function getPlaces(
  store: Store,
  id: string | undefined,
): Promise<Found<PlacesDocument>> {
  const found = await electionWithJurisdiction(store, id);
  if (!found.ok) return found;
  const { def, jurisdiction: j } = found.value;
  const t = await tree(store, def, j);
  return {
    ok: true,
    value: {
      election: def.id,
      jurisdiction: {
        id: j.id,
        labels: j.labels,
        national: j.file.national.code,
        map: j.file.geography !== undefined,
        states: ACTA_STATES.filter((st) => Object.values(j.file.states).includes(st)),
        timeZone: timeZoneOf(j),
        authorities: j.file.authorities ?? null,
        locale: j.file.locale ?? null,
      },
      pollingPlaces: hasPollingPlaces(def),
      levels: j.levels
        .filter((l) => l.id !== MESA && l.id !== NATIONAL)
        .map((l) => ({ id: l.id, labels: l.labels, place: j.placeLevels.includes(l.id) })),
      mesa: { pattern: j.mesaPattern.source, pad: j.file.mesa.pad ?? null },
      units: t.units,
    },
  };
}

/**
 * Results of a unit's children (`GET /api/v1/elections/:id/results/:level/:code/children.json`):
 * the nation's are the coarsest place level's units (else the electoral districts'), a place
 * unit's the next place level's inside it, a named unit's (ámbito, circunscripción) the largest
 * place units inside it. A unit of the finest place level has none here: its mesas are
 * `GET …/mesas/:place.json`.
 */
export async function getChildren(
  store: Store,
  id: string | undefined,
  level: Level,
  code: string,
): Promise<Found<ServedResults>> {
  const found = await electionWithJurisdiction(store, id);
  if (!found.ok) return found;
  const { def, jurisdiction: j } = found.value;
  const bad = checkLevel(j, level);
  if (bad.length > 0 || level === MESA)
    return {
      ok: false,
      issues: bad.length > 0 ? bad : [issue('unknown_level', ['level'], { level })],
    };
  const t = await tree(store, def, j);
  const byCode = (l: Level, c: string): ResultUnit | undefined =>
    t.results.get(l)?.find((u) => u.code === c);
  if (level !== NATIONAL && byCode(level, code) === undefined)
    return { ok: false, issues: [issue('unknown_ubigeo', ['code'], { level, code })] };
  let refs = t.children.get(level === NATIONAL ? key(NATIONAL, '') : key(level, code)) ?? [];
  if (level === NATIONAL && refs.length === 0) {
    // no place units (a source by electoral district only): the electoral districts
    const l = j.electoralDistricts;
    refs = (t.results.get(l) ?? []).map((u) => ({ level: l, code: u.code }));
  }
  const units = refs.flatMap((r) => byCode(r.level, r.code) ?? []);
  return {
    ok: true,
    value: {
      election: def.id,
      revision: t.revision,
      label: def.label,
      level: units[0]?.level ?? level,
      units,
      status: await figuresStatus(store, def),
    },
  };
}
