// An import session of the SQLite store: batches planned on the calling thread, in order, and
// their packed writes sent to the connection that executes them (here or in the writer thread).
import { noOutcome, type StoredMesa } from '../../core/tally/batch-plan.js';
import type { ActaBatch } from '../../core/tally/acta-batch.js';
import { ImportPlanner } from '../import-planner.js';
import type {
  BatchOutcome,
  ImportMeta,
  ImportSession,
  ImportSummary,
  IncomingActa,
  PlaceNames,
  QuarantinedRow,
} from '../store.js';
import { encodeFresh, encodeWrites, type EncodedWrites } from './import-batch.js';

/** What an import's connection answers when it begins: under its write lock, taken now. */
export interface ImportBegun {
  readonly importId: number;
  /** The hash of the last version stored: the chain's head. */
  readonly chain: string;
  /** The election had no versions: only mesas this import wrote can have any. */
  readonly fresh: boolean;
}

/** How a session reaches its connection: on this thread, or in the writer thread (ADR 011). */
export interface ImportLink {
  readonly begun: ImportBegun;
  /** Batches that may be sent before the first is answered (absent: one at a time). */
  readonly inFlight?: number;
  stored(mesas: readonly string[]): Promise<Map<string, StoredMesa>>;
  write(w: EncodedWrites): Promise<void>;
  commit(s: ImportSummary): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * An import session: each batch planned on the calling thread, in order (the hash chain runs
 * through the batches), its writes sent to the link. A batch waits for the answer of the stored
 * mesas it must compare with; the first import of an election asks only for mesas it wrote itself.
 */
export function plannedSession(meta: ImportMeta, link: ImportLink): ImportSession {
  const { importId, chain, fresh } = link.begun;
  const written: Set<string> | null = fresh ? new Set() : null;
  const planner = new ImportPlanner(meta, importId, chain);
  let planned: Promise<unknown> = Promise.resolve();
  let failed = false;
  const planAndSend = (
    incoming: readonly IncomingActa[],
    quarantined: readonly QuarantinedRow[],
    stored: ReadonlyMap<string, StoredMesa>,
  ): { sent: Promise<BatchOutcome> } => {
    if (failed) throw new Error('an earlier batch of this import failed');
    const plan = planner.plan(stored, incoming);
    const packed = encodeWrites(importId, meta.startedAt, plan.writes, quarantined);
    // the next batch is planned on this one's chain before the link answers; a failed write
    // fails every later batch (the caller rolls the import back)
    planner.done(plan);
    if (written !== null)
      for (const w of plan.writes) if (w.op === 'insert_version') written.add(w.version.mesa);
    return send(packed, plan.outcome);
  };
  const send = (packed: EncodedWrites, outcome: BatchOutcome): { sent: Promise<BatchOutcome> } => {
    const sent = link.write(packed).then(
      () => outcome,
      (e: unknown) => {
        failed = true;
        throw e;
      },
    );
    sent.catch(() => {}); // returned to the caller below; not unhandled meanwhile
    return { sent };
  };
  return {
    importId,
    ...(link.inFlight === undefined ? {} : { inFlight: link.inFlight }),
    applyBatch: (incoming, quarantined) => {
      const step = planned.then(async () => {
        const mesas = incoming.map((i) => i.acta.mesa);
        const asked = written === null ? mesas : mesas.filter((m) => written.has(m));
        const stored = asked.length === 0 ? new Map() : await link.stored(asked);
        return planAndSend(incoming, quarantined, stored);
      });
      planned = step.catch(() => {});
      return step.then(({ sent }) => sent);
    },
    // a fresh import's batches, planned from their columns in order (ADR 012)
    ...(fresh
      ? {
          applyColumns: (batch: ActaBatch<PlaceNames>, quarantined: readonly QuarantinedRow[]) => {
            const step = planned.then(() => {
              if (failed) throw new Error('an earlier batch of this import failed');
              const { hashes, places } = planner.planFresh(batch);
              // as applyBatch does: a later object batch of this import must ask for these mesas
              if (written !== null)
                for (let k = 0; k < batch.n; k++) written.add(batch.mesa[k] as string);
              const outcome = { ...noOutcome(), new: batch.n };
              return send(encodeFresh(batch, hashes, places, quarantined), outcome);
            });
            planned = step.catch(() => {});
            return step.then(({ sent }) => sent);
          },
        }
      : {}),
    commit: (s) => link.commit(s),
    rollback: () => link.rollback(),
  };
}
