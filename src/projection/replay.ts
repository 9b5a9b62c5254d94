import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '../core/issues.js';
import type { Acta, ElectionDef } from '../core/model/acta.js';
import { addOutcome, noOutcome } from '../core/tally/batch-plan.js';
import { ORDER_WORDS, replayOrder, type ReplayOrder } from '../core/projection/replay-order.js';
import { createRng } from '../core/random.js';
import { ingestFile } from '../ingest/ingest.js';
import { figureIn, figureLocales } from '../jurisdictions/figure-locale.js';
import { declaredMesas } from '../results/polling-places.js';
import { getProjection } from '../results/projection.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { IncomingActa, PlaceNames, Store } from '../store/store.js';

export interface ReplayOptions {
  readonly file: string;
  /** The election the file belongs to (its choices); the replay goes into `target`. */
  readonly election: ElectionDef;
  readonly target: string;
  readonly order: ReplayOrder;
  readonly seed: number;
  /** Snapshots after the universe of pending mesas; default 20 (every 5 %). */
  readonly steps: number;
  /** Stop once this share of actas (0–1) has arrived: a count still under way. Default 1. */
  readonly until?: number;
  /** Simulated seconds per real second over a 48-hour count; 0: no waiting. */
  readonly speed: number;
  readonly sims: number;
  readonly now: () => string;
  readonly sleep: (ms: number) => Promise<void>;
  readonly onStep?: (step: ReplayStep) => void;
}

export interface ReplayStep {
  readonly step: number;
  readonly steps: number;
  readonly actasArrived: number;
  readonly pctCounted: number;
  /**
   * For the progress line: the projected leader's median and 90 % interval, and the likeliest
   * pair with its probability only where the odds are within calibration (docs/projection.md
   * "Odds only where calibrated": a rehearsal's log is copied too).
   */
  readonly leader: {
    readonly choice: string;
    readonly median: string;
    readonly lo90: string;
    readonly hi90: string;
  } | null;
  readonly runoff: { readonly choices: readonly string[]; readonly probability: string } | null;
}

