import { describe, expect, it } from 'vitest';
import type { CalibrationRun } from '../scripts/lib/calibration.js';
import {
  comparisonTable,
  coverCount,
  coverageTable,
  earlyCallTable,
  wilsonInterval,
} from '../scripts/lib/calibration-tables.js';

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

describe('the Wilson interval of a coverage count', () => {
  it('matches the published values (Newcombe 1998, table I, 95 %)', () => {
    // 81/263: 0.2553–0.3662; 15/148: 0.0624–0.1605; 0/20: 0–0.1611 (z = 1.96)
    const a = wilsonInterval(81, 263, 1.959964);
    expect(a.lo).toBeCloseTo(0.2553, 4);
    expect(a.hi).toBeCloseTo(0.3662, 4);
    const b = wilsonInterval(15, 148, 1.959964);
    expect(b.lo).toBeCloseTo(0.0624, 4);
    expect(b.hi).toBeCloseTo(0.1605, 4);
    const c = wilsonInterval(0, 20, 1.959964);
    expect(c.lo).toBe(0);
    expect(c.hi).toBeCloseTo(0.1611, 4);
  });

  it('is wide at a dozen replays: 12/12 does not exclude 85 %', () => {
    const { lo, hi } = wilsonInterval(12, 12);
    expect(hi).toBe(1);
    expect(lo).toBeGreaterThan(0.8);
    expect(lo).toBeLessThan(0.85);
    expect(coverCount(Array.from({ length: 12 }, () => 1))).toBe('12/12 [82–100 %]');
    expect(coverCount([1, 0.5, 0])).toBe('1.5/3 [16–84 %]');
  });

  it('pools the realistic orders per checkpoint in the coverage table', () => {
    const runs = [
      { ...run(1, 0.5, true, 0.9), covered90: 0 },
      run(2, 0.5, true, 0.9),
      { ...run(1, 0.5, true, 0.9), order: 'odpe' as const },
      { ...run(1, 0.5, true, 0.9), order: 'department' as const, covered90: 0 },
    ];
    const table = coverageTable({ title: 't', kind: 'runoff', runs });
    expect(table).toContain('| 50 % | 2/3 [');
    expect(table).toContain('| 1/2 [');
    expect(table).toContain('| 0/1 [0–');
  });
});

describe('the variants side by side', () => {
  it('counts the replays with a wrong call per order, says where, and reads coverage as x/n', () => {
    const a = [
      { ...run(1, 0.6, true, 0.05), order: 'department' as const, pWrong: 0.95 },
      { ...run(1, 0.75, true, 0.05), order: 'department' as const, pWrong: 0.97 },
      { ...run(2, 0.6, true, 0.5), order: 'department' as const },
      run(1, 0.25, true, 0.95),
      { ...run(2, 0.25, true, 0.95), covered90: 0 },
    ];
    const b = a.map((r) => ({ ...r, pWrong: Math.min(r.pWrong, 0.5), covered90: 1 }));
    const table = comparisonTable([
      { name: 'A', runs: a },
      { name: 'B', runs: b },
    ]);
    expect(table).toContain('| department snapshots | A | B |');
    // department seed 1 counts once, at its first wrong call
    expect(table).toContain('| 1/2 / 0/2 (1) | 0/2 / 0/2 (0) |');
    expect(table).toContain('department 1 at 60 %: 0.950 | none |');
    expect(table).toContain('| 0.950 | 0.500 |');
    expect(table).toContain('| realistic 90 % cover at 25 % | 1/2 [');
  });
});
