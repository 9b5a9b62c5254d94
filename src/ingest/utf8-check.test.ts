import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Check, walkUtf8 } from './utf8-check.js';

/** Feeds `bytes` cut at `cuts`; the first bad offset or, at the end, an open character's. */
function streamed(bytes: Uint8Array, cuts: number[]): number | null {
  const check = new Utf8Check();
  let from = 0;
  for (const at of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    const bad = check.push(bytes.subarray(from, at));
    if (bad !== null) return bad;
    from = at;
  }
  return check.push(bytes.subarray(from)) ?? check.end();
}

// text mostly, with Ñ, €, 𝄞 and stray bytes: the cases a CSV meets
const piece = fc.oneof(
  fc.constantFrom('A', ',', '\n', 'Ñ', '€', '𝄞').map((s) => [...Buffer.from(s)]),
  fc.integer({ min: 0x80, max: 0xff }).map((b) => [b]),
);
const bytesOf = fc.array(piece, { maxLength: 60 }).map((ps) => Uint8Array.from(ps.flat()));

describe('Utf8Check', () => {
  it('says what isUtf8 says of the whole, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(bytesOf, fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
        const bad = streamed(bytes, cuts);
        expect(bad === null).toBe(isUtf8(bytes));
        // the offset named is the whole buffer's first bad byte, or an open character at its end
        if (bad !== null) expect(bad).toBeLessThanOrEqual(bytes.length);
        const first = walkUtf8(bytes).firstInvalid;
        if (bad !== null && first >= 0) expect(bad).toBe(first);
      }),
      { numRuns: 2000 },
    );
  });

  it('walkUtf8 agrees with the platform decoder and counts multi-byte characters', () => {
    fc.assert(
      fc.property(bytesOf, (bytes) => {
        expect(walkUtf8(bytes).firstInvalid < 0).toBe(isUtf8(bytes));
      }),
      { numRuns: 2000 },
    );
    expect(walkUtf8(Buffer.from('AÑ€𝄞'))).toEqual({ firstInvalid: -1, multiByte: 3 });
    expect(walkUtf8(Buffer.from([0x41, 0xd1, 0x41]))).toEqual({ firstInvalid: 1, multiByte: 0 });
    // surrogates and overlongs are not UTF-8 (RFC 3629)
    expect(walkUtf8(Buffer.from([0xed, 0xa0, 0x80])).firstInvalid).toBe(0);
    expect(walkUtf8(Buffer.from([0xc0, 0x80])).firstInvalid).toBe(0);
  });

  it('a Ñ split between two chunks is one character', () => {
    const c = new Utf8Check();
    expect(c.push(Buffer.from([0x41, 0xc3]))).toBeNull();
    expect(c.push(Buffer.from([0x91, 0x41]))).toBeNull();
    expect(c.end()).toBeNull();
    const open = new Utf8Check();
    expect(open.push(Buffer.from([0x41, 0xc3]))).toBeNull();
    expect(open.end()).toBe(1);
  });
});
