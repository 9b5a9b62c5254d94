import { z } from 'zod';
import { issue, type Issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import { bothLanguages, type Name, type Note } from '../core/model/note.js';
import {
  frameFromMesas,
  mesasFromColumns,
  mesasToCome,
  priorsByMesa,
  priorsToCome,
  type ProjectionMesa,
} from '../core/projection/frame-mesas.js';
import type { ActaColumns } from '../core/tally/acta-columns.js';
import type { Extent } from '../core/tally/extent.js';
import type { Level } from '../core/tally/aggregate.js';
import type { PriorFigures } from '../core/projection/prior.js';
import { frameFromSnapshot, type SnapshotUnit } from '../core/projection/frame-snapshot.js';
import type { ProjectionFrame } from '../core/projection/frame.js';
import { simulate, type ContestKind, type ProjectionResult } from '../core/projection/simulate.js';
import { loadRuleset } from '../elections/rulesets.js';
import type { Ruleset } from '../core/rulesets/ruleset.js';
import {
  loadJurisdiction,
  requireJurisdiction,
  type LoadedJurisdiction,
} from '../jurisdictions/load.js';
import {
  completeSnapshot,
  type CompletedSnapshot,
  type UniverseUnit,
} from '../core/projection/universe.js';
import { err, ok, type Result } from '../core/result.js';
import { rolledName } from './extent.js';
import { figureIn, figureLocales } from '../jurisdictions/figure-locale.js';
import { universeOf } from '../elections/universe.js';
import { previousChoicesOverUniverse } from '../elections/previous-round.js';
import { electionPriorHistory } from '../elections/prior-history.js';
import type { WithHistory } from '../core/projection/prior-history.js';
import { neighbourModel } from '../elections/adjacency.js';
import { StoreBusyError, storeFault, type Store } from '../store/store.js';
import { countExtent, currentColumns, type ResultUnit } from './documents.js';
import { driftNote, withPreviousCut, type CutUnits } from './previous-cut.js';
import { previousLevel } from './published-load.js';
import { election as findElection, type Found } from './service.js';
import { perRevision } from './per-revision.js';
import { DEFAULT_SEED, DEFAULT_SIMS } from './projection-defaults.js';

export { DEFAULT_SEED, DEFAULT_SIMS };

/** A projection of the final result: never an official figure, and labelled so everywhere. */
export interface ProjectionDocument extends ProjectionResult {
  readonly election: string;
  readonly kind: 'projection';
  readonly disclaimer: string;
  readonly method: 'mesas' | 'snapshot';
  readonly contest: ContestKind;
  readonly revision: string;
  /** What the projection covers, when it is less than the whole election (es/en). */
  readonly note?: Note;
  /** Units of the election's universe the source's snapshot leaves out (projected all the same). */
  readonly unitsAbsent?: readonly string[];
  /** Snapshot projections: the units given the previous round's count history (none: not used). */
  readonly historyUnits?: readonly string[];
  /** Snapshot projections: whether that history was used, and where (es/en). */
  readonly historyNote?: Note;
  /** Snapshot projections: whether the neighbours' term moved the units without a count (es/en). */
  readonly neighboursNote?: Note;
  /** Snapshot projections where the camp term acted: how its candidate was found (run 17, es/en). */
  readonly campNote?: Note;
  /** Per-mesa projections of an election naming a previous round: whether its mesas carried it (es/en). */
  readonly previousRoundNote?: Note;
  /** Snapshot projections: the units given an earlier cut of the same count (none: not used). */
  readonly driftUnits?: readonly string[];
  /** Snapshot projections: whether an earlier cut fed the arrival drift, its time, where (es/en). */
  readonly driftNote?: Note;
  /** The national count the projection started from: the count's course over a night (es/en). */
  readonly counted?: CountedFigures;
}

/** The count a projection saw: exact integers from its frame. */
export const CountedFiguresSchema = z.object({
  votes: z.array(z.object({ choice: z.string(), votes: z.number().int() })),
  blank: z.number().int(),
  null: z.number().int(),
});
export type CountedFigures = z.infer<typeof CountedFiguresSchema>;

/** The frame's counted votes per choice, blank and null, summed over its units. */
export function countedOf(frame: ProjectionFrame): CountedFigures {
  const K = frame.choices.length;
  const sums = new Array<number>(K + 2).fill(0);
  for (const r of frame.regions)
    for (let k = 0; k < K + 2; k++) sums[k] = (sums[k] as number) + (r.counted[k] ?? 0);
  return {
    votes: frame.choices.map((choice, k) => ({ choice, votes: sums[k] as number })),
    blank: sums[K] as number,
    null: sums[K + 1] as number,
  };
}

export const DISCLAIMER =
  'Proyección estadística de cifra, no un resultado oficial / Statistical projection by cifra, not an official result';

export function contestOf(ruleset: Ruleset): ContestKind {
  return ruleset.kind === 'presidential'
    ? ruleset.round === 'runoff'
      ? 'runoff'
      : 'first-round'
    : 'list';
}

/**
 * Production's snapshot frame, for the API and the CLI alike: the snapshot model with the
 * neighbours' term (run 10) where the jurisdiction has a bundled adjacency (read in the I/O layer),
 * and its units' groups (run 14: abroad apart in Peru) where the jurisdiction names them.
 */
export function snapshotFrame(
  units: readonly SnapshotUnit[],
  choices: readonly string[],
  figures: 'valid' | 'emitted',
  jurisdiction: string | undefined,
  previousChoices: readonly (readonly number[])[] | null = null,
): { readonly frame: ProjectionFrame; readonly neighbours: boolean } {
  const nb = neighbourModel(jurisdiction);
  const unitGroups = snapshotGroupsOf(jurisdiction, units);
  return {
    frame: frameFromSnapshot(units, choices, {
      figures,
      ...nb,
      ...(unitGroups === undefined ? {} : { unitGroups }),
      ...(previousChoices === null ? {} : { previousChoices }),
    }),
    neighbours: nb.neighbours !== undefined,
  };
}

/**
 * Each unit's group at the jurisdiction's `snapshotGroups` level (a department-level code is a
 * prefix of its places, so the level's rule reads it as a place); undefined: none named.
 */
export function snapshotGroupsOf(
  jurisdiction: string | undefined,
  units: readonly SnapshotUnit[],
): Record<string, string> | undefined {
  if (jurisdiction === undefined) return undefined;
  // an election's jurisdiction was checked when its manifest loaded
  const j = requireJurisdiction(jurisdiction);
  if (j.snapshotGroups === undefined) return undefined;
  const group = j.unitCoder(j.snapshotGroups);
  return Object.fromEntries(units.map((u) => [u.unit, group(u.unit)]));
}

/** What the snapshot model's frame is made from, however it was read (the store or files). */
export interface SnapshotCuts {
  readonly choices: readonly string[];
  /** The current cut's units, votes in `choices` order. */
  readonly now: readonly SnapshotUnit[];
  /** An earlier cut of the same count (null: none given). */
  readonly earlier: CutUnits | null;
  /** The election's universe the units are completed over (null: none known). */
  readonly universe: readonly UniverseUnit[] | null;
  /** The previous round's count history for the completed units (null: none given). */
  readonly history: (units: readonly SnapshotUnit[]) => Result<WithHistory, Issue[]> | null;
  readonly figures: 'valid' | 'emitted';
  readonly jurisdiction: string | undefined;
  /** Run 17: each choice's previous-round selves, indices into the prior's votes (null: none). */
  readonly previousChoices?: readonly (readonly number[])[] | null;
}

/** The snapshot model's frame, and which of its inputs were used where. */
export interface SnapshotFramed {
  readonly frame: ProjectionFrame;
  readonly neighbours: boolean;
  /** Units of the universe the snapshot lacks (null: no universe). */
  readonly absent: readonly string[] | null;
  /** Units given the previous round's count history (null: none given). */
  readonly history: readonly string[] | null;
  /** Units given an earlier cut (null: none given). */
  readonly drift: readonly string[] | null;
}

/**
 * The one snapshot pipeline, for the API and `cifra project --snapshot` alike: the earlier cut
 * attached, the units completed over the universe, the count history attached, then the frame.
 */
export function frameSnapshotCuts(c: SnapshotCuts): Result<SnapshotFramed, Issue[]> {
  const cut =
    c.earlier === null ? null : withPreviousCut({ choices: c.choices, units: c.now }, c.earlier);
  if (cut !== null && !cut.ok) return cut;
  const now = cut?.value.units ?? c.now;
  const over = c.universe === null ? null : snapshotOverUniverse(now, c.universe);
  if (over !== null && !over.ok) return over;
  const completed = over?.value ?? null;
  const units = completed?.units ?? now;
  const history = c.history(units);
  if (history !== null && !history.ok) return history;
  const { frame, neighbours } = snapshotFrame(
    history?.value.units ?? units,
    c.choices,
    c.figures,
    c.jurisdiction,
    c.previousChoices ?? null,
  );
  return ok({
    frame,
    neighbours,
    absent: completed?.absent ?? null,
    history: history?.value.used ?? null,
    drift: cut?.value.used ?? null,
  });
}

/** Whether the units without a count were moved by their counted neighbours (run 10). */
export function neighboursNote(used: boolean): Note {
  return used
    ? {
        es: 'Las unidades sin actas contadas se corrigen con lo que muestran las unidades contadas a una o dos fronteras (su desvío de lo que predice la vuelta anterior).',
        en: 'Units with no actas counted are corrected by what the counted units one or two borders away show (their deviation from what the previous round predicts).',
      }
    : {
        es: 'Sin mapa de vecindad de las unidades: las que no tienen actas contadas no se corrigen por sus vecinas.',
        en: 'No map of which units border which: units with no actas counted are not corrected by their neighbours.',
      };
}

/**
 * Run 17: how the camp term (run 16) found which runoff candidate a previous-round camp goes to:
 * from the election's `previousRound` (the choices each candidate ran as), or from vote levels.
 * null where the term did not act (a prior line, more than two choices, no previous round).
 */
export function campNote(from: ProjectionFrame['campFrom']): Note | null {
  if (from === undefined) return null;
  return from === 'previous-choices'
    ? {
        es: 'Las unidades sin actas contadas se mueven según su reparto en la vuelta anterior, hacia el candidato que compitió en ella con las opciones de su bloque (previousRound de la elección).',
        en: "Units with no actas counted move with their split in the previous round, toward the candidate who ran in it as their camp's choices (the election's previousRound).",
      }
    : {
        es: 'Las unidades sin actas contadas se mueven según su reparto en la vuelta anterior; qué candidato hereda cada bloque se infiere de los niveles de voto de las unidades contadas (la elección no dice qué opciones de la vuelta anterior fue cada candidato).',
        en: "Units with no actas counted move with their split in the previous round; which candidate takes each camp is inferred from the counted units' vote levels (the election does not say which previous-round choices each candidate was).",
      };
}

/** Aggregate units of a published provisional count → snapshot units (those with actas known). */
export function snapshotFromPublished(
  def: ElectionDef,
  docs: readonly ResultUnit[],
): SnapshotUnit[] {
  // a unit without acta counts (or with none) has no share counted to project from
  return docs.flatMap((u) => {
    const a = u.actas;
    if (a === null || a.total === 0) return [];
    return [
      {
        unit: u.code,
        name: u.name ?? u.code,
        actasCounted: a.counted,
        actasTotal: a.total,
        eligibleTotal: u.eligible !== null && u.eligible > 0 ? u.eligible : undefined,
        votes: def.choices.map((c) => u.choices.find((x) => x.id === c.id)?.votes ?? 0),
        // blank or null the source does not give: the unit projects its valid votes, as before
        // absent figures were null (a modelling choice of the input, not a figure served)
        blank: u.blank ?? 0,
        null: u.null ?? 0,
      },
    ];
  });
}

/**
 * A snapshot over its election's universe, for the CLI and the API alike: the units it lacks
 * enter with nothing counted (listed as absent); a unit the universe does not know is refused,
 * since a snapshot at another level, or abroad as one unit over a universe by continent, would
 * count those electors twice.
 */
export function snapshotOverUniverse(
  snapshot: readonly SnapshotUnit[],
  universe: readonly UniverseUnit[],
): Result<CompletedSnapshot, Issue[]> {
  const completed = completeSnapshot(snapshot, universe);
  if (completed.unknown.length === 0) return ok(completed);
  return err([
    issue('snapshot_invalid', ['unit'], {
      units: completed.unknown.join(', '),
      problem: "units the universe does not know: the snapshot must use the universe's units",
    }),
  ]);
}

/** Projections per store (two stores may be at the same revision string), then per revision. */
const CACHE = new WeakMap<Store, Map<string, Promise<Found<ProjectionDocument>>>>();

/** What a simulation needs besides the frame: the ruleset by id, so a worker thread can load it. */
export interface SimulationJob {
  readonly sims: number;
  readonly seed: number;
  readonly kind: ContestKind;
  /** A list contest's ruleset id (its seats are simulated too). */
  readonly ruleset: string | undefined;
}
/**
 * Runs the simulations: here (the CLI) or on a worker thread (the server, src/api/workers.ts).
 * `frame`: where the per-mesa frames are built (the server's frame worker); none: on this thread.
 */
export type SimulationRunner = ((
  frame: ProjectionFrame,
  job: SimulationJob,
) => Promise<ProjectionResult>) & { readonly frame?: FrameBuilder };

/**
 * What a per-mesa frame is built from: plain data (typed arrays, strings, numbers), so that it
 * can be cloned to a worker thread; the jurisdiction by id (or path), loaded where it is built.
 */
export interface MesaFrameInput {
  readonly columns: ActaColumns;
  /** The previous round's snapshot (a runoff's first round) and its figures rule; null: none. */
  readonly previous: { readonly columns: ActaColumns; readonly pending: boolean } | null;
  /** The units whose actas the universe expects and the store lacks (actasToCome). */
  readonly toCome: ToCome;
  readonly choices: readonly string[];
  readonly jurisdiction: string;
  readonly pendingFiguresCount: boolean;
}
/** Builds a per-mesa frame: here (`frameHere`) or on a worker thread (src/api/workers.ts). */
export type FrameBuilder = (input: MesaFrameInput) => Promise<ProjectionFrame>;

/** The per-mesa frame: the one algorithm, whichever thread runs it (CPU-bound: ~1 s nationally). */
export function mesaFrame(input: MesaFrameInput): ProjectionFrame {
  // its regions named as the loaded jurisdiction names units, by the place table too (Ruritania's
  // "Nord", not "1"): the ruleset's districts by name, or every party projects 0 seats (session 29)
  const j = requireJurisdiction(input.jurisdiction);
  const prev = input.previous;
  let byMesa = prev === null ? undefined : BY_MESA.get(prev.columns);
  if (prev !== null && byMesa === undefined)
    BY_MESA.set(prev.columns, (byMesa = priorsByMesa(prev.columns, prev.pending)));
  const own = mesasFromColumns(input.columns, j, input.pendingFiguresCount, byMesa);
  const toCome = mesasToComeOf(input.toCome, j, input.columns.mesa, prev);
  return frameFromMesas(canonicalMesas(own, input.columns.mesa, toCome), input.choices);
}

/** The units with actas to come, and the levels their previous round is summed at. */
export interface ToCome {
  readonly units: readonly {
    readonly unit: string;
    readonly place: string;
    readonly actas: number;
    readonly eligible: number;
  }[];
  /** The universe's level, then a broader one for a unit with no previous round (none: no universe). */
  readonly priorLevels: readonly Level[];
}

/** The frame on this thread (the CLI, tests). */
export const frameHere: FrameBuilder = async (input) => mesaFrame(input);

/** Lets the event loop run what waits (requests) before the next synchronous step. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The frame builder a store's projections last came with (the server's worker): the summary's
 * `hasProjection`, which has no runner, shares the revision's frame and must not build it here.
 */
const BUILDERS = new WeakMap<Store, FrameBuilder>();

/** Per store, which of its frame builder's failures mean "cannot tell now" (a lost or busy worker). */
const PASSING = new WeakMap<Store, (e: unknown) => boolean>();

/**
 * The server's frame builder for `store`, named as the server starts (its first summary too);
 * `passing`: the builder's failures that are the server's and passing (a worker that died, a
 * full pool), for which the summary's projection check answers "not known now" rather than fail.
 */
export function useFrameBuilder(
  store: Store,
  builder: FrameBuilder,
  passing: (e: unknown) => boolean = () => false,
): void {
  BUILDERS.set(store, builder);
  PASSING.set(store, passing);
}

/** The simulations on this thread. */
export const simulateHere: SimulationRunner = async (frame, job) => {
  const ruleset = job.ruleset === undefined ? undefined : loadRuleset(job.ruleset);
  if (ruleset !== undefined && !ruleset.ok) throw new Error(`ruleset ${job.ruleset} not loadable`);
  const rs = ruleset?.value;
  return simulate(frame, { ...job, ruleset: rs?.kind === 'list' ? rs : undefined });
};

/**
 * Projects an election from the store: from its actas (per-mesa model) or, for an election known
 * from a provisional aggregate count, from its department units (snapshot model). Cached per
 * store, store revision, seed and number of simulations; a request for one being computed waits
 * for it instead of computing it again.
 */
export async function getProjection(
  store: Store,
  def: ElectionDef,
  o: ProjectionOptions = {},
  run: SimulationRunner = simulateHere,
): Promise<Found<ProjectionDocument>> {
  const seed = o.seed ?? DEFAULT_SEED;
  const sims = o.sims ?? DEFAULT_SIMS;
  const found = loadRuleset(def.ruleset);
  if (!found.ok)
    return { ok: false, issues: [issue('unknown_rules', ['election'], { rules: def.ruleset })] };
  const ruleset = found.value;
  if (run.frame !== undefined) BUILDERS.set(store, run.frame);
  const revision = await store.revision(def.id);
  const key = `${await revisionKey(store, def, revision)}|${seed}|${sims}`;
  let cache = CACHE.get(store);
  if (cache === undefined) CACHE.set(store, (cache = new Map()));
  let made = cache.get(key);
  if (made === undefined) {
    if (cache.size > 32) cache.clear();
    made = project(store, def, ruleset, revision, { seed, sims }, run);
    cache.set(key, made);
    // a failure (a busy pool, a broken worker) is not kept: the next request tries again
    const drop = cache;
    made.catch(() => drop.delete(key));
  }
  // recorded once per revision, whichever request computed it first (a read that did not ask
  // to record, e.g. the static document, must not leave the night's revision unrecorded)
  if (o.record === undefined || def.published !== undefined) return made;
  const at = o.record;
  return perRevision(RECORDED, store, `${def.id}|${revision}`, async () => {
    const p = await made;
    if (p.ok) await recordOnTheSide(store, p.value, at());
  }).then(() => made);
}

/** The revisions whose projection this process has recorded (or tried to: a busy store skips one). */
const RECORDED = new WeakMap<Store, Map<string, Promise<unknown>>>();

export interface ProjectionOptions {
  readonly seed?: number | undefined;
  readonly sims?: number | undefined;
  /**
   * Record a new revision's projection in the store (its history and the count course), at this
   * clock's time: the server does for the dashboard's own request. A count of actas only.
   */
  readonly record?: (() => string) | undefined;
}

/**
 * The server records beside a read: never waiting for another writer (an import holds the lock:
 * this revision goes unrecorded, the next one is tried), nor failing the read on a store that can
 * only be read (a hot standby, a read-only file: store_read_only, nothing to record there); any
 * other failure is a bug and throws.
 */
async function recordOnTheSide(store: Store, doc: ProjectionDocument, at: string): Promise<void> {
  try {
    await store.putProjection(
      {
        election: doc.election,
        revision: doc.revision,
        recordedAt: at,
        pctCounted: doc.pctCounted,
        doc,
      },
      { wait: false },
    );
  } catch (e) {
    if (!(e instanceof StoreBusyError) && storeFault(e)?.code !== 'store_read_only') throw e;
  }
}

/** A projection's frame, how it was made and the units the source left out (null: no universe). */
interface Framed {
  readonly frame: ProjectionFrame;
  readonly method: ProjectionDocument['method'];
  readonly absent: readonly string[] | null;
  /** Mesas method: the absent units' names, for the note (the document lists their codes). */
  readonly absentNames?: readonly string[];
  /** Snapshot method: the units given the previous round's count history (null: none given). */
  readonly history?: readonly string[] | null;
  /** Snapshot method: whether the neighbours' term was on (an adjacency is bundled). */
  readonly neighbours?: boolean;
  /** Snapshot method: the units given an earlier cut of the same count (null: none given). */
  readonly drift?: readonly string[] | null;
  /** Mesas method: the previous round the election names, and whether the store holds it. */
  readonly previousRound?: { readonly election: string; readonly stored: boolean };
}

/** Frames per store, then per election and revision: every seed and size of a revision shares one. */
const FRAMES = new WeakMap<Store, Map<string, Promise<unknown>>>();

async function frameOf(
  store: Store,
  def: ElectionDef,
  revision: string,
  build: FrameBuilder,
): Promise<Found<Framed>> {
  const key = await revisionKey(store, def, revision);
  // every live election's summary frames its revision: room for each bundled one
  return perRevision(FRAMES, store, key, () => buildFrame(store, def, build), 33);
}

/**
 * An election's revision as the projection's memos key it: with the previous round's revision
 * when it names one, since its mesas carry that round's actas (a correction there changes them).
 */
async function revisionKey(store: Store, def: ElectionDef, revision: string): Promise<string> {
  const previous = def.manifest?.previousRound;
  return previous === undefined
    ? `${def.id}|${revision}`
    : `${def.id}|${revision}|${await store.revision(previous)}`;
}

async function buildFrame(
  store: Store,
  def: ElectionDef,
  build: FrameBuilder,
): Promise<Found<Framed>> {
  let framed: Found<Framed>;
  if (def.published !== undefined) framed = await publishedSnapshotFrame(store, def, def.published);
  else {
    // the results service's snapshot of this revision: loaded once for both
    const cols = await currentColumns(store, def);
    if (cols.length === 0)
      return {
        ok: false,
        issues: [
          issue('projection_unavailable', ['election'], { election: def.id, reason: 'no actas' }),
        ],
      };
    const j = loadJurisdiction(def.jurisdiction);
    if (!j.ok) return { ok: false, issues: j.error };
    // each step below is one synchronous stretch of the server's event loop: a turn between them
    // lets its readers in (the frame itself is built by `build`, on a worker thread there)
    await nextTurn();
    const previous = await previousRoundActas(store, def);
    await nextTurn();
    const toCome = await actasToCome(store, def);
    await nextTurn();
    const frame = await build({
      columns: cols,
      previous: previous === null ? null : { columns: previous.cols, pending: previous.pending },
      toCome: toCome.toCome,
      choices: def.choices.map((c) => c.label),
      jurisdiction: def.jurisdiction,
      pendingFiguresCount: def.pendingFiguresCount ?? false,
    });
    const previousRound =
      def.manifest?.previousRound === undefined
        ? undefined
        : { election: def.manifest.previousRound, stored: previous !== null };
    framed = {
      ok: true,
      value: {
        frame,
        method: 'mesas',
        absent: toCome.absent?.map((u) => u.code) ?? null,
        absentNames: toCome.absent?.map((u) => u.name) ?? [],
        ...(previousRound && { previousRound }),
      },
    };
  }
  if (framed.ok && framed.value.frame.actasProcessed === 0)
    return {
      ok: false,
      issues: [
        issue('projection_unavailable', ['election'], {
          election: def.id,
          reason: 'nothing counted yet',
        }),
      ],
    };
  return framed;
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byPlace = (a: ProjectionMesa, b: ProjectionMesa): number =>
  byKey(a.region, b.region) || byKey(a.province, b.province) || byKey(a.district, b.district);

/**
 * The frame's input in one order whatever the store's snapshot order (review 8 H3: a server
 * whose snapshot was patched by imports, and a fresh reader of the same store, drew different
 * projections): by region, province and district, a place's stored mesas by mesa key, then its
 * mesas to come (the universe's order). The model's float sums and its regions follow this order.
 */
function canonicalMesas(
  own: readonly ProjectionMesa[],
  keys: readonly string[],
  toCome: readonly ProjectionMesa[],
): ProjectionMesa[] {
  // by district first (a district code names one place in one province and region), so a sort
  // compares a few thousand places and each district's few mesas, not 86,000 triples of codes
  const places = new Map<string, { at: ProjectionMesa; own: number[]; toCome: ProjectionMesa[] }>();
  const placeOf = (m: ProjectionMesa) => {
    let p = places.get(m.district);
    if (p === undefined) places.set(m.district, (p = { at: m, own: [], toCome: [] }));
    return p;
  };
  own.forEach((m, i) => placeOf(m).own.push(i));
  for (const m of toCome) placeOf(m).toCome.push(m);
  const out: ProjectionMesa[] = [];
  for (const p of [...places.values()].sort((a, b) => byPlace(a.at, b.at))) {
    p.own.sort((a, b) => byKey(keys[a] as string, keys[b] as string));
    for (const i of p.own) out.push(own[i] as ProjectionMesa);
    for (const m of p.toCome) out.push(m);
  }
  return out;
}

/**
 * The units of an acta election's universe with actas the store lacks (docs/elections.md,
 * `universe`), which the frame projects as uncounted mesas of their unit (mesasToComeOf), and
 * the units with no acta in the store at all; absent null: no universe (the store is the whole
 * count). A few thousand units: the 50,000 mesas they make are made where the frame is built.
 */
async function actasToCome(
  store: Store,
  def: ElectionDef,
): Promise<{ toCome: ToCome; absent: readonly NamedUnit[] | null }> {
  const x = await countExtent(store, def);
  const extent = x?.extent;
  if (x === null || extent === null || extent === undefined || x.level === null)
    return { toCome: { units: [], priorLevels: [] }, absent: null };
  const j = requireJurisdiction(def.jurisdiction);
  const pad = j.file.place.pad ?? 0;
  // the mesas to come carry the previous round of the unit's mesas not in the store yet; a unit
  // with none (an abroad city without a counted acta then) its broader unit's (the continent's)
  const broad = broadLevel(x.universe, j);
  const units = x.universe.flatMap((u) => {
    const e = extent.units.get(u.unit);
    if (e === undefined || e.actasMissing === 0) return [];
    return [
      {
        unit: u.unit,
        place: u.unit.padEnd(pad, '0'),
        actas: e.actasMissing,
        eligible: e.eligibleMissing,
      },
    ];
  });
  return {
    toCome: {
      units,
      priorLevels: broad !== undefined && broad !== x.level ? [x.level, broad] : [x.level],
    },
    absent: absentUnits(x.universe, extent, j, broad),
  };
}

/**
 * The units' mesas to come, each carrying the previous round of its unit's mesas the store does
 * not hold yet (or, where the unit has none, its broader unit's: priorLevels' second).
 */
function mesasToComeOf(
  toCome: ToCome,
  j: LoadedJurisdiction,
  held: readonly string[],
  previous: MesaFrameInput['previous'],
): ProjectionMesa[] {
  const [level, broad] = toCome.priorLevels;
  const heldSet = previous === null || level === undefined ? null : new Set(held);
  const [priors, broader] =
    previous === null || heldSet === null || level === undefined
      ? []
      : priorsToCome(
          previous.columns,
          toCome.priorLevels.map((l) => j.unitCoder(l)),
          (m) => heldSet.has(m),
          previous.pending,
        );
  const broadOf = broad === undefined ? null : j.unitCoder(broad);
  const units = toCome.units.map(({ unit, place, actas, eligible }) => {
    const prior = priors?.get(unit) ?? (broadOf && broader?.get(broadOf(place)));
    return { place, actas, eligible, ...(prior === undefined || prior === null ? {} : { prior }) };
  });
  return mesasToCome(units, j);
}

/** The coarsest place level whose unit codes are prefixes of the universe's (Peru: department). */
function broadLevel(universe: readonly UniverseUnit[], j: LoadedJurisdiction): Level | undefined {
  const pad = j.file.place.pad ?? 0;
  return j.placeLevels.find((l) => {
    const at = j.unitCoder(l);
    return universe.every((u) => u.unit.startsWith(at(u.unit.padEnd(pad, '0'))));
  });
}

/**
 * The units with no acta loaded at all, at `level`, the coarsest place level whose codes are
 * prefixes of the universe's (broadLevel; Peru: departments and abroad's continents, not 1,800
 * districts): a note lists them, and a unit is absent only when every universe unit in it is.
 */
function absentUnits(
  universe: readonly UniverseUnit[],
  extent: Extent,
  j: LoadedJurisdiction,
  level: Level | undefined,
): NamedUnit[] {
  const pad = j.file.place.pad ?? 0;
  const at = level === undefined ? (c: string) => c : j.unitCoder(level);
  const loaded = new Map<string, { some: boolean; name: string }>();
  for (const u of universe) {
    const code = at(u.unit.padEnd(pad, '0'));
    const none = extent.units.get(u.unit)?.actasMissing === u.actasTotal;
    const seen = loaded.get(code);
    // named as the results name the unit (review: the note listed "15, 16, … 91, 95")
    const name = seen?.name ?? (level === undefined ? u.name : rolledName(j, level, code, u));
    loaded.set(code, { some: (seen?.some ?? false) || !none, name });
  }
  return [...loaded].filter(([, x]) => !x.some).map(([code, x]) => ({ code, name: x.name }));
}

/** A unit by its code, with its name for a note. */
interface NamedUnit {
  readonly code: string;
  readonly name: string;
}

/** The previous round's actas in the store, for the per-mesa projection's covariates. */
interface PreviousActas {
  readonly cols: ActaColumns;
  readonly pending: boolean;
}

/** Each previous round's snapshot by mesa, once per snapshot (on a worker thread: per clone). */
const BY_MESA = new WeakMap<ActaColumns, ReadonlyMap<string, PriorFigures>>();

/**
 * The previous round the election names (a runoff's first round), when the store holds its actas:
 * ONPE reuses the mesa numbers, so each mesa carries its figures then (docs/projection.md, "The
 * model"); null when none is named or the store lacks it.
 */
async function previousRoundActas(store: Store, def: ElectionDef): Promise<PreviousActas | null> {
  const id = def.manifest?.previousRound;
  if (id === undefined) return null;
  const prev = await store.getElection(id);
  if (prev === null || prev.published !== undefined) return null;
  const cols = await currentColumns(store, prev);
  if (cols.length === 0) return null;
  return { cols, pending: prev.pendingFiguresCount ?? false };
}

/** A published election's stored units of a level, as snapshot units. */
export async function storedSnapshot(
  store: Store,
  def: ElectionDef,
  level: string,
): Promise<SnapshotUnit[]> {
  const units = await store.publishedUnits(def.id, level);
  return snapshotFromPublished(
    def,
    units.map((u) => u.doc as ResultUnit),
  );
}

/**
 * The snapshot model's frame of a published election: its department units, each with its
 * earlier capture's cut when the manifest names one (previousSnapshot), completed over the
 * election's universe, with the previous round's count history where the manifest names one.
 */
async function publishedSnapshotFrame(
  store: Store,
  def: ElectionDef,
  published: NonNullable<ElectionDef['published']>,
): Promise<Found<Framed>> {
  const choices = def.choices.map((c) => c.label);
  const snapshot = await storedSnapshot(store, def, 'department');
  if (snapshot.length === 0)
    return {
      ok: false,
      issues: [
        issue('projection_unavailable', ['election'], {
          election: def.id,
          reason: 'no units with actas counted and total',
        }),
      ],
    };
  const earlier =
    published.previous === undefined
      ? null
      : { choices, units: await storedSnapshot(store, def, previousLevel('department')) };
  const universe = universeOf(def);
  if (!universe.ok) return { ok: false, issues: universe.error };
  const previousChoices = previousChoicesOverUniverse(def, choices);
  if (!previousChoices.ok) return { ok: false, issues: previousChoices.error };
  const framed = frameSnapshotCuts({
    choices,
    now: snapshot,
    earlier,
    universe: universe.value,
    history: (units) => electionPriorHistory(def, units),
    figures: published.figures === 'valid-only' ? 'valid' : 'emitted',
    jurisdiction: def.jurisdiction,
    previousChoices: previousChoices.value,
  });
  if (!framed.ok) return { ok: false, issues: framed.error };
  return { ok: true, value: { ...framed.value, method: 'snapshot' } };
}

async function project(
  store: Store,
  def: ElectionDef,
  ruleset: Ruleset,
  revision: string,
  { seed, sims }: { readonly seed: number; readonly sims: number },
  run: SimulationRunner,
): Promise<Found<ProjectionDocument>> {
  const framed = await frameOf(store, def, revision, run.frame ?? frameHere);
  if (!framed.ok) return framed;
  const { frame, method, absent, history, drift, neighbours, previousRound } = framed.value;
  const contest = contestOf(ruleset);
  const result = await run(frame, {
    sims,
    seed,
    kind: contest,
    ruleset: ruleset.kind === 'list' ? def.ruleset : undefined,
  });
  const doc: ProjectionDocument = {
    election: def.id,
    kind: 'projection',
    disclaimer: DISCLAIMER,
    method,
    contest,
    revision,
    ...result,
    counted: countedOf(frame),
    ...(def.published === undefined
      ? absent === null
        ? {}
        : {
            unitsAbsent: absent,
            ...(absent.length === 0
              ? {}
              : { note: absentActasNote(framed.value.absentNames ?? absent) }),
          }
      : absent === null
        ? { note: partialNote(def.published.source) }
        : {
            unitsAbsent: absent,
            ...(absent.length === 0 ? {} : { note: absentNote(absent) }),
          }),
    ...(method === 'snapshot'
      ? {
          historyUnits: history ?? [],
          historyNote: historyNote(history ?? null),
          neighboursNote: neighboursNote(neighbours ?? false),
          ...campNoteOf(frame),
          driftUnits: drift ?? [],
          driftNote: driftNote(drift ?? null, def.published?.previous?.asOf),
        }
      : {}),
    ...(previousRound === undefined
      ? {}
      : {
          previousRoundNote: previousRoundNote(
            previousRound,
            frame.mesaPrior,
            figureLocales(def.jurisdiction),
          ),
        }),
  };
  return { ok: true, value: doc };
}

/**
 * Whether the per-mesa projection carried the previous round the election names (its mesas by
 * number, as covariates of the transfers): used, held but too little counted to fit yet, or not
 * in the store.
 */
export function previousRoundNote(
  previous: { readonly election: string; readonly stored: boolean },
  used: ProjectionFrame['mesaPrior'],
  locales: Readonly<Record<keyof Note, string>>,
): Note {
  const id = previous.election;
  if (used !== undefined) {
    // the figures as the jurisdiction writes them, each count with its noun's number (1 mesa)
    const [mesas, fitted] = [used.mesas, used.fitted];
    const es = (n: number): string => figureIn(locales.es, n);
    const en = (n: number): string => figureIn(locales.en, n);
    return {
      es: `Cada mesa lleva su resultado en la vuelta anterior (${id}, la misma numeración de mesas; ${es(mesas)} ${mesas === 1 ? 'mesa' : 'mesas'}): lo que falta contar se predice con las transferencias entre vueltas que ${fitted === 1 ? 'muestra la 1 mesa contada' : `muestran las ${es(fitted)} mesas contadas`}.`,
      en: `Each mesa carries its result in the previous round (${id}, the same mesa numbers; ${en(mesas)} ${mesas === 1 ? 'mesa' : 'mesas'}): what is left to count is predicted by the transfers between rounds that ${fitted === 1 ? 'the 1 counted mesa shows' : `the ${en(fitted)} counted mesas show`}.`,
    };
  }
  return previous.stored
    ? {
        es: `La vuelta anterior (${id}) está cargada, pero aún hay muy pocas mesas contadas para estimar las transferencias entre vueltas: todavía no se usa.`,
        en: `The previous round (${id}) is loaded, but too few mesas are counted yet to estimate the transfers between rounds: not used yet.`,
      }
    : {
        es: `La vuelta anterior (${id}) no está en la base de datos: las mesas no llevan su resultado de entonces (cárguela con cifra ingest para usarlo).`,
        en: `The previous round (${id}) is not in the database: the mesas do not carry their result then (load it with cifra ingest to use it).`,
      };
}

/** The camp note as a document field, where the camp term acted (run 17). */
export function campNoteOf(frame: ProjectionFrame): { campNote?: Note } {
  const n = campNote(frame.campFrom);
  return n === null ? {} : { campNote: n };
}

/** A projection of a source's units without a universe: what it leaves out is not projected. */
function partialNote(name: Name): Note {
  const source = bothLanguages(name);
  return {
    es: `Solo las unidades que publica la fuente, por departamento (${source.es}); las que omite no se proyectan.`,
    en: `Only the units the source publishes, by department (${source.en}); units it leaves out are not projected.`,
  };
}

/** Units of the universe the source leaves out, and what they are projected from. */
function absentNote(absent: readonly string[]): Note {
  const units = absent.join(', ');
  return {
    es: `La fuente omite ${units}: se proyectan desde el universo (electores y actas conocidos antes del conteo) y una vuelta anterior donde la hay; si no, desde los porcentajes de las demás unidades.`,
    en: `The source leaves out ${units}: projected from the universe (electors and actas known before the count) and a previous round where there is one, else from the other units' shares.`,
  };
}

/** Units of an acta election's universe with no acta loaded yet, and how they are projected. */
function absentActasNote(absent: readonly string[]): Note {
  const units = absent.join(', ');
  return {
    es: `Sin actas cargadas en ${units}: sus mesas se proyectan como mesas por contar de la unidad, con los electores del universo (conocidos antes del conteo).`,
    en: `No actas loaded in ${units}: their mesas are projected as the unit's uncounted mesas, with the universe's electors (known before the count).`,
  };
}

/**
 * Whether the previous round's count history was used (docs/projection.md, "The previous round's
 * count history"): with it, the calibrated model's tables apply; without it, run 3's.
 */
export function historyNote(used: readonly string[] | null): Note {
  if (used === null)
    return {
      es: 'Sin el historial del conteo de la vuelta anterior: el deslizamiento de llegada no se toma de cómo se contó esa vuelta.',
      en: "Without the previous round's count history: the arrival drift is not taken from how that round was counted.",
    };
  if (used.length === 0)
    return {
      es: 'Se dio el historial del conteo de la vuelta anterior, pero ninguna unidad está contada en parte con historial hasta el final: no se usó.',
      en: "The previous round's count history was given, but no partly counted unit has a history reaching its complete count: it was not used.",
    };
  const units = used.join(', ');
  return {
    es: `Con el historial del conteo de la vuelta anterior en ${units}: el resto de cada una se desliza como el de esa vuelta con el mismo porcentaje de actas contado.`,
    en: `With the previous round's count history in ${units}: each one's remainder drifts as that round's did at the same share of actas counted.`,
  };
}

/**
 * Whether the election has a projection at its current revision (`projection.json` answers): the
 * summary says so, so that a client asks only for what exists. Shares the revision's frame.
 * null: not known now (the server's frame worker died or its pool is full; the next asks again).
 */
export async function hasProjection(
  store: Store,
  def: ElectionDef,
  revision: string,
): Promise<boolean | null> {
  if (!loadRuleset(def.ruleset).ok) return false;
  try {
    return (await frameOf(store, def, revision, BUILDERS.get(store) ?? frameHere)).ok;
  } catch (e) {
    if (PASSING.get(store)?.(e) === true) return null;
    throw e;
  }
}

/** The projection of the election asked for (API). */
export async function projectionOf(
  store: Store,
  id: string | undefined,
  o: ProjectionOptions,
  run: SimulationRunner = simulateHere,
): Promise<Found<ProjectionDocument>> {
  const e = await findElection(store, id);
  return e.ok ? getProjection(store, e.value, o, run) : e;
}

export interface ProjectionHistoryDocument {
  readonly election: string;
  /** The store's revision, read after the records (a cut marker, as every count document's). */
  readonly revision: string;
  readonly points: readonly {
    readonly pctCounted: number;
    /** The integers behind pctCounted; absent on a record whose document predates them. */
    readonly actasProcessed?: number;
    readonly actasTotal?: number;
    readonly recordedAt: string;
    readonly choices: readonly {
      readonly choice: string;
      readonly median: number;
      readonly lo90: number;
      readonly hi90: number;
    }[];
  }[];
}

/**
 * A recorded projection's actas, processed and total: the page writes the point's % from these
 * integers (countPctText: never 100 while an acta is out); a document stored before the
 * projection carried them gives neither.
 */
function actasOf(doc: Partial<ProjectionDocument>): {
  actasProcessed?: number;
  actasTotal?: number;
} {
  const { actasProcessed: done, actasTotal: total } = doc;
  return Number.isSafeInteger(done) && Number.isSafeInteger(total)
    ? { actasProcessed: done as number, actasTotal: total as number }
    : {};
}

/** How the projection moved over the night: the recorded projections, as compact points. */
export async function projectionHistory(
  store: Store,
  id: string | undefined,
): Promise<Found<ProjectionHistoryDocument>> {
  const e = await findElection(store, id);
  if (!e.ok) return e;
  const records = await store.projectionHistory(e.value.id);
  // read after the records: every point is then of this revision or an earlier one (a point of a
  // later cut under an earlier revision would put tomorrow's projection beside today's figures)
  const revision = await store.revision(e.value.id);
  return {
    ok: true,
    value: {
      election: e.value.id,
      revision,
      points: records.map((r) => ({
        pctCounted: r.pctCounted,
        ...actasOf(r.doc as Partial<ProjectionDocument>),
        recordedAt: r.recordedAt,
        choices: (r.doc as ProjectionDocument).choices.map((c) => ({
          choice: c.choice,
          median: c.median,
          lo90: c.lo90,
          hi90: c.hi90,
        })),
      })),
    },
  };
}
