import { ACTA_STATES, type ActaState, type ElectionDef } from '../core/model/acta.js';
import type { Note } from '../core/model/note.js';
import { percentCounted } from '../core/ratio.js';
import { MESA, NATIONAL } from '../core/model/jurisdiction.js';
import type { ActaColumns } from '../core/tally/acta-columns.js';
import {
  placeSums,
  placeSumsUnits,
  sumPlaceRows,
  tabulateColumns,
  unitPercentages,
  type Level,
  type PlaceSums,
  type UnitResult,
} from '../core/tally/aggregate.js';
import { requireJurisdiction, type LoadedJurisdiction } from '../jurisdictions/load.js';
import type { PlaceNames, Store } from '../store/store.js';
import { universeNamePath, type UniverseUnit } from '../core/projection/universe.js';
import {
  coarserExtent,
  electionExtent,
  overExtent,
  unitToCome,
  type ElectionExtent,
  type LevelExtent,
} from './extent.js';
import { unitFlags } from './acta-flags.js';
import { mesaFacts, type MesaFactsAt } from './mesa-facts.js';
import { declaredMesas } from './polling-places.js';
import { quarantinedOnly } from './quarantined-only.js';
import { byUnitCode } from './unit-order.js';
import type { ResultsDocument, ResultUnit } from './document-schemas.js';

// the types of the results documents, inferred from their schemas (document-schemas.ts)
export type { ResultsDocument, ResultUnit } from './document-schemas.js';

/** A source's three names of a place (the store's PlaceNames), finest first. */
const SOURCE_FIELDS = ['district', 'province', 'department'] as const;

/**
 * Names a unit of a level; at the mesa level `place` is the mesa's place code, and `lang` the
 * language of the word for that code where the label says it (Spanish when not given).
 */
export type UnitNamer = (level: Level, code: string, place?: string, lang?: Lang) => string;

/** The language of the words a results document writes itself (the API's: Spanish). */
export type Lang = keyof Note;

/**
 * Names of units: a level's names table (circunscripciones, ámbitos, the national total); else
 * the names the sources gave the places (the store's three names per place, which name the
 * jurisdiction's place levels from the finest up: district, province, department); else the
 * jurisdiction's own name of the unit (`j.unitName`: its place table's); else the code. A place
 * level's name carries its coarser place levels ("district, province, department"); a mesa, the
 * two finest ("Mesa 000123 — district, province").
 */
export function unitNamer(
  j: LoadedJurisdiction,
  places: ReadonlyMap<string, PlaceNames>,
): UnitNamer {
  const fieldOf = new Map(
    [...j.placeLevels]
      .reverse()
      .slice(0, SOURCE_FIELDS.length)
      .map((l, i) => [l, SOURCE_FIELDS[i] as (typeof SOURCE_FIELDS)[number]]),
  );
  // a place the sources named, for each unit of a place level
  const sourcePlace = new Map<Level, Map<string, string>>();
  for (const level of fieldOf.keys()) {
    const unitOf = j.unitCoder(level);
    const m = new Map<string, string>();
    for (const place of places.keys()) {
      const code = unitOf(place);
      if (!m.has(code)) m.set(code, place);
    }
    sourcePlace.set(level, m);
  }
  /** The name of a place's unit at a level: the source's, else the jurisdiction's, else ''. */
  const nameAt = (place: string, l: Level): string => {
    const p = places.get(place);
    const field = fieldOf.get(l);
    if (p !== undefined && field !== undefined) return p[field];
    return j.unitName(l, j.unitCode(l, place)) ?? '';
  };
  /** The names of a place's units at the given levels, the unnamed left out. */
  const namesOf = (place: string, levels: readonly Level[]): string[] =>
    levels.map((l) => nameAt(place, l)).filter((n) => n !== '');
  const finest = j.placeLevels.at(-1);
  /**
   * "Mesa 000123 — district, province". A place whose finest unit no one names is said by its code
   * before its coarser names ("Mesa X — ubigeo 010199, CHACHAPOYAS, AMAZONAS"): "Mesa X —
   * CHACHAPOYAS, AMAZONAS" read as the province's capital district (s31). The code's word is the
   * jurisdiction's in the reader's language (Peru's "ubigeo" in both; Spain's "INE municipality
   * code" in English, not "código INE del municipio").
   */
  const mesaName = (code: string, place: string | undefined, lang: Lang): string => {
    if (place === undefined || finest === undefined) return `Mesa ${code}`;
    const own = nameAt(place, finest);
    const coarser = namesOf(place, j.placeLevels.slice(0, -1).reverse());
    if (own !== '') return `Mesa ${code} — ${[own, ...coarser].slice(0, 2).join(', ')}`;
    if (coarser.length === 0) return `Mesa ${code}`;
    const where = [`${j.file.place.labels[lang]} ${place}`, ...coarser.slice(0, 2)];
    return `Mesa ${code} — ${where.join(', ')}`;
  };
  return (level, code, place, lang = 'es') => {
    if (level === MESA) return mesaName(code, place, lang);
    const at = j.placeLevels.indexOf(level);
    if (at < 0) return j.unitName(level, code) ?? code;
    const inUnit = sourcePlace.get(level)?.get(code) ?? j.tablePlace(level, code);
    if (inUnit === undefined) return code;
    const names = namesOf(inUnit, j.placeLevels.slice(0, at + 1).reverse());
    return names.length > 0 ? names.join(', ') : code;
  };
}

