import type { FastifyInstance } from 'fastify';
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
 */
export function nightRecorder(
  app: FastifyInstance,
  ctx: ApiContext,
  everyMs: number | undefined,
): NightRecorder {
  const recordAll = async (): Promise<void> => {
    try {
      for (const e of await ctx.store.listElections()) {
        if (e.published !== undefined) continue;
        // the dashboard's own projection (production's seed and size), recorded at this clock
        await getProjection(ctx.store, e, { record: ctx.now }, ctx.projections.run);
      }
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
