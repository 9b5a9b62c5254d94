// ERM 2022: every council of the bundled election (1,694 district and 25 provincial councils,
// data/contests/pe-erm-2022.json) allocated in one pass by `computeContests` — the JNE's council
// sizes, the majority bonus, the mayor, ties drawn per council, reports; and the same pass on
// councils prepared once (`prepareContests`, then `computePreparedContests`) — against the shared naive D'Hondt
// (`ref_dhondt.mjs`, no threshold) over the same councils and sizes, which does plain cifra
// repartidora only (no bonus, no names, no validation). Medians of 5; no timing is asserted.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  computeContests,
  computePreparedContests,
  prepareContests,
  type ContestSetInput,
} from '../src/core/pipeline/contests.js';
import { loadContests } from '../src/elections/contests.js';
import { median } from './baselines.js';

export interface ErmBench {
  readonly councils: number;
  readonly seats: number;
  readonly loadMs: number;
  readonly cifraMs: number;
  /** The same pass on councils prepared once (validation and names out of the loop). */
  readonly preparedMs: number;
  readonly allContestsMs: number;
  readonly baselineMs: number | null;
}

export function ermBenchmarks(baselines: string | null): ErmBench {
  const t0 = performance.now();
  const loaded = loadContests('pe-erm-2022');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error.slice(0, 3)));
  const loadMs = performance.now() - t0;
  const councils = loaded.value.sets.filter((s) => s.ruleset.kind === 'list');
  const time = (sets: readonly ContestSetInput[]): number => {
    const runs: number[] = [];
    for (let rep = 0; rep < 6; rep++) {
      const t = performance.now();
      computeContests(sets, { seed: 2022 });
      runs.push(performance.now() - t);
    }
    return median(runs.slice(1));
  };
  const cifraMs = time(councils);
  const prepared = prepareContests(councils);
  const preparedRuns: number[] = [];
  for (let rep = 0; rep < 6; rep++) {
    const t = performance.now();
    computePreparedContests(prepared, { seed: 2022 });
    preparedRuns.push(performance.now() - t);
  }
  const preparedMs = median(preparedRuns.slice(1));
  const allContestsMs = time(loaded.value.sets);
  const result = computeContests(councils, { seed: 2022 });
  const sized = result.contests.flatMap((c) =>
    c.type === 'council' && c.totalSeats !== null ? [c] : [],
  );
  const seats = sized.reduce((a, c) => a + (c.totalSeats ?? 0), 0);
  let baselineMs: number | null = null;
  if (baselines !== null) {
    const input = {
      threshold: 0,
      districts: sized.map((c) => ({
        name: c.id,
        seats: c.totalSeats,
        votes: Object.fromEntries(c.votes.map((v) => [v.party, v.votes])),
      })),
    };
    writeFileSync(join(baselines, 'data', 'erm-2022-councils.json'), JSON.stringify(input));
    const runs: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      const out = execFileSync(
        'node',
        ['ref_dhondt.mjs', 'data/erm-2022-councils.json', '50', '--json'],
        { cwd: baselines },
      ).toString();
      runs.push((JSON.parse(out) as { ms_per_alloc: number }).ms_per_alloc);
    }
    baselineMs = median(runs);
  }
  return { councils: sized.length, seats, loadMs, cifraMs, preparedMs, allContestsMs, baselineMs };
}