/**
 * A universe unit's name as unitNamer names a stored place: its path down to the level, finest
 * first ("AMERICA / ARGENTINA / BUENOS AIRES" reads "BUENOS AIRES, ARGENTINA, AMERICA"); as given
 * where it is not such a path.
 */
function universePlaceName(j: LoadedJurisdiction, level: Level, name: string): string {
  const path = universeNamePath(name, j.placeLevels.indexOf(level));
  return path === null ? name : path.reverse().join(', ');
}

export function resultUnit(u: UnitResult, election: ElectionDef, name: string): ResultUnit {
  const pct = unitPercentages(u);
  return {
    level: u.level,
    code: u.code,
    name,
    choices: election.choices.map((c, i) => ({
      id: c.id,
      label: c.label,
      party: c.party,
      votes: u.votes[i] ?? 0,
      pctValid: pct.pctValid[i] ?? null,
      pctEmitted: pct.pctEmitted[i] ?? null,
      ...(u.preferential
        ? { candidates: (u.preferential[i] ?? []).map((votes, k) => ({ position: k + 1, votes })) }
        : {}),
    })),
    valid: u.valid,
    blank: u.blank,
    null: u.null,
    impugned: u.impugned,
    emitted: u.emitted,
    eligible: u.eligible,
    eligibleProcessed: u.eligibleProcessed,
    participation: pct.participation,
    blankPctEmitted: pct.blankPctEmitted,
    nullPctEmitted: pct.nullPctEmitted,
    actas: { ...u.actas, processed: u.actasProcessed, pctProcessed: pct.pctActasProcessed },
    eligibleRemaining: u.eligibleRemaining,
    jeeVoters: u.jeeVoters,
  };
}

/** The state of a mesa's one acta, read from its unit's acta counts. */
function mesaStateOf(a: NonNullable<ResultUnit['actas']>): ActaState {
  const byState: Record<ActaState, number> = {
    counted: a.counted,
    resolved: a.resolved,
    annulled: a.annulled,
    not_installed: a.notInstalled,
    pending: a.pending,
    jee: a.jee,
  };
  const found = ACTA_STATES.find((s) => byState[s] > 0);
  if (found === undefined) throw new Error('a mesa unit without an acta');
  return found;
}

/**
 * A mesa's figures as they must read: its state, and whether its votes are counted for the
 * choices. Not counted, its sums would read as "0 votes": pending or at the JEE (not known yet)
 * and not installed (nobody voted) have none, null, and no choices. An annulled acta's votes go to
 * no choice (LOE art. 363), so no choices and no valid, blank or impugned votes either; it keeps
 * the null votes and emitted total the totals hold (ONPE books its voters as null votes).
 */
export function mesaFigures(u: ResultUnit): ResultUnit {
  if (u.actas === null) return u;
  const mesaState = mesaStateOf(u.actas);
  const counted =
    u.actas.processed > 0 && mesaState !== 'annulled' && mesaState !== 'not_installed';
  if (counted) return { ...u, mesaState, votesCounted: counted };
  const none = {
    ...u,
    mesaState,
    votesCounted: counted,
    choices: [],
    valid: null,
    blank: null,
    impugned: null,
    blankPctEmitted: null,
  };
  return mesaState === 'annulled'
    ? none
    : { ...none, null: null, emitted: null, participation: null, nullPctEmitted: null };
}

