import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  chmodSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';
import { takeLock, type HeldLock, type LockOptions } from './publish-lock.js';

/** The file that says a directory is a site `cifra publish` wrote: only such a one is replaced. */
export const SITE_MARKER = '.cifra-site';

/** The lock's wait, poll, stale limit and heartbeat (src/io/publish-lock.ts). */
export type OwnedDirOptions = LockOptions;

/** Where a writer builds its tree and what it may reuse. */
export interface VersionDirs {
  /** The new version's folder, empty, to fill. */
  readonly dir: string;
  /** The version served until now (its files may be hard-linked into `dir`), or null. */
  readonly previous: string | null;
  /** This version's private file: beside its folder, never served (`privateFileOf`). */
  readonly private: string;
  /** The previous version's private file, or null (none: a folder an older cifra wrote). */
  readonly previousPrivate: string | null;
}

/**
 * A version's private file: beside its folder in the versions folder, outside what is served, so
 * what a publish keeps for the next one (its state) is not in the public's reach (review 21 H1:
 * a state file inside the site could be edited by whoever may write the site, and its figures
 * were published again). Kept and removed with its version.
 */
export const privateFileOf = (versionDir: string): string => `${versionDir}.private`;

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
 * What a writer killed mid-way left, removed by the lock's holder: version folders without the
 * marker (never finished) and an older cifra's hidden folders beside. The lock is held and its
 * last holder dead (src/io/publish-lock.ts), so no live publish is writing any of them; one
 * that was frozen past the stale limit finds its folder gone before its swap (writeVersion).
 */
function removeUnfinished(target: string, versions: string): void {
  const finished = (v: string): boolean => existsSync(join(versions, v, SITE_MARKER));
  for (const f of readdirSync(versions)) {
    // a private file stays with its finished version
    const version = f.endsWith('.private') ? f.slice(0, -'.private'.length) : f;
    if (!finished(version)) rmSync(join(versions, f), { recursive: true, force: true });
  }
  const name = basename(target);
  for (const f of readdirSync(dirname(target)))
    if (f.startsWith(`.${name}.tmp-`) || f.startsWith(`.${name}.old-`))
      rmSync(join(dirname(target), f), { recursive: true, force: true });
}

/** The lock was taken from this writer (judged dead: frozen past the stale limit). */
const lost = (lockPath: string): Issue =>
  issue('publish_locked', ['out'], { lock: lockPath, lost: true });

/**
 * Removes a version folder after the swap (no reader is sent there any more): by `rm -rf`, which
 * for a national site's 95,000 files took a third of the CPU of Node 20's rmSync (0.67 s against
 * 1.8 s: an lstat and an unlink from JavaScript per file); by rmSync where there is no `rm` or it
 * left the folder (the next publish removes any leftover too).
 */
function removeTree(path: string): void {
  const r = spawnSync('rm', ['-rf', '--', path], { stdio: 'ignore' });
  if (r.error !== undefined || r.status !== 0 || existsSync(path))
    rmSync(path, { recursive: true, force: true });
}

/**
 * Fills a new version folder and swaps it in, if the lock is still this writer's and its folder
 * the one it made (a writer frozen past the stale limit lost both: it must not swap in a folder
 * its own writes re-created half-empty after the next holder's clean-up).
 */
async function writeVersion<T>(
  target: string,
  versions: string,
  was: Target,
  write: (dirs: VersionDirs) => Promise<T>,
  held: HeldLock,
): Promise<Result<T, Issue[]>> {
  const current = was.kind === 'link' ? join(versions, was.version) : null;
  const previous =
    was.kind === 'plain' ? target : current !== null && existsSync(current) ? current : null;
  const dir = mkdtempSync(join(versions, 'v-'));
  const made = statSync(dir).ino;
  let swapped = false;
  try {
    const value = await write({
      dir,
      previous,
      private: privateFileOf(dir),
      previousPrivate: current === null ? null : privateFileOf(current),
    });
    if (!held.stillHeld() || statSync(dir, { throwIfNoEntry: false })?.ino !== made)
      return err([lost(held.path)]);
    writeFileSync(join(dir, SITE_MARKER), 'written by cifra publish: one version of the site\n');
    // mkdtemp makes the folder private (0700): a web server's worker must read it
    chmodSync(dir, 0o755);
    const replaced = swapIn(target, versions, basename(dir), was);
    swapped = true;
    // bounded: the new version and the one readers may still be in; older ones go
    const keep = [basename(dir), replaced].flatMap((v) => (v ? [v, privateFileOf(v)] : []));
    for (const f of readdirSync(versions)) if (!keep.includes(f)) removeTree(join(versions, f));
    return ok(value);
  } finally {
    if (!swapped) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(privateFileOf(dir), { force: true });
    }
  }
}

/**
 * Replaces the site at `out` with a new version that `write` fills, for a writer that owns it:
 * `out` new, an empty folder, a folder an older cifra wrote (marker inside), or the symlink an
 * earlier publish made. Each version is a folder of `.<out>.cifra-versions/` beside `out`, and
 * `out` is a relative symlink to the one served, swapped by one rename (docs/adr/007). Writers
 * take turns (a lock file beside `out`, src/io/publish-lock.ts); after a failure the new folder
 * goes and `out` is as it was; after a swap only the new version and the one it replaced are kept.
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
  const held = await takeLock(lockPath, o);
  if (!held.ok) return held;
  try {
    const versions = join(parent, names.versions);
    const was = targetOf(target, versions);
    if (!was.ok) return err([was.error]);
    mkdirSync(versions, { recursive: true });
    removeUnfinished(target, versions);
    return await writeVersion(target, versions, was.value, write, held.value);
  } finally {
    await held.value.release();
  }
}
