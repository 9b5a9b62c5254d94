import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Parsed files by reader and path, with the bytes they were parsed from. */
const MEMO = new Map<string, { readonly bytes: Buffer; readonly value: unknown }>();

/**
 * The value `read` parses from `path`, kept while the file's bytes stay the same: a projection
 * computed for each store revision reuses its universe and count history instead of parsing them
 * again. The bytes are compared, not the mtime (whose coarse clock misses a same-size rewrite
 * within a few ms); reading a small file is a fraction of parsing it. A file that cannot be read
 * is passed to `read` each time (its reader reports why). The value is shared: callers must not
 * mutate it.
 */
export function memoByFile<T>(reader: string, path: string, read: () => T): T {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return read();
  }
  const key = `${reader}\u0000${resolve(path)}`;
  const hit = MEMO.get(key);
  if (hit !== undefined && hit.bytes.equals(bytes)) return hit.value as T;
  const value = read();
  // a handful of files per election: a bound only against a process that reads many
  if (MEMO.size >= 64) MEMO.clear();
  MEMO.set(key, { bytes, value });
  return value;
}
