// `npx tsx bench/start-stall-probe.ts [--runs N] [--bin dist/cli/main.js] [--cpu-prof DIR]`:
// how long readers wait while a fresh `cifra serve` answers its first summary. Each run ingests
// the bundled 2021 first round (86,488 actas) into a new SQLite file, starts the built CLI's
// `serve` on it (`npm run build:cli && npm run build:web` first; `--log-level warn`, so the
// request log is not what is measured), polls `GET /api/v1/elections` every 50 ms from the moment
// it listens, asks `GET /api/v1/summary` after 500 ms — the first summary reads the store's
// columnar snapshot and tabulates it — and keeps polling 1.5 s after its answer. Prints, per run,
// the worst and p99 latency of the polls (the first poll, the start's first listing, included),
// the worst of those sent from the summary's request on, and the summary's own time.
// `--cpu-prof DIR` starts the server under `node --cpu-prof` (one main-thread profile per run in
// DIR, written as the server stops); `STALL_TIMELINE=1` prints each poll's start+latency (ms).
// `--bin` may be another build's main.js in a folder with package.json, data/, web/ and
// node_modules/ (the project root it finds). Scratch measurement under whatever load the machine
// has: print `uptime` beside it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servedAt } from '../scripts/lib/served-at.js';
import { dataPath } from '../src/io/paths.js';

const ELECTION = 'pe-2021-presidencial';
const FILE = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);
const POLL_MS = 50;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}
const runs = Number(arg('--runs') ?? 3);
const bin = arg('--bin') ?? 'dist/cli/main.js';
const profileDir = arg('--cpu-prof');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh store holding the bundled first round, as `cifra ingest` leaves it. */
function freshStore(dir: string): string {
  const db = join(dir, 'stall.db');
  const r = spawnSync(process.execPath, [bin, 'ingest', FILE, '--db', db, '--election', ELECTION], {
    stdio: 'ignore',
  });
  if (r.status !== 0) throw new Error(`ingest exited ${r.status}`);
  return db;
}

interface Run {
  polls: number;
  worstMs: number;
  p99Ms: number;
  /** The worst of the polls sent from the summary's request on. */
  worstDuringMs: number;
  summaryMs: number;
}

async function once(): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'cifra-stall-probe-'));
  const db = freshStore(dir);
  const flags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const server = spawn(
    process.execPath,
    [
      ...flags,
      bin,
      'serve',
      '--db',
      db,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const base = await servedAt(server);
  const latencies: number[] = [];
  // the polls sent from the summary's request on: its read and tabulation, not the first listing
  const during: number[] = [];
  let s0 = Infinity;
  const timeline: string[] = [];
  const t00 = performance.now();
  const inFlight: Promise<void>[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t0 = performance.now();
      inFlight.push(
        fetch(`${base}/api/v1/elections`).then(async (r) => {
          await r.arrayBuffer();
          if (!r.ok) throw new Error(`elections ${r.status}`);
          latencies.push(performance.now() - t0);
          if (t0 >= s0) during.push(performance.now() - t0);
          if (process.env['STALL_TIMELINE'])
            timeline.push(`${(t0 - t00).toFixed(0)}+${(performance.now() - t0).toFixed(0)}`);
        }),
      );
      await sleep(POLL_MS);
    }
  })();
  await sleep(500);
  s0 = performance.now();
  const summary = await fetch(`${base}/api/v1/summary?election=${ELECTION}`);
  await summary.arrayBuffer();
  if (!summary.ok) throw new Error(`summary ${summary.status}`);
  const summaryMs = performance.now() - s0;
  await sleep(1500);
  polling = false;
  await poller;
  await Promise.all(inFlight);
  const exited = new Promise((r) => server.on('exit', r));
  server.kill('SIGINT');
  await exited;
  rmSync(dir, { recursive: true, force: true });
  if (process.env['STALL_TIMELINE'])
    console.log(timeline.join(' '), 'summary at', (s0 - t00).toFixed(0));
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    polls: sorted.length,
    worstMs: sorted.at(-1) ?? 0,
    p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
    worstDuringMs: Math.max(0, ...during),
    summaryMs,
  };
}

for (let i = 0; i < runs; i++) {
  const r = await once();
  console.log(
    `run ${i + 1}: ${r.polls} polls of /api/v1/elections, worst ${r.worstMs.toFixed(0)} ms, ` +
      `p99 ${r.p99Ms.toFixed(0)} ms; worst from the summary's request on ${r.worstDuringMs.toFixed(0)} ms; ` +
      `first summary ${r.summaryMs.toFixed(0)} ms`,
  );
}
