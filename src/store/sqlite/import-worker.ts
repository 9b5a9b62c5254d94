// The SQLite import's writer thread (ADR 011): it owns the import's write connection and executes
// the packed writes the main thread plans, one request at a time in the order sent, so that the
// main thread reads, validates and plans the next batch meanwhile.
import Database from 'better-sqlite3';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ImportMeta, ImportSummary } from '../store.js';
import { StoreBusyError } from '../store-errors.js';
import type { EncodedWrites } from './import-batch.js';
import type { ImportWorkerData } from './import-worker-start.js';
import { SqliteImportWriter } from './import-writer.js';
import { configureSqlite } from './sqlite-config.js';

export type ImportRequest =
  | {
      readonly op: 'begin';
      readonly path: string;
      readonly busyMs: number;
      readonly meta: ImportMeta;
    }
  | { readonly op: 'stored'; readonly mesas: readonly string[] }
  | { readonly op: 'write'; readonly writes: EncodedWrites }
  | { readonly op: 'commit'; readonly summary: ImportSummary }
  | { readonly op: 'rollback' };

export type ImportReply =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly busyMs?: number;
      readonly message: string;
      readonly stack?: string | undefined;
      readonly code?: unknown;
    };

function serve(port: MessagePort): void {
  let writer: SqliteImportWriter | null = null;
  const handle = (r: ImportRequest): unknown => {
    if (r.op === 'begin') {
      const db = new Database(r.path);
      configureSqlite(db, r.busyMs);
      writer = SqliteImportWriter.begin({ db, done: () => db.close() }, r.meta, r.busyMs);
      return writer.begun;
    }
    const w = writer as SqliteImportWriter;
    switch (r.op) {
      case 'stored':
        return w.stored(r.mesas);
      case 'write':
        return w.write(r.writes);
      case 'commit':
        return w.commit(r.summary);
      case 'rollback':
        return w.rollback();
    }
  };
  // requests are handled as they arrive, synchronously: in the order sent
  port.on('message', (r: ImportRequest) => {
    let reply: ImportReply;
    try {
      reply = { ok: true, value: handle(r) ?? null };
    } catch (e) {
      const err = e as Error;
      reply =
        e instanceof StoreBusyError
          ? { ok: false, busyMs: e.waitedMs, message: err.message }
          : {
              ok: false,
              message: String(err?.message ?? e),
              stack: err?.stack,
              // SQLITE_FULL and the like are coded by the caller (store-faults.ts)
              code: (err as { code?: unknown })?.code,
            };
    }
    port.postMessage(reply);
  });
}

const data = workerData as Partial<ImportWorkerData> | null;
if (!isMainThread && parentPort !== null && data?.cifraImportWorker === true) serve(parentPort);
