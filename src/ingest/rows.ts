import type { Readable } from 'node:stream';
import { detectDelimiter } from '../io/csv.js';
import { FileRejected } from './source.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './limits.js';
import { CsvScanError, CsvScanner, type CsvRecordView } from '../io/csv-scanner.js';
import { Utf8Check, walkUtf8 } from './utf8-check.js';
import { issue, type Issue } from '../core/issues.js';

export interface CsvRows {
  readonly header: readonly string[];
  readonly encoding: 'utf8' | 'latin1';
  readonly delimiter: string;
  /**
   * Reads every data record: `onRecord` gets each one with its 1-based data row number, while its
   * bytes are valid (copy what you keep); `afterChunk` is awaited after each chunk of the stream,
   * so a slow consumer holds the reading back and memory stays flat however large the file.
   * A record with more or fewer cells than the header goes to `onMisfit` instead, with its
   * row_cells_mismatch issue: its missing cells are not there to read as empty (review s35).
   * Extra cells that are all empty and unquoted (a trailing delimiter) are dropped, not a misfit.
   * One-cell lines of only whitespace are skipped, as empty ones are.
   */
  scan(
    onRecord: (record: CsvRecordView, row: number) => void,
    afterChunk: () => Promise<void>,
    onMisfit: (record: CsvRecordView, row: number, misfit: Issue) => void,
  ): Promise<void>;
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

class HeaderFound extends Error {}

/**
 * Streams CSV records: detects the encoding (UTF-8, else latin-1 — ONPE's own files; "Ñ" survives
 * both) and the delimiter (comma, semicolon, tab) from the first 64 KB, refuses binary input, and
 * tells a truncated file (cut compressed stream, unclosed quote, short last line without a newline)
 * from bad rows. The scanner is cifra's own (csv-scanner.ts), held to csv-parse by a test.
 */
export async function readCsvRows(
  stream: Readable,
  limits: Pick<IngestLimits, 'lineBytes' | 'rows'> = DEFAULT_INGEST_LIMITS,
): Promise<CsvRows> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const peeked = await peek(iterator);
  const { encoding, delimiter } = sniff(peeked.sample);
  const header = readHeader(peeked, delimiter, encoding);
  return {
    header,
    encoding,
    delimiter,
    scan: (onRecord, afterChunk, onMisfit) =>
      scanRecords(
        { stream, iterator, peeked, header, delimiter, encoding, limits },
        { onRecord, onMisfit },
        afterChunk,
      ),
  };
}

/** The chunks read before the header is known, whether they are the whole stream, and their bytes. */
interface Peeked {
  readonly chunks: readonly Buffer[];
  readonly done: boolean;
  readonly sample: Buffer;
}

/** Reads the stream's first 64 KB (whole chunks): what the encoding, delimiter and header come from. */
async function peek(iterator: AsyncIterator<Buffer>): Promise<Peeked> {
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
    if (e instanceof FileRejected) throw e;
    throw new FileRejected('file_truncated', { reason: (e as Error).message });
  }
  return { chunks, done, sample: Buffer.concat(chunks) };
}

/** The encoding and delimiter, from the first 64 KB; refuses an empty or binary file. */
function sniff(sample: Buffer): { encoding: 'utf8' | 'latin1'; delimiter: string } {
  if (sample.length === 0) throw new FileRejected('file_empty', {});
  // the first 64 KB decide, however large the first chunk read
  const head = sample.subarray(0, PEEK);
  if (head.includes(0)) throw new FileRejected('file_binary', {});
  const encoding = isUtf8(head) ? 'utf8' : 'latin1';
  if (encoding === 'latin1') refuseMixed(head);
  const text = head.toString(encoding).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') throw new FileRejected('file_empty', {});
  return { encoding, delimiter: detectDelimiter(firstLine) };
}

/**
 * A sample that is not UTF-8 but holds UTF-8 characters is two encodings at once: read as latin-1,
 * its "Ñ" written in UTF-8 would be stored as "Ã\u0091" (docs/errors.md: file_encoding_invalid).
 */
