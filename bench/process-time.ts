// One whole process timed by GNU time (wall, user + sys CPU, peak RSS): the process lines of
// `npm run bench` and bench/ingest-only.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE } from './baselines.js';

export interface ProcessRun {
  readonly ms: number;
  /** User + system CPU time: what a loaded machine inflates least. */
  readonly cpuMs: number;
  readonly rssKb: number;
  /** What the process printed on stdout. */
  readonly stdout: string;
}

/** Wall and CPU time and peak RSS (KB) of a whole process, by GNU time. */
export function processTime(cmd: string, args: readonly string[]): ProcessRun {
  const out = join(CACHE, 'time.txt');
  const stdout = execFileSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, cmd, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 1 << 26,
  }).toString();
  const [e, u, sy, m] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-4);
  return {
    ms: Number(e) * 1000,
    cpuMs: (Number(u) + Number(sy)) * 1000,
    rssKb: Number(m),
    stdout,
  };
}
