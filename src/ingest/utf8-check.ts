// UTF-8 checked as a file streams in: a file read as UTF-8 from its first 64 KB may hold a byte
// that is not UTF-8 further on (a latin-1 "Ñ" pasted in), which a decoder would turn into U+FFFD
// without a word. The check is Node's own `isUtf8` per chunk; the byte-by-byte walk below runs
// only on a sample or on a chunk already known to be bad, to say where and what.
import { isUtf8 } from 'node:buffer';

/** Where a buffer stops being UTF-8 (-1: it never does) and how many multi-byte characters it holds. */
export function walkUtf8(b: Uint8Array): { firstInvalid: number; multiByte: number } {
  let firstInvalid = -1;
  let multiByte = 0;
  let i = 0;
  while (i < b.length) {
    const n = sequenceLength(b, i);
    if (n === 0) {
      if (firstInvalid < 0) firstInvalid = i;
      i++;
      continue;
    }
    if (n > 1) multiByte++;
    i += n;
  }
  return { firstInvalid, multiByte };
}

/** The length of the well-formed UTF-8 character at `i` (RFC 3629, table 3-7), 0 if none is. */
function sequenceLength(b: Uint8Array, i: number): number {
  const x = b[i] as number;
  if (x < 0x80) return 1;
  const [len, lo, hi] =
    x >= 0xc2 && x <= 0xdf
      ? [2, 0x80, 0xbf]
      : x === 0xe0
        ? [3, 0xa0, 0xbf]
        : x === 0xed
          ? [3, 0x80, 0x9f]
          : x >= 0xe1 && x <= 0xef
            ? [3, 0x80, 0xbf]
            : x === 0xf0
              ? [4, 0x90, 0xbf]
              : x === 0xf4
                ? [4, 0x80, 0x8f]
                : x >= 0xf1 && x <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : [0, 0, 0];
  if (len === 0 || i + len > b.length) return 0;
  const second = b[i + 1] as number;
  if (second < lo || second > hi) return 0;
  for (let k = 2; k < len; k++) {
    const c = b[i + k] as number;
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return len;
}

/** Bytes at the end of `b` that open a character the next chunk finishes (0–3). */
function openTail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const x = b[b.length - back] as number;
    if (x < 0x80) return 0;
    if (x >= 0xc0) {
      const len = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
      return len > back ? back : 0;
    }
  }
  return 0;
}

/**
 * Checks a byte stream chunk by chunk: `push` answers the offset in the stream of its first byte
 * that is not UTF-8 (null: none so far); a character split between chunks is carried over.
 */
export class Utf8Check {
  private carry: Uint8Array = new Uint8Array(0);
  /** Stream offset of `carry`'s first byte. */
  private offset = 0;

  push(chunk: Uint8Array): number | null {
    const b = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const body = b.subarray(0, b.length - openTail(b));
    if (!isUtf8(body)) return this.offset + Math.max(0, walkUtf8(body).firstInvalid);
    this.offset += body.length;
    this.carry = b.subarray(body.length);
    return null;
  }

  /** At the end of the stream: a character left open is not UTF-8. */
  end(): number | null {
    return this.carry.length === 0 ? null : this.offset;
  }
}
