// The lock that makes publishes of one folder take turns (docs/adr/007, docs/operations.md).
//
// The lock is a file beside the folder holding its holder's identity as JSON: host name, the
// process space its pid means something in (boot id + pid namespace), pid, a random token and the
// start time. It is written whole to a temporary file and hard-linked into place: link(2) fails
// if the name exists (an O_EXCL create) and the lock is never seen empty. While it publishes, the
// holder refreshes the lock's mtime every `heartbeatMs` from a worker thread (a publish may keep
// the event loop busy for minutes, which must not look like death).
//
// A holder is dead when the lock's mtime is older than `staleMs` (its heartbeat stopped: the
// process is gone, whatever its pid says, e.g. pid 1 of another container on a shared volume), or
// at once when it ran in this process space and its pid is gone. A lock with no identity (empty,
// an older cifra's bare pid, garbage) is judged by its mtime alone.
//
// Taking a dead holder's lock, so that exactly one waiter wins. Only two things ever remove the
// name: its live holder releasing it, and a breaker; a waiter only creates it (link, fails if it
// exists). Each waiter that judges the lock L dead (key k: L's token, or its inode and mtime when
// it has no identity) creates `<lock>.break-k-0` with O_EXCL; the one that succeeds reads the lock
// again and removes it only if it is still L (same key) and still dead; it then removes its break
// file, and every waiter goes back to linking a new lock, where exactly one link succeeds.
// Interleavings:
// - W1 and W2 both see L dead: only one creates break-k-0; the other finds it and polls again.
// - W1 removes L, W3 links L', W2 (which saw L) then creates break-k-0: it reads L' (another key,
//   and alive), so it removes nothing. L's key never comes back (a token is used once; an inode
//   reused by L' comes with a fresh mtime, so L' is not dead).
// - Between a breaker's second read and its unlink the name cannot change: L's holder is dead,
//   no other breaker of k is inside (break-k-0 is held), and waiters cannot link over a name.
// - A breaker killed inside (a few system calls) leaves break-k-n: older than `staleMs`, it is
//   dead too, and the next waiter takes break-k-(n+1) instead (never removing break-k-n while L
//   stands, which would let two in). Once L is gone, its break files are removed.
// What this assumes: a live process is never frozen longer than `staleMs` (a SIGSTOP, a VM pause)
// and the clocks of hosts sharing the folder agree to well within `staleMs`. A holder that was
// frozen anyway finds out before it swaps its version in (`stillHeld`) and fails publish_locked.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';

export interface LockOptions {
  /** How long to wait for a live holder before `publish_locked` (ms). */
  readonly waitMs?: number;
  /** How often a waiter looks at the lock again (ms). */
  readonly pollMs?: number;
  /** A lock whose mtime is older than this is dead, whatever its pid says (ms). */
  readonly staleMs?: number;
  /** How often the holder refreshes the lock's mtime (ms; a sixth of `staleMs` by default). */
  readonly heartbeatMs?: number;
  /** Starts the heartbeat (a worker thread, `startHeartbeat`); a test's may fail. */
  readonly heartbeat?: (fd: number, ms: number) => Heartbeat;
}

/** A running heartbeat: refreshes the lock's mtime until terminated. */
export interface Heartbeat {
  terminate(): Promise<unknown>;
}

const WAIT_MS = 600_000;
const POLL_MS = 200;
const STALE_MS = 30_000;

/** Who holds a lock: what its file says. */
const HolderSchema = z.object({
  host: z.string().max(255),
  /** Where `pid` names a process: boot id and pid namespace ('' where unknown). */
  space: z.string().max(255),
  pid: z.number().int().positive(),
  token: z.string().regex(/^[0-9a-f]{32}$/),
  started: z.string().max(40),
});
export type Holder = z.infer<typeof HolderSchema>;

/** A lock as one read of it found it. */
export interface SeenLock {
  readonly ino: number;
  readonly mtimeMs: number;
  /** null: empty, an older cifra's bare pid, or not ours to read */
  readonly holder: Holder | null;
}

/** The boot and pid namespace this process runs in: a pid means the same process only within it. */
function processSpace(): string {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${boot} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return ''; // not Linux: pids are not compared, the heartbeat alone tells
  }
}