interface CachedElection {
  readonly revision: string;
  /** The current actas as columns: one snapshot per store revision, shared with the projection. */
  readonly columns: ActaColumns;
  readonly places: ReadonlyMap<string, PlaceNames>;
  readonly byLevel: Map<Level, readonly ResultUnit[]>;
  /** The actas' per-place sums every level rolls up, summed in turns on the first use. */
  sums: Promise<PlaceSums> | null;
  /** Each mesa's index in the columns, built on the first mesa lookup. */
  mesaIndex: Map<string, number> | null;
  /** Unit names of this revision's places, built on the first use. */
  namer: UnitNamer | null;
  /** The columns' indexes in mesa code order, built on the first mesa list. */
  mesaOrder: number[] | null;
  /** The count's expected extent over the universe (null: none), built on the first use. */
  extent: ElectionExtent | null | undefined;
}

/** Published units per store, election and level, kept while the store's revision stands. */
const PUBLISHED = new WeakMap<Store, Map<string, { revision: string; units: ResultUnit[] }>>();

/**
 * A level's published units, parsed once per revision of the election (a published load changes
 * it): one unit's document must not parse all.
 */
async function publishedLevel(
  store: Store,
  election: string,
  level: Level,
): Promise<{ revision: string; units: ResultUnit[] }> {
  const revision = await store.revision(election);
  const perStore = PUBLISHED.get(store) ?? new Map();
  PUBLISHED.set(store, perStore);
  const key = `${election}\0${level}`;
  const hit = perStore.get(key);
  if (hit?.revision === revision) return hit;
  const units = (await store.publishedUnits(election, level))
    .map((u) => u.doc as ResultUnit)
    .sort(byUnitCode);
  const entry = { revision, units };
  perStore.set(key, entry);
  return entry;
}

/** Tabulations per store and election, kept until the next import changes the revision. */
const CACHE = new WeakMap<Store, Map<string, CachedElection>>();

async function cached(store: Store, election: ElectionDef): Promise<CachedElection> {
  const revision = await store.revision(election.id);
  let perStore = CACHE.get(store);
  if (!perStore) CACHE.set(store, (perStore = new Map()));
  const hit = perStore.get(election.id);
  if (hit && hit.revision === revision) return hit;
  const entry: CachedElection = {
    revision,
    // the previous revision's snapshot, patched with what changed since where the store can
    columns: await store.currentActaColumns(election.id, election.choices.length, hit?.columns),
    places: await store.places(election.id),
    byLevel: new Map(),
    sums: null,
    mesaIndex: null,
    namer: null,
    mesaOrder: null,
    extent: undefined,
  };
  perStore.set(election.id, entry);
  return entry;
}

/** Actas summed between two turns of the event loop (a few milliseconds' work). */
const SUM_STEP = 8192;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The per-place sums of a snapshot's actas (aggregate.ts, `placeSums`), a step of `step` actas
 * after each turn of the event loop: summed at once nationally (86,488 actas) it held a server's
 * event loop 0.1–0.3 s after the start's snapshot read, and every reader waited. The CLI sums
 * through the same steps.
 */
export async function sumPlacesInTurns(
  cols: ActaColumns,
  pendingFiguresCount: boolean,
  step = SUM_STEP,
): Promise<PlaceSums> {
  const sums = placeSums(cols, pendingFiguresCount);
  do await turn();
  while (!sumPlaceRows(sums, step));
  return sums;
}

/** The revision's per-place sums, summed once (the first caller's steps are every caller's). */
function sumsOf(c: CachedElection, election: ElectionDef): Promise<PlaceSums> {
  return (c.sums ??= sumPlacesInTurns(c.columns, election.pendingFiguresCount ?? false));
}

/**
 * The election's current actas as columns, from the snapshot the results documents use (loaded
 * once per store revision).
 */
export async function currentColumns(store: Store, election: ElectionDef): Promise<ActaColumns> {
  return (await cached(store, election)).columns;
}

