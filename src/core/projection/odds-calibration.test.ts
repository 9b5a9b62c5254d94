import { describe, expect, it } from 'vitest';
import { frameFromSnapshot } from './frame-snapshot.js';
import { snapshotUnit } from '../../test-utils/snapshot-units.js';
import { ODDS_CALIBRATED_FROM, oddsWithinCalibration } from './model-parameters.js';
import { simulate } from './simulate.js';

describe('oddsWithinCalibration: the probabilities from 1/10 of actas counted on', () => {
  it('is the calibration’s lowest checkpoint, as an integer ratio', () => {
    expect(ODDS_CALIBRATED_FROM).toEqual({ numerator: 1, denominator: 10 });
  });

  it('draws the line in integers: 9.99 % below, 10 % exactly within', () => {
    expect(oddsWithinCalibration(999, 10_000)).toBe(false);
    expect(oddsWithinCalibration(1_000, 10_000)).toBe(true);
    // the 2021 runoff's 86,488 actas: 10 % is 8,648.8, so 8,648 is below and 8,649 within
    expect(oddsWithinCalibration(8_648, 86_488)).toBe(false);
    expect(oddsWithinCalibration(8_649, 86_488)).toBe(true);
    // the headline seen on main: 40 actas (0.046 %)
    expect(oddsWithinCalibration(40, 86_488)).toBe(false);
  });

  it('has no odds with no acta counted, nor with none to count', () => {
    expect(oddsWithinCalibration(0, 86_488)).toBe(false);
    expect(oddsWithinCalibration(0, 0)).toBe(false);
  });

  it('is within once the count is complete', () => {
    expect(oddsWithinCalibration(86_488, 86_488)).toBe(true);
    expect(oddsWithinCalibration(1, 1)).toBe(true);
  });

  it('refuses what is not a count (a bug, not data)', () => {
    expect(() => oddsWithinCalibration(0.5, 10)).toThrow();
    expect(() => oddsWithinCalibration(-1, 10)).toThrow();
  });
});

describe('the projection says whether its odds are calibrated', () => {
  const run = (counted: readonly [number, number]) =>
    simulate(
      frameFromSnapshot(
        [snapshotUnit('01', counted[0], [900, 100]), snapshotUnit('02', counted[1], [800, 200])],
        ['A', 'B'],
      ),
      { sims: 50, seed: 1, kind: 'runoff' },
    );

  it('below 1/10 of the actas: the odds are kept, marked outside the calibration', () => {
    const r = run([19, 0]); // 19 of 200: 9.5 %
    expect(r.odds).toEqual({
      calibratedFrom: { numerator: 1, denominator: 10 },
      withinCalibration: false,
    });
    expect(r.winner?.length).toBe(2);
  });

  it('at 1/10 exactly and above: within', () => {
    expect(run([20, 0]).odds.withinCalibration).toBe(true);
    expect(run([100, 100]).odds.withinCalibration).toBe(true);
  });
});
