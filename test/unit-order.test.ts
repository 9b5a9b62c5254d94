// The order units are listed in (src/results/unit-order.ts): numeric codes by number, as the
// jurisdiction numbers its circunscripciones; other codes as text.
import { describe, expect, it } from 'vitest';
import { byUnitCode } from '../src/results/unit-order.js';

const order = (codes: string[]): string[] =>
  codes
    .map((code) => ({ code }))
    .sort(byUnitCode)
    .map((u) => u.code);

describe('byUnitCode', () => {
  it('numbers by value: 1, 2, 10, 19, 20 — not 1, 10, 19, 2, 20', () => {
    expect(order(['20', '10', '2', '19', '1'])).toEqual(['1', '2', '10', '19', '20']);
  });
  it('ubigeos of one width keep their text order; leading zeros do not change a value', () => {
    expect(order(['150101', '010101', '140101'])).toEqual(['010101', '140101', '150101']);
    expect(order(['10', '09', '1'])).toEqual(['1', '09', '10']);
  });
  it('codes with letters compare as text', () => {
    expect(order(['PE-LIM', 'PE-AMA', '3'])).toEqual(['3', 'PE-AMA', 'PE-LIM']);
  });
});
