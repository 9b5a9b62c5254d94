// A publish in a process of its own for test/publish-lock.test.ts: it takes the lock on `out`
// with replaceOwnedDir and writes a small site (`race`: FILES files), or holds the lock with its
// event loop blocked until the file FILES exists (`hold`: only the heartbeat thread runs). Prints its result as one JSON line.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceOwnedDir } from '../src/io/owned-dir.js';

const [mode, out, log, go, id, n, staleMs] = process.argv.slice(2);
if (mode === undefined || out === undefined || log === undefined || go === undefined)
  throw new Error('usage: publish-lock-child race|hold OUT LOG GO ID FILES STALE_MS');
const parent = process.ppid;
/** Blocks the thread for `ms`; ends the process once its test is gone (it waits for its files). */
const pause = (ms: number): void => {
  if (process.ppid !== parent) process.exit(1);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

process.stdout.write('ready\n');
// both racers start together: the test creates `go` once every child is ready
while (!existsSync(go)) pause(5);
const r = await replaceOwnedDir(
  out,
  async ({ dir }) => {
    appendFileSync(log, `start ${id}\n`);
    // held with the event loop blocked (timers on this thread do not run) until `n` exists
    if (mode === 'hold') while (!existsSync(n ?? '')) pause(5);
    else
      for (let i = 0; i < Number(n); i++) {
        writeFileSync(join(dir, `f${i}.txt`), `${id}\n`);
        await new Promise((done) => setTimeout(done, 2));
      }
    appendFileSync(log, `end ${id}\n`);
    return id;
  },
  { staleMs: Number(staleMs), pollMs: 10, waitMs: 60_000 },
);
process.stdout.write(`${JSON.stringify(r.ok ? { ok: r.value } : { error: r.error })}\n`);
