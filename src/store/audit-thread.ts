// The store's whole audit chain verified off the main thread (ADR 016): reading and hashing every
// audited row took seconds with the event loop blocked, and a server answered nothing meanwhile.
import { besideModule, workerAt } from '../io/worker-thread.js';
import type { VerifiedHead } from './audit-verified.js';
import type { PgPoolOptions } from './postgres/pg-pool.js';

/**
 * The worker's PostgreSQL pool: the check reads in one transaction, so one connection (a server
 * then holds at most its own 8 and this one), named so pg_stat_activity tells it apart.
 */
export const AUDIT_WORKER_POOL = { size: 1, applicationName: 'cifra audit check' } as const;

/** What the worker is started with. */
export interface AuditThreadData {
  /** The store's name: a SQLite file path or a PostgreSQL URL (openStore). */
  readonly db: string;
  /** Its PostgreSQL pool (AUDIT_WORKER_POOL). */
  readonly pool: PgPoolOptions;
  /** Tests: the worker waits until slot 0 is no longer 0 before it opens the store. */
  readonly hold?: Int32Array | undefined;
}

/** The worker's one message: verifiedHead's answer, or why the store could not be verified. */
export type AuditThreadReply =
  | { readonly ok: true; readonly value: VerifiedHead }
  | { readonly ok: false; readonly message: string; readonly stack?: string | undefined };

/**
 * Whether a store of this name can be opened again by another thread: a file or a server, not a
 * SQLite memory database (each connection to ':memory:' or '' is a new, empty one).
 */
export const verifiableOffThread = (db: string | undefined): db is string =>
  db !== undefined && db !== '' && db !== ':memory:';

/**
 * `verifiedHead(store, null)` of the store named `db`, computed on a worker thread with its own
 * connection. Rejects when the worker cannot open or read the store, or ends without answering:
 * a fault, not a verdict.
 */
export function verifiedHeadOffThread(
  db: string,
  hold?: Int32Array,
  signal?: AbortSignal,
): Promise<VerifiedHead> {
  const workerData: AuditThreadData = { db, pool: AUDIT_WORKER_POOL, hold };
  const worker = workerAt(besideModule(import.meta.url, 'audit-worker'), { workerData });
  return new Promise<VerifiedHead>((resolve, reject) => {
    let answered = false;
    // a server closing stops the check (seconds of hashing) instead of waiting for it
    signal?.addEventListener(
      'abort',
      () => {
        if (answered) return;
        answered = true;
        reject(signal.reason);
        void worker.terminate();
      },
      { once: true },
    );
    worker.once('message', (r: AuditThreadReply) => {
      answered = true;
      if (r.ok) resolve(r.value);
      else reject(Object.assign(new Error(r.message), { stack: r.stack ?? r.message }));
    });
    worker.once('error', (e) => {
      answered = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!answered)
        reject(new Error(`the audit worker exited with code ${code} before answering`));
    });
  });
}
