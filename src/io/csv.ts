import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { CsvScanError, CsvScanner } from './csv-scanner.js';
import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';

export interface CsvTable {
  readonly headers: readonly string[];
  /** Rows keyed by lower-cased, trimmed header; `line` is the 1-based data row number. */
  readonly rows: readonly {
    readonly line: number;
    readonly values: Readonly<Record<string, string>>;
  }[];
}

const REPLACEMENT_CHARACTER = Buffer.from([0xef, 0xbf, 0xbd]);

/** UTF-8, or latin-1 when the bytes are not valid UTF-8 or hold U+FFFD (ONPE's own files). */
export function textEncoding(bytes: Buffer): 'utf8' | 'latin1' {
  return isUtf8(bytes) && !bytes.includes(REPLACEMENT_CHARACTER) ? 'utf8' : 'latin1';
}

/** Decodes bytes as UTF-8, or latin-1 when they are not valid UTF-8 (ONPE's own files). */
export function decodeText(bytes: Buffer): string {
  const utf8 = textEncoding(bytes) === 'utf8';
  return new TextDecoder(utf8 ? 'utf-8' : 'latin1').decode(bytes).replace(/^\uFEFF/, '');
}

/** The delimiter of a header line: the most frequent of `,` `;` and tab. */
export function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/**
 * Reads a small CSV file (plain or .gz) whole; big acta files go through the streaming reader.
 * With `columns` (lower-cased headers), rows hold only those columns' values (`headers` all).
 */
export function readCsvFile(
  path: string,
  what: string,
  columns?: ReadonlySet<string>,
): Result<CsvTable, Issue[]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
    if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
  } catch (e) {
    return err([unreadable(path, what, e)]);
  }
  const text = decodeText(bytes);
  const delimiter = csvFront(bytes, text, path, what);
  if (!delimiter.ok) return delimiter;
  let records: string[][];
  try {
    records = parseTrimmed(text, delimiter.value, columns);
  } catch (e) {
    return err([
      issue('csv_unreadable', [what], { file: path, reason: (e as Error).message.split('\n')[0] }),
    ]);
  }
  const [header, ...data] = records;
  const headers = (header ?? []).map((h) => h.trim().toLowerCase());
  const keys = columns === undefined ? headers : headers.map((h) => (columns.has(h) ? h : null));
  return ok({ headers, rows: data.map((r, i) => ({ line: i + 1, values: keyed(keys, r) })) });
}

/** The issue of a file that cannot be read (or unzipped). */
export function unreadable(path: string, what: string, e: unknown): Issue {
  const reason = (e as NodeJS.ErrnoException).code ?? 'read error';
  return issue('file_unreadable', [what], { file: path, reason });
}

/**
 * The front of a CSV file every reader checks, once its bytes are read: not binary, a header line
 * that is not empty; the header's delimiter. `text`: the file's start (or whole), decoded.
 */
export function csvFront(
  bytes: Buffer,
  text: string,
  path: string,
  what: string,
): Result<string, Issue[]> {
  if (bytes.includes(0)) return err([issue('file_binary', [what], { file: path })]);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') return err([issue('file_empty', [what], { file: path })]);
  return ok(detectDelimiter(firstLine));
}

/**
 * A row's cells by header, a later repeated header winning (as Object.fromEntries did), set in one
 * loop: no array of entries per row and per cell (Peru's place table: 1,893 rows × 20 columns).
 */
function keyed(
  headers: readonly (string | null)[],
  cells: readonly string[],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (let j = 0; j < headers.length; j++) {
    const h = headers[j];
    if (h !== null && h !== undefined) values[h] = cells[j] ?? '';
  }
  return values;
}

/** The bytes csv-parse's `trim` removes around an unquoted field. */
const TRIMMED = /^[ \t\r\n\f]+|[ \t\r\n\f]+$/g;

/** Starts or ends with a character `trim` may remove (all are at most a space). */
const padded = (t: string): boolean =>
  t.length > 0 && (t.charCodeAt(0) <= 0x20 || t.charCodeAt(t.length - 1) <= 0x20);
const TRIM_OPTIONS = (delimiter: string) =>
  ({ delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as const;
/** Spaces past ASCII (and C1 controls), which csv-parse trims after a field but not before it. */
const UNICODE_SPACE =
  // eslint-disable-next-line no-control-regex -- the vertical tab is one of those spaces
  /[\u000B\u0080-\u00A0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]/;

/**
 * csv-parse's reading with `trim`, `relax_column_count` and `skip_empty_lines`, by cifra's
 * scanner (the place table's 1,900 rows took 0.1 s of CPU in csv-parse): a quoted field kept
 * as written, an unquoted one trimmed, a line of spaces skipped. A text with spaces past ASCII,
 * and one the scanner refuses (a space before an opening or after a closing quote, which `trim`
 * allows), go to csv-parse whole, which reads them or gives its own error. csv.test.ts holds
 * the two to the same records. With `columns` (trimmed, lower-cased headers), the scanner
 * decodes past the header only the first cell and those columns', the rest read as '' (Peru's
 * place table needs 4 of its 20 columns: a cold start spent ~30 ms of CPU on the others); the
 * csv-parse fallback reads them all, and readCsvFile keeps only those columns either way.
 */
export function parseTrimmed(
  text: string,
  delimiter: string,
  columns?: ReadonlySet<string>,
): string[][] {
  if (UNICODE_SPACE.test(text)) return parse(text, TRIM_OPTIONS(delimiter)) as string[][];
  const records: string[][] = [];
  // which cells past the header to decode: all, or those under a header in `columns`
  let wanted: readonly boolean[] | null = null;
  const scanner = new CsvScanner(delimiter, 'utf8', (r) => {
    const cells = new Array<string>(r.length);
    for (let i = 0; i < r.length; i++) {
      // the first cell always: a line of spaces is told by it (below), and a row's line number too
      if (wanted !== null && i > 0 && wanted[i] !== true) {
        cells[i] = '';
        continue;
      }
      const t = r.text(i);
      cells[i] =
        (r.anyQuoted && r.quoted[i] !== undefined) || !padded(t) ? t : t.replace(TRIMMED, '');
    }
    if (cells.length === 1 && cells[0] === '' && !(r.anyQuoted && r.quoted[0] !== undefined))
      return; // a line of nothing but spaces is an empty line to csv-parse's trim
    if (records.length === 0 && columns !== undefined)
      wanted = cells.map((h) => columns.has(h.trim().toLowerCase()));
    records.push(cells);
  });
  try {
    scanner.push(Buffer.from(text, 'utf8'));
    scanner.end();
    return records;
  } catch (e) {
    if (!(e instanceof CsvScanError)) throw e;
    return parse(text, TRIM_OPTIONS(delimiter)) as string[][];
  }
}
