// A projection's probabilities as the CLI prints them: a table of exclusive outcomes adds up
// (session 30: KEIKO FUJIMORI 0.998 / ROBERTO SÁNCHEZ 0.003 read as 1.001), and while actas
// remain a bounded certainty reads as the dashboard's "> 99 %" / "< 1 %".
import { describe, expect, it } from 'vitest';
import { probabilityTexts, thousandths } from '../src/cli/probability-text.js';

describe('probabilityTexts', () => {
  it('caps near-certainties while actas remain, as the dashboard does', () => {
    // the simulation bounds them to 0.999 / 0.001; 0.9975 / 0.0025 printed 0.998 / 0.003
    expect(probabilityTexts([0.9975, 0.0025], { bounded: true })).toEqual(['> 0.99', '< 0.01']);
    expect(probabilityTexts([0.999, 0.001], { bounded: true })).toEqual(['> 0.99', '< 0.01']);
    // once every acta is counted the count's own 1 and 0
    expect(probabilityTexts([1, 0], { bounded: false })).toEqual(['1.000', '0.000']);
  });

  it('rounds a table so that it adds up to its sum (largest remainder)', () => {
    expect(probabilityTexts([0.9005, 0.0995], { bounded: true })).toEqual(['0.901', '0.099']);
    expect(probabilityTexts([0.4445, 0.4445, 0.111], { bounded: true })).toEqual([
      '0.445',
      '0.444',
      '0.111',
    ]);
    for (const ps of [
      [0.9005, 0.0995],
      [0.3335, 0.3335, 0.333],
      [0.0125, 0.4875, 0.5],
      [0.6666, 0.3334],
    ])
      expect(thousandths(ps).reduce((a, n) => a + n, 0)).toBe(1000);
    // a table that does not cover every outcome (five pairs of many) adds up to its own sum
    const part = [0.4005, 0.2005, 0.1005];
    const t = thousandths(part);
    expect(t.reduce((a, n) => a + n, 0)).toBe(702);
    t.forEach((n, i) => expect(Math.abs(n - 1000 * (part[i] as number))).toBeLessThan(1));
  });
});
