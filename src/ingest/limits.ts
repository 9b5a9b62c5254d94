import { Transform } from 'node:stream';
import { z } from 'zod';
import { FileRejected } from './file-rejected.js';

/**
 * What one file may hold before it is refused as a whole (a coded file error, nothing stored):
 * hostile files — a decompression bomb, millions of copies of one row, a line of 50 MB, JSON
 * nested thousands deep — must not exhaust memory, disk or time. The defaults hold every real
 * file cifra knows with a wide margin (Peru 2021's national per-mesa file: 86,488 rows of under
 * 300 bytes, 20 MB decompressed).
 */
export interface IngestLimits {
  /** Bytes after decompression (gzip, zip) or of a plain file. */
  readonly decompressedBytes: number;
  /** Data rows (records, JSON Lines, array items). */
  readonly rows: number;
  /** Bytes of one line (one CSV record, one JSON line, one element of a JSON array). */
  readonly lineBytes: number;
  /** The file is refused once more than `quarantinedAtLeast` rows are quarantined and they are
   * more than `quarantinedPercent` % of the rows read: a file of mostly bad rows is not a count. */
  readonly quarantinedAtLeast: number;
  readonly quarantinedPercent: number;
  /** Nesting of one JSON value (an acta is 3 deep). */
  readonly jsonDepth: number;
  /** Bytes of a JSON array (read element by element; JSON Lines need no such bound). */
  readonly jsonArrayBytes: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  decompressedBytes: 1024 * 1024 * 1024,
  rows: 2_000_000,
  lineBytes: 1024 * 1024,
  quarantinedAtLeast: 1000,
  quarantinedPercent: 50,
  jsonDepth: 16,
  jsonArrayBytes: 128 * 1024 * 1024,
};

const limit = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A limits file (`cifra ingest --limits`, `cifra serve --ingest-limits`): any of the limits. */
export const IngestLimitsFileSchema = z.strictObject({
  // exactOptional: a limit left out is absent, never present as undefined (Partial<IngestLimits>)
  decompressedBytes: limit.exactOptional(),
  rows: limit.exactOptional(),
  lineBytes: limit.exactOptional(),
  quarantinedAtLeast: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).exactOptional(),
  quarantinedPercent: z.number().int().min(0).max(100).exactOptional(),
  jsonDepth: limit.exactOptional(),
  jsonArrayBytes: limit.exactOptional(),
});
export type IngestLimitsFile = z.infer<typeof IngestLimitsFileSchema>;

/** Passes bytes through until `max`, then fails the stream with `file_too_large`. */
export function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max)
        return done(
          new FileRejected('file_too_large', {
            limit: max,
            reason: 'more bytes than the limit once decompressed',
          }),
        );
      done(null, chunk);
    },
  });
}

/** True when more rows are quarantined than the limits allow (integer ratio, no rounding). */
export function tooManyQuarantined(quarantined: number, rows: number, l: IngestLimits): boolean {
  return quarantined > l.quarantinedAtLeast && quarantined * 100 > rows * l.quarantinedPercent;
}

/** The deepest nesting of arrays and objects in JSON text, strings skipped; linear, no parse. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
