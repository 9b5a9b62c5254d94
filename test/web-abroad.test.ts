// One rule for "the vote abroad is missing", shared by the headline and the map (web/abroad.ts).
import { describe, expect, it } from 'vitest';
import { lacksAbroad } from '../web/abroad.js';

describe('lacksAbroad', () => {
  it('is true where the results split Peru from abroad and give no abroad unit', () => {
    expect(lacksAbroad(['PERU'])).toBe(true);
  });
  it('is false when abroad is there, or the results do not split by ámbito', () => {
    expect(lacksAbroad(['PERU', 'EXTRANJERO'])).toBe(false);
    expect(lacksAbroad([])).toBe(false);
  });
});