/**
 * Results of an election at a level (optionally one unit), from the store's current actas. The
 * level is one of the election's jurisdiction (checked by the caller: the services, the CLI). A
 * mesa's name says its place code's word in `lang` (the API's documents: Spanish; the CLI: its run's).
 */
export async function buildResults(
  store: Store,
  election: ElectionDef,
  level: Level,
  code?: string,
  lang: Lang = 'es',
): Promise<ResultsDocument> {
  if (election.published) {
    // an election known only from published aggregates: the units as the source gives them
    const { revision, units } = await publishedLevel(store, election.id, level);
    const head = { election: election.id, revision, label: election.label, level };
    return { ...head, units: code === undefined ? units : units.filter((u) => u.code === code) };
  }
  const j = requireJurisdiction(election.jurisdiction);
  if (level === MESA) {
    const { c, facts } = await withFacts(store, election);
    const head = { election: election.id, revision: c.revision, label: election.label, level };
    const index = (c.mesaIndex ??= new Map(c.columns.mesa.map((m, i) => [m, i])));
    const at = code === undefined ? undefined : index.get(code);
    const only = code === undefined ? undefined : at === undefined ? [] : [at];
    return { ...head, units: mesaUnits(c, election, j, { only, facts, lang }) };
  }
  const c = await cached(store, election);
  // the revision of the snapshot tabulated below, read before it
  const head = { election: election.id, revision: c.revision, label: election.label, level };
  const name = (c.namer ??= unitNamer(j, c.places));
  let all = c.byLevel.get(level);
  if (!all) {
    const flags = await unitFlags(store, election.id, c.revision, j, level);
    const sums = await sumsOf(c, election);
    const units = placeSumsUnits(sums, j, level);
    const x = await extentOf(c, election, sums);
    // units by their code's number (circunscripción 1, 2, … 10), the units to come among them
    all = [
      ...withExtent(
        units.map((u) => resultUnit(u, election, name(level, u.code))),
        levelExtent(x, level, (l) => coarserExtent(election, x as ElectionExtent, l, j, sums)),
        level === NATIONAL,
        // named as the stored units are (the place table's "ASUNCION, CHACHAPOYAS, AMAZONAS"),
        // else by the universe's name read the same way (abroad)
        (u) => {
          const named = name(level, u.unit);
          const toCome = unitToCome(level, u, election.choices.length);
          const shown = named === u.unit ? universePlaceName(j, level, u.name) : named;
          return resultUnit(toCome, election, shown);
        },
      ),
    ]
      .map((u) => ({ ...u, ...flags(u.code) }))
      .sort(byUnitCode);
    if (level === NATIONAL) all = await withOutstanding(store, election, c.revision, all);
    c.byLevel.set(level, all);
  }
  return { ...head, units: code === undefined ? all : all.filter((u) => u.code === code) };
}

/**
 * The national unit by the status's rule (status.ts, `actasStatus`), so its actas and electors to
 * come agree with the status beside them: an acta known only by quarantined rows is one of its
 * actas, not processed, its electors unknown (unless a universe expects it); a source that declares its count provisional has
 * more than its file, electors unknown.
 */
async function withOutstanding(
  store: Store,
  election: ElectionDef,
  revision: string,
  units: readonly ResultUnit[],
): Promise<readonly ResultUnit[]> {
  const q = (await quarantinedOnly(store, election, revision)).length;
  const open = election.manifest?.status.kind === 'provisional';
  if (q === 0 && !open) return units;
  return units.map((u) => {
    if (u.actas === null || u.actas === undefined) return { ...u, eligibleRemaining: null };
    const a = u.actas;
    const stored = a.counted + a.resolved + a.annulled + a.notInstalled + a.pending + a.jee;
    const total = Math.max(a.total, stored + q);
    const pctProcessed = total > 0 ? percentCounted(a.processed, total) : a.pctProcessed;
    // a universe that expects the acta already counts it and its electors
    const known = !open && total === a.total;
    const eligibleRemaining = known ? u.eligibleRemaining : null;
    return { ...u, actas: { ...a, total, pctProcessed }, eligibleRemaining };
  });
}

