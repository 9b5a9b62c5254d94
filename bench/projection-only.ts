// Only the projection lines of `npm run bench` (the same projectionBenchmarks), with the
// process's CPU time (user + sys) beside the wall times, so a run on a shared machine can be read:
//   npx tsc -p tsconfig.bench.json && node .bench-cache/build/bench/projection-only.js
// PROJECTION_REPS sets the repetitions (default 3, as the full bench). Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { projectionBenchmarks } from './projection.js';

const reps = Number(process.env.PROJECTION_REPS ?? 3);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const p = await projectionBenchmarks(reps);
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    nationalUpdateMs: Math.round(p.nationalUpdateMs),
    fitMs: Math.round(p.fitMs),
    congressUpdateMs: Math.round(p.congressUpdateMs),
    nationalUpdateCpuMs: Math.round(p.nationalUpdateCpuMs),
    congressUpdateCpuMs: Math.round(p.congressUpdateCpuMs),
    priorsToComeMs: Math.round(p.priorsToComeMs * 10) / 10,
    tallyMs: Math.round(p.tallyMs * 10) / 10,
    wallMs: Math.round(performance.now() - t0),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  }),
);
