import type { ElectionDef } from '../core/model/acta.js';
import { CIRCUNSCRIPCIONES } from '../core/rulesets/peru-circunscripciones.js';
import type { ActaColumns } from '../core/tally/acta-columns.js';
import {
  tabulateColumns,
  unitPercentages,
  type Level,
  type UnitResult,
} from '../core/tally/aggregate.js';
import type { PlaceNames, Store } from '../store/store.js';

/** One unit of a results document: what `cifra results`, exports and the API return. */
export interface ResultUnit {
  readonly level: Level;
  readonly code: string;
  readonly name: string;
  readonly choices: readonly {
    readonly id: string;
    readonly label: string;
    readonly party: string;
    readonly votes: number;
    readonly pctValid: string;
    readonly pctEmitted: string;
    /** Preferential votes by candidate list position (1-based in `position`), when present. */
    readonly candidates?: readonly { readonly position: number; readonly votes: number }[];
  }[];
  readonly valid: number;
  readonly blank: number;
  readonly null: number;
  readonly impugned: number;
  readonly emitted: number;
  readonly eligible: number;
  readonly participation: string;
  readonly blankPctEmitted: string;
  readonly nullPctEmitted: string;
  readonly actas: UnitResult['actas'] & {
    readonly processed: number;
    readonly pctProcessed: string;
  };
  /** Eligible voters of mesas whose figures are not in yet. */
  readonly eligibleRemaining: number;
}

export interface ResultsDocument {
  readonly election: string;
  readonly label: string;
  readonly level: Level;
  readonly units: readonly ResultUnit[];
}

/** Names of units from the places the sources gave, indexed once per request. */
export function unitNamer(
  places: ReadonlyMap<string, PlaceNames>,
  ubigeoOfMesa: (mesa: string) => string | undefined = () => undefined,
): (level: Level, code: string) => string {
  const byPrefix = new Map<string, PlaceNames>();
  for (const [ubigeo, p] of places) {
    for (const prefix of [ubigeo.slice(0, 2), ubigeo.slice(0, 4), ubigeo])
      if (!byPrefix.has(prefix)) byPrefix.set(prefix, p);
  }
  return (level, code) => {
    switch (level) {
      case 'national':
        return 'TOTAL';
      case 'ambito':
        return code === 'PERU' ? 'PERÚ' : 'EXTRANJERO';
      case 'circunscripcion':
        return CIRCUNSCRIPCIONES.find((c) => String(c.code) === code)?.name ?? code;
      case 'department':
      case 'province':
      case 'district': {
        const p = byPrefix.get(code);
        if (!p) return code;
        return level === 'department'
          ? p.department
          : level === 'province'
            ? `${p.province}, ${p.department}`
            : `${p.district}, ${p.province}, ${p.department}`;
      }
      case 'mesa': {
        const u = ubigeoOfMesa(code);
        const p = u ? places.get(u) : undefined;
        return p ? `Mesa ${code} — ${p.district}, ${p.province}` : `Mesa ${code}`;
      }
    }
  };
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
      pctValid: pct.pctValid[i] ?? '0.000',
      pctEmitted: pct.pctEmitted[i] ?? '0.000',
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
    participation: pct.participation,
    blankPctEmitted: pct.blankPctEmitted,
    nullPctEmitted: pct.nullPctEmitted,
    actas: { ...u.actas, processed: u.actasProcessed, pctProcessed: pct.pctActasProcessed },
    eligibleRemaining: u.eligibleRemaining,
  };
}

interface CachedElection {
  readonly revision: string;
  /** The current actas as columns: one snapshot per store revision, shared with the projection. */
  readonly columns: ActaColumns;
  readonly places: ReadonlyMap<string, PlaceNames>;
  readonly byLevel: Map<Level, readonly ResultUnit[]>;
  /** Each mesa's index in the columns, built on the first mesa lookup. */
  mesaIndex: Map<string, number> | null;
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
    mesaIndex: null,
  };
  perStore.set(election.id, entry);
  return entry;
}

/**
 * The election's current actas as columns, from the snapshot the results documents use (loaded
 * once per store revision).
 */
export async function currentColumns(store: Store, election: ElectionDef): Promise<ActaColumns> {
  return (await cached(store, election)).columns;
}

/** Results of an election at a level (optionally one unit), from the store's current actas. */
export async function buildResults(
  store: Store,
  election: ElectionDef,
  level: Level,
  code?: string,
): Promise<ResultsDocument> {
  const head = { election: election.id, label: election.label, level };
  if (election.published) {
    // an election known only from published aggregates: the units as the source gives them
    const units = (await store.publishedUnits(election.id, level)).map((u) => u.doc as ResultUnit);
    return { ...head, units: code === undefined ? units : units.filter((u) => u.code === code) };
  }
  const c = await cached(store, election);
  const cols = c.columns;
  const pendingFiguresCount = election.pendingFiguresCount ?? false;
  if (level === 'mesa') {
    const index = (c.mesaIndex ??= new Map(cols.mesa.map((m, i) => [m, i])));
    const at = code === undefined ? undefined : index.get(code);
    const only = code === undefined ? undefined : at === undefined ? [] : [at];
    const units =
      tabulateColumns(cols, ['mesa'], { pendingFiguresCount, ...(only ? { only } : {}) }).get(
        'mesa',
      ) ?? [];
    const name = unitNamer(c.places, (mesa) => {
      const i = index.get(mesa);
      return i === undefined ? undefined : cols.ubigeos[cols.ubigeoOf[i] as number];
    });
    return { ...head, units: units.map((u) => resultUnit(u, election, name('mesa', u.code))) };
  }
  let all = c.byLevel.get(level);
  if (!all) {
    const name = unitNamer(c.places);
    const units = tabulateColumns(cols, [level], { pendingFiguresCount }).get(level) ?? [];
    all = units.map((u) => resultUnit(u, election, name(level, u.code)));
    c.byLevel.set(level, all);
  }
  return { ...head, units: code === undefined ? all : all.filter((u) => u.code === code) };
}
