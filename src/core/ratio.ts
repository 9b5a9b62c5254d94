import { assert } from './assert.js';

/** An exact non-negative fraction; thresholds and shares are held this way, never as floats. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

export function ratio(numerator: number, denominator: number): Ratio {
  assert(Number.isSafeInteger(numerator) && numerator >= 0, 'ratio numerator');
  assert(Number.isSafeInteger(denominator) && denominator > 0, 'ratio denominator');
  return { numerator, denominator };
}

export function addRatios(a: Ratio, b: Ratio): Ratio {
  return ratio(
    a.numerator * b.denominator + b.numerator * a.denominator,
    a.denominator * b.denominator,
  );
}

export function scaleRatio(a: Ratio, k: number): Ratio {
  return ratio(a.numerator * k, a.denominator);
}

/** votes / total >= r, tested as votes * den >= total * num (exact for safe integers). */
export function reachesShare(votes: number, total: number, r: Ratio): boolean {
  return votes * r.denominator >= total * r.numerator;
}

/**
 * Percentage with ONPE's rounding: `decimals` places, half-up, computed exactly in integers.
 * Returns a string so no float ever touches the published figure ("18.921").
 */
export function percentHalfUp(part: number, whole: number, decimals = 3): string {
  assert(Number.isSafeInteger(part) && part >= 0 && Number.isSafeInteger(whole), 'percent inputs');
  if (whole <= 0) return (0).toFixed(decimals);
  const scaleN = 10 ** decimals;
  if (part * 100 * scaleN * 2 < Number.MAX_SAFE_INTEGER && decimals <= 6) {
    // exact in doubles: every intermediate is an integer below 2^53
    const num = part * 100 * scaleN;
    const q = Math.floor(num / whole);
    const r = num - q * whole;
    const rounded = r * 2 >= whole ? q + 1 : q;
    const intPart = Math.floor(rounded / scaleN);
    const frac = String(rounded - intPart * scaleN).padStart(decimals, '0');
    return decimals > 0 ? `${intPart}.${frac}` : `${intPart}`;
  }
  const scale = 10n ** BigInt(decimals);
  const num = BigInt(part) * 100n * scale;
  const w = BigInt(whole);
  const q = num / w;
  const r = num % w;
  const rounded = r * 2n >= w ? q + 1n : q;
  const intPart = rounded / scale;
  const frac = (rounded % scale).toString().padStart(decimals, '0');
  return decimals > 0 ? `${intPart}.${frac}` : `${intPart}`;
}
