import type { ProjectionResult } from '../core/projection/simulate.js';
import { fixed, say } from './format.js';

/** Thousandths: the three decimals a probability is printed with. */
const SCALE = 1000;

/**
 * Probabilities of exclusive outcomes (a runoff's winners, the outright winners, runoff pairs)
 * rounded to thousandths so that they add up to their sum, rounded (largest remainder: 0.9005 /
 * 0.0995 prints 0.901 / 0.099, never 0.901 / 0.100).
 */
export function thousandths(ps: readonly number[]): number[] {
  const floors = ps.map((p) => Math.floor(p * SCALE + 1e-9));
  const target = Math.round(ps.reduce((a, p) => a + p, 0) * SCALE);
  let left = target - floors.reduce((a, n) => a + n, 0);
  const order = ps
    .map((p, i) => ({ i, rest: p * SCALE - (floors[i] as number) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  return floors;
}

/**
 * A list of probabilities as printed: while actas remain (`bounded`), one above 0.99 reads
 * "> 0.99" and one below 0.01 "< 0.01", as the dashboard's "> 99 %" / "< 1 %" (the simulation
 * bounds them to 0.001–0.999, and 0.998 beside 0.003 would read as a sum of 1.001); the rest in
 * thousandths (`thousandths`).
 */
export function probabilityTexts(
  ps: readonly number[],
  o: { readonly bounded: boolean },
): string[] {
  const rounded = thousandths(ps);
  return ps.map((p, i) => {
    if (o.bounded && p > 0.99) return `> ${fixed(0.99, 2)}`;
    if (o.bounded && p < 0.01) return `< ${fixed(0.01, 2)}`;
    return fixed((rounded[i] as number) / SCALE, 3);
  });
}

/**
 * Below the share of actas the calibration starts at (core ODDS_CALIBRATED_FROM: 1/10), the line
 * printed in the probabilities' place: no number a newsroom could copy without its caveat (the
 * dashboard's sentence; `--json` keeps the figures with `odds.withinCalibration`). Null at or
 * above it. The share now is cut, not rounded, so that 9.9996 % never prints "10.000".
 */
export function uncalibratedLine(
  p: Pick<ProjectionResult, 'actasProcessed' | 'actasTotal' | 'odds'>,
): string | null {
  if (p.odds.withinCalibration) return null;
  const { numerator, denominator } = p.odds.calibratedFrom;
  const now = p.actasTotal > 0 ? Math.floor((100_000 * p.actasProcessed) / p.actasTotal) / 1000 : 0;
  return say(
    'odds from {from} % of actas counted (now {now} %): with fewer, cifra has not measured whether they hold',
    { from: fixed((100 * numerator) / denominator, 0), now: fixed(now, 3) },
  );
}
