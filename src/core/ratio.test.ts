import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseRatio,
  parseShare,
  percentDown,
  percentUp,
  percentCounted,
  percentHalfUp,
  ratio,
  ratioPercent,
} from './ratio.js';

/** BigInt reference: round(100·part/whole, d) half up. */
function reference(part: number, whole: number, d: number): string {
  const scale = 10n ** BigInt(d);
  const num = BigInt(part) * 100n * scale;
  const w = BigInt(whole);
  const q = num / w + ((num % w) * 2n >= w ? 1n : 0n);
  return d > 0 ? `${q / scale}.${(q % scale).toString().padStart(d, '0')}` : `${q}`;
}

describe('percentHalfUp', () => {
  it('rounds ONPE-style to 3 decimals, half up: 2,724,752 / 14,400,630 = 18.921', () => {
    expect(percentHalfUp(2_724_752, 14_400_630)).toBe('18.921');
    expect(percentHalfUp(1, 8)).toBe('12.500');
    expect(percentHalfUp(1, 3)).toBe('33.333');
    expect(percentHalfUp(2, 3)).toBe('66.667');
    expect(percentHalfUp(1, 200000)).toBe('0.001'); // 0.0005 rounds up
    expect(percentHalfUp(0, 5)).toBe('0.000');
  });
  it('a zero base has no percentage: null, not 0.000 (review 5: a unit with nothing processed)', () => {
    expect(percentHalfUp(0, 0)).toBeNull();
    expect(percentHalfUp(0, 0, 0)).toBeNull();
    expect(() => percentHalfUp(1, -1)).toThrow();
  });
  it("ratioPercent: a rule's share of a positive base", () => {
    expect(ratioPercent({ numerator: 1, denominator: 2 })).toBe('50.000');
    expect(ratioPercent({ numerator: 5, denominator: 100 }, 1)).toBe('5.0');
    expect(() => ratioPercent({ numerator: 0, denominator: 0 })).toThrow();
  });
  it('the fast path equals the BigInt reference, also for huge numbers', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        fc.integer({ min: 0, max: 4 }),
        (part, whole, d) => {
          expect(percentHalfUp(part, whole, d)).toBe(reference(part, whole, d));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('percentDown', () => {
  it('rounds toward zero: a share under a bound never prints as the bound (4.9996 % < 5 %)', () => {
    expect(percentDown(49_996, 1_000_000)).toBe('4.999');
    expect(percentHalfUp(49_996, 1_000_000)).toBe('5.000');
    expect(percentDown(2_724_752, 14_400_630)).toBe('18.921');
    expect(percentDown(1, 3, 2)).toBe('33.33');
    expect(percentDown(2, 3, 2)).toBe('66.66');
    expect(percentDown(0, 0)).toBeNull();
  });

  it('is the exact floor: below the true share by less than one unit of the last place', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        fc.integer({ min: 0, max: 4 }),
        (part, whole, d) => {
          const shown = BigInt((percentDown(part, whole, d) as string).replace('.', ''));
          // shown / 10^d <= 100 part / whole < (shown + 1) / 10^d, cross-multiplied
          const num = BigInt(part) * 100n * 10n ** BigInt(d);
          expect(shown * BigInt(whole) <= num).toBe(true);
          expect((shown + 1n) * BigInt(whole) > num).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('percentUp', () => {
  it('rounds away from zero unless exact: a share past a bound never prints as the bound', () => {
    expect(percentUp(1_000_001, 2_000_000)).toBe('50.001');
    expect(percentHalfUp(1_000_001, 2_000_000)).toBe('50.000');
    expect(percentUp(2_724_752, 14_400_630)).toBe('18.922');
    expect(percentUp(1, 3, 2)).toBe('33.34');
    expect(percentUp(1, 2)).toBe('50.000');
    expect(percentUp(0, 5)).toBe('0.000');
    expect(percentUp(0, 0)).toBeNull();
    expect(percentUp(1, 3, 0)).toBe('34');
  });

  it('brackets the exact share with percentDown: equal when exact, one unit apart otherwise', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        fc.integer({ min: 0, max: 9 }),
        (part, whole, d) => {
          const up = percentUp(part, whole, d) as string;
          const down = percentDown(part, whole, d) as string;
          // `d` decimals, and an integer part with no leading zero
          const shape = d > 0 ? new RegExp(`^(0|[1-9]\\d*)\\.\\d{${d}}$`) : /^(0|[1-9]\d*)$/;
          expect(up).toMatch(shape);
          expect(down).toMatch(shape);
          // down / 10^d <= 100 part / whole <= up / 10^d, cross-multiplied
          const num = BigInt(part) * 100n * 10n ** BigInt(d);
          const [u, w] = [BigInt(up.replace('.', '')), BigInt(whole)];
          const l = BigInt(down.replace('.', ''));
          expect(l * w <= num && num <= u * w).toBe(true);
          const exact = num % w === 0n;
          expect(u - l).toBe(exact ? 0n : 1n);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('percentCounted', () => {
  it('never says 100 while an acta is out: 299,999 of 300,000 is 99.999 (review 7)', () => {
    expect(percentHalfUp(299_999, 300_000)).toBe('100.000');
    expect(percentCounted(299_999, 300_000)).toBe('99.999');
    expect(percentCounted(299_999, 300_000, 1)).toBe('99.9');
    expect(percentCounted(299_999, 300_000, 0)).toBe('99');
    expect(percentCounted(300_000, 300_000)).toBe('100.000');
    expect(percentCounted(0, 0)).toBeNull();
  });
  it('is percentHalfUp wherever that is not 100 with actas out (golden %s unchanged)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.nat({ max: 2 ** 40 }),
        fc.integer({ min: 0, max: 4 }),
        (whole, k, d) => {
          // half the runs one or two actas short of the whole: the case the rule is for
          const counted = k % 2 === 0 ? k % (whole + 1) : Math.max(0, whole - (k % 3));
          const half = percentHalfUp(counted, whole, d);
          const shown = percentCounted(counted, whole, d);
          if (counted < whole && half === reference(whole, whole, d))
            expect(shown).toBe(d > 0 ? `99.${'9'.repeat(d)}` : '99');
          else expect(shown).toBe(half);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseShare', () => {
  it('reads a share as parseRatio does, up to the whole; past it, null ("5" is 500 %)', () => {
    expect(parseShare('5%')).toEqual(ratio(5, 100));
    expect(parseShare('0.05')).toEqual(ratio(5, 100));
    expect(parseShare('1/20')).toEqual(ratio(1, 20));
    expect(parseShare('100%')).toEqual(ratio(100, 100));
    expect(parseShare('1')).toEqual(ratio(1, 1));
    for (const t of ['5', '150%', '1.5', '3/2', '100.001%', 'cinco'])
      expect([t, parseShare(t)]).toEqual([t, null]);
    // what parseRatio reads past the whole stays a number (a first divisor "1.4")
    expect(parseRatio('1.4')).toEqual(ratio(14, 10));
  });
});
