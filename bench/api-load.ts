// The national results endpoint under load against nginx (Debian package) serving the published
// static JSON of the same bytes. The load generator is Debian's `wrk` (C, one thread), so that it
// is not the bottleneck; autocannon (Node) only when wrk is absent. A bare node:http server
// sending the same bytes and headers (bare-node-server.ts) runs as a third, so that the line shows
// Node's own floor in the same minutes. All run all along, each one process (nginx: one worker,
// checked), pinned to CPU 0 with taskset when there is one, wrk on CPU 1; the runs are interleaved
// (cifra, nginx, bare, cifra, …), each after a warm-up, and each server's CPU seconds per 10k
// requests are read from /proc/<pid>/stat — the figure that holds on a machine shared with other
// work, where req/s moves with the neighbours.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildOpenApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { CACHE, median } from './baselines.js';

const NGINX = '/usr/sbin/nginx';
const WRK = '/usr/bin/wrk';
const TASKSET = '/usr/bin/taskset';
const DURATION = Number(process.env['LOAD_SECONDS'] ?? 10);
const WARMUP = Number(process.env['LOAD_WARMUP_SECONDS'] ?? 2);
const ROUNDS = Number(process.env['LOAD_ROUNDS'] ?? 5);
const CONNECTIONS = 50;
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (getconf CLK_TCK). */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const PIN = existsSync(TASKSET);

export interface LoadResult {
  readonly rps: number;
  readonly requests: number;
  readonly p99: number;
  readonly errors: number;
  /** The server's CPU seconds (user + system, all its processes) per 10,000 requests; NaN if unknown. */
  readonly cpuPer10k: number;
}

/** wrk's duration in ms from its text ("812.00us", "3.21ms", "1.02s"). */
function wrkMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

/** A command pinned to a CPU when taskset is there. */
function pinned(cpu: number, cmd: string, args: readonly string[]): [string, string[]] {
  return PIN ? [TASKSET, ['-c', String(cpu), cmd, ...args]] : [cmd, [...args]];
}

/** `wrk -t1 -cN -dS --latency` on CPU 1: requests, requests/s, p99, errors (socket and non-2xx). */
function wrkLoad(url: string, seconds: number): Omit<LoadResult, 'cpuPer10k'> {
  const [cmd, args] = pinned(1, WRK, [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '--latency',
    url,
  ]);
  const out = execFileSync(cmd, args).toString();
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors =
    num(/Non-2xx or 3xx responses: (\d+)/) +
    (socket ? socket.slice(1).reduce((a, x) => a + Number(x), 0) : 0);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    requests: num(/(\d+) requests in /),
    p99: wrkMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    errors,
  };
}

async function generate(url: string, seconds: number): Promise<Omit<LoadResult, 'cpuPer10k'>> {
  if (existsSync(WRK)) return wrkLoad(url, seconds);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

/** The direct children of a process (from each process's parent id in /proc). */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) kids.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return kids;
}

/** CPU seconds (user + system, all threads) of a process and its children so far. */
function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...childrenOf(pid)]) {
    // fields after the command's ")": state is field 3, utime 14, stime 15
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / TICKS;
}

/** One measured run after a warm-up: the load generator's figures and the server's CPU. */
async function measure(url: string, pid: number): Promise<LoadResult> {
  await generate(url, WARMUP);
  const c0 = cpuSeconds(pid);
  const r = await generate(url, DURATION);
  const cpu = cpuSeconds(pid) - c0;
  return { ...r, cpuPer10k: r.requests > 0 ? (cpu * 10_000) / r.requests : NaN };
}

/**
 * Waits for the server's first answer: up to 2 minutes, since a loaded machine takes far longer
 * than 10 s to open the 86,488-acta store (the twenty-fifth pass's run at load 16 died here).
 */
async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** The 2021 first round stored (86,488 actas) and published as a static site in `dir`. */
async function prepare(dir: string): Promise<{ db: string; site: string }> {
  // LOAD_REUSE=1: the store and site of the previous run, when both are there (the publish takes minutes)
  const reuse = { db: join(dir, 'load.db'), site: join(dir, 'site') };
  if (process.env['LOAD_REUSE'] === '1' && existsSync(reuse.db) && existsSync(reuse.site))
    return reuse;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'load.db');
  const store = new SqliteStore(db);
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  const r = await ingestFile(store, {
    file: dataPath(
      'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
    ),
    election: e,
    now: () => new Date().toISOString(),
  });
  if (!r.ok) throw new Error('ingest failed');
  const site = join(dir, 'site');
  const pub = await publishSite(store, site, buildOpenApi(), new Date().toISOString());
  if (!pub.ok) throw new Error(pub.error.map((i) => i.code).join(', '));
  await store.close();
  return { db, site };
}

