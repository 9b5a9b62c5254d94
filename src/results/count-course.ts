import type { ElectionDef } from '../core/model/acta.js';
import { NATIONAL } from '../core/model/jurisdiction.js';
import { percentCounted } from '../core/ratio.js';
import type { ActaColumns } from '../core/tally/acta-columns.js';
import { tabulateColumns } from '../core/tally/aggregate.js';
import { requireJurisdiction } from '../jurisdictions/load.js';
import type { AppliedVersion, ImportRecord, Store } from '../store/store.js';
import { appliedPages } from './applied-pages.js';
import { LatestActas } from './latest-actas.js';
import type { CoursePoint } from './document-schemas.js';
import { leadOf } from './leaders.js';
import { declaredActas } from './status.js';

/**
 * What the course has replayed of one election: its actas as of an import, and its points. The
 * actas are typed rows, not objects (latest-actas.ts), updated in place: a replay that fails is
 * dropped whole (actaCourse starts again from none), so no reader sees one half-extended.
 */
interface Replayed {
  readonly through: number;
  readonly actas: LatestActas;
  /**
   * True when seeded from a publish's record (seedCourse): `actas` then holds only the mesas read
   * since, and a mesa an import writes is first read as it stood at `through` (its history).
   */
  readonly partial: boolean;
  /** The national sums of those actas (the tally's own, kept by difference import by import). */
  readonly sums: Sums;
  readonly points: readonly CoursePoint[];
}

/** A national count: votes per choice, valid, emitted, actas stored and processed. */
export interface Sums {
  readonly votes: readonly number[];
  readonly valid: number;
  readonly emitted: number;
  readonly actas: number;
  readonly processed: number;
}

/** Per store and election: the replay so far, extended by the imports committed since. */
const REPLAYED = new WeakMap<Store, Map<string, Promise<Replayed>>>();

/**
 * An acta election's count course from the store's own history (review 8 H2): one point per
 * committed import that wrote a version, at the import's `finishedAt`, with the national count as
 * of it (every acta's latest applied version then). The same from the CLI, the server and
 * `cifra publish`, whoever read it and when; kept per store and extended import by import.
 */
export function actaCourse(
  store: Store,
  def: ElectionDef,
  page?: number,
  background?: Background,
): Promise<readonly CoursePoint[]> {
  let byElection = REPLAYED.get(store);
  if (byElection === undefined) REPLAYED.set(store, (byElection = new Map()));
  const none = (): Replayed => ({
    through: 0,
    actas: new LatestActas(def.choices.length),
    sums: { votes: def.choices.map(() => 0), valid: 0, emitted: 0, actas: 0, processed: 0 },
    points: [],
    partial: false,
  });
  // chained: two readers at once extend the replay once, in order
  const next = (byElection.get(def.id) ?? Promise.resolve(none()))
    .catch(none)
    .then((r) =>
      background === undefined
        ? reading(store, extend(store, def, r, page))
        : extend(store, def, r, page, () => giveWay(store, background)),
    );
  byElection.set(def.id, next);
  return next.then((r) => r.points);
}

/**
 * A replay nobody is waiting for (`cifra serve`'s build at start): between pages it gives way to
 * the replays readers are waiting for, and `stopped()` ends it there (CourseStopped), mid-election.
 */
export interface Background {
  readonly stopped: () => boolean;
}

/** A background replay told to stop: dropped whole, as a failed one (the next reader starts anew). */
export class CourseStopped extends Error {
  constructor() {
    super('count course build stopped');
  }
}

/** Per store: the replays readers await, running now (not those chained behind another). */
const READING = new WeakMap<Store, Set<Promise<unknown>>>();

function reading<T>(store: Store, replay: Promise<T>): Promise<T> {
  let running = READING.get(store);
  if (running === undefined) READING.set(store, (running = new Set()));
  const tracked = running;
  tracked.add(replay);
  const done = (): void => void tracked.delete(replay);
  replay.then(done, done);
  return replay;
}