function refuseMixed(head: Buffer): void {
  const { firstInvalid, multiByte } = walkUtf8(head);
  if (multiByte === 0 || firstInvalid < 0) return;
  throw new FileRejected('file_encoding_invalid', {
    reason: 'mixed',
    byte: firstInvalid,
    row: linesBefore(head, firstInvalid) - 1,
  });
}

/** Line breaks before `end`: the row a byte is on, the header being row 0 (quoted breaks aside). */
function linesBefore(b: Buffer, end: number): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0 && i < end; i = b.indexOf(10, i + 1)) n++;
  return n + 1;
}

/** The header: the first record of the sample (the whole sample if it holds no complete one). */
function readHeader(
  { sample, done }: Peeked,
  delimiter: string,
  encoding: 'utf8' | 'latin1',
): readonly string[] {
  let headerRecord: string[] | null = null;
  const probe = new CsvScanner(delimiter, encoding, (r) => {
    headerRecord = r.cells().map((x) => x.trim());
    throw new HeaderFound();
  });
  try {
    probe.push(sample);
    if (done) probe.end();
  } catch (e) {
    if (!(e instanceof HeaderFound)) throw asRejection(e);
  }
  if (headerRecord === null) {
    if (!done) throw new FileRejected('csv_unreadable', { reason: 'no header in the first 64 KB' });
    throw new FileRejected('file_empty', {});
  }
  // A trailing delimiter on the header line names no column: those cells are not columns.
  const named: readonly string[] = headerRecord;
  let width = named.length;
  while (width > 0 && named[width - 1] === '') width--;
  const header = named.slice(0, width);
  // a repeated column would silently take one of its values
  const repeated = header.find((h, i) => h !== '' && header.indexOf(h) !== i);
  if (repeated !== undefined) throw new FileRejected('duplicate_header', { column: repeated });
  return header;
}

/** What `scanRecords` reads from: the stream after its peeked chunks, and what the peek found. */
interface ScanSource {
  readonly stream: Readable;
  readonly iterator: AsyncIterator<Buffer>;
  readonly peeked: Peeked;
  readonly header: readonly string[];
  readonly delimiter: string;
  readonly encoding: 'utf8' | 'latin1';
  readonly limits: Pick<IngestLimits, 'lineBytes' | 'rows'>;
}

/** Where `scanRecords` hands each data record: a whole one, or one that does not fit the header. */
interface RecordSinks {
  readonly onRecord: (record: CsvRecordView, row: number) => void;
  readonly onMisfit: (record: CsvRecordView, row: number, misfit: Issue) => void;
}

/**
 * A line of nothing but spaces or tabs (an editor's stray " " at the end): no record, as an empty
 * line is none. Only a one-cell line: one with a delimiter is a row of empty cells, whether
 * ",,," or "\t\t\t" (it is quarantined, not skipped — the same for every delimiter).
 */
function isBlankLine(r: CsvRecordView): boolean {
  return r.length === 1 && !r.anyQuoted && r.text(0).trim() === '';
}

/**
 * A row longer than the header only by a trailing delimiter (cells past the header's, all empty
 * and unquoted: "…,0,"): read as its first `width` cells, as such files always were. A non-empty
 * or quoted extra cell is a real long row.
 */
function trimTrailingEmpty(r: CsvRecordView, width: number): void {
  if (r.length <= width) return;
  for (let i = width; i < r.length; i++) {
    if (r.anyQuoted && r.quoted[i] !== undefined) return;
    if (r.text(i).trim() !== '') return;
  }
  r.length = width;
}

