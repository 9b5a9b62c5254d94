// One source of truth for where the odds start: the calibration's lowest checkpoint
// (scripts/calibrate.ts CHECKPOINTS) is the core's ODDS_CALIBRATED_FROM, not a copy of it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ODDS_CALIBRATED_FROM } from '../src/core/projection/model-parameters.js';

describe('ODDS_CALIBRATED_FROM and the calibration', () => {
  it('is min(CHECKPOINTS) of scripts/calibrate.ts, which reads it from the core', () => {
    const source = readFileSync(new URL('../scripts/calibrate.ts', import.meta.url), 'utf8');
    const list = /const CHECKPOINTS = \[([^\]]*)\]/.exec(source)?.[1];
    expect(list).toBeDefined();
    const entries = (list ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
    const from = 'ODDS_CALIBRATED_FROM.numerator / ODDS_CALIBRATED_FROM.denominator';
    expect(entries[0]).toBe(from);
    const others = entries.slice(1).map(Number);
    expect(others.length).toBeGreaterThan(0);
    const lowest = ODDS_CALIBRATED_FROM.numerator / ODDS_CALIBRATED_FROM.denominator;
    for (const c of others) expect(c).toBeGreaterThan(lowest);
  });
});
