// How long the first polling-places request holds the event loop (issue 13's review): the API in
// process over a store with the 2021 runoff, a 1 ms timer beside it, and the longest gap between
// two of its ticks while the request runs (it ran 2.8-4.7 s when the document was read whole).
// The CPU of the whole request is printed beside it. `npm run bench:polling-places`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHS } from '../src/api/paths.js';
import { buildApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const ID = 'pe-2021-presidencial-segunda';

/** One first request in a fresh process-wide state: its longest event-loop pause and its CPU. */
async function firstRequest(): Promise<{ pauseMs: number; cpuMs: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cifra-bench-pp-'));
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const def = bundledElection(ID);
  if (def === null) throw new Error(ID);
  await store.putElection(def);
  const app = await buildApi({ store, tokenHash: null });
  await app.inject({ method: 'GET', url: PATHS.document(ID, 'progress') });
  let pause = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    pause = Math.max(pause, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 30));
  [pause, last] = [0, performance.now()];
  const cpu = process.cpuUsage();
  const r = await app.inject({ method: 'GET', url: PATHS.document(ID, 'polling-places') });
  const used = process.cpuUsage(cpu);
  await new Promise((r) => setTimeout(r, 30)); // the tick after the last block records it
  clearInterval(tick);
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (r.statusCode !== 200) throw new Error(`polling-places: ${r.statusCode}`);
  return { pauseMs: pause, cpuMs: (used.user + used.system) / 1000, bytes: r.rawPayload.length };
}

// the document is cached per process: one first request a process (run the command again for more)
const r = await firstRequest();
console.log(
  `polling-places first request (${ID}, ${r.bytes} bytes): longest event-loop pause ${r.pauseMs.toFixed(0)} ms, ${r.cpuMs.toFixed(0)} ms CPU; load ${loadavg()[0]?.toFixed(1)}`,
);
