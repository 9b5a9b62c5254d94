import type { FastifyInstance } from 'fastify';
import type { ElectionDef } from '../core/model/acta.js';
import { getProjection } from '../results/projection.js';
import type { ApiContext } from './context.js';
import { IssueError } from './errors.js';

/** Records the night's projections without a reader (`cifra serve`; review 8 H2). */
export interface NightRecorder {
  /** Records every acta election's projection at its current revision; resolves when done. */
  readonly tick: () => Promise<void>;
}

/**
 * `cifra serve` records the projection of each new revision of every acta election (the
 * projection history), whether or not the dashboard is open: after its own import route, and on
 * a timer for the imports of another process (`cifra ingest` on the same store). A revision
 * already recorded, or being computed, costs a lookup (getProjection's memos); one tick at a time.
 * Nothing runs at start: the first pass is the first tick (or import), and a revision an earlier
 * run recorded is not projected again (a restart with the 2021 runoff stored computed both 2021
 * projections, ~280 MB, to record nothing: putProjection keeps one record per revision).
 */
export function nightRecorder(
  app: FastifyInstance,
  ctx: ApiContext,
  everyMs: number | undefined,
): NightRecorder {
  /** Per election, the revision known recorded: in the store's history, or by this process. */
  const known = new Map<string, string>();
  const recordOne = async (e: ElectionDef): Promise<void> => {
    const revision = await ctx.store.revision(e.id);
    if (known.get(e.id) === revision) return;
    // the first look at an election asks the store once (later revisions are this process's):
    // whether this revision is recorded, not every recorded document, each parsed
    const stored = !known.has(e.id) && (await ctx.store.projectionRecorded(e.id, revision));
    // the dashboard's own projection (production's seed and size), recorded at this clock
    if (!stored) await getProjection(ctx.store, e, { record: ctx.now }, ctx.projections.run);
    known.set(e.id, revision);
  };
  const recordAll = async (): Promise<void> => {
    try {
      for (const e of await ctx.store.listElections())
        if (e.published === undefined) await recordOne(e);
    } catch (err) {
      // a full pool (503 server_busy): this revision is tried again at the next tick (a failure
      // is not kept); anything else is a bug, told in the log (a timer has no caller to throw to)
      if (!(err instanceof IssueError)) app.log.error(err);
    }
  };
  // one pass at a time, and at most one waiting behind it: a tick during a pass (an import that
  // committed meanwhile) is a pass after it, which sees every revision committed by then
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    if (queued !== null) return queued;
    const next = running.then(() => {
      queued = null;
      return recordAll();
    });
    queued = running = next;
    return next;
  };
  if (everyMs !== undefined && everyMs > 0) {
    const timer = setInterval(() => void tick(), everyMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  return { tick };
}
