// The whole-chain audit check on a worker thread (audit-thread.ts, ADR 016): its own connection to
// the store by the name the server opened it with (on PostgreSQL a pool of one), the same
// verifiedHead as every other check.
import { parentPort, workerData } from 'node:worker_threads';
import { verifiedHead } from './audit-verified.js';
import type { AuditThreadData, AuditThreadReply } from './audit-thread.js';
import { openStore } from './open.js';

const data = workerData as AuditThreadData;
// tests: held here until they release it, to see the server answer meanwhile
if (data.hold !== undefined) Atomics.wait(data.hold, 0, 0);
let reply: AuditThreadReply;
try {
  const store = openStore(data.db, { pool: data.pool });
  try {
    reply = { ok: true, value: await verifiedHead(store, null) };
  } finally {
    await store.close();
  }
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  reply = { ok: false, message: err.message, stack: err.stack };
}
parentPort?.postMessage(reply);
