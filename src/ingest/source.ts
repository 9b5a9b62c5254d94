import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { Entry } from 'yauzl';
import { FileRejected } from './file-rejected.js';
import { byteLimit, DEFAULT_INGEST_LIMITS } from './limits.js';

export { FileRejected };

export interface OpenedSource {
  /** Decompressed bytes of the CSV/JSON inside. */
  readonly stream: Readable;
  readonly size: number;
  readonly compression: 'none' | 'gzip' | 'zip';
  /** Compressed bytes read so far (for progress). */
  readonly bytesRead: () => number;
  /** Name of the entry inside a zip, or the file name. */
  readonly innerName: string;
}

/** What a source holds: cifra's JSON actas, or a CSV (ONPE's, cifra's, or a column map's). */
export type SourceKind = 'json' | 'csv';

/**
 * A source's kind, from the name of what is inside it: the zip's entry, the file name without
 * `.gz`, or the file name. Ingest, compare and the header reader all ask this one question.
 */
export function sourceKind(opened: Pick<OpenedSource, 'innerName'>): SourceKind {
  return /\.(json|jsonl|ndjson)$/i.test(opened.innerName) ? 'json' : 'csv';
}

/**
 * Opens a .csv, .csv.gz/.gz, .zip (first .csv/.json entry) or .json/.jsonl file as a byte stream
 * that fails with `file_too_large` past `maxBytes` decompressed (a decompression bomb stops there).
 */
export async function openSource(
  path: string,
  maxBytes = DEFAULT_INGEST_LIMITS.decompressedBytes,
): Promise<OpenedSource> {
  const opened = await openRaw(path);
  const limited = byteLimit(maxBytes);
  opened.stream.on('error', (e) => limited.destroy(e));
  return { ...opened, stream: opened.stream.pipe(limited) };
}

async function openRaw(path: string): Promise<OpenedSource> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new FileRejected('file_unreadable', {
      file: path,
      reason: (e as NodeJS.ErrnoException).code ?? 'stat failed',
    });
  }
  if (size === 0) throw new FileRejected('file_empty', { file: path });
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return openZip(path, size);
  // 1 MiB reads: a tenth of the per-chunk stream work of the 64 KiB default (−8 ms CPU a 10 MB file)
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let read = 0;
  raw.on('data', (c: Buffer | string) => (read += c.length));
  if (lower.endsWith('.gz')) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    return {
      stream: raw.pipe(gunzip),
      size,
      compression: 'gzip',
      bytesRead: () => read,
      innerName: path.replace(/\.gz$/i, ''),
    };
  }
  return { stream: raw, size, compression: 'none', bytesRead: () => read, innerName: path };
}

async function openZip(path: string, size: number): Promise<OpenedSource> {
  // loaded for a zip only: a CSV's check starts without it
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip)
        return reject(
          new FileRejected('file_truncated', {
            file: path,
            reason: err?.message ?? 'not a zip archive',
          }),
        );
      zip.on('entry', (entry: Entry) => {
        if (!/\.(csv|json|jsonl|ndjson|txt)$/i.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e2, s) => {
          if (e2 || !s)
            return reject(
              new FileRejected('file_truncated', {
                file: path,
                reason: e2?.message ?? 'unreadable entry',
              }),
            );
          let read = 0;
          s.on('data', (c: Buffer) => (read += c.length));
          resolve({
            stream: s,
            size,
            compression: 'zip',
            bytesRead: () => Math.min(size, (read * size) / Math.max(1, entry.uncompressedSize)),
            innerName: entry.fileName,
          });
        });
      });
      zip.on('end', () =>
        reject(
          new FileRejected('file_empty', {
            file: path,
            reason: 'no .csv or .json entry in the zip',
          }),
        ),
      );
      zip.on('error', (e: Error) =>
        reject(new FileRejected('file_truncated', { file: path, reason: e.message })),
      );
      zip.readEntry();
    });
  });
}

/**
 * The header of a CSV file (plain, .gz or .zip): its first line, split as CSV. Null for JSON
 * files and files whose first line is not a header. Reads no more than 64 KiB.
 */
export async function readHeader(path: string): Promise<string[] | null> {
  let source: OpenedSource;
  try {
    source = await openSource(path);
  } catch {
    return null;
  }
  if (sourceKind(source) === 'json') {
    source.stream.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of source.stream) {
      const b = chunk as Buffer;
      chunks.push(b);
      length += b.length;
      if (b.includes(0x0a) || length > 65_536) break;
    }
  } catch {
    return null;
  } finally {
    source.stream.destroy();
  }
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line.trim() === '' || line.trim().startsWith('{') || line.trim().startsWith('[')) return null;
  const delimiter = [',', ';', '\t'].sort((a, b) => line.split(b).length - line.split(a).length)[0];
  return line.split(delimiter ?? ',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
