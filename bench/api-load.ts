// The national results endpoint under load against nginx (Debian package) serving the published
// static JSON of the same bytes, in the same run. The load generator is Debian's `wrk` (C, one
// thread), so that it is not the bottleneck; autocannon (Node) only when wrk is absent.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildOpenApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { CACHE } from './baselines.js';

const NGINX = '/usr/sbin/nginx';
const WRK = '/usr/bin/wrk';
const DURATION = Number(process.env['LOAD_SECONDS'] ?? 10);
const CONNECTIONS = 50;

export interface LoadResult {
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
  readonly bytes: number;
}

/** wrk's duration in ms from its text ("812.00us", "3.21ms", "1.02s"). */
function wrkMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

/** `wrk -t1 -cN -dS --latency`: requests/s, p99, errors (socket errors and non-2xx). */
function wrkLoad(url: string): LoadResult {
  const out = execFileSync(WRK, [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${DURATION}s`,
    '--latency',
    url,
  ]).toString();
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors =
    num(/Non-2xx or 3xx responses: (\d+)/) +
    (socket ? socket.slice(1).reduce((a, x) => a + Number(x), 0) : 0);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p99: wrkMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    errors,
    bytes: 0,
  };
}

async function load(url: string): Promise<LoadResult> {
  if (existsSync(WRK)) return wrkLoad(url);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, pipelining: 1 });
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    bytes: r.throughput.average,
  };
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`${url} did not come up`);
}

export async function apiVersusNginx(): Promise<{
  cifra: LoadResult;
  nginx: LoadResult | null;
  note: string;
}> {
  const dir = join(CACHE, 'load');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = new SqliteStore(join(dir, 'load.db'));
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
  // the API in its own process, as nginx is: the load generator must not share its thread
  const apiPort = 17000 + Math.floor(Math.random() * 1000);
  const main = join(CACHE, 'build', 'src', 'cli', 'main.js');
  const server = spawn(
    'node',
    [main, 'serve', '--db', join(dir, 'load.db'), '--port', String(apiPort), '--host', '127.0.0.1'],
    { stdio: 'ignore' },
  );
  let cifra: LoadResult;
  try {
    const apiUrl = `http://127.0.0.1:${apiPort}/api/v1/results?election=pe-2021-presidencial&level=national`;
    await waitFor(apiUrl);
    const apiBody = await (await fetch(apiUrl)).text();
    const staticFile = join(site, 'api/v1/elections/pe-2021-presidencial/results/national.json');
    if (readFileSync(staticFile, 'utf8') !== apiBody)
      throw new Error('the published file and the API differ');
    cifra = await load(apiUrl);
  } finally {
    server.kill('SIGTERM');
  }
  if (!existsSync(NGINX))
    return { cifra, nginx: null, note: 'nginx absent (apt-get install nginx): no baseline' };
  const port = 18000 + Math.floor(Math.random() * 1000);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1; daemon off; pid ${join(dir, 'nginx.pid')}; error_log ${join(dir, 'error.log')};
events { worker_connections 1024; }
http { access_log off; sendfile on; default_type application/json; etag on;
  server { listen 127.0.0.1:${port}; root ${site}; location / { add_header Cache-Control "public, max-age=5"; } } }
`,
  );
  const nginx = spawn(NGINX, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  try {
    await waitFor(`http://127.0.0.1:${port}/api/v1/site.json`);
    const n = await load(
      `http://127.0.0.1:${port}/api/v1/elections/pe-2021-presidencial/results/national.json`,
    );
    return {
      cifra,
      nginx: n,
      note: `${existsSync(WRK) ? 'wrk, 1 thread' : 'autocannon (wrk absent)'}, ${CONNECTIONS} connections, ${DURATION} s each, one nginx worker vs one Node process`,
    };
  } finally {
    nginx.kill('SIGTERM');
    execFileSync('sleep', ['0.3']);
  }
}
