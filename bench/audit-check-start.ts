// The server's start-up audit check (src/api/audit-check.ts, ADR 016) on `npm start`'s store: the
// whole chain verified on the event loop (a server given no store name: before) or on a worker
// thread with its own connection (the name the server was opened by: after). Per round: the
// longest gap between ticks of a 10 ms interval from ready() until the check settled (how long no
// request could be answered), the ticks, and the check's wall time. Variants alternate.
// `npx tsc -p tsconfig.bench.json && node .bench-cache/build/bench/audit-check-start.js [store.db]`
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AuditCheck } from '../src/api/audit-check.js';
import { buildApi } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const db = process.argv[2] ?? join('.bench-cache', 'cifra.db');

async function round(offThread: boolean): Promise<{ gap: number; ticks: number; wall: number }> {
  const store = new SqliteStore(db);
  const app = await buildApi({ store, tokenHash: null, ...(offThread ? { storeName: db } : {}) });
  const audit = (app as unknown as { cifraAuditCheck: AuditCheck }).cifraAuditCheck;
  let last = performance.now();
  let gap = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    gap = Math.max(gap, t - last);
    last = t;
    ticks++;
  }, 10);
  const t0 = performance.now();
  last = t0;
  await app.ready();
  await audit.settled;
  const wall = performance.now() - t0;
  gap = Math.max(gap, performance.now() - last);
  clearInterval(timer);
  if (audit.current.verified === null) throw new Error('the store did not verify');
  await app.close();
  await store.close();
  return { gap, ticks, wall };
}

for (let i = 0; i < ROUNDS; i++)
  for (const offThread of [false, true]) {
    const r = await round(offThread);
    console.log(
      `${offThread ? 'worker' : 'thread'}  max gap ${r.gap.toFixed(0)} ms  ticks ${r.ticks}  check ${r.wall.toFixed(0)} ms  load ${loadavg()[0]?.toFixed(1)}`,
    );
  }
