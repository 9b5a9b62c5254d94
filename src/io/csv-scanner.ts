import { MAX_VOTES, parseCount } from './numbers.js';

/**
 * The hand-written CSV scanner of the ingest hot path (BENCHMARKS.md: csv-parse and the strings it
 * makes for every cell were a third of the ingest). It reads bytes and keeps each field as a byte
 * range, so counts are parsed in place and only the cells that are text become strings. It
 * follows csv-parse's reading with `relax_column_count`, `skip_empty_lines` and `bom` exactly —
 * a differential test holds it to that — including csv-parse's errors and its record delimiter,
 * fixed by the first one met (`\r\n`, `\n` or `\r`).
 */
export class CsvScanError extends Error {
  constructor(
    readonly code:
      'quote_not_closed' | 'invalid_opening_quote' | 'invalid_closing_quote' | 'line_too_long',
    readonly record: number,
  ) {
    super(`${code} at record ${record}`);
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
/** Cells remembered by `text` for reuse: the first columns, up to this many bytes. */
const CACHED_COLUMNS = 64;
const CACHED_BYTES = 32;

/** A count cell read in place: the value, or one of these codes. */
export const CELL_EMPTY = -1;
export const CELL_NEGATIVE = -2;
export const CELL_NON_INTEGER = -3;
export const CELL_TOO_LARGE = -4;

const CODE_OF: Readonly<Record<string, number>> = {
  missing_required: CELL_EMPTY,
  negative_number: CELL_NEGATIVE,
  non_integer: CELL_NON_INTEGER,
  number_too_large: CELL_TOO_LARGE,
};

/** `parseCount` (the one rule for count cells) as a number: value ≥ 0 or a CELL_* code. */
export function countOfText(raw: string): number {
  const n = parseCount(raw, false);
  return n.ok ? n.value : (CODE_OF[n.code] as number);
}

/** One record: its fields as byte ranges of the scanned bytes. Valid only inside the callback. */
export class CsvRecordView {
  buf: Buffer = Buffer.alloc(0);
  length = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** The decoded text of quoted fields (quotes removed, "" unescaped); undefined otherwise. */
  quoted: (string | undefined)[] = [];
  anyQuoted = false;
  /** The record ended with a record delimiter (false only for a last line without one). */
  terminated = true;

  constructor(readonly encoding: 'utf8' | 'latin1') {}

  // The last text decoded per column with its bytes: ONPE's rows come grouped by place, so the
  // place and state cells repeat row after row and their string is reused (decoding a cell was a
  // fifth of reading a row).
  private readonly lastBytes = new Uint8Array(CACHED_COLUMNS * CACHED_BYTES);
  private readonly lastLength = new Int32Array(CACHED_COLUMNS).fill(-1);
  private readonly lastText: string[] = [];

  /** The field's text ('' past the end of the record). */
  text(i: number): string {
    if (i < 0 || i >= this.length) return '';
    if (this.anyQuoted) {
      const q = this.quoted[i];
      if (q !== undefined) return q;
    }
    const b = this.buf;
    const s = this.starts[i] as number;
    const e = this.ends[i] as number;
    const n = e - s;
    if (i >= CACHED_COLUMNS || n > CACHED_BYTES) return b.toString(this.encoding, s, e);
    const last = this.lastBytes;
    const base = i * CACHED_BYTES;
    if (this.lastLength[i] === n) {
      let k = 0;
      while (k < n && last[base + k] === b[s + k]) k++;
      if (k === n) return this.lastText[i] as string;
    }
    let out = '';
    for (let k = 0; k < n; k++) {
      const c = b[s + k] as number;
      if (c >= 0x80) {
        out = b.toString(this.encoding, s, e); // not ASCII: the encoding decides
        break;
      }
      out += String.fromCharCode(c); // ASCII reads the same in UTF-8 and latin-1
    }
    for (let k = 0; k < n; k++) last[base + k] = b[s + k] as number;
    this.lastLength[i] = n;
    this.lastText[i] = out;
    return out;
  }

  /**
   * The field as a count, read from its bytes when it is plain ASCII digits (with spaces or tabs
   * around), else from its text with the same rules as `parseCount`.
   */
  count(i: number): number {
    if (i < 0 || i >= this.length) return CELL_EMPTY;
    if (this.anyQuoted && this.quoted[i] !== undefined) return countOfText(this.quoted[i]);
    const b = this.buf;
    let s = this.starts[i] as number;
    let e = this.ends[i] as number;
    while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
    while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
    if (s === e) return CELL_EMPTY; // nothing but spaces and tabs: no text to decode

    if (e - s > 10) return countOfText(this.text(i));
    let v = 0;
    for (let k = s; k < e; k++) {
      const d = (b[k] as number) - 48;
      if (d < 0 || d > 9) return countOfText(this.text(i));
      v = v * 10 + d;
    }
    return v > MAX_VOTES ? CELL_TOO_LARGE : v;
  }

  /** Every field as a string. */
  cells(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.text(i);
    return out;
  }
}

type Terminator = 'crlf' | 'lf' | 'cr' | null;

/**
 * Streams records out of byte chunks: `push` scans every complete record of the bytes so far and
 * keeps the incomplete tail for the next chunk; `end` reads the last record.
 */
export class CsvScanner {
  private tail: Buffer | null = null;
  private terminator: Terminator = null;
  private first = true;
  private records = 0;
  private readonly view: CsvRecordView;
  private readonly delim: number;

  constructor(
    delimiter: string,
    encoding: 'utf8' | 'latin1',
    private readonly onRecord: (r: CsvRecordView) => void,
    /**
     * The longest record, in bytes without its record delimiter: past it, `line_too_long` — for
     * a complete record when it ends, for one still waiting for its end after every chunk (so a
     * huge line is refused before it is buffered whole, and never rescanned).
     */
    private readonly maxRecordBytes = Infinity,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.view = new CsvRecordView(encoding);
  }

  push(chunk: Buffer): void {
    let buf = this.tail === null ? chunk : Buffer.concat([this.tail, chunk]);
    if (this.first) {
      if (buf.length < 3 && buf.length > 0 && buf[0] === 0xef) {
        this.tail = buf;
        return;
      }
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    const used = this.scan(buf, false);
    this.tail = used < buf.length ? Buffer.from(buf.subarray(used)) : null;
    // a CR at the tail's end may be the first half of a CRLF delimiter: not counted yet
    const t = this.tail;
    if (t !== null && t.length - (t[t.length - 1] === CR ? 1 : 0) > this.maxRecordBytes)
      throw new CsvScanError('line_too_long', this.records + 1);
  }

  end(): void {
    if (this.tail === null) return;
    let buf = this.tail;
    this.tail = null;
    if (this.first && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    this.scan(buf, true);
  }

  /**
   * Scans complete records from `buf`; returns the offset up to which it consumed. One function
   * on purpose, past the ~80-line rule: split into named steps it read ONPE's quoted file 4–11 %
   * slower (BENCHMARKS.md, "The CSV scanner and the column tally in named steps").
   */
  private scan(buf: Buffer, final: boolean): number {
    const n = buf.length;
    const v = this.view;
    const delim = this.delim;
    v.buf = buf;
    let pos = 0;
    // the next LF and quote at or after pos (n: none left), found by indexOf, not byte by byte
    let lf = -1;
    let quote = -1;
    while (pos < n) {
      if (this.terminator === 'lf' || this.terminator === 'crlf') {
        if (lf < pos) {
          lf = buf.indexOf(LF, pos);
          if (lf < 0) lf = n;
        }
        if (quote < pos) {
          quote = buf.indexOf(QUOTE, pos);
          if (quote < 0) quote = n;
        }
        if (lf < n && quote > lf) {
          const next = this.plainRecord(buf, pos, lf);
          if (next >= 0) {
            pos = next;
            continue;
          }
        }
      }
      // one record from pos
      const recordStart = pos;
      let i = pos;
      let field = 0;
      v.anyQuoted = false;
      let complete = false;
      let sawTerminator = false;
      let bodyEnd = -1; // where the record delimiter starts (-1: at the end of the bytes)
      for (;;) {
        if (field >= v.starts.length) this.grow();
        if (i < n && buf[i] === QUOTE) {
          // a quoted field
          let j = i + 1;
          let text = '';
          let from = j;
          let closed = -1;
          for (;;) {
            const q = buf.indexOf(QUOTE, j);
            if (q < 0) break;
            if (q + 1 >= n) {
              if (final) closed = q;
              break;
            }
            if (buf[q + 1] === QUOTE) {
              text += buf.toString(v.encoding, from, q + 1);
              j = q + 2;
              from = j;
              continue;
            }
            closed = q;
            break;
          }
          if (closed < 0) {
            if (final) throw new CsvScanError('quote_not_closed', this.records + 1);
            return recordStart;
          }
          text += buf.toString(v.encoding, from, closed);
          v.starts[field] = i;
          v.ends[field] = i;
          v.quoted[field] = text;
          v.anyQuoted = true;
          i = closed + 1;
          if (i >= n) {
            if (!final) return recordStart;
            field++;
            complete = true;
            break;
          }
          const c = buf[i] as number;
          if (c === delim) {
            field++;
            i++;
            continue;
          }
          const t = this.terminatorAt(buf, i, final);
          if (t === -1) return recordStart;
          if (t === 0) throw new CsvScanError('invalid_closing_quote', this.records + 1);
          field++;
          bodyEnd = i;
          i += t;
          complete = true;
          sawTerminator = true;
          break;
        }
        // an unquoted field: up to the delimiter or the record delimiter
        const start = i;
        let t = 0;
        for (; i < n; i++) {
          const c = buf[i] as number;
          if (c === delim) break;
          if (c === QUOTE) throw new CsvScanError('invalid_opening_quote', this.records + 1);
          if (c === CR || c === LF) {
            t = this.terminatorAt(buf, i, final);
            if (t === -1) return recordStart;
            if (t > 0) break;
          }
        }
        v.starts[field] = start;
        v.ends[field] = i;
        if (v.quoted.length > field) v.quoted[field] = undefined;
        field++;
        if (i >= n) {
          if (!final) return recordStart;
          complete = true;
          break;
        }
        if (t > 0) {
          bodyEnd = i;
          i += t;
          complete = true;
          sawTerminator = true;
          break;
        }
        i++; // the delimiter
        if (i >= n) {
          if (!final) return recordStart;
          // a delimiter at the very end: one more, empty field
          if (field >= v.starts.length) this.grow();
          v.starts[field] = i;
          v.ends[field] = i;
          if (v.quoted.length > field) v.quoted[field] = undefined;
          field++;
          complete = true;
          break;
        }
      }
      if (!complete) return recordStart;
      if ((bodyEnd < 0 ? i : bodyEnd) - recordStart > this.maxRecordBytes)
        throw new CsvScanError('line_too_long', this.records + 1);
      pos = i;
      v.length = field;
      v.terminated = sawTerminator;
      // skip_empty_lines: a record of one empty, unquoted field is no record
      if (field === 1 && v.starts[0] === v.ends[0] && !(v.anyQuoted && v.quoted[0] !== undefined))
        continue;
      this.records++;
      this.onRecord(v);
    }
    return pos;
  }

  /**
   * The fast path of `scan` for a record with no quote that ends at `lf`: split at the
   * delimiter only, as the byte-by-byte reading would (csv-scanner.test.ts holds both to
   * csv-parse). Returns where the next record starts, or -1 when the LF does not end the record
   * (CRLF files: a bare LF is field content) so the byte-by-byte reading takes it.
   */
  private plainRecord(buf: Buffer, pos: number, lf: number): number {
    let bodyEnd = lf;
    if (this.terminator === 'crlf') {
      if (lf === pos || buf[lf - 1] !== CR) return -1;
      bodyEnd = lf - 1;
    }
    if (bodyEnd - pos > this.maxRecordBytes)
      throw new CsvScanError('line_too_long', this.records + 1);
    const v = this.view;
    const delim = this.delim;
    let field = 0;
    let start = pos;
    for (let k = pos; k < bodyEnd; k++) {
      if (buf[k] !== delim) continue;
      if (field + 1 >= v.starts.length) this.grow();
      v.starts[field] = start;
      v.ends[field] = k;
      field++;
      start = k + 1;
    }
    v.starts[field] = start;
    v.ends[field] = bodyEnd;
    field++;
    v.anyQuoted = false;
    v.length = field;
    v.terminated = true;
    // skip_empty_lines, as in `scan`
    if (field > 1 || start < bodyEnd) {
      this.records++;
      this.onRecord(v);
    }
    return lf + 1;
  }

  /**
   * At a CR or LF: the length of the record delimiter starting here (fixing it on first sight,
   * as csv-parse does), 0 when this byte is field content, -1 when more bytes are needed.
   */
  private terminatorAt(buf: Buffer, i: number, final: boolean): number {
    const c = buf[i];
    if (this.terminator === null) {
      if (c === LF) this.terminator = 'lf';
      else if (c === CR) {
        if (i + 1 >= buf.length) {
          if (!final) return -1;
          this.terminator = 'cr';
        } else this.terminator = buf[i + 1] === LF ? 'crlf' : 'cr';
      } else return 0;
    }
    switch (this.terminator) {
      case 'lf':
        return c === LF ? 1 : 0;
      case 'cr':
        return c === CR ? 1 : 0;
      case 'crlf':
        if (c !== CR) return 0;
        if (i + 1 >= buf.length) return final ? 0 : -1;
        return buf[i + 1] === LF ? 2 : 0;
    }
  }

  private grow(): void {
    const v = this.view;
    const starts = new Int32Array(v.starts.length * 2);
    starts.set(v.starts);
    const ends = new Int32Array(v.ends.length * 2);
    ends.set(v.ends);
    v.starts = starts;
    v.ends = ends;
  }
}