/** nginx as one worker process (worker_processes 1, checked), serving `site`. */
function startNginx(dir: string, site: string, port: number): ChildProcess {
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1; daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')};
events { worker_connections 1024; }
http { access_log off; sendfile on; default_type application/json; etag on;
  server { listen 127.0.0.1:${port}; root ${site}; location / { add_header Cache-Control "public, max-age=5"; } } }
`,
  );
  const [cmd, args] = pinned(0, NGINX, ['-c', conf, '-p', dir]);
  return spawn(cmd, args, { stdio: 'ignore' });
}

/** A ratio's median and range over the rounds. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function spread(xs: readonly number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/** One interleaved round, in the order run: cifra, cifra with the raw fast path off, nginx, bare Node. */
export interface Round {
  readonly cifra: LoadResult;
  readonly rawOff: LoadResult;
  readonly nginx: LoadResult;
  readonly bare: LoadResult;
}

export interface ApiVersusNginx {
  readonly rounds: readonly Round[];
  /** cifra req/s over nginx req/s, round by round: the target's figure. */
  readonly ratio: Spread;
  /** The same with the raw fast path off (CIFRA_RAW_HOT=0): Node's parser for every request. */
  readonly rawOffRatio: Spread;
  /** cifra's req/s with the raw fast path over without it, round by round. */
  readonly rawGain: Spread;
  /** The bare Node server's req/s over nginx's, round by round: Node's floor in the same run. */
  readonly bareRatio: Spread;
  /** Median CPU seconds per 10k requests of each server, and nginx's over cifra's. */
  readonly cpuPer10k: {
    readonly cifra: number;
    readonly rawOff: number;
    readonly nginx: number;
    readonly bare: number;
    readonly ratio: number;
  };
  readonly bytes: number;
  readonly note: string;
}

/** A response as wrk gets it (node:http, no Accept-Encoding; fetch would ask for gzip). */
function rawGet(url: string): Promise<{ headers: string[]; body: Buffer }> {
  return new Promise((resolve, reject) =>
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.rawHeaders, body: Buffer.concat(chunks) }));
    }).on('error', reject),
  );
}

/** A bare node:http server on CPU 0 sending the headers and body cifra sent for `url`. */
async function startBare(dir: string, url: string, port: number): Promise<ChildProcess> {
  await rawGet(url); // the second read is the hot path's answer, as under load
  const { headers: raw, body } = await rawGet(url);
  // Node adds date, connection and keep-alive itself, as it does for cifra
  const skip = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const [k, v] = [raw[i] as string, raw[i + 1] as string];
    if (!skip.has(k.toLowerCase())) pairs.push(k, v);
  }
  const file = join(dir, 'bare-response.json');
  writeFileSync(file, JSON.stringify({ headers: pairs, body: body.toString('base64') }));
  const script = join(CACHE, 'build', 'bench', 'bare-node-server.js');
  const [cmd, args] = pinned(0, process.execPath, [script, String(port), file]);
  return spawn(cmd, args, { stdio: 'ignore' });
}

/** `cifra serve` of the bin on one port, pinned to CPU 0 (with the raw fast path off: `env`). */
function startCifra(main: string, db: string, port: number, env?: NodeJS.ProcessEnv): ChildProcess {
  const [cmd, args] = pinned(0, process.execPath, [
    main,
    'serve',
    '--db',
    db,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ]);
  return spawn(cmd, args, { stdio: 'ignore', ...(env === undefined ? {} : { env }) });
}

interface Served {
  readonly apiUrl: string;
  readonly offUrl: string;
  readonly staticUrl: string;
  readonly bareUrl: string;
}

/** Every server answers the same bytes, in one process each (else the comparison means nothing). */
async function checkSame(u: Served, pids: { nginx: number; server: number }): Promise<string> {
  const apiBody = await (await fetch(u.apiUrl)).text();
  if ((await (await fetch(u.staticUrl)).text()) !== apiBody)
    throw new Error('nginx and the API serve different bytes');
  if (!(await rawGet(u.bareUrl)).body.equals((await rawGet(u.apiUrl)).body))
    throw new Error('the bare Node server and the API serve different bytes');
  const workers = childrenOf(pids.nginx);
  if (workers.length !== 1) throw new Error(`nginx has ${workers.length} worker processes`);
  if (!(await rawGet(u.offUrl)).body.equals((await rawGet(u.apiUrl)).body))
    throw new Error('cifra with the raw fast path off serves different bytes');
  if (childrenOf(pids.server).length !== 0) throw new Error('cifra is not one process');
  return apiBody;
}

/** The rounds' ratios and CPU per 10k requests, with how they were measured. */
function summarize(rounds: Round[], apiBody: string): ApiVersusNginx {
  const cpu = (k: keyof Round): number => median(rounds.map((r) => r[k].cpuPer10k));
  return {
    rounds,
    ratio: spread(rounds.map((r) => r.cifra.rps / r.nginx.rps)),
    rawOffRatio: spread(rounds.map((r) => r.rawOff.rps / r.nginx.rps)),
    rawGain: spread(rounds.map((r) => r.cifra.rps / r.rawOff.rps)),
    bareRatio: spread(rounds.map((r) => r.bare.rps / r.nginx.rps)),
    cpuPer10k: {
      cifra: cpu('cifra'),
      rawOff: cpu('rawOff'),
      nginx: cpu('nginx'),
      bare: cpu('bare'),
      ratio: cpu('nginx') / cpu('cifra'),
    },
    bytes: Buffer.byteLength(apiBody),
    note: `${existsSync(WRK) ? 'wrk, 1 thread' : 'autocannon (wrk absent)'}, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds (cifra, cifra raw off, nginx, bare Node) of ${DURATION} s after ${WARMUP} s warm-up; one nginx worker vs one Node process${PIN ? ', servers on CPU 0, wrk on CPU 1 (taskset)' : ' (no taskset: not pinned)'}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  };
}

