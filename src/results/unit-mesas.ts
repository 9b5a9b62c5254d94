import { issue, type Issue } from '../core/issues.js';
import { MESA, NATIONAL } from '../core/model/jurisdiction.js';
import type { Level } from '../core/tally/aggregate.js';
import type { Store } from '../store/store.js';
import { resultsCsv, resultsCsvChunks } from './csv.js';
import { buildUnitMesas, MESA_PAGE, mesaList, placeLevelOf, type Lang } from './documents.js';
import { checkLevel, electionWithJurisdiction, getResults, type Found } from './service.js';
import { figuresStatus, type ServedResults } from './status.js';

/** Where a request names the unit: the query's `unit`, or the document path's level and code. */
export type UnitAt = readonly string[];

/**
 * Every mesa of one unit (a district, province or department; any level between the nation and
 * the mesa) with its state and figures: the results document at the mesa level, narrowed to the
 * unit. `level` absent: the place level the code names (`placeLevelOf`). The nation's whole list
 * is `query_too_costly` here (as one document it would be hundreds of MB: getMesasCsv streams
 * it); a unit the election does not have is `unknown_ubigeo`. The mesas' names in `lang`.
 */
export async function getUnitMesas(
  store: Store,
  id: string | undefined,
  code: string,
  level?: Level,
  at: UnitAt = ['query', 'unit'],
  lang: Lang = 'es',
): Promise<Found<ServedResults>> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def, jurisdiction } = e.value;
  if (level !== undefined) {
    const bad = checkLevel(jurisdiction, level);
    if (bad.length > 0) return { ok: false, issues: bad };
    if (level === NATIONAL || level === MESA) return { ok: false, issues: [tooWide(level, at)] };
  }
  const unitLevel = level ?? (await placeLevelOf(store, def, code));
  const unknown = issue('unknown_ubigeo', at, { level: level ?? null, code });
  if (unitLevel === undefined) return { ok: false, issues: [unknown] };
  // the unit is one the level's results list (counted, or to come in the universe)
  const unit = await getResults(store, def.id, unitLevel, code);
  if (!unit.ok) return { ok: false, issues: [unknown] };
  const doc = await buildUnitMesas(store, def, unitLevel, code, lang);
  return { ok: true, value: { ...doc, status: await figuresStatus(store, def) } };
}

/** The nation's (or a mesa's) "unit" is no unit to list mesas of: too wide, or one mesa. */
function tooWide(level: Level, at: UnitAt): Issue {
  return issue('query_too_costly', at, {
    level,
    missing: 'unit',
    hint: 'a district, province or department code; every mesa as CSV: /api/v1/results?level=mesa&format=csv or cifra export --level mesa',
  });
}

/** The nation's mesas as CSV: how many, and the lines, written as they are read. */
export interface MesasCsv {
  readonly election: string;
  /** The election's revision the lines are read at (their snapshot's). */
  readonly revision: string;
  readonly count: number;
  readonly lines: AsyncGenerator<string>;
}

/**
 * Every mesa of the election as CSV, a page of mesas at a time from one snapshot (mesaList): the
 * nation's whole list for a newsroom, in constant memory beyond the snapshot every results read
 * shares. The same columns as a unit's list, the choice columns the election's; names in `lang`.
 */
export async function getMesasCsv(
  store: Store,
  id: string | undefined,
  lang: Lang = 'es',
): Promise<Found<MesasCsv>> {
  const e = await electionWithJurisdiction(store, id);
  if (!e.ok) return e;
  const { def } = e.value;
  const list = await mesaList(store, def, null, MESA_PAGE, lang);
  const status = await figuresStatus(store, def);
  const lines = resultsCsvChunks({ level: MESA, status }, def.choices, list.pages());
  return {
    ok: true,
    value: { election: def.id, revision: list.head.revision, count: list.count, lines },
  };
}

/**
 * A results document as CSV (resultsCsv), ending in a line break, under its election's choice
 * columns: a unit's file and the nation's have one header, counted or not.
 */
export async function documentCsv(store: Store, doc: ServedResults): Promise<string> {
  const e = await electionWithJurisdiction(store, doc.election);
  // the document was just read from this election: its absence now is a bug
  if (!e.ok) throw new Error(`the election ${doc.election} of a results document is gone`);
  return resultsCsv(doc, e.value.def.choices) + '\n';
}
