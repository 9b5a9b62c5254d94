// `cifra winner --impugned`'s share at stake is rounded toward its side of the line: rounded down,
// 1,000,002 of 2,000,003 (50.000025 %, over half) read "50.000 % — > 50 %" (diff review s35).
import { describe, expect, it } from 'vitest';
import { sideShare } from '../src/cli/commands/president.js';

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
