// The main thread's side of a SQLite import written by a worker thread (ADR 011): requests are
// sent in order and answered in order; a write is not awaited before the next batch is read.
import type { Worker } from 'node:worker_threads';
import type { StoredMesa } from '../../core/tally/batch-plan.js';
import type { ImportMeta } from '../store.js';
import { StoreBusyError, StoreWriterFailed } from '../store.js';
import { transferables } from './import-batch.js';
import { earlyError } from './import-worker-start.js';
import type { ImportReply, ImportRequest } from './import-worker.js';
import type { ImportBegun, ImportLink } from './import-session.js';

/** Batches sent and not yet answered: two keep both threads busy (one written, one queued). */
export const IN_FLIGHT = 2;

/** An import of the store at `path`, written by `worker`. */
export async function threadedImport(
  worker: Worker,
  path: string,
  busyMs: number,
  meta: ImportMeta,
): Promise<ImportLink> {
  const waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  let failed: Error | null = null;
  /** The commit or rollback was sent: nothing more is (a write still being planned is refused). */
  let ending = false;
  const fail = (e: Error): void => {
    failed ??= e;
    for (const w of waiting.splice(0)) w.reject(failed);
  };
  worker.on('message', (r: ImportReply) => {
    const w = waiting.shift();
    // idle, the worker does not keep the process alive; ending, it must until it has exited
    if (waiting.length === 0 && !ending) worker.unref();
    if (w === undefined) return;
    if (r.ok) w.resolve(r.value);
    else if (r.busyMs !== undefined) w.reject(new StoreBusyError(r.busyMs));
    else
      w.reject(Object.assign(new Error(r.message), { stack: r.stack ?? r.message, code: r.code }));
  });
  worker.on('error', (e) => fail(new StoreWriterFailed(e.message)));
  worker.on('exit', (code) => fail(new StoreWriterFailed(`exited with code ${code}`)));
  // ended before this import began (its threadId is -1 once it no longer runs)
  if (worker.threadId < 0) {
    const early = earlyError(worker);
    fail(
      new StoreWriterFailed(
        `exited before the import began${early === undefined ? '' : `: ${early.message}`}`,
      ),
    );
  }
  const send = (r: ImportRequest, transfer: ArrayBuffer[] = []): Promise<unknown> => {
    if (failed !== null) return Promise.reject(failed);
    if (ending) return Promise.reject(new StoreWriterFailed(`${r.op} after the import ended`));
    worker.ref(); // an unanswered request keeps the process alive
    const p = new Promise<unknown>((resolve, reject) => waiting.push({ resolve, reject }));
    worker.postMessage(r, transfer);
    return p;
  };
  /** The last request: the worker ends after its answer, whatever it is. */
  const last = async (r: ImportRequest): Promise<void> => {
    try {
      if (failed === null) {
        const answer = send(r);
        // a rollback sent while a batch was still being planned (its `stored` asked, its write
        // not yet sent): that write came after the rollback, and its answer unref'd the worker
        // while terminate() was pending — the process exited 13 with no word (review 8)
        ending = true;
        await answer;
      } else if (r.op === 'commit') throw failed;
      // a writer that failed took its open transaction with it: nothing to roll back
    } finally {
      ending = true;
      await worker.terminate();
    }
  };
  let begun: ImportBegun;
  try {
    begun = (await send({ op: 'begin', path, busyMs, meta })) as ImportBegun;
  } catch (e) {
    ending = true;
    await worker.terminate();
    throw e;
  }
  return {
    begun,
    inFlight: IN_FLIGHT,
    stored: (mesas) => send({ op: 'stored', mesas }) as Promise<Map<string, StoredMesa>>,
    write: async (writes) => {
      await send({ op: 'write', writes }, transferables(writes));
    },
    commit: (summary) => last({ op: 'commit', summary }),
    rollback: () => last({ op: 'rollback' }),
  };
}
