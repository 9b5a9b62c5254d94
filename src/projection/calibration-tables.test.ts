import { describe, expect, it } from 'vitest';
import type { CalibrationRun } from '../core/projection/calibration.js';
import { earlyCallTable } from './calibration-tables.js';

/** One run of a runoff replay at a checkpoint: the raw count right or not, P(real), P(wrong). */
const run = (seed: number, checkpoint: number, raw: boolean, pTrue: number): CalibrationRun => ({
  order: 'urban-first',
  seed,
  mode: 'department-snapshot',
  checkpoint,
  pctCounted: 100 * checkpoint,
  top: [],
  maeProjected: 0,
  maeNaive: 0,
  maeUnitScaling: 0,
  covered90: 1,
  covered80: 1,
  width90: 1,
  outcomeRight: pTrue > 0.5,
  naiveOutcomeRight: raw,
  pTrue,
  pWrong: 1 - pTrue,
});

describe('the early-call table', () => {
  const runs = [
    // seed 1: the raw count turns at 90 % for good; p ≥ 0.9 from 75 % for good (after a dip)
    run(1, 0.25, false, 0.95),
    run(1, 0.5, true, 0.6),
    run(1, 0.6, false, 0.6),
    run(1, 0.75, false, 0.92),
    run(1, 0.9, true, 0.99),
    // seed 2: a wrong call at 50 %, the right one only with the raw count
    run(2, 0.25, false, 0.3),
    run(2, 0.5, false, 0.05),
    run(2, 0.75, false, 0.5),
    run(2, 0.9, true, 0.95),
  ];
  const table = earlyCallTable({ title: 't', kind: 'runoff', runs });

  it('gives per seed where the raw count and the projection settle, and any wrong call', () => {
    expect(table).toContain(
      '| Department snapshots | urban-first | 1 | 90 % | 75 % | yes | never | 0.400 |',
    );
    expect(table).toContain(
      '| Department snapshots | urban-first | 2 | 90 % | 90 % | no | **50 %** | 0.950 |',
    );
  });

  it('sums up the early calls and the wrong ones per order', () => {
    expect(table).toContain(
      'urban-first: the real winner at p ≥ 0.9 before the raw count shows it in 1/2 runs; a wrong winner at p ≥ 0.9 in 1/2 runs',
    );
  });
});
