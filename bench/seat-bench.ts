// The seat benchmarks' inputs as the engine takes them (shared by run.ts and the profiler).
import { DHONDT, PLURALITY } from '../src/core/allocation/methods.js';
import { compileSeatEngine } from '../src/core/allocation/seat-engine.js';
import { ratio } from '../src/core/ratio.js';
import type { BenchInput } from './baselines.js';

/** The bench inputs as flat matrices for the engine (parties P1..Pn in input order). */
export function engineInputs(inputs: readonly BenchInput[]) {
  const first = inputs[0] as BenchInput;
  const parties = first.parties ?? [
    ...new Set(first.districts.flatMap((d) => Object.keys(d.votes))),
  ];
  const P = parties.length;
  const D = first.districts.length;
  const matrices = inputs.map((inp) => {
    const m = new Float64Array(D * P);
    inp.districts.forEach((d, di) =>
      parties.forEach((p, pi) => (m[di * P + pi] = d.votes[p] ?? 0)),
    );
    return m;
  });
  const threshold = ratio(Math.round(first.threshold * 10000), 10000);
  const engine = compileSeatEngine({
    districtNames: first.districts.map((d) => d.name),
    seats: first.districts.map((d) => d.seats),
    methods: first.districts.map((d) => (d.seats === 1 ? PLURALITY : DHONDT)),
    parties: P,
    threshold: {
      kind: 'share',
      scope: 'national',
      share: threshold,
      base: 'valid',
      source: 'bench',
    },
  });
  return { engine, matrices, parties, D, P };
}