/** `CsvRows.scan`: the peeked chunks again, then the rest of the stream, record by record. */
async function scanRecords(
  src: ScanSource,
  { onRecord, onMisfit }: RecordSinks,
  afterChunk: () => Promise<void>,
): Promise<void> {
  const { stream, iterator, peeked, header, limits } = src;
  const { chunks, done } = peeked;
  let row = -1; // the header is record 0
  const scanner = new CsvScanner(
    src.delimiter,
    src.encoding,
    (r) => {
      if (row >= 0 && isBlankLine(r)) return;
      row++;
      if (row === 0) return;
      if (row > limits.rows) throw new FileRejected('too_many_rows', { limit: limits.rows });
      // A short last record with no final newline is a cut file, not a bad row.
      if (!r.terminated && r.length < header.length)
        throw new FileRejected('file_truncated', {
          row,
          cells: r.length,
          expected: header.length,
        });
      trimTrailingEmpty(r, header.length);
      // a row cut short (or run long) mid-file: its cells cannot be matched to the columns
      if (r.length !== header.length)
        return onMisfit(
          r,
          row,
          issue('row_cells_mismatch', ['row', row], { cells: r.length, expected: header.length }),
        );
      onRecord(r, row);
    },
    limits.lineBytes,
  );
  // a file read as UTF-8 stays UTF-8 to its end, or is refused where it stops being so
  const check = src.encoding === 'utf8' ? new Utf8Check() : null;
  let read = 0;
  const feed = (c: Buffer): void => {
    const bad = check?.push(c) ?? null;
    if (bad !== null) {
      scanner.push(c.subarray(0, Math.max(0, bad - read)));
      throw new FileRejected('file_encoding_invalid', {
        reason: 'invalid_utf8',
        byte: bad,
        row: row + 1,
      });
    }
    read += c.length;
    scanner.push(c);
  };
  try {
    for (const c of chunks) {
      feed(c);
      await afterChunk();
    }
    if (!done) await scanRest(iterator, feed, afterChunk);
    const open = check?.end() ?? null;
    if (open !== null)
      throw new FileRejected('file_encoding_invalid', {
        reason: 'invalid_utf8',
        byte: open,
        row: row + 1,
      });
    scanner.end();
  } catch (e) {
    stream.destroy();
    throw asRejection(e);
  }
}

/** The chunks after the peeked ones, each fed to the scanner, then `afterChunk` awaited. */
async function scanRest(
  iterator: AsyncIterator<Buffer>,
  feed: (chunk: Buffer) => void,
  afterChunk: () => Promise<void>,
): Promise<void> {
  for (;;) {
    let n: IteratorResult<Buffer>;
    try {
      n = await iterator.next();
    } catch (e) {
      if (e instanceof FileRejected) throw e;
      throw new FileRejected('file_truncated', { reason: (e as Error).message });
    }
    if (n.done) break;
    feed(n.value);
    await afterChunk();
  }
}

function asRejection(e: unknown): FileRejected {
  if (e instanceof FileRejected) return e;
  if (e instanceof CsvScanError && e.code === 'line_too_long')
    return new FileRejected('line_too_long', { record: e.record });
  if (e instanceof CsvScanError)
    return e.code === 'quote_not_closed'
      ? new FileRejected('file_truncated', { reason: 'unclosed quote at the end of the file' })
      : new FileRejected('csv_unreadable', {
          reason: `${e.code === 'invalid_opening_quote' ? 'a quote inside an unquoted field' : 'a character after a closing quote'} (record ${e.record})`,
        });
  const err = e as { code?: string; message?: string };
  if (typeof err.code === 'string' && err.code.startsWith('Z_'))
    return new FileRejected('file_truncated', { reason: err.message ?? err.code });
  if (/unexpected end of file/i.test(err.message ?? ''))
    return new FileRejected('file_truncated', { reason: err.message });
  return new FileRejected('csv_unreadable', { reason: (err.message ?? String(e)).split('\n')[0] });
}

/**
 * A misfit record's cells as the quarantine keeps them: by the header's name where it has one,
 * "#16" past its end; a column the record lacks is absent, never "" (review s35).
 */
export function misfitCells(
  header: readonly string[],
  r: Pick<CsvRecordView, 'length' | 'text'>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < r.length; i++) {
    const name = header[i];
    out[name === undefined || name === '' ? `#${i + 1}` : name] = r.text(i);
  }
  return out;
}
