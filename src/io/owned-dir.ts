import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  chmodSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
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

/** Where a writer builds its tree and what it may reuse. */
export interface VersionDirs {
  /** The new version's folder, empty, to fill. */
  readonly dir: string;
  /** The version served until now (its files may be hard-linked into `dir`), or null. */
  readonly previous: string | null;
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

/** The names beside `out` that a publish owns: its versions folder, lock and temporary link. */
export function ownedNames(out: string): { versions: string; lock: string; link: string } {
  const name = basename(resolve(out));
  return {
    versions: `.${name}.cifra-versions`,
    lock: `.${name}.cifra-lock`,
    link: `.${name}.cifra-link`,
  };
}

/**
 * What `out` is now: absent, an empty folder, a symlink into our versions folder (the served
 * version), a folder an older cifra wrote in place (marker inside), or something to refuse.
 */
type Target =
  | { readonly kind: 'absent' | 'empty' }
  | { readonly kind: 'link'; readonly version: string }
  | { readonly kind: 'plain' };

function targetOf(target: string, versions: string): Result<Target, Issue> {
  const st = lstatSync(target, { throwIfNoEntry: false });
  if (st === undefined) return ok({ kind: 'absent' });
  if (st.isSymbolicLink()) {
    const to = readlinkSync(target);
    const version = basename(to);
    // only a link a publish made: to a folder of our versions folder (relative, beside it)
    if (to === join(basename(versions), version)) return ok({ kind: 'link', version });
    return err(
      issue('publish_dir_not_ours', ['out'], { out: target, link: to, marker: SITE_MARKER }),
    );
  }
  if (!st.isDirectory())
    return err(issue('publish_out_invalid', ['out'], { out: target, reason: 'not a directory' }));
  const entries = readdirSync(target);
  if (entries.length === 0) return ok({ kind: 'empty' });
  if (entries.includes(SITE_MARKER)) return ok({ kind: 'plain' });
  return err(
    issue('publish_dir_not_ours', ['out'], {
      out: target,
      entries: entries.length,
      marker: SITE_MARKER,
    }),
  );
}

/**
 * Puts the symlink to `version` at `target` with one rename over the old link (rename(2) is
 * atomic: a reader finds the old version or the new, never nothing). An older cifra's folder is
 * first moved into the versions folder (its one last gap, once); an empty folder is removed.
 */
function swapIn(target: string, versions: string, version: string, was: Target): string | null {
  const parent = dirname(target);
  const link = join(parent, ownedNames(target).link);
  rmSync(link, { force: true });
  symlinkSync(join(basename(versions), version), link);
  let replaced = was.kind === 'link' ? was.version : null;
  if (was.kind === 'plain') {
    replaced = `legacy-${randomBytes(6).toString('hex')}`;
    renameSync(target, join(versions, replaced));
  }
  if (was.kind === 'empty') rmdirSync(target);
  renameSync(link, target);
  return replaced;
}

/**
 * Replaces the site at `out` with a new version that `write` fills, for a writer that owns it:
 * `out` new, an empty folder, a folder an older cifra wrote (marker inside), or the symlink an
 * earlier publish made. Each version is a folder of `.<out>.cifra-versions/` beside `out`, and
 * `out` is a relative symlink to the one served, swapped by one rename (docs/adr/007). Writers
 * take turns (a lock file beside `out`); after a failure the new folder goes and `out` is as it
 * was; after a swap only the new version and the one it replaced are kept.
 */
export async function replaceOwnedDir<T>(
  out: string,
  write: (dirs: VersionDirs) => Promise<T>,
  o: OwnedDirOptions = {},
): Promise<Result<T, Issue[]>> {
  const target = resolve(out);
  const parent = dirname(target);
  if (parent === target || !existsSync(parent) || !statSync(parent).isDirectory())
    return err([
      issue('publish_out_invalid', ['out'], { out: target, reason: 'no parent folder' }),
    ]);
  const names = ownedNames(target);
  const lockPath = join(parent, names.lock);
  const held = await lock(lockPath, o);
  if (!held.ok) return held;
  try {
    const was = targetOf(target, join(parent, names.versions));
    if (!was.ok) return err([was.error]);
    const versions = join(parent, names.versions);
    mkdirSync(versions, { recursive: true });
    // what a writer killed mid-way left (no marker: never finished; an older cifra's hidden
    // folders beside): ours to remove, we hold the lock
    for (const f of readdirSync(versions))
      if (!existsSync(join(versions, f, SITE_MARKER)))
        rmSync(join(versions, f), { recursive: true, force: true });
    const name = basename(target);
    for (const f of readdirSync(parent))
      if (f.startsWith(`.${name}.tmp-`) || f.startsWith(`.${name}.old-`))
        rmSync(join(parent, f), { recursive: true, force: true });
    const current = was.value.kind === 'link' ? join(versions, was.value.version) : null;
    const previous =
      was.value.kind === 'plain'
        ? target
        : current !== null && existsSync(current)
          ? current
          : null;
    const dir = mkdtempSync(join(versions, 'v-'));
    let swapped = false;
    try {
      const value = await write({ dir, previous });
      writeFileSync(join(dir, SITE_MARKER), 'written by cifra publish: one version of the site\n');
      // mkdtemp makes the folder private (0700): a web server's worker must read it
      chmodSync(dir, 0o755);
      const replaced = swapIn(target, versions, basename(dir), was.value);
      swapped = true;
      // bounded: the new version and the one readers may still be in; older ones go
      for (const f of readdirSync(versions))
        if (f !== basename(dir) && f !== replaced)
          rmSync(join(versions, f), { recursive: true, force: true });
      return ok(value);
    } finally {
      if (!swapped) rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone: nothing to release
    }
  }
}