/** A background replay's pause between pages: until no reader's replay runs, unless stopped. */
async function giveWay(store: Store, b: Background): Promise<void> {
  for (;;) {
    if (b.stopped()) throw new CourseStopped();
    const running = [...(READING.get(store) ?? [])];
    if (running.length === 0) return;
    await Promise.allSettled(running);
  }
}

/**
 * What a publish keeps of an election's course (in its version's state file), so that the next
 * publish, another process, extends it by the imports since instead of replaying every version.
 */
export interface CourseSeed {
  /** The last committed import replayed. */
  readonly through: number;
  readonly sums: Sums;
  readonly points: readonly CoursePoint[];
}

/**
 * Starts the store's course of `def` from `seed` (a publish's record, which the caller has checked
 * is of these imports up to `seed.through`), unless the store has one already.
 */
export function seedCourse(store: Store, def: ElectionDef, seed: CourseSeed): void {
  let byElection = REPLAYED.get(store);
  if (byElection === undefined) REPLAYED.set(store, (byElection = new Map()));
  if (byElection.has(def.id)) return;
  const actas = new LatestActas(def.choices.length);
  byElection.set(def.id, Promise.resolve({ ...seed, actas, partial: true }));
}

/** The course as replayed so far for the store (null: none yet, or its replay failed). */
export async function courseSeed(store: Store, def: ElectionDef): Promise<CourseSeed | null> {
  const r = await REPLAYED.get(store)
    ?.get(def.id)
    ?.catch(() => null);
  return r ? { through: r.through, sums: r.sums, points: r.points } : null;
}

/**
 * A seeded replay's missing mesas among `mesas`, set as they stood at `through`: each one's last
 * applied version (not a conflict) written by an import up to it; a mesa with none stays unset.
 */
async function fillPartial(
  store: Store,
  def: ElectionDef,
  from: Replayed,
  mesas: Iterable<string>,
): Promise<void> {
  for (const mesa of mesas) {
    if (from.actas.has(mesa)) continue;
    const stood = (await store.actaHistory(def.id, mesa))
      .filter((v) => v.kind !== 'conflict' && v.importId !== null && v.importId <= from.through)
      .sort((a, b) => a.version - b.version)
      .at(-1);
    if (stood) from.actas.set(stood.acta);
  }
}

/** A replay being extended: the import whose versions are being applied, and the count so far. */
interface Extending {
  readonly from: Replayed;
  readonly byId: ReadonlyMap<number, ImportRecord>;
  open: ImportRecord | null;
  sums: Sums;
  readonly points: CoursePoint[];
}

async function extend(
  store: Store,
  def: ElectionDef,
  from: Replayed,
  page: number | undefined,
  between?: () => Promise<void>,
): Promise<Replayed> {
  const imports = (await store.listImports(def.id))
    .filter((i) => i.status === 'committed' && i.id > from.through)
    .sort((a, b) => a.id - b.id);
  const last = imports.at(-1);
  if (last === undefined) return from;
  const x: Extending = {
    from,
    byId: new Map(imports.map((i) => [i.id, i])),
    open: null,
    sums: from.sums,
    points: [...from.points],
  };
  const range = { afterImport: from.through, upToImport: last.id };
  for await (const versions of appliedPages(store, def.id, range, page, between)) {
    for (let s = 0; s < versions.length;) {
      // a run of one import's versions (imports are written one at a time: theirs are contiguous)
      const id = versions[s]?.importId;
      let e = s + 1;
      while (e < versions.length && versions[e]?.importId === id) e++;
      await applyRun(store, def, x, versions.slice(s, e));
      s = e;
    }
  }
  closeImport(def, x);
  return {
    through: last.id,
    actas: from.actas,
    sums: x.sums,
    points: x.points,
    partial: from.partial,
  };
}

