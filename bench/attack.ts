// `npm run bench:attack`: hostile traffic against `cifra serve` on the real 2021 data (issue 14):
// an unauthenticated cache flood (a new unknown parameter on every district read), stalled
// unauthenticated 64 MB uploads, concurrent projections with a new seed each and what-if seat
// computations on the official 2026 Diputados with a new body each — while a reader asks for the
// national results at a bounded rate. The server must stay up, its RSS under RSS_BOUND_MB and the
// national read's p99 under P99_BOUND_MS, and every stalled upload must be refused before its
// body: the first AUTH_FAILURES with 401, the rest with 429 (the failed-token limit per address
// and minute, src/api/guard.ts). Prints the figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_LIMITS } from '../src/api/guard.js';
import { dataPath } from '../src/io/paths.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { openStore } from '../src/store/open.js';
import { CACHE } from './baselines.js';

const RSS_BOUND_MB = 1024;
const P99_BOUND_MS = 1000;
const SECONDS = 30;
const UPLOADS = 30;
const AUTH_FAILURES = DEFAULT_LIMITS.authFailures;
const main = join(CACHE, 'build', 'src', 'cli', 'main.js');
const FILE = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);

function run(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn('node', [main, ...args], { stdio: 'ignore' });
    p.on('exit', resolve);
  });
}

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};

/** Requests `request(i)` with `concurrency` loops until `until`; counts statuses. */
async function hammer(
  base: string,
  concurrency: number,
  until: number,
  request: (i: number) => { path: string; body?: string },
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const { path, body } = request(i++);
        try {
          const r = await fetch(
            base + path,
            body === undefined
              ? {}
              : { method: 'POST', headers: { 'content-type': 'application/json' }, body },
          );
          await r.arrayBuffer();
          counts[r.status] = (counts[r.status] ?? 0) + 1;
        } catch {
          counts['error'] = (counts['error'] ?? 0) + 1;
        }
      }
    }),
  );
  return counts;
}

/** Unauthenticated uploads that announce 64 MB, send 1 KB and stall; each answer's status. */
function stalledUploads(
  port: number,
  n: number,
): { sockets: Socket[]; statuses: () => Record<string, number> } {
  const status: string[] = Array.from({ length: n }, () => 'none');
  const sockets = Array.from({ length: n }, (_, k) => {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    s.on('data', (d: Buffer) => {
      const m = /^HTTP\/1.1 (\d{3})/.exec(d.toString());
      if (m?.[1] !== undefined && status[k] === 'none') status[k] = m[1];
    });
    s.write(
      `POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nContent-Length: 67108864\r\n\r\n${'x'.repeat(1024)}`,
    );
    return s;
  });
  const statuses = (): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const x of status) out[x] = (out[x] ?? 0) + 1;
    return out;
  };
  return { sockets, statuses };
}

/** The stalled uploads as expected: AUTH_FAILURES answered 401, the others 429, none unanswered. */
const uploadsAsExpected = (u: Record<string, number>): boolean =>
  u['401'] === Math.min(UPLOADS, AUTH_FAILURES) &&
  (u['429'] ?? 0) === UPLOADS - Math.min(UPLOADS, AUTH_FAILURES) &&
  Object.keys(u).every((k) => k === '401' || k === '429');

/** A store with the 2021 first round ingested and the 2026 Diputados for the what-if requests. */
async function prepareStore(dir: string): Promise<string> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'night.db');
  if ((await run(['ingest', FILE, '--db', db, '--election', 'pe-2021-presidencial'])) !== 0)
    throw new Error('the import failed');
  // the 2026 Diputados (ONPE's published aggregates by district) for the what-if requests
  const store = openStore(db);
  await store.migrate();
  const diputados = await putPublishedElection(store, 'pe-2026-diputados');
  await store.close();
  if (!diputados.ok) throw new Error('the 2026 Diputados did not load');
  return db;
}

/** `cifra serve` with a token, once it answers. */
async function startServer(db: string, port: number): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  const server = spawn('node', [main, 'serve', '--db', db, '--port', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, CIFRA_TOKEN: 'bench-attack-token' },
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/v1/elections`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

/** The national result read at a steady 50 requests a second for the attack's duration. */
function steadyReads(base: string): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve) =>
    autocannon(
      {
        url: `${base}/api/v1/results?election=pe-2021-presidencial&level=national`,
        connections: 8,
        overallRate: 50,
        duration: SECONDS,
      },
      (err, res) => {
        if (err) throw err;
        resolve(res);
      },
    ),
  );
}

/** The attack's three floods until `until`: cache-busting reads, projections, what-ifs. */
function floods(base: string, until: number) {
  return Promise.all([
    hammer(base, 8, until, (i) => ({
      path: `/api/v1/results?election=pe-2021-presidencial&level=district&x=${i}`,
    })),
    hammer(base, 16, until, (i) => ({
      path: `/api/v1/projection?election=pe-2021-presidencial&sims=5000&seed=${i + 1}`,
    })),
    // a new body each (a new seed, a threshold from 1 % to 10 %): no cache hit, all computed
    hammer(base, 8, until, (i) => ({
      path: '/api/v1/what-if',
      body: JSON.stringify({
        election: 'pe-2026-diputados',
        seed: i + 1,
        whatIf: { threshold: `${1 + (i % 10)}%` },
      }),
    })),
  ]);
}

export async function attack() {
  const db = await prepareStore(join(CACHE, 'attack'));
  const port = 19000 + Math.floor(Math.random() * 1000);
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(db, port);
  // warm: the snapshot loaded once, as any first reader would
  await fetch(`${base}/api/v1/results?election=pe-2021-presidencial&level=national`);
  const pid = server.pid ?? 0;
  let maxRss = rssMb(pid);
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMb(pid))), 200);
  const until = Date.now() + SECONDS * 1000;
  const stalled = stalledUploads(port, UPLOADS);
  const reads = steadyReads(base);
  const [flood, projections, whatIfs] = await floods(base, until);
  const national = await reads;
  clearInterval(sampler);
  for (const s of stalled.sockets) s.destroy();
  const up = (await fetch(`${base}/api/v1/elections`).catch(() => null))?.ok === true;
  server.kill('SIGTERM');
  return {
    up,
    maxRss,
    p99: national.latency.p99,
    nationalRequests: national.requests.total,
    nationalErrors: national.errors + national.timeouts + national.non2xx,
    flood,
    projections,
    whatIfs,
    uploads: stalled.statuses(),
  };
}

const r = await attack();
console.log(
  `attack (sqlite, real 2021 data, ${SECONDS} s): server ${r.up ? 'up' : 'DOWN'} after; peak RSS ${Math.round(r.maxRss)} MB (bound ${RSS_BOUND_MB}); ` +
    `national read p99 ${r.p99} ms (bound ${P99_BOUND_MS}) over ${r.nationalRequests} requests, ${r.nationalErrors} errors; ` +
    `cache flood ${JSON.stringify(r.flood)}; projections ${JSON.stringify(r.projections)}; what-if ${JSON.stringify(r.whatIfs)}; ` +
    `${UPLOADS} stalled 64 MB uploads answered before their body ${JSON.stringify(r.uploads)} (expected ${AUTH_FAILURES} × 401, then 429)`,
);
if (
  !r.up ||
  r.maxRss > RSS_BOUND_MB ||
  r.p99 > P99_BOUND_MS ||
  r.nationalErrors > 0 ||
  !uploadsAsExpected(r.uploads)
)
  process.exitCode = 1;
