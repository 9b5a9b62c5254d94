// `node --cpu-prof .bench-cache/build/bench/profile-compute-seats.js [N] [prepared]`: computeSeats
// on the bench's 130-seat / 27-district / 35-party case in a loop, for a CPU profile; with
// `prepared`, computePreparedSeats on an input validated once.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computePreparedSeats, computeSeats, prepareSeats } from '../src/core/pipeline/seats.js';
import { loadInputs, prepareBaselines } from './baselines.js';
import { computeSeatsCase } from './seat-bench.js';

const n = Number(process.argv[2] ?? 5000);
const prepared = process.argv[3] === 'prepared';
const { ruleset, input } = computeSeatsCase(
  loadInputs(join(prepareBaselines(), 'data', 'districts.json')),
);
const p = prepareSeats(ruleset, input);
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  if (prepared) computePreparedSeats(p);
  else computeSeats(ruleset, input);
}
const ms = performance.now() - t0;
console.log(JSON.stringify({ n, prepared, msPerCall: ms / n }));
