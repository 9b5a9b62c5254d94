// The seat benchmarks' inputs as the engine takes them (shared by run.ts and the profiler).
import { DHONDT, PLURALITY } from '../src/core/allocation/methods.js';
import { compileSeatEngine } from '../src/core/allocation/seat-engine.js';
import type { SeatInput } from '../src/core/pipeline/seats.js';
import { ratio } from '../src/core/ratio.js';
import type { ListRuleset } from '../src/core/rulesets/ruleset.js';
import { loadRuleset } from '../src/elections/rulesets.js';
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

/** The bench case as computeSeats takes it: pe-2021-congreso's districts, a 5 % national valla. */
export function computeSeatsCase(inputs: readonly BenchInput[]): {
  ruleset: ListRuleset;
  input: SeatInput;
} {
  const rs = loadRuleset('pe-2021-congreso');
  if (!rs.ok || rs.value.kind !== 'list') throw new Error('pe-2021-congreso: not a list ruleset');
  const inp = inputs[0] as BenchInput;
  const ruleset: ListRuleset = {
    ...rs.value,
    threshold: {
      kind: 'share',
      scope: 'national',
      share: ratio(Math.round(inp.threshold * 10000), 10000),
      base: 'valid',
      source: 'bench',
    },
  };
  const votes = inp.districts.flatMap((d) =>
    Object.entries(d.votes).map(([party, v]) => ({ district: d.name, party, votes: v })),
  );
  const districts = inp.districts.map((d) => ({ district: d.name, seats: d.seats }));
  return { ruleset, input: { votes, districts } };
}