/**
 * Applies a run of one import's versions: the count moves by what they changed (their mesas now,
 * less the same mesas before), exactly as by the whole import at once, the national sums being
 * sums over actas. An import that changed no acta leaves the count where it was: no point.
 */
async function applyRun(
  store: Store,
  def: ElectionDef,
  x: Extending,
  run: readonly AppliedVersion[],
): Promise<void> {
  const id = run[0]?.importId ?? null;
  if (id === null) return;
  if (x.open?.id !== id) {
    if (x.open !== null && id < x.open.id)
      throw new Error(`import ${id}'s versions after ${x.open.id}'s`);
    closeImport(def, x);
    x.open = x.byId.get(id) ?? null;
  }
  // an import not committed by the listing, or one without its end time, moves nothing
  if (x.open?.finishedAt === undefined) return;
  const written = run.map((v) => v.acta);
  const mesas = [...new Set(written.map((a) => a.mesa))];
  const actas = x.from.actas;
  if (x.from.partial) await fillPartial(store, def, x.from, mesas);
  const before = actas.columnsOf(mesas);
  for (const a of written) actas.set(a);
  x.sums = plus(x.sums, national(def, actas.columnsOf(mesas)), national(def, before), -1);
}

/** The open import's point, at its end, once all its versions are applied. */
function closeImport(def: ElectionDef, x: Extending): void {
  if (x.open?.finishedAt !== undefined)
    x.points.push(pointOf(def, x.sums, x.open.finishedAt, x.open.cut ?? null));
  x.open = null;
}

/** The national count of these actas, through the tally (the one rule of what counts). */
function national(def: ElectionDef, cols: ActaColumns): Sums {
  const j = requireJurisdiction(def.jurisdiction);
  const pendingFiguresCount = def.pendingFiguresCount ?? false;
  const n = tabulateColumns(cols, j, [NATIONAL], { pendingFiguresCount }).get(NATIONAL)?.[0];
  return {
    votes: def.choices.map((_, k) => n?.votes[k] ?? 0),
    valid: n?.valid ?? 0,
    emitted: n?.emitted ?? 0,
    actas: n?.actas.total ?? 0,
    processed: n?.actasProcessed ?? 0,
  };
}

/** a + b + sign × c, field by field (integers: exact). */
function plus(a: Sums, b: Sums, c: Sums, sign: number): Sums {
  const f = (x: number, y: number, z: number): number => x + y + sign * z;
  return {
    votes: a.votes.map((v, k) => f(v, b.votes[k] ?? 0, c.votes[k] ?? 0)),
    valid: f(a.valid, b.valid, c.valid),
    emitted: f(a.emitted, b.emitted, c.emitted),
    actas: f(a.actas, b.actas, c.actas),
    processed: f(a.processed, b.processed, c.processed),
  };
}

/** A national count as a course point at `time` (cifra's), of the source's `cut` (null: none given). */
function pointOf(def: ElectionDef, n: Sums, time: string, cut: string | null): CoursePoint {
  const votes = def.choices.map((c, k) => ({ id: c.id, label: c.label, votes: n.votes[k] ?? 0 }));
  // the universe's actas where the manifest has one, as the summary's count (a partial file is
  // not the whole count)
  const total = Math.max(n.actas, declaredActas(def).actas ?? 0);
  return {
    time,
    cut,
    actasCounted: n.processed,
    actasTotal: total,
    pctCounted: percentCounted(n.processed, total),
    valid: n.valid,
    emitted: n.emitted,
    votes,
    ...pointLead(def, votes),
  };
}

/** Who is ahead of a course point and by how much (leaders.ts: "Otras listas" leads nothing). */
export function pointLead(
  def: ElectionDef,
  votes: readonly { readonly id: string; readonly votes: number }[],
): { leader: string | null; margin: number } {
  const { leader, margin } = leadOf(def, votes);
  return { leader: leader?.id ?? null, margin };
}
