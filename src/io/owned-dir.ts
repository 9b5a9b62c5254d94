import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';

/** The file that says a directory is a site `cifra publish` wrote: only such a one is replaced. */
export const SITE_MARKER = '.cifra-site';

export interface OwnedDirOptions {
  /** How long to wait for another writer's lock before `publish_locked` (ms). */
  readonly waitMs?: number;
  readonly pollMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether the process that wrote a lock still runs (a lock of a dead one is stale). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock file beside the target (O_EXCL), waiting for a live holder, taking a dead one's. */
async function lock(path: string, o: OwnedDirOptions): Promise<Result<void, Issue[]>> {
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return ok(undefined);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        return err([issue('publish_out_invalid', ['out'], { lock: path, reason: code })]);
    }
    const holder = Number(readFileSync(path, { encoding: 'utf8', flag: 'a+' }).trim());
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= (o.waitMs ?? 600_000))
      return err([issue('publish_locked', ['out'], { lock: path, waitedMs: waited })]);
    await sleep(o.pollMs ?? 200);
  }
}

/** Why the target may not be replaced: not a directory, or holding files no publish wrote. */
function refusal(target: string): Issue | null {
  if (!existsSync(target)) return null;
  if (!statSync(target).isDirectory())
    return issue('publish_out_invalid', ['out'], { out: target, reason: 'not a directory' });
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes(SITE_MARKER))
    return issue('publish_dir_not_ours', ['out'], {
      out: target,
      entries: entries.length,
      marker: SITE_MARKER,
    });
  return null;
}

/**
 * Replaces the directory `out` with one `write` fills, for a writer that owns it: a new or empty
 * directory, or one holding the marker. Writers to one target take turns (a lock file beside it);
 * the tree is built in a hidden temporary directory beside `out` and renamed into place, then the
 * old tree is removed; after a failure the temporary directory goes and `out` is as it was.
 */
export async function replaceOwnedDir<T>(
  out: string,
  write: (dir: string) => Promise<T>,
  o: OwnedDirOptions = {},
): Promise<Result<T, Issue[]>> {
  const target = resolve(out);
  const parent = dirname(target);
  if (parent === target || !existsSync(parent) || !statSync(parent).isDirectory())
    return err([
      issue('publish_out_invalid', ['out'], { out: target, reason: 'no parent folder' }),
    ]);
  const lockPath = join(parent, `.${basename(target)}.cifra-lock`);
  const held = await lock(lockPath, o);
  if (!held.ok) return held;
  try {
    const no = refusal(target);
    if (no) return err([no]);
    // what a writer killed mid-way left beside the target: ours to remove, we hold the lock
    for (const f of readdirSync(parent))
      if (f.startsWith(`.${basename(target)}.tmp-`) || f.startsWith(`.${basename(target)}.old-`))
        rmSync(join(parent, f), { recursive: true, force: true });
    const tmp = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
    try {
      const value = await write(tmp);
      writeFileSync(
        join(tmp, SITE_MARKER),
        'written by cifra publish: replaced whole by the next\n',
      );
      // mkdtemp makes the folder private (0700): a web server's worker must read it
      chmodSync(tmp, 0o755);
      const old = join(parent, `.${basename(target)}.old-${randomBytes(6).toString('hex')}`);
      if (existsSync(target)) renameSync(target, old);
      renameSync(tmp, target);
      rmSync(old, { recursive: true, force: true });
      return ok(value);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone: nothing to release
    }
  }
}
