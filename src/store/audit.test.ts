import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash } from './audit.js';

describe('chainHash', () => {
  it('is SHA-256 of the UTF-8 bytes of prev then content, as a Hash object gives it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(chainHash(a, b)).toBe(createHash('sha256').update(a).update(b).digest('hex'));
      }),
      { numRuns: 2_000 },
    );
  });
});
