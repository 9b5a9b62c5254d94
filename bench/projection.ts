// Projection speed (issue 5): one full national update — the model fitted on 86,488 mesas of the
// bundled 2021 first round at 30 % counted (urban-first), then 2,000 simulations with runoff pairs —
// and a Congress update: 2,000 simulations through valla + D'Hondt in 27 circunscripciones.
// Target ≤ 1 s each; measured, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { partialCount } from '../scripts/lib/calibration.js';
import {
  frameFromMesas,
  mesasFromActas,
  priorsToCome,
} from '../src/core/projection/frame-mesas.js';
import { columnsFromActas } from '../src/core/tally/acta-columns.js';
import { tabulateColumns } from '../src/core/tally/aggregate.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { frameFromSnapshot } from '../src/core/projection/frame-snapshot.js';
import { replayOrder } from '../src/core/projection/replay-order.js';
import { simulate } from '../src/core/projection/simulate.js';
import { createRng } from '../src/core/random.js';
import { loadRuleset } from '../src/elections/rulesets.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

export interface ProjectionTimes {
  readonly nationalUpdateMs: number;
  readonly fitMs: number;
  readonly congressUpdateMs: number;
  /** CPU time (user + sys) of the same repetitions, medians: what a shared machine cannot inflate. */
  readonly nationalUpdateCpuMs: number;
  readonly congressUpdateCpuMs: number;
  /** The previous round's mesas to come (a runoff's covariates), district and department. */
  readonly priorsToComeMs: number;
  /** The baseline: the results service's one-pass tally of the same columns by district. */
  readonly tallyMs: number;
  readonly actas: number;
}

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const cpuMsSince = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

export async function projectionBenchmarks(reps = 3): Promise<ProjectionTimes> {
  const e = bundledElection('pe-2021-presidencial');
  if (e === null) throw new Error('election');
  const dir = mkdtempSync(join(tmpdir(), 'cifra-bench-projection-'));
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  await store.putElection(e);
  await ingestFile(store, {
    file: dataPath(
      'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
    ),
    election: e,
    now: () => new Date().toISOString(),
  });
  const actas = await store.currentActas(e.id);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const order = replayOrder(actas, 'urban-first', createRng(1));
  const partial = partialCount(actas, order, Math.round(0.3 * actas.length));
  const choices = e.choices.map((c) => c.label);
  const national: number[] = [];
  const fit: number[] = [];
  const nationalCpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const frame = frameFromMesas(
      mesasFromActas(partial, choices.length, requireJurisdiction(e.jurisdiction), true),
      choices,
    );
    const t1 = performance.now();
    simulate(frame, { sims: 2000, seed: i + 1, kind: 'first-round' });
    national.push(performance.now() - t0);
    nationalCpu.push(cpuMsSince(c0));
    fit.push(t1 - t0);
  }
  const rs = loadRuleset('pe-2026-diputados');
  if (!rs.ok || rs.value.kind !== 'list') throw new Error('ruleset');
  const ruleset = rs.value;
  const rng = createRng(5);
  const parties = Array.from({ length: 35 }, (_, i) => `P${i + 1}`);
  const units = ruleset.districts.map((d) => {
    const total = 500 + rng.int(0, 5000);
    return {
      unit: d.name,
      actasCounted: Math.round(total * 0.3),
      actasTotal: total,
      votes: parties.map((_, i) => rng.int(0, 3000) * (i < 8 ? 10 : 1)),
      blank: rng.int(0, 5000),
      null: rng.int(0, 5000),
    };
  });
  const congress: number[] = [];
  const congressCpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    simulate(frameFromSnapshot(units, parties), { sims: 2000, seed: i + 1, kind: 'list', ruleset });
    congress.push(performance.now() - t0);
    congressCpu.push(cpuMsSince(c0));
  }
  const priors = priorsAgainstTally(actas, e.choices.length, requireJurisdiction(e.jurisdiction));
  return {
    nationalUpdateMs: median(national),
    fitMs: median(fit),
    congressUpdateMs: median(congress),
    nationalUpdateCpuMs: median(nationalCpu),
    congressUpdateCpuMs: median(congressCpu),
    ...priors,
    actas: actas.length,
  };
}

/**
 * `priorsToCome` as a runoff's projection calls it on its first round (86,488 actas, 3,000 runoff
 * mesas held; the district and its department fallback), against the baseline of one pass over the
 * same columns: `tabulateColumns` by district, what the results service pays for a level. Both
 * read every acta once, so the ratio says what the covariates cost over a tally. Interleaved,
 * medians of 21 after 3 warm-up rounds.
 */
function priorsAgainstTally(
  actas: Parameters<typeof columnsFromActas>[0],
  choices: number,
  j: ReturnType<typeof requireJurisdiction>,
): { priorsToComeMs: number; tallyMs: number } {
  const cols = columnsFromActas(actas, choices);
  const held = new Set(cols.mesa.slice(0, 3000));
  const coders = [j.unitCoder('district'), j.unitCoder('department')];
  const p: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < 24; i++) {
    const t0 = performance.now();
    const maps = priorsToCome(cols, coders, (m) => held.has(m));
    const t1 = performance.now();
    const units = tabulateColumns(cols, j, ['district']).get('district');
    const t2 = performance.now();
    if (maps.length !== 2 || units === undefined) throw new Error('priorsToCome / tally');
    if (i < 3) continue;
    p.push(t1 - t0);
    t.push(t2 - t1);
  }
  return { priorsToComeMs: median(p), tallyMs: median(t) };
}