/**
 * The snapshot and its actas' facts (mesaFacts) at one revision: an import committed between the
 * two reads makes both be read again, so a row's version and hash are its figures'. Still moving
 * after a few tries (imports back to back), the rows go without facts rather than wait.
 */
async function withFacts(
  store: Store,
  election: ElectionDef,
): Promise<{ c: CachedElection; facts: MesaFactsAt | null }> {
  let c = await cached(store, election);
  let facts = await mesaFacts(store, election, c.revision);
  for (let tries = 1; facts === null && tries < 3; tries++) {
    c = await cached(store, election);
    facts = await mesaFacts(store, election, c.revision);
  }
  return { c, facts };
}

/** A mesa unit with its acta's facts and polling place (none known: as it is). */
function withMesaFacts(u: ResultUnit, at: MesaFactsAt | null): ResultUnit {
  const f = at?.facts.get(u.code);
  if (at === null || f === undefined) return u;
  return { ...u, ...f, pollingPlace: at.pollingPlace.get(u.code) ?? null };
}

/**
 * The mesas of a snapshot at the indexes `only` (all: undefined), each with its mesa figures and
 * its name's words in `lang`.
 */
function mesaUnits(
  c: CachedElection,
  election: ElectionDef,
  j: LoadedJurisdiction,
  at: { only: readonly number[] | undefined; facts: MesaFactsAt | null; lang: Lang },
): ResultUnit[] {
  const { only, facts, lang } = at;
  const cols = c.columns;
  const pendingFiguresCount = election.pendingFiguresCount ?? false;
  const name = (c.namer ??= unitNamer(j, c.places));
  const index = (c.mesaIndex ??= new Map(cols.mesa.map((m, i) => [m, i])));
  const units =
    tabulateColumns(cols, j, [MESA], { pendingFiguresCount, ...(only ? { only } : {}) }).get(
      MESA,
    ) ?? [];
  const placeOf = (mesa: string): string | undefined => {
    const i = index.get(mesa);
    return i === undefined ? undefined : cols.ubigeos[cols.ubigeoOf[i] as number];
  };
  return units.map((u) =>
    withMesaFacts(
      mesaFigures(resultUnit(u, election, name(MESA, u.code, placeOf(u.code), lang))),
      facts,
    ),
  );
}

/** Mesas tabulated at a time in a list read by pages (mesaList): a page's documents held at once. */
export const MESA_PAGE = 1024;

/** The mesas of an election or of one unit, read a page at a time (mesaList). */
export interface MesaList {
  readonly head: Omit<ResultsDocument, 'units'>;
  /** How many mesas the pages hold. */
  readonly count: number;
  readonly pages: () => AsyncGenerator<readonly ResultUnit[]>;
}

/**
 * Every mesa of the election (`unit` null) or inside one unit of a place level (a district, a
 * province, a department), with its mesa figures, in code order, `size` at a time with a turn of
 * the event loop between pages. One snapshot of the store (the one every results read of its
 * revision shares): an import committed while the pages are read does not mix into the list, and
 * only a page's documents are held at once (the nation's 86,488 mesas as documents would be
 * hundreds of MB). The unit is the level's code of each acta's place (the jurisdiction's rule), so
 * it is the same unit the level's results sum. An election known only from published aggregates
 * has no mesas: none. The mesas' names in `lang` (buildResults).
 */
export async function mesaList(
  store: Store,
  election: ElectionDef,
  unit: { readonly level: Level; readonly code: string } | null,
  size = MESA_PAGE,
  lang: Lang = 'es',
): Promise<MesaList> {
  const head = { election: election.id, label: election.label, level: MESA };
  if (election.published) {
    const revision = await store.revision(election.id);
    return { head: { ...head, revision }, count: 0, pages: async function* () {} };
  }
  const j = requireJurisdiction(election.jurisdiction);
  const { c, facts } = await withFacts(store, election);
  const order = (c.mesaOrder ??= mesaOrder(c.columns.mesa));
  let only: readonly number[] = order;
  if (unit !== null) {
    const cols = c.columns;
    const unitOf = j.unitCoder(unit.level);
    // a place's unit once per distinct place, then each acta by its place's index
    const inside = cols.ubigeos.map((place) => unitOf(place) === unit.code);
    only = order.filter((i) => inside[cols.ubigeoOf[i] as number]);
  }
  return {
    head: { ...head, revision: c.revision },
    count: only.length,
    pages: async function* () {
      for (let from = 0; from < only.length; from += size) {
        if (from > 0) await turn();
        const at = { only: only.slice(from, from + size), facts, lang };
        yield mesaUnits(c, election, j, at).sort(byUnitCode);
      }
    },
  };
}

