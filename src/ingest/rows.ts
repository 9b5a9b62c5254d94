import { parse } from 'csv-parse';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { detectDelimiter } from '../io/csv.js';
import { FileRejected } from './source.js';

export interface CsvRows {
  readonly header: readonly string[];
  readonly encoding: 'utf8' | 'latin1';
  readonly delimiter: string;
  /** Data records with their 1-based data row number. */
  readonly records: AsyncIterable<{ readonly row: number; readonly cells: readonly string[] }>;
}

const PEEK = 1 << 16;

/** Valid UTF-8 (ignoring a multi-byte sequence cut at the end of the sample)? */
function isUtf8(sample: Buffer): boolean {
  for (let cut = 0; cut <= 3; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return true;
    } catch {
      // try shorter: the sample may end inside a character
    }
  }
  return false;
}

/**
 * Streams CSV records: detects the encoding (UTF-8, else latin-1 — ONPE's own files; "Ñ" survives
 * both) and the delimiter (comma, semicolon, tab) from the first 64 KB, refuses binary input, and
 * tells a truncated file (cut compressed stream, unclosed quote, short last line without a newline)
 * from bad rows.
 */
export async function readCsvRows(stream: Readable): Promise<CsvRows> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let peeked = 0;
  let done = false;
  try {
    while (peeked < PEEK) {
      const n = await iterator.next();
      if (n.done) {
        done = true;
        break;
      }
      chunks.push(n.value);
      peeked += n.value.length;
    }
  } catch (e) {
    throw new FileRejected('file_truncated', { reason: (e as Error).message });
  }
  const sample = Buffer.concat(chunks);
  if (sample.length === 0) throw new FileRejected('file_empty', {});
  if (sample.subarray(0, PEEK).includes(0)) throw new FileRejected('file_binary', {});
  const encoding = isUtf8(sample) ? 'utf8' : 'latin1';
  const text = sample.toString(encoding).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') throw new FileRejected('file_empty', {});
  const delimiter = detectDelimiter(firstLine);
  const endsWithNewline = { value: false };

  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    encoding,
  });
  const feed = async (): Promise<void> => {
    try {
      let last: Buffer | undefined;
      // write with backpressure, so memory stays flat however large the file
      const write = async (c: Buffer): Promise<void> => {
        if (!parser.write(c)) await once(parser, 'drain');
        last = c;
      };
      for (const c of chunks) await write(c);
      if (!done) {
        for (;;) {
          const n = await iterator.next();
          if (n.done) break;
          await write(n.value);
        }
      }
      endsWithNewline.value =
        last !== undefined && (last[last.length - 1] === 0x0a || last[last.length - 1] === 0x0d);
      parser.end();
    } catch (e) {
      parser.destroy(new FileRejected('file_truncated', { reason: (e as Error).message }));
    }
  };
  const feeding = feed();

  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let headerRecord: string[];
  try {
    const h = await records.next();
    if (h.done) throw new FileRejected('file_empty', {});
    headerRecord = h.value.map((x) => x.trim());
  } catch (e) {
    throw asRejection(e);
  }
  const header = headerRecord;
  return {
    header,
    encoding,
    delimiter,
    records: {
      [Symbol.asyncIterator]: async function* () {
        let row = 0;
        let pending: string[] | null = null;
        try {
          for (;;) {
            const n = await records.next();
            if (n.done) break;
            if (pending !== null) yield { row, cells: pending };
            row++;
            pending = n.value;
          }
          await feeding;
        } catch (e) {
          throw asRejection(e);
        }
        if (pending !== null) {
          // A short last record with no final newline is a cut file, not a bad row.
          if (pending.length < header.length && !endsWithNewline.value) {
            throw new FileRejected('file_truncated', {
              row,
              cells: pending.length,
              expected: header.length,
            });
          }
          yield { row, cells: pending };
        }
      },
    },
  };
}

function asRejection(e: unknown): FileRejected {
  if (e instanceof FileRejected) return e;
  const err = e as { code?: string; message?: string };
  if (err.code === 'CSV_QUOTE_NOT_CLOSED')
    return new FileRejected('file_truncated', { reason: 'unclosed quote at the end of the file' });
  if (typeof err.code === 'string' && err.code.startsWith('Z_'))
    return new FileRejected('file_truncated', { reason: err.message ?? err.code });
  if (/unexpected end of file/i.test(err.message ?? ''))
    return new FileRejected('file_truncated', { reason: err.message });
  return new FileRejected('csv_unreadable', { reason: (err.message ?? String(e)).split('\n')[0] });
}