export function newHolder(): Holder {
  return {
    host: hostname().slice(0, 255),
    space: processSpace(),
    pid: process.pid,
    token: randomBytes(16).toString('hex'),
    started: new Date().toISOString(),
  };
}

/** Whether a process of this space still runs (EPERM: it does, as another user). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the lock's holder is dead: its heartbeat stopped longer than `staleMs` ago, or it ran
 * in this process space (same host, boot and pid namespace) and its pid is gone.
 */
export function holderDead(
  seen: SeenLock,
  me: Holder,
  nowMs: number,
  staleMs: number,
  alive: (pid: number) => boolean = pidAlive,
): boolean {
  if (nowMs - seen.mtimeMs > staleMs) return true;
  const h = seen.holder;
  return (
    h !== null && me.space !== '' && h.host === me.host && h.space === me.space && !alive(h.pid)
  );
}

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

/** The lock at `path` with its identity, from one open file (null: there is none). */
export function seeLock(path: string): SeenLock | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return null;
    throw e;
  }
  try {
    const st = fstatSync(fd);
    let holder: Holder | null = null;
    try {
      const parsed = HolderSchema.safeParse(JSON.parse(readFileSync(fd, 'utf8')));
      if (parsed.success) holder = parsed.data;
    } catch {
      // not JSON: an empty lock or an older cifra's bare pid, judged by its mtime
    }
    return { ino: st.ino, mtimeMs: st.mtimeMs, holder };
  } finally {
    closeSync(fd);
  }
}

/** What names one lock among all that ever stand at the path (for its break files). */
const keyOf = (s: SeenLock): string => s.holder?.token ?? `i${s.ino}-${Math.trunc(s.mtimeMs)}`;

/** Creates `path` holding `text`, failing if it exists; returns its open file (or EEXIST). */
function createWhole(path: string, text: string, me: Holder): number | 'exists' {
  const tmp = `${path}.${me.token}.tmp`;
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, text);
    linkSync(tmp, path);
    return fd;
  } catch (e) {
    closeSync(fd);
    if (codeOf(e) === 'EEXIST') return 'exists';
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(codeOf(e) ?? '')) throw e;
    // a file system without hard links: O_EXCL, empty for an instant (judged by its fresh mtime)
    return createExclusive(path, text);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function createExclusive(path: string, text: string): number | 'exists' {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if (codeOf(e) === 'EEXIST') return 'exists';
    throw e;
  }
  writeSync(fd, text);
  return fd;
}

/**
 * Removes the dead lock `seen` if this waiter wins its break (see the top of the file); leaves it
 * when another live waiter is breaking it or it turned out alive.
 */
function breakDead(path: string, seen: SeenLock, me: Holder, staleMs: number): void {
  const key = keyOf(seen);
  const breakFile = (n: number): string => `${path}.break-${key}-${n}`;
  for (let n = 0; ; n++) {
    const got = createWhole(breakFile(n), JSON.stringify(me), me);
    if (got === 'exists') {
      const st = statSync(breakFile(n), { throwIfNoEntry: false });
      if (st === undefined)
        n--; // its breaker just finished: try that one again
      else if (Date.now() - st.mtimeMs <= staleMs) return; // a live waiter is breaking it
      continue; // its breaker died inside: the next one
    }
    closeSync(got);
    const now = seeLock(path);
    const dead = now !== null && keyOf(now) === key && holderDead(now, me, Date.now(), staleMs);
    if (dead) rmSync(path, { force: true });
    // once the lock is gone its key never stands again: all its break files may go
    for (let i = dead ? 0 : n; i <= n; i++) rmSync(breakFile(i), { force: true });
    return;
  }
}

/** Leftovers of waiters killed mid-way (temporary and break files), older than `staleMs`. */
function sweep(path: string, staleMs: number): void {
  const dir = dirname(path);
  const name = basename(path);
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(`${name}.`) || !(f.endsWith('.tmp') || f.includes('.break-'))) continue;
    const st = statSync(join(dir, f), { throwIfNoEntry: false });
    if (st !== undefined && Date.now() - st.mtimeMs > staleMs)
      rmSync(join(dir, f), { force: true });
  }
}

// plain JavaScript for an eval worker (no module file to find in the CLI bundle); import(), not
// require: an eval worker is a module when the process was started with --input-type=module
const HEARTBEAT = `Promise.all([import('node:worker_threads'), import('node:fs')]).then(([w, fs]) => {
  setInterval(() => {
    const t = new Date();
    try { fs.futimesSync(w.workerData.fd, t, t); } catch {}
  }, w.workerData.ms);
});`;

