// `node --cpu-prof .bench-cache/build/bench/profile-seat-engine.js [single|scenarios|mc] [N]`:
// the SeatEngine alone in a loop (mc: the bench's Monte Carlo pattern, fresh votes copied from 256
// scenarios in a seeded random order into one matrix before each run), for a CPU profile (bench/cpu-profile-summary.ts reads it). The same
// inputs as `npm run bench` (gen_districts.mjs 42, perturb.mjs … 1000 7).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadInputs, prepareBaselines } from './baselines.js';
import { engineInputs } from './seat-bench.js';

const which = process.argv[2] ?? 'scenarios';
const n = Number(process.argv[3] ?? 1_000_000);
const dir = prepareBaselines();
const inputs = loadInputs(
  join(dir, 'data', which === 'single' ? 'districts.json' : 'scenarios.jsonl'),
);
const { engine, matrices, D, P } = engineInputs(inputs);
// a second engine alive, as in the bench and the projection's workers (one class for every
// engine: code specialised to one instance would measure a speed real use does not get)
const other = engineInputs(inputs.slice(0, 1));
other.engine.run(other.matrices[0] as Float64Array, new Int32Array(D * P));
const out = new Int32Array(D * P);
const votes = new Float64Array(D * P);
const pool = Math.min(256, matrices.length);
let x = 42;
const c0 = process.cpuUsage();
const t0 = performance.now();
let ties = 0;
if (which === 'mc')
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    votes.set(matrices[(x >>> 8) % pool] as Float64Array);
    ties += engine.run(votes, out) > 0 ? 1 : 0;
  }
else
  for (let i = 0; i < n; i++)
    ties += engine.run(matrices[i % matrices.length] as Float64Array, out) > 0 ? 1 : 0;
const ms = performance.now() - t0;
const c = process.cpuUsage(c0);
const cpuUs = (c.user + c.system) / n;
console.log(
  JSON.stringify({ which, n, ms, usPerAlloc: (ms * 1000) / n, cpuUsPerAlloc: cpuUs, ties }),
);
