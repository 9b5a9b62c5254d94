// `node .bench-cache/build/bench/ab-seat-engine.js [ROUNDS] [N]` with OLD=<dir>: the SeatEngine
// of an earlier build (copied to .bench-cache/<dir>, default `old`) against this build's, in one
// process, rounds interleaved, by CPU time: the Monte Carlo pattern (fresh votes from 256
// scenarios) and the single case. Checks first that both give the same seats and ties on every
// scenario. Prints the paired median of the per-round ratios (the machine is shared: compare
// within a round). Make the old build with `git stash; npx tsc -p tsconfig.bench.json;
// cp -r .bench-cache/build .bench-cache/old; git stash pop`.
import { join } from 'node:path';
import { loadInputs, prepareBaselines } from './baselines.js';
import { engineInputs } from './seat-bench.js';
import { DHONDT, PLURALITY } from '../src/core/allocation/methods.js';
import type { SeatEngine, SeatEngineSpec } from '../src/core/allocation/seat-engine.js';
import { ratio } from '../src/core/ratio.js';

const oldPath = join(
  process.cwd(),
  '.bench-cache',
  process.env['OLD'] ?? 'old',
  'src/core/allocation/seat-engine.js',
);
const oldMod = (await import(oldPath)) as {
  compileSeatEngine: (s: SeatEngineSpec) => SeatEngine;
};
const dir = prepareBaselines();
const scen = loadInputs(join(dir, 'data', 'scenarios.jsonl'));
const single = loadInputs(join(dir, 'data', 'districts.json'));
const neu = engineInputs(scen);
const neuSingle = engineInputs(single);
const first = single[0]!;
const spec: SeatEngineSpec = {
  districtNames: first.districts.map((d) => d.name),
  seats: first.districts.map((d) => d.seats),
  methods: first.districts.map((d) => (d.seats === 1 ? PLURALITY : DHONDT)),
  parties: neu.P,
  threshold: {
    kind: 'share',
    scope: 'national',
    share: ratio(500, 10000),
    base: 'valid',
    source: 'b',
  },
};
const old = oldMod.compileSeatEngine(spec);
const old2 = oldMod.compileSeatEngine(spec);
const { matrices, D, P } = neu;
const out = new Int32Array(D * P);
const out2 = new Int32Array(D * P);
// equality check on every scenario
for (const m of matrices) {
  const t1 = old.run(m, out);
  const t2 = neu.engine.run(m, out2);
  if (t1 !== t2 || out.some((x, i) => x !== out2[i])) throw new Error('mismatch');
}
const N = Number(process.argv[3] ?? 100_000);
const order = new Uint16Array(N);
for (let i = 0, x = 42; i < N; i++) {
  x = (Math.imul(x, 1103515245) + 12345) >>> 0;
  order[i] = (x >>> 8) % 256;
}
const votes = new Float64Array(D * P);
const sm = neuSingle.matrices[0]!;
function mc(e: SeatEngine): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    votes.set(matrices[order[i]!]!);
    e.run(votes, out);
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / N;
}
function one(e: SeatEngine): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) e.run(sm, out);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / N;
}
old2.run(sm, out);
const r: Record<string, number[]> = { oldMC: [], newMC: [], oldOne: [], newOne: [] };
const rounds = Number(process.argv[2] ?? 6);
for (let k = 0; k < rounds; k++) {
  r.oldMC!.push(mc(old));
  r.newMC!.push(mc(neu.engine));
  r.oldOne!.push(one(old));
  r.newOne!.push(one(neu.engine));
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
for (const [k, v] of Object.entries(r))
  console.log(
    k.padEnd(7),
    'median',
    med(v).toFixed(2),
    'µs  [',
    v.map((x) => x.toFixed(2)).join(' '),
    ']',
  );
const ratios = (a: number[], b: number[]) => med(a.map((x, i) => x / b[i]!)).toFixed(3);
console.log(
  'paired median new/old: MC',
  ratios(r.newMC!, r.oldMC!),
  ' single',
  ratios(r.newOne!, r.oldOne!),
);
console.log(
  'MC new/old',
  (med(r.newMC!) / med(r.oldMC!)).toFixed(3),
  ' single new/old',
  (med(r.newOne!) / med(r.oldOne!)).toFixed(3),
);
