import { planBatch, type BatchPlan, type StoredMesa } from '../core/tally/batch-plan.js';
import { versionHash } from './audit.js';
import type { ImportMeta, IncomingActa, PlaceNames } from './store.js';

/**
 * What an import session carries from one batch to the next, for every store: the hash chain's
 * head and the places already written. A store reads the batch's mesas, asks for the plan,
 * executes it, and reports it done once its writes are in.
 */
export class ImportPlanner {
  private readonly placed = new Set<string>();

  constructor(
    private readonly meta: ImportMeta,
    private readonly importId: number,
    private chain: string,
  ) {}

  plan(
    stored: ReadonlyMap<string, StoredMesa>,
    incoming: readonly IncomingActa[],
  ): BatchPlan<PlaceNames> {
    return planBatch({
      stored,
      incoming,
      mode: this.meta.mode,
      importId: this.importId,
      recordedAt: this.meta.startedAt,
      chain: this.chain,
      placed: this.placed,
      hash: versionHash,
    });
  }

  /** The plan's writes are in (a batch that failed is never done: its plan is forgotten). */
  done(plan: BatchPlan<PlaceNames>): void {
    this.chain = plan.chain;
    for (const w of plan.writes) if (w.op === 'insert_place') this.placed.add(w.ubigeo);
  }
}
