import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
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

/** Decodes bytes as UTF-8, or latin-1 when they are not valid UTF-8 (ONPE's own files). */
export function decodeText(bytes: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bad = text.includes('\uFFFD');
  return (bad ? new TextDecoder('latin1').decode(bytes) : text).replace(/^\uFEFF/, '');
}

/** The delimiter of a header line: the most frequent of `,` `;` and tab. */
export function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/** Reads a small CSV file (plain or .gz) whole; big acta files go through the streaming reader. */
export function readCsvFile(path: string, what: string): Result<CsvTable, Issue[]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
    if (path.endsWith('.gz')) bytes = gunzipSync(bytes);
  } catch (e) {
    return err([
      issue('file_unreadable', [what], {
        file: path,
        reason: (e as NodeJS.ErrnoException).code ?? 'read error',
      }),
    ]);
  }
  if (bytes.includes(0)) return err([issue('file_binary', [what], { file: path })]);
  const text = decodeText(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') return err([issue('file_empty', [what], { file: path })]);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (e) {
    return err([
      issue('csv_unreadable', [what], { file: path, reason: (e as Error).message.split('\n')[0] }),
    ]);
  }
  const [header, ...data] = records;
  const headers = (header ?? []).map((h) => h.trim().toLowerCase());
  return ok({
    headers,
    rows: data.map((r, i) => ({
      line: i + 1,
      values: Object.fromEntries(headers.map((h, j) => [h, r[j] ?? ''])),
    })),
  });
}