/** A lock this process holds. */
export interface HeldLock {
  readonly path: string;
  /** Whether the lock at the path is still this one (false: it was judged dead and taken). */
  stillHeld(): boolean;
  /** Removes the lock if it is still this one, and stops its heartbeat. */
  release(): Promise<void>;
}

/** The heartbeat on a worker thread, refreshing the open file `fd` every `ms`. */
export function startHeartbeat(fd: number, ms: number): Heartbeat {
  // the open file, not the name: a heartbeat never refreshes a lock another writer put there
  const worker = new Worker(HEARTBEAT, { eval: true, workerData: { fd, ms } });
  worker.unref();
  // a heartbeat that could not start: the lock goes stale and is taken, which this writer finds
  // before its swap (stillHeld); not a crash of the publish
  worker.on('error', () => undefined);
  return worker;
}

function hold(path: string, fd: number, heartbeatMs: number, start = startHeartbeat): HeldLock {
  const mine = fstatSync(fd);
  const stillHeld = (): boolean => {
    const st = statSync(path, { throwIfNoEntry: false });
    return st !== undefined && st.ino === mine.ino && st.dev === mine.dev;
  };
  let beat: Heartbeat;
  try {
    beat = start(fd, heartbeatMs);
  } catch (e) {
    // no thread to be had: without a heartbeat the lock would stand, its file open, until stale
    if (stillHeld()) rmSync(path, { force: true });
    closeSync(fd);
    throw e;
  }
  return {
    path,
    stillHeld,
    async release() {
      // removed while the heartbeat still runs: a waiter cannot judge it dead meanwhile
      if (stillHeld()) rmSync(path, { force: true });
      await beat.terminate();
      closeSync(fd); // after the worker: its number must not name another file for it
    },
  };
}

/**
 * One try at the lock: taken, `again` at once (the lock went), or `wait` for its holder. Throws
 * the file system's errors.
 */
function tryTake(
  path: string,
  me: Holder,
  staleMs: number,
  o: LockOptions,
): Result<HeldLock, Issue[]> | 'wait' | 'again' {
  const got = createWhole(path, `${JSON.stringify(me)}\n`, me);
  if (got !== 'exists') {
    try {
      sweep(path, staleMs);
    } catch {
      // housekeeping only: a leftover it cannot remove is no reason to keep the lock and fail
    }
    const heartbeatMs = o.heartbeatMs ?? Math.max(10, Math.floor(staleMs / 6));
    return ok(hold(path, got, heartbeatMs, o.heartbeat));
  }
  const seen = seeLock(path);
  if (seen === null) return 'again'; // released meanwhile
  if (holderDead(seen, me, Date.now(), staleMs)) {
    breakDead(path, seen, me, staleMs);
    if (seeLock(path)?.ino !== seen.ino) return 'again'; // gone: race for it now
  }
  return 'wait';
}

/**
 * Takes the lock at `path`: waits for a live holder (`publish_locked` after `waitMs`), takes over
 * a dead one's (exactly one waiter does), and keeps it alive with a heartbeat until released.
 */
export async function takeLock(
  path: string,
  o: LockOptions = {},
): Promise<Result<HeldLock, Issue[]>> {
  const staleMs = o.staleMs ?? STALE_MS;
  const me = newHolder();
  const started = Date.now();
  for (;;) {
    let step: Result<HeldLock, Issue[]> | 'wait' | 'again';
    try {
      step = tryTake(path, me, staleMs, o);
    } catch (e) {
      // the lock or its folder not ours to read or write (EACCES, EROFS …): coded, not a crash
      if (typeof (e as NodeJS.ErrnoException).syscall !== 'string') throw e;
      return err([issue('publish_out_invalid', ['out'], { lock: path, reason: codeOf(e) })]);
    }
    if (step === 'again') continue;
    if (step !== 'wait') return step;
    const waited = Date.now() - started;
    if (waited >= (o.waitMs ?? WAIT_MS))
      return err([issue('publish_locked', ['out'], { lock: path, waitedMs: waited })]);
    await new Promise((r) => setTimeout(r, o.pollMs ?? POLL_MS));
  }
}