/** The columns' indexes in their mesas' code order (byUnitCode's). */
function mesaOrder(mesa: readonly string[]): number[] {
  return mesa
    .map((_, i) => i)
    .sort((a, b) => byUnitCode({ code: mesa[a] as string }, { code: mesa[b] as string }));
}

/** Every mesa inside one unit of a place level, as one document (mesaList's pages, all). */
export async function buildUnitMesas(
  store: Store,
  election: ElectionDef,
  level: Level,
  code: string,
  lang: Lang = 'es',
): Promise<ResultsDocument> {
  const list = await mesaList(store, election, { level, code }, MESA_PAGE, lang);
  const units: ResultUnit[] = [];
  for await (const page of list.pages()) units.push(...page);
  return { ...list.head, units };
}

/**
 * The place level a unit code names, finest first (Peru's codes differ in length: 150101 a
 * district, 1501 a province, 15 a department): the level of an acta's place that codes to it,
 * else of a place in the jurisdiction's table (a unit with no acta yet); undefined: none.
 */
export async function placeLevelOf(
  store: Store,
  election: ElectionDef,
  code: string,
): Promise<Level | undefined> {
  const j = requireJurisdiction(election.jurisdiction);
  const levels = [...j.placeLevels].reverse();
  const places = election.published ? [] : (await cached(store, election)).columns.ubigeos;
  return (
    levels.find((l) => places.some((p) => j.unitCoder(l)(p) === code)) ??
    levels.find((l) => j.tablePlace(l, code) !== undefined)
  );
}

/** A level's expected units and extent: the universe's own level, or one coarser (memoised). */
function levelExtent(
  x: ElectionExtent | null,
  level: Level,
  coarser: (level: Level) => LevelExtent | null,
): LevelExtent | null {
  if (x === null || x.extent === null) return null;
  if (level === NATIONAL || level === x.level) return { universe: x.universe, extent: x.extent };
  if (!x.coarser.has(level)) x.coarser.set(level, coarser(level));
  return x.coarser.get(level) ?? null;
}

/**
 * A level's units over the count's expected extent (docs/elections.md, `universe`): the national
 * unit, the universe's own level and the levels it rolls up to take their actas and electors to
 * come from it, and a unit the universe expects with no acta in the store yet is listed with
 * nothing counted. Finer levels, and an election without a universe, are the store's (it is then
 * the whole count).
 */
function withExtent(
  units: ResultUnit[],
  x: LevelExtent | null,
  national: boolean,
  toCome: (u: UniverseUnit) => ResultUnit,
): ResultUnit[] {
  if (x === null) return units;
  if (national) return units.map((u) => overExtent(u, x.extent.national));
  const held = new Set(units.map((u) => u.code));
  const adjusted = units.map((u) => overExtent(u, x.extent.units.get(u.code)));
  const missing = x.universe.filter((u) => !held.has(u.unit)).map(toCome);
  return missing.length === 0
    ? adjusted
    : [...adjusted, ...missing].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The count's expected extent of an acta election (null: no universe, or published aggregates):
 * for the status, its problems; for the projection, the units and actas still to come.
 */
export async function countExtent(
  store: Store,
  election: ElectionDef,
): Promise<ElectionExtent | null> {
  if (election.published) return null;
  const c = await cached(store, election);
  return extentOf(c, election, await sumsOf(c, election));
}

/**
 * The revision's extent, read once: against the election's mesa list where it declares one (an
 * acta of a mesa the list lacks fills no expected acta), read only when it declares a universe.
 */
async function extentOf(
  c: CachedElection,
  election: ElectionDef,
  sums: PlaceSums,
): Promise<ElectionExtent | null> {
  if (c.extent !== undefined) return c.extent;
  const mesas = election.manifest?.universe === undefined ? null : await declaredMesas(election);
  const j = requireJurisdiction(election.jurisdiction);
  return (c.extent ??= electionExtent(election, j, sums, mesas));
}
