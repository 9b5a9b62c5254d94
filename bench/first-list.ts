// `npx tsx bench/first-list.ts [--runs N] [--bin dist/cli/main.js …] [--drop-caches]`: the first
// `GET /api/v1/elections` of a fresh `cifra serve` on `npm start`'s store (the bundled 2021 data,
// 10 elections, two of 86,488 actas each). Per bin, `cifra start` first builds its own store in a
// temp folder (so each build's migrations made it); then each run starts `serve` on it, times the
// first listing and a second one (warm), and stops the server. Bins alternate run by run.
// `--drop-caches` (root only) empties the kernel's page cache before each start: a cold read.
// `--bin` may be another build's main.js in a folder with package.json, data/, web/ and
// node_modules/. Scratch measurement under whatever load the machine has: `uptime` beside it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const argv = process.argv.slice(2);
const valuesOf = (flag: string): string[] =>
  argv.flatMap((a, i) => (a === flag && argv[i + 1] !== undefined ? [argv[i + 1] as string] : []));
const runs = Number(valuesOf('--runs')[0] ?? 3);
const bins = valuesOf('--bin').length > 0 ? valuesOf('--bin') : ['dist/cli/main.js'];
const dropCaches = argv.includes('--drop-caches');

/** Starts `cifra <command> --db db` on a free port; resolves with the server and its base URL. */
function listen(bin: string, command: string, db: string) {
  const server = spawn(
    process.execPath,
    [bin, command, '--db', db, '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise<{ server: ChildProcess; base: string }>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /dashboard (http:\/\/[^/\s]+)\//.exec(out);
      if (m?.[1] !== undefined) resolve({ server, base: m[1] });
    });
    server.on('exit', (code) => reject(new Error(`${command} exited ${code}`)));
  });
}

async function stop(server: ChildProcess): Promise<void> {
  const exited = new Promise((r) => server.on('exit', r));
  server.kill('SIGINT');
  await exited;
}

async function timedList(base: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(`${base}/api/v1/elections`);
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`elections ${r.status}`);
  return performance.now() - t0;
}

const dirs = bins.map(() => mkdtempSync(join(tmpdir(), 'cifra-first-list-')));
for (const [i, bin] of bins.entries()) {
  const { server } = await listen(bin, 'start', join(dirs[i] as string, 'start.db'));
  await stop(server);
}
const results = bins.map(() => ({ first: [] as number[], second: [] as number[] }));
for (let r = 0; r < runs; r++)
  for (const [i, bin] of bins.entries()) {
    if (dropCaches) writeFileSync('/proc/sys/vm/drop_caches', '3\n');
    const { server, base } = await listen(bin, 'serve', join(dirs[i] as string, 'start.db'));
    const first = await timedList(base);
    const second = await timedList(base);
    await stop(server);
    results[i]?.first.push(first);
    results[i]?.second.push(second);
    console.log(
      `run ${r + 1} ${bin}: first ${first.toFixed(1)} ms, second ${second.toFixed(1)} ms`,
    );
  }
for (const d of dirs) rmSync(d, { recursive: true, force: true });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
for (const [i, bin] of bins.entries())
  console.log(
    `${bin}: first listing median ${median(results[i]?.first ?? []).toFixed(1)} ms, second ${median(results[i]?.second ?? []).toFixed(1)} ms (${runs} runs${dropCaches ? ', page cache dropped before each' : ''})`,
  );
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; ${new Date().toISOString()}`,
);