export type ReplayResult =
  | { readonly ok: true; readonly steps: readonly ReplayStep[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

const NIGHT_SECONDS = 48 * 3600;

/**
 * The replay's election: the source election's choices, rules, places and sources under the
 * target id, marked a rehearsal in every label. What the authority published about the real
 * count's end (the proclamation, reported totals, discrepancies between final releases) is left
 * out: the rehearsal must not show the result before its own count settles it. So are the
 * cross-check sources, which belong to the source election, not to the target.
 */
export function replayDefinition(o: ReplayOptions): ElectionDef {
  // until < 1: the list tells apart rehearsals of one election stopped at different points; the
  // point as the jurisdiction writes decimals (Spain 85,5), as every figure of its labels
  const until = o.until === undefined || o.until >= 1 ? null : o.until * 100;
  const locales = figureLocales(o.election.jurisdiction);
  const to = (word: string, locale: string): string =>
    until === null ? '' : `, ${word} ${figureIn(locale, until, 1)} %`;
  const tag = `(${o.order}, seed ${o.seed}${to('to', locales.en)})`;
  // each language's label in its own words, the order's too (night review 6: "urban-first" in Spanish)
  const en = `(${ORDER_WORDS[o.order].en}, seed ${o.seed}${to('to', locales.en)})`;
  const es = `(${ORDER_WORDS[o.order].es}, semilla ${o.seed}${to('hasta', locales.es)})`;
  const m = o.election.manifest;
  return {
    ...o.election,
    id: o.target,
    label: `${o.election.label} — ensayo / replay ${tag}`,
    ...(m === undefined
      ? {}
      : {
          manifest: {
            labels: {
              es: `${m.labels.es} — ensayo ${es}`,
              en: `${m.labels.en} — replay ${en}`,
            },
            ...(m.date === undefined ? {} : { date: m.date }),
            status: m.status,
            asOf: m.asOf,
            ...(m.asOfTime === undefined ? {} : { asOfTime: m.asOfTime }),
            sources: m.sources,
            provenance: m.provenance,
            // the rehearsal's mesas carry the previous round as the real night's would
            ...(m.previousRound === undefined ? {} : { previousRound: m.previousRound }),
            rehearsal: { of: o.election.id, order: o.order, seed: o.seed },
          },
        }),
  };
}

/**
 * Replays a complete election's actas into a store in a realistic order: first every mesa as
 * pending (the universe and its electors, known before the count), then the actas in `steps`
 * snapshots, each a committed import, with the projection recorded after each one.
 */
export async function replay(store: Store, o: ReplayOptions): Promise<ReplayResult> {
  const final = await finalCount(o);
  if (!final.ok) return final;
  const { actas, places, sha256, unlisted } = final;
  const def = replayDefinition(o);
  await store.putElection(def);
  const sequence = replayOrder(actas, o.order, createRng(o.seed));
  const tag = `${o.order}:${o.seed}:${o.steps}`;
  const importBatch = (name: string, batch: IncomingActa[]): Promise<void> =>
    importReplayBatch(store, o, { name, hash: `${sha256}|${tag}|${name}`, tag }, batch);
  // the figures' warnings stay with the source's check; a mesa the list lacks is said at every
  // version, as ingest says it (the extent counts it apart either way)
  const incoming = (i: number, a: Acta): IncomingActa => ({
    acta: a,
    row: i + 1,
    warnings: unlisted.get(a.mesa) ?? [],
    place: places.get(a.ubigeo),
  });
  await importBatch(
    'universe',
    actas.map((a, i) =>
      incoming(i, {
        ...a,
        state: 'pending',
        stateLabel: 'POR PROCESAR',
        voters: null,
        votes: null,
        blank: 0,
        null: 0,
        impugned: 0,
      }),
    ),
  );
  const done: ReplayStep[] = [];
  // the count stops at `until` even inside a step: `--until 10 --steps 2` ends at 10 %, not 50 %
  const last = Math.round((o.until ?? 1) * sequence.length);
  for (let step = 1; step <= o.steps; step++) {
    const from = Math.round(((step - 1) * sequence.length) / o.steps);
    if (from >= last) break;
    const full = Math.round((step * sequence.length) / o.steps);
    const to = Math.min(full, last);
    if (o.speed > 0) await o.sleep((1000 * NIGHT_SECONDS) / o.steps / o.speed);
    // a cut step is named apart, so a later run to a larger `until` imports the whole step
    await importBatch(
      `step ${step}/${o.steps}${to < full ? ` to ${to}` : ''}`,
      sequence.slice(from, to).map((i) => incoming(i, actas[i] as Acta)),
    );
    const s = await recordStep(store, def, o, step, to);
    if (s === null) continue;
    done.push(s);
    o.onStep?.(s);
  }
  return { ok: true, steps: done };
}

/** The warnings of ingest's check against the election's mesa list: a replay keeps both. */
const LIST_WARNINGS: ReadonlySet<string> = new Set([
  'mesa_not_in_universe',
  'mesa_ubigeo_mismatch',
]);

/** The source file's final count, read through a scratch store (its actas under the target id). */
async function finalCount(o: ReplayOptions): Promise<
  | {
      ok: true;
      actas: Acta[];
      places: Map<string, PlaceNames>;
      sha256: string;
      /** Per mesa the list lacks or lists under another place, its list warning. */
      unlisted: Map<string, Issue[]>;
    }
  | { ok: false; issues: readonly Issue[] }
> {
  const dir = mkdtempSync(join(tmpdir(), 'cifra-replay-'));
  try {
    const scratch = new SqliteStore(join(dir, 'final.db'));
    await scratch.migrate();
    await scratch.putElection(o.election);
    const r = await ingestFile(scratch, {
      file: o.file,
      election: o.election,
      now: o.now,
      // checked as ingest checks it: a mesa the election's list lacks is warned
      mesas: declaredMesas(o.election),
    });
    if (!r.ok) return r;
    const sha256 = r.report.sha256;
    const stored = await scratch.currentActas(o.election.id);
    const unlisted = new Map<string, Issue[]>();
    for (const a of stored) {
      const w = a.warnings?.filter((i) => LIST_WARNINGS.has(i.code)) ?? [];
      if (w.length > 0) unlisted.set(a.mesa, w);
    }
    const actas = stored.map(({ version: _v, conflict: _c, warnings: _w, ...a }) => ({
      ...a,
      election: o.target,
    }));
    const places = await scratch.places(o.election.id);
    await scratch.close();
    return { ok: true, actas, places, sha256, unlisted };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One snapshot as a committed import, in batches of 5000; skipped when an import with the same
 * hash (file, order, seed, steps, name) is already recorded, so a rerun resumes.
 */
async function importReplayBatch(
  store: Store,
  o: ReplayOptions,
  id: { readonly name: string; readonly hash: string; readonly tag: string },
  batch: IncomingActa[],
): Promise<void> {
  // the rehearsal is its slices' source: it cuts each as it takes it, on its own clock (the night
  // compressed by --speed, or the steps' own times at no waiting), so the page shows a cut and its
  // freshness as on a real night; the status's `rehearsal` says whose cut it is, never ONPE's
  const at = o.now();
  const meta = {
    election: o.target,
    fileName: `replay ${id.tag} ${id.name}`,
    sha256: createHash('sha256').update(id.hash).digest('hex'),
    size: 0,
    format: 'replay',
    mode: 'import' as const,
    startedAt: at,
    cut: at,
  };
  if (await store.findImport(o.target, meta.sha256)) return;
  const session = await store.beginImport(meta);
  const outcome = noOutcome();
  try {
    for (let i = 0; i < batch.length; i += 5000)
      addOutcome(outcome, await session.applyBatch(batch.slice(i, i + 5000), []));
    await session.commit({
      rowsRead: batch.length,
      ...outcome,
      quarantined: 0,
      quarantinedByCode: {},
      finishedAt: o.now(),
    });
  } catch (e) {
    await session.rollback();
    throw e;
  }
}

/** The projection after a step, stored as the served one would be; its progress line, or null. */
async function recordStep(
  store: Store,
  def: ElectionDef,
  o: ReplayOptions,
  step: number,
  actasArrived: number,
): Promise<ReplayStep | null> {
  const p = await getProjection(store, def, { seed: o.seed, sims: o.sims });
  if (!p.ok) return null;
  const doc = p.value;
  await store.putProjection({
    election: def.id,
    revision: doc.revision,
    recordedAt: o.now(),
    pctCounted: doc.pctCounted,
    doc,
  });
  const lead = doc.choices[0];
  const pair = doc.runoffPairs?.[0];
  return {
    step,
    steps: o.steps,
    actasArrived,
    pctCounted: doc.pctCounted,
    leader: lead
      ? {
          choice: lead.choice,
          median: String(lead.median),
          lo90: String(lead.lo90),
          hi90: String(lead.hi90),
        }
      : null,
    runoff:
      pair && doc.odds.withinCalibration
        ? { choices: pair.choices, probability: String(pair.probability) }
        : null,
  };
}
