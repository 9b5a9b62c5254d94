import { NATIONAL } from '../core/model/jurisdiction.js';
import type { Level } from '../core/tally/aggregate.js';
import type { LoadedJurisdiction } from '../jurisdictions/load.js';
import type { FlaggedActas, Store } from '../store/store.js';
import { perRevision } from './per-revision.js';

/** A unit's actas at the JEE by their observation, and its conflicted actas. */
export interface UnitFlags {
  /** Current actas a later, unapplied version conflicts with (the acta document has both). */
  readonly actasConflicted: number;
  /** Actas at the JEE per observation (the source's word; null: none given), most first. */
  readonly jeeObservations: readonly { readonly observation: string | null; actas: number }[];
}

const NONE: UnitFlags = { actasConflicted: 0, jeeObservations: [] };

const MEMO = new WeakMap<Store, Map<string, Promise<unknown>>>();

/** The store's flagged groups at this revision, read once per revision (Store.flaggedActas). */
function flaggedAt(store: Store, election: string, revision: string): Promise<FlaggedActas[]> {
  return perRevision(MEMO, store, `${election}|${revision}`, () => store.flaggedActas(election));
}

/**
 * Each unit's flags at a level, by unit code (the national level: its one unit, any code), from
 * the groups the store counted by place: a unit sums its places'. A unit with none: NONE.
 */
export async function unitFlags(
  store: Store,
  election: string,
  revision: string,
  j: LoadedJurisdiction,
  level: Level,
): Promise<(code: string) => UnitFlags> {
  const groups = await flaggedAt(store, election, revision);
  const unitOf = level === NATIONAL ? () => NATIONAL : j.unitCoder(level);
  const conflicted = new Map<string, number>();
  const jee = new Map<string, Map<string | null, number>>();
  for (const g of groups) {
    const unit = unitOf(g.ubigeo);
    if (g.conflict) conflicted.set(unit, (conflicted.get(unit) ?? 0) + g.actas);
    if (!g.jee) continue;
    let by = jee.get(unit);
    if (by === undefined) jee.set(unit, (by = new Map()));
    by.set(g.observation, (by.get(g.observation) ?? 0) + g.actas);
  }
  return (code) => {
    const key = level === NATIONAL ? NATIONAL : code;
    const by = jee.get(key);
    if (by === undefined && !conflicted.has(key)) return NONE;
    const jeeObservations = [...(by ?? [])]
      .map(([observation, actas]) => ({ observation, actas }))
      // most actas first; a tie by the word, so the order is the data's, not the read's
      .sort(
        (a, b) => b.actas - a.actas || ((a.observation ?? '') < (b.observation ?? '') ? -1 : 1),
      );
    return { actasConflicted: conflicted.get(key) ?? 0, jeeObservations };
  };
}