/** The bench: cifra, nginx and a bare Node server interleaved, ROUNDS rounds; null when nginx is absent. */
export async function apiVersusNginx(): Promise<ApiVersusNginx | null> {
  if (!existsSync(NGINX)) return null;
  const dir = join(CACHE, 'load');
  const { db, site } = await prepare(dir);
  const apiPort = 17000 + Math.floor(Math.random() * 1000);
  const port = apiPort + 1000;
  const barePort = apiPort + 2000;
  // the bin as `npm run build` makes it (one bundle), as users run it, not tsc's module tree
  const { buildCli } = await import('../scripts/build-cli.js');
  const main = (await buildCli(join(CACHE, 'cli-bench'))).main;
  const server = startCifra(main, db, apiPort);
  // the same bin with the raw fast path off (CIFRA_RAW_HOT=0, docs/adr/014): Node's parser only
  const offPort = apiPort + 3000;
  const off = startCifra(main, db, offPort, { ...process.env, CIFRA_RAW_HOT: '0' });
  const nginx = startNginx(dir, site, port);
  let bare: ChildProcess | undefined;
  try {
    const apiUrl = `http://127.0.0.1:${apiPort}/api/v1/results?election=pe-2021-presidencial&level=national`;
    const u: Served = {
      apiUrl,
      staticUrl: `http://127.0.0.1:${port}/api/v1/elections/pe-2021-presidencial/results/national.json`,
      bareUrl: `http://127.0.0.1:${barePort}/`,
      offUrl: apiUrl.replace(`:${apiPort}/`, `:${offPort}/`),
    };
    await waitFor(u.apiUrl);
    await waitFor(u.offUrl);
    await waitFor(u.staticUrl);
    bare = await startBare(dir, u.apiUrl, barePort);
    await waitFor(u.bareUrl);
    const apiBody = await checkSame(u, {
      nginx: nginx.pid as number,
      server: server.pid as number,
    });
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const c = await measure(u.apiUrl, server.pid as number);
      const o = await measure(u.offUrl, off.pid as number);
      const n = await measure(u.staticUrl, nginx.pid as number);
      const b = await measure(u.bareUrl, bare.pid as number);
      rounds.push({ cifra: c, rawOff: o, nginx: n, bare: b });
    }
    return summarize(rounds, apiBody);
  } finally {
    server.kill('SIGTERM');
    off.kill('SIGTERM');
    nginx.kill('SIGTERM');
    bare?.kill('SIGTERM');
    execFileSync('sleep', ['0.3']);
  }
}

/**
 * The bench's lines: the target's figure first (cifra req/s over nginx's, median and range over
 * the rounds), then each server's CPU per 10k requests, then the bare Node reference.
 */
export function describe(r: ApiVersusNginx): string {
  const f = (x: number): string => x.toFixed(2);
  const s = (x: Spread): string => `median ${f(x.median)} (range ${f(x.min)}–${f(x.max)})`;
  const pairs = r.rounds
    .map((p) =>
      [p.cifra, p.rawOff, p.nginx, p.bare].map((x) => String(Math.round(x.rps))).join('/'),
    )
    .join(', ');
  const errors = (['cifra', 'rawOff', 'nginx', 'bare'] as const)
    .map((k) => r.rounds.reduce((a, p) => a + p[k].errors, 0))
    .join('/');
  const p99 = (k: keyof Round): number => median(r.rounds.map((p) => p[k].p99));
  return [
    `ratio = cifra req/s over nginx req/s, ${s(r.ratio)}; target ≥ 0.8`,
    `raw fast path off (CIFRA_RAW_HOT=0) over nginx: ${s(r.rawOffRatio)}; on over off: ${s(r.rawGain)}`,
    `CPU s per 10k requests (median): cifra ${f(r.cpuPer10k.cifra)}, raw off ${f(r.cpuPer10k.rawOff)}, nginx ${f(r.cpuPer10k.nginx)} (nginx/cifra ${f(r.cpuPer10k.ratio)}), bare Node ${f(r.cpuPer10k.bare)}`,
    `bare Node (same bytes and headers, node:http only) over nginx: ${s(r.bareRatio)} — Node's floor in this run`,
    `req/s cifra/raw off/nginx/bare by round ${pairs}; p99 cifra ${p99('cifra')} ms, raw off ${p99('rawOff')} ms, nginx ${p99('nginx')} ms, bare ${p99('bare')} ms; errors cifra/raw off/nginx/bare ${errors}; ${r.bytes} bytes; ${r.note}`,
  ].join('\n');
}

// `npm run bench:api`: this line alone
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await apiVersusNginx();
  console.log(r === null ? 'nginx absent (apt-get install nginx): no baseline' : describe(r));
}
