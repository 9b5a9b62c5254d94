import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { IngestLimitsFileSchema, type IngestLimitsFile } from '../ingest/limits.js';
import { say } from './format.js';
import { numberIn, usageError } from './options.js';

/** The options that set ingest limits, as commander hands them over. */
export interface LimitOptions {
  readonly limits?: string;
  readonly maxRows?: number;
  readonly maxLineBytes?: number;
  readonly maxDecompressedBytes?: number;
}

/** A positive whole number of rows or bytes (up to 2^53 − 1). */
const positive = (flag: string): ((v: string) => number) =>
  numberIn(flag, { min: 1, max: Number.MAX_SAFE_INTEGER, guard: true });

/** `--limits FILE` and the `--max-…` flags of `cifra ingest` (src/ingest/limits.ts). */
export function addLimitOptions(cmd: Command): Command {
  return cmd
    .option(
      '--limits <file>',
      'a JSON file of ingest limits: decompressedBytes, rows, lineBytes, quarantinedAtLeast, quarantinedPercent, jsonDepth, jsonArrayBytes',
    )
    .addOption(
      new Option('--max-rows <n>', 'data rows a file may hold').argParser(positive('--max-rows')),
    )
    .addOption(
      new Option('--max-line-bytes <n>', 'bytes of one line (CSV record, JSON line)').argParser(
        positive('--max-line-bytes'),
      ),
    )
    .addOption(
      new Option('--max-decompressed-bytes <n>', 'bytes of the file once decompressed').argParser(
        positive('--max-decompressed-bytes'),
      ),
    );
}

/** A limits file, validated; a usage error (exit 2) names what is wrong. */
export function readLimitsFile(path: string, flag: string): IngestLimitsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? 'not JSON';
    throw usageError(say('{flag} {path}: cannot read it as JSON ({why})', { flag, path, why }));
  }
  const r = IngestLimitsFileSchema.safeParse(raw);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw usageError(`${flag} ${path}: ${i?.path.join('.') || '(file)'}: ${i?.message ?? 'invalid'}`);
}

/** The limits of a command line: the file's, then the flags over them. */
export function limitsOf(o: LimitOptions): IngestLimitsFile {
  const file = o.limits === undefined ? {} : readLimitsFile(o.limits, '--limits');
  return {
    ...file,
    ...(o.maxRows === undefined ? {} : { rows: o.maxRows }),
    ...(o.maxLineBytes === undefined ? {} : { lineBytes: o.maxLineBytes }),
    ...(o.maxDecompressedBytes === undefined ? {} : { decompressedBytes: o.maxDecompressedBytes }),
  };
}
