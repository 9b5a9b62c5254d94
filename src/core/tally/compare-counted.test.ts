import { describe, expect, it } from 'vitest';
import { countedOf } from './compare-counted.js';

describe('countedOf', () => {
  it("reads a field's counted A − B, 0 where the field or the whole counted is absent", () => {
    const c = { counted: [{ field: 'P1', total: -7 }] };
    expect(countedOf(c, 'P1')).toBe(-7);
    expect(countedOf(c, 'P2')).toBe(0);
    expect(countedOf({ counted: null }, 'P1')).toBe(0);
  });
});
