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
 * Returns a string so no float ever touches the published figure ("18.921"); null for a zero
 * base (nothing processed, no valid votes): no share exists, and '0.000' would claim one.
 */
export function percentHalfUp(part: number, whole: number, decimals = 3): string | null {
  return percentRounded(part, whole, decimals, 'half-up');
}

/**
 * A percentage rounded down (toward zero), exactly: for a figure shown against a bound it did not
 * reach ("4.999 % < 5.000 %"), where half-up would print "5.000 % < 5.000 %".
 */
export function percentDown(part: number, whole: number, decimals = 3): string | null {
  return percentRounded(part, whole, decimals, 'down');
}

/**
 * A percentage rounded up (away from zero) unless exact, exactly: percentDown's mirror, for a
 * figure shown against a bound it passed ("50.001 % > 50 %" for 50.00005 %, where down or half-up
 * would print "50.000 % > 50 %").
 */
export function percentUp(part: number, whole: number, decimals = 3): string | null {
  return percentRounded(part, whole, decimals, 'up');
}

/** How a percentage's last place is taken: ONPE's half-up, toward zero, or away from it. */
type Rounding = 'half-up' | 'down' | 'up';

/**
 * Whether a quotient steps up to the next unit under `mode`: `exact`, the division leaves no
 * remainder; `half`, the remainder is at least half the divisor.
 */
function stepsUp(mode: Rounding, exact: boolean, half: boolean): boolean {
  if (mode === 'down') return false;
  return mode === 'up' ? !exact : half;
}

function percentRounded(
  part: number,
  whole: number,
  decimals: number,
  mode: Rounding,
): string | null {
  assert(
    Number.isSafeInteger(part) && part >= 0 && Number.isSafeInteger(whole) && whole >= 0,
    'percent inputs',
  );
  if (whole === 0) return null;
  const scaleN = 10 ** decimals;
  if (part * 100 * scaleN * 2 < Number.MAX_SAFE_INTEGER && decimals <= 6) {
    // exact in doubles: every intermediate is an integer below 2^53
    const num = part * 100 * scaleN;
    const q = Math.floor(num / whole);
    const r = num - q * whole;
    const rounded = stepsUp(mode, r === 0, r * 2 >= whole) ? q + 1 : q;
    const intPart = Math.floor(rounded / scaleN);
    const frac = String(rounded - intPart * scaleN).padStart(decimals, '0');
    return decimals > 0 ? `${intPart}.${frac}` : `${intPart}`;
  }
  const scale = 10n ** BigInt(decimals);
  const num = BigInt(part) * 100n * scale;
  const w = BigInt(whole);
  const q = num / w;
  const r = num % w;
  const rounded = stepsUp(mode, r === 0n, r * 2n >= w) ? q + 1n : q;
  const intPart = rounded / scale;
  const frac = (rounded % scale).toString().padStart(decimals, '0');
  return decimals > 0 ? `${intPart}.${frac}` : `${intPart}`;
}

/**
 * The % of actas counted, as every output gives it: percentHalfUp, but never 100 while an acta is
 * still out (1 of 300,000 left rounds to "100.000"): the last step below it, "99.999" (review 7).
 */
export function percentCounted(counted: number, whole: number, decimals = 3): string | null {
  const p = percentHalfUp(counted, whole, decimals);
  if (p === null || counted >= whole || !p.startsWith('100')) return p;
  return decimals > 0 ? `99.${'9'.repeat(decimals)}` : '99';
}

/** A share of a positive base (a legal threshold, a rule's ratio) as percentHalfUp's string. */
export function ratioPercent(
  r: { readonly numerator: number; readonly denominator: number },
  decimals = 3,
): string {
  const p = percentHalfUp(r.numerator, r.denominator, decimals);
  assert(p !== null, 'a ratio has a positive denominator');
  return p;
}

/**
 * An exact ratio from text: "5%", "3.5%", "1/150", "0.05" or "1.4". Null when not such a number.
 * Decimals are read digit by digit (never through a float); the ratio is kept as written (5 % = 5/100).
 */
export function parseRatio(text: string): Ratio | null {
  const t = text.replace(/\s+/g, '');
  const frac = /^(\d+)\/(\d+)$/.exec(t);
  if (frac) {
    const n = Number(frac[1]);
    const d = Number(frac[2]);
    return Number.isSafeInteger(n) && Number.isSafeInteger(d) && d > 0 ? ratio(n, d) : null;
  }
  const dec = /^(\d+)(?:\.(\d+))?(%?)$/.exec(t);
  if (!dec) return null;
  const decimals = dec[2] ?? '';
  if (decimals.length > 9) return null;
  const n = Number(`${dec[1]}${decimals}`);
  const d = 10 ** decimals.length * (dec[3] === '%' ? 100 : 1);
  return Number.isSafeInteger(n) ? ratio(n, d) : null;
}

/**
 * A share of votes from text, as parseRatio reads it, at most the whole (100 %): "5" is 500 %,
 * never a valid share, so a share written without "%" is refused past 1 rather than excluding
 * every list. Null when not such a share.
 */
export function parseShare(text: string): Ratio | null {
  const r = parseRatio(text);
  return r !== null && r.numerator <= r.denominator ? r : null;
}

/** "5%" for 1/20, "3.5%" for 7/200; otherwise "n/d". */
export function ratioText(r: Ratio): string {
  for (let decimals = 0; decimals <= 6; decimals++) {
    const scaled = r.numerator * 100 * 10 ** decimals;
    if (scaled % r.denominator === 0) {
      const v = scaled / r.denominator;
      const s = String(v).padStart(decimals + 1, '0');
      return decimals === 0 ? `${s}%` : `${s.slice(0, -decimals)}.${s.slice(-decimals)}%`;
    }
  }
  return `${r.numerator}/${r.denominator}`;
}
