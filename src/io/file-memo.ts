import { readFileSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';

/** A parsed file, the bytes it was parsed from, and the file's stat when they were read. */
interface Memo {
  readonly stat: string;
  /** The file's mtime was older than SETTLED_MS when read: a later write gives another mtime. */
  readonly settled: boolean;
  readonly bytes: Buffer;
  readonly value: unknown;
}

/** Parsed files by reader and path. */
const MEMO = new Map<string, Memo>();

/** Beyond the file system's clock tick (1–2 s on the coarsest: ext3, FAT) and small clock skew. */
const SETTLED_MS = 3_000;

const statKey = (s: Stats): string => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

/**
 * The value `read` parses from `path`, kept while the file stays the same: a served lookup or a
 * projection per store revision reuses the manifest, universe and count history instead of
 * parsing them again. One `stat` answers when the file's (device, inode, size, mtime, ctime) are
 * those it was read with and its mtime was already settled then; otherwise its bytes are read and
 * compared, because the mtime's coarse clock misses a same-size rewrite within a tick (git's
 * "racy" case). A file that cannot be read is passed to `read` each time (its reader reports
 * why). The value is shared: callers must not mutate it.
 */
export function memoByFile<T>(reader: string, path: string, read: () => T): T {
  const key = `${reader}\u0000${resolve(path)}`;
  // the clock, then the stat, then the bytes: a write after the stat leaves a stale stat (so the
  // bytes are read again next time) and gets an mtime past `now - SETTLED_MS`, never stale bytes
  const now = Date.now();
  let stat: Stats | undefined;
  let bytes: Buffer;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) return read();
    const hit = MEMO.get(key);
    if (hit?.settled === true && hit.stat === statKey(stat)) return hit.value as T;
    bytes = readFileSync(path);
  } catch {
    return read();
  }
  const hit = MEMO.get(key);
  const value = hit?.bytes.equals(bytes) === true ? (hit.value as T) : read();
  // a handful of files per election: a bound only against a process that reads many
  if (hit === undefined && MEMO.size >= 64) MEMO.clear();
  MEMO.set(key, {
    stat: statKey(stat),
    settled: stat.mtimeMs < now - SETTLED_MS,
    bytes,
    value,
  });
  return value;
}
