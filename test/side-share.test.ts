// `cifra winner --impugned`'s share at stake is rounded toward its side of the line: rounded down,
// 1,000,002 of 2,000,003 (50.000025 %, over half) read "50.000 % — > 50 %" (diff review s35).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sideShare } from '../src/cli/commands/president.js';
import { wins } from '../src/core/rules/settled.js';

const HALF = { share: { numerator: 1, denominator: 2 }, strict: true, base: 'valid' } as const;
const AT_LEAST_30 = {
  share: { numerator: 3, denominator: 10 },
  strict: false,
  base: 'valid',
} as const;

describe('sideShare', () => {
  it('a share just over a strict line is rounded up: never shown on the line', () => {
    expect(sideShare(1_000_002, 2_000_003, HALF)).toBe('50.001');
    expect(sideShare(1_000_001, 2_000_000, HALF)).toBe('50.001');
  });

  it('a share on or under a strict line is rounded down', () => {
    expect(sideShare(1_000_001, 2_000_002, HALF)).toBe('50.000');
    expect(sideShare(999_999, 2_000_000, HALF)).toBe('49.999');
    expect(sideShare(1_000_000, 2_000_003, HALF)).toBe('49.999');
  });

  it('an inclusive line: exactly on it passes and reads the line; just under reads under it', () => {
    expect(sideShare(300_000, 1_000_000, AT_LEAST_30)).toBe('30.000');
    expect(sideShare(2_999_999, 10_000_000, AT_LEAST_30)).toBe('29.999');
    expect(sideShare(3_000_001, 10_000_000, AT_LEAST_30)).toBe('30.001');
  });

  it('everyday shares: up over the line, down under it, exact ones as they are', () => {
    expect(sideShare(520, 1_030, HALF)).toBe('50.486');
    expect(sideShare(510, 1_030, HALF)).toBe('49.514');
    expect(sideShare(510, 1_000, HALF)).toBe('51.000');
    expect(sideShare(0, 1_000, HALF)).toBe('0.000');
  });
});

describe('sideShare stays on its side with three decimals (no more needed: s36)', () => {
  it('the figure shown compares with the line as the share does, for any share and line', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        (k, total, a, b, strict) => {
          const votes = k % (total + 1);
          const rule = {
            share: { numerator: Math.min(a, b), denominator: Math.max(a, b) },
            strict,
            base: 'valid',
          } as const;
          const shown = sideShare(votes, total, rule);
          expect(shown).toMatch(/^\d+\.\d{3}$/);
          // the shown figure (per 100,000) against the line, as `wins` compares a share with it
          const lhs = BigInt(shown.replace('.', '')) * BigInt(rule.share.denominator);
          const rhs = 100_000n * BigInt(rule.share.numerator);
          const passes = rule.strict ? lhs > rhs : lhs >= rhs;
          expect(passes).toBe(wins(votes, total, rule));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
