// `node .bench-cache/build/bench/naive-dhondt.js BASELINES INPUT N`: the baselines' naive
// D'Hondt (`ref_dhondt.mjs`, its exported `allocate`, the loop of its own main) timed by CPU
// time as well as wall clock, so that it is measured the way the SeatEngine is. On a shared VM
// wall clocks include other tenants' time; CPU time counts what this process ran.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

type Allocate = (input: unknown, stats: { ties: number }) => Record<string, number>;

const [dir, inputPath, nArg] = process.argv.slice(2);
if (dir === undefined || inputPath === undefined) throw new Error('usage: BASELINES INPUT N');
const n = Number(nArg ?? 20_000);
const mod = (await import(pathToFileURL(join(dir, 'ref_dhondt.mjs')).href)) as {
  allocate: Allocate;
};
const text = readFileSync(join(dir, inputPath), 'utf8');
const inputs: unknown[] = inputPath.endsWith('.jsonl')
  ? text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as unknown)
  : [JSON.parse(text) as unknown];
const stats = { ties: 0 };
for (let i = 0; i < 5; i++) mod.allocate(inputs[i % inputs.length], stats); // the script's warm-up
const results = new Array<Record<string, number>>(n);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < n; i++) results[i] = mod.allocate(inputs[i % inputs.length], stats);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({ cpuMsPerAlloc: (cpu.user + cpu.system) / 1000 / n, wallMsPerAlloc: wallMs / n }),
);
