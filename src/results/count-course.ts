import type { Acta, ElectionDef } from '../core/model/acta.js';
import { NATIONAL } from '../core/model/jurisdiction.js';
import { percentHalfUp } from '../core/ratio.js';
import { columnsFromActas } from '../core/tally/acta-columns.js';
import { tabulateColumns } from '../core/tally/aggregate.js';
import { requireJurisdiction } from '../jurisdictions/load.js';
import type { Store } from '../store/store.js';
import { leadOf, type CoursePoint } from './service.js';
import { expectedActas } from './status.js';

/** What the course has replayed of one election: its actas as of an import, and its points. */
interface Replayed {
  readonly through: number;
  readonly actas: ReadonlyMap<string, Acta>;
  readonly points: readonly CoursePoint[];
}

/** Per store and election: the replay so far, extended by the imports committed since. */
const REPLAYED = new WeakMap<Store, Map<string, Promise<Replayed>>>();

/**
 * An acta election's count course from the store's own history (review 8 H2): one point per
 * committed import that wrote a version, at the import's `finishedAt`, with the national count as
 * of it (every acta's latest applied version then). The same from the CLI, the server and
 * `cifra publish`, whoever read it and when; kept per store and extended import by import.
 */
export function actaCourse(store: Store, def: ElectionDef): Promise<readonly CoursePoint[]> {
  let byElection = REPLAYED.get(store);
  if (byElection === undefined) REPLAYED.set(store, (byElection = new Map()));
  const before =
    byElection.get(def.id) ?? Promise.resolve({ through: 0, actas: new Map(), points: [] });
  // chained: two readers at once extend the replay once, in order
  const next = before
    .catch(() => ({ through: 0, actas: new Map(), points: [] }))
    .then((r) => extend(store, def, r));
  byElection.set(def.id, next);
  return next.then((r) => r.points);
}

async function extend(store: Store, def: ElectionDef, from: Replayed): Promise<Replayed> {
  const imports = (await store.listImports(def.id)).filter(
    (i) => i.status === 'committed' && i.id > from.through,
  );
  if (imports.length === 0) return from;
  const byImport = new Map<number, Acta[]>();
  for (const v of await store.appliedVersions(def.id, from.through)) {
    if (v.importId === null) continue;
    const list = byImport.get(v.importId);
    if (list === undefined) byImport.set(v.importId, [v.acta]);
    else list.push(v.acta);
  }
  const actas = new Map(from.actas);
  const points = [...from.points];
  let through = from.through;
  for (const i of [...imports].sort((a, b) => a.id - b.id)) {
    const written = byImport.get(i.id);
    through = i.id;
    // an import that changed no acta leaves the count where it was: no new point
    if (written === undefined || i.finishedAt === undefined) continue;
    for (const a of written) actas.set(a.mesa, a);
    points.push(pointOf(def, [...actas.values()], i.finishedAt));
  }
  return { through, actas, points };
}

/** The national count of these actas, as a course point at `time`. */
function pointOf(def: ElectionDef, actas: readonly Acta[], time: string): CoursePoint {
  const j = requireJurisdiction(def.jurisdiction);
  const cols = columnsFromActas(actas, def.choices.length);
  const pendingFiguresCount = def.pendingFiguresCount ?? false;
  const n = tabulateColumns(cols, j, [NATIONAL], { pendingFiguresCount }).get(NATIONAL)?.[0];
  const votes = def.choices.map((c, k) => ({ id: c.id, label: c.label, votes: n?.votes[k] ?? 0 }));
  // the universe's actas where the manifest has one, as the summary's count (a partial file is
  // not the whole count)
  const total = Math.max(n?.actas.total ?? 0, expectedActas(def) ?? 0);
  const counted = n?.actasProcessed ?? 0;
  return {
    time,
    actasCounted: counted,
    actasTotal: total,
    pctCounted: percentHalfUp(counted, total),
    valid: n?.valid ?? 0,
    emitted: n?.emitted ?? 0,
    votes,
    ...leadOf(votes),
  };
}
