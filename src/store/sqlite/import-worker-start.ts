// Starting the SQLite import's writer thread (ADR 011) synchronously, from the module's known
// place beside this one: a store takes a warm writer and posts its `begin` in the same tick (ADR 013).
import type { Worker } from 'node:worker_threads';
import { besideModule, workerAt } from '../../io/worker-thread.js';

/** What marks the writer thread: it learns its database from `begin`, so it can start first. */
export interface ImportWorkerData {
  readonly cifraImportWorker: true;
}

/**
 * A writer thread: it loads its modules and waits for `begin` without holding the process open,
 * so it can be started early (ADR 012) and left unused.
 */
export function startImportWorker(onWorker?: (worker: Worker) => void): Worker {
  const workerData: ImportWorkerData = { cifraImportWorker: true };
  const worker = workerAt(besideModule(import.meta.url, 'import-worker'), { workerData });
  worker.unref();
  keepEarlyError(worker);
  onWorker?.(worker);
  return worker;
}

/** The first error of a writer that failed before an import took it, by worker. */
const EARLY = new WeakMap<Worker, Error>();

/**
 * A worker that fails before it is used (its module did not load, say) fails its import
 * (threadedImport), not the process: its error is kept for that import to report.
 */
export function keepEarlyError(worker: Worker): void {
  worker.on('error', (e: Error) => {
    if (!EARLY.has(worker)) EARLY.set(worker, e);
  });
}

/** Why a writer ended before its import began, when it said so. */
export function earlyError(worker: Worker): Error | undefined {
  return EARLY.get(worker);
}
