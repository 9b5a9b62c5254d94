// The publish lock (src/io/publish-lock.ts): a dead holder's lock is taken over, whatever it
// holds (nothing, another container's identity); a live one is waited for; two processes racing
// for one dead lock take turns; a writer whose lock was taken does not swap its version in.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  fstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replaceOwnedDir, SITE_MARKER } from '../src/io/owned-dir.js';
import { holderDead, newHolder, type Holder } from '../src/io/publish-lock.js';
import { tempDir } from './helpers.js';

const CHILD = resolve(import.meta.dirname, 'publish-lock-child.ts');
const HOUR_AGO = new Date(Date.now() - 3_600_000);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A site of `n` small files (what the tests check is the lock, not the site). */
const smallSite =
  (n: number) =>
  async ({ dir }: { dir: string }): Promise<number> => {
    for (let i = 0; i < n; i++) writeFileSync(join(dir, `f${i}.txt`), `${i}\n`);
    return n;
  };

/** Another container on the same volume: its own host name and pid space, pid 1. */
const otherContainer = (): Holder => ({
  ...newHolder(),
  host: 'a1b2c3d4e5f6',
  space: 'other-boot pid:[4026532000]',
  pid: 1,
});

/** Hidden files beside the site but its versions: the lock, its temporary and break files. */
const leftovers = (dir: string): string[] =>
  readdirSync(dir).filter((f) => f.startsWith('.') && !f.endsWith('.cifra-versions'));

const codes = (r: { ok: boolean; error?: { code: string }[] }): string[] =>
  (r.error ?? []).map((i) => i.code);

describe('holderDead', () => {
  const me = newHolder();
  const seen = (holder: Holder | null, ageMs: number) => ({
    ino: 1,
    mtimeMs: 10_000 - ageMs,
    holder,
  });
  it('a stale heartbeat is death whatever the pid; a dead pid only in this process space', () => {
    const alive = () => true;
    const gone = () => false;
    // heartbeat fresh: alive, from another container even with its pid unknown here
    expect(holderDead(seen(otherContainer(), 100), me, 10_000, 1000, gone)).toBe(false);
    // heartbeat stopped: dead, even with a pid that runs here (pid reuse, pid 1)
    expect(holderDead(seen(otherContainer(), 1001), me, 10_000, 1000, alive)).toBe(true);
    expect(holderDead(seen({ ...me, pid: 42 }, 1001), me, 10_000, 1000, alive)).toBe(true);
    expect(holderDead(seen(null, 1001), me, 10_000, 1000, alive)).toBe(true);
    expect(holderDead(seen(null, 100), me, 10_000, 1000, gone)).toBe(false);
    // this host, boot and pid namespace: a gone pid is dead at once
    expect(holderDead(seen({ ...me, pid: 42 }, 0), me, 10_000, 1000, gone)).toBe(true);
    expect(holderDead(seen({ ...me, pid: 42 }, 0), me, 10_000, 1000, alive)).toBe(false);
  });
});

describe('the publish lock', () => {
  it('takes over an empty lock file older than the stale limit', async () => {
    const dir = tempDir('cifra-lock-empty-');
    const lock = join(dir, '.site.cifra-lock');
    writeFileSync(lock, '');
    utimesSync(lock, HOUR_AGO, HOUR_AGO);
    const r = await replaceOwnedDir(join(dir, 'site'), smallSite(3), {
      staleMs: 1000,
      waitMs: 2000,
      pollMs: 10,
    });
    expect(codes(r)).toEqual([]);
    expect(readFileSync(join(dir, 'site', 'f2.txt'), 'utf8')).toBe('2\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it("takes over another container's lock whose heartbeat stopped; waits for a fresh one", async () => {
    const dir = tempDir('cifra-lock-host-');
    const lock = join(dir, '.site.cifra-lock');
    const o = { staleMs: 1000, waitMs: 300, pollMs: 10 };
    // fresh: pid 1 of another container says nothing here, its heartbeat says it lives
    const other = otherContainer();
    writeFileSync(lock, JSON.stringify(other));
    expect(codes(await replaceOwnedDir(join(dir, 'site'), smallSite(3), o))).toEqual([
      'publish_locked',
    ]);
    utimesSync(lock, HOUR_AGO, HOUR_AGO);
    // a killed breaker's file beside it (older than the stale limit) does not wedge the takeover
    const breaker = `${lock}.break-${other.token}-0`;
    writeFileSync(breaker, '');
    utimesSync(breaker, HOUR_AGO, HOUR_AGO);
    expect(codes(await replaceOwnedDir(join(dir, 'site'), smallSite(3), o))).toEqual([]);
    expect(existsSync(join(dir, 'site', 'f2.txt'))).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a writer whose lock was taken (frozen past the stale limit) does not swap its version in', async () => {
    const dir = tempDir('cifra-lock-lost-');
    const out = join(dir, 'site');
    expect((await replaceOwnedDir(out, smallSite(2))).ok).toBe(true);
    const lock = join(dir, '.site.cifra-lock');
    const r = await replaceOwnedDir(out, async (dirs) => {
      // meanwhile another publish judged this one dead, took the lock and cleaned up
      rmSync(lock);
      writeFileSync(lock, JSON.stringify(otherContainer()));
      rmSync(dirs.dir, { recursive: true });
      mkdirSync(dirs.dir); // this writer's next file re-creates its folder, half-empty
      writeFileSync(join(dirs.dir, 'f9.txt'), 'late\n');
      return 0;
    });
    expect(r.ok ? [] : r.error.map((i) => [i.code, i.details?.['lost']])).toEqual([
      ['publish_locked', true],
    ]);
    expect(readFileSync(join(out, 'f1.txt'), 'utf8')).toBe('1\n');
    // the new holder's lock stays: the release removes only its own
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ host: 'a1b2c3d4e5f6' });
  });
});

/** The children of the test under way: killed after it, whatever it did (they wait for files). */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const p of children.splice(0))
    if (p.exitCode === null && p.signalCode === null && p.pid !== undefined)
      try {
        process.kill(-p.pid, 'SIGKILL'); // its process group: runuser's child too
      } catch {
        // gone meanwhile
      }
});

/** A child process running test/publish-lock-child.ts; resolves once it printed `ready`. */
function child(args: string[]): Promise<{ done: Promise<unknown> }> {
  const p = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true, // a process group of its own, for afterEach
  });
  children.push(p);
  let out = '';
  return new Promise((ready, failed) => {
    p.stdout.on('data', (b: Buffer) => {
      if (!out.includes('ready') && (out += b.toString()).includes('ready')) ready({ done });
      else out += b.toString();
    });
    const done = new Promise((end) =>
      p.on('exit', () => end(JSON.parse(out.split('\n').filter(Boolean).at(-1) ?? 'null'))),
    );
    p.on('error', failed);
    p.on('exit', (code) => (out.includes('ready') ? undefined : failed(new Error(`exit ${code}`))));
  });
}

/**
 * The child as a user the lock is not readable to: `nobody` when the tests run as root (root
 * reads any file whatever its mode), else this user, the lock's mode being 000. Its last line.
 */
function childUnprivileged(args: string[]): { code: number | null; last: string } {
  const cmd = [process.execPath, '--import', 'tsx', CHILD, ...args];
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(
    asRoot ? 'runuser' : process.execPath,
    asRoot ? ['-u', 'nobody', '--', ...cmd] : cmd.slice(1),
    { cwd: resolve(import.meta.dirname, '..'), encoding: 'utf8', timeout: 60_000 },
  );
  return { code: r.status, last: r.stdout.split('\n').filter(Boolean).at(-1) ?? '' };
}

describe('the publish lock across processes', () => {
  it('two processes racing for one dead lock take turns, and the site is whole', async () => {
    const dir = tempDir('cifra-lock-race-');
    const out = join(dir, 'site');
    const lock = join(dir, '.site.cifra-lock');
    writeFileSync(lock, JSON.stringify(otherContainer()));
    utimesSync(lock, HOUR_AGO, HOUR_AGO);
    const [log, go] = [join(dir, 'log'), join(dir, 'go')];
    const files = 40;
    const kids = await Promise.all(
      ['a', 'b'].map((id) => child(['race', out, log, go, id, String(files), '2000'])),
    );
    writeFileSync(go, '');
    const results = await Promise.all(kids.map((k) => k.done));
    expect(results).toEqual(expect.arrayContaining([{ ok: 'a' }, { ok: 'b' }]));
    // one at a time: the one that broke the dead lock wrote, then the other
    const events = readFileSync(log, 'utf8').trim().split('\n');
    expect(events.map((e) => e.split(' ')[0])).toEqual(['start', 'end', 'start', 'end']);
    expect(events[0]?.split(' ')[1]).toBe(events[1]?.split(' ')[1]);
    // the site served is the last writer's, every file of it
    const last = events[3]?.split(' ')[1];
    for (let i = 0; i < files; i++)
      expect(readFileSync(join(out, `f${i}.txt`), 'utf8')).toBe(`${last}\n`);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a live holder, its event loop blocked, keeps its heartbeat: waited for, then publish_locked', async () => {
    const dir = tempDir('cifra-lock-live-');
    const out = join(dir, 'site');
    const lock = join(dir, '.site.cifra-lock');
    const [log, go, release] = [join(dir, 'log'), join(dir, 'go'), join(dir, 'release')];
    writeFileSync(go, '');
    // the holder's own stale limit sets its heartbeat: every 50 ms
    const holder = await child(['hold', out, log, go, 'h', release, '300']);
    while (!existsSync(log)) await sleep(10);
    // the clock starts at the first heartbeat (the holder's event loop is blocked: only its thread
    // moves the mtime), not at its start, which a loaded machine may delay past any stale limit
    const created = statSync(lock).mtimeMs;
    while (statSync(lock).mtimeMs === created) await sleep(10);
    const first = statSync(lock).mtimeMs;
    // a waiter whose stale limit is shorter than its wait: only the heartbeat keeps the holder
    // alive in its eyes (a beat every 50 ms; 3 s without one would be death)
    const waited = await replaceOwnedDir(out, smallSite(1), {
      staleMs: 3000,
      waitMs: 4000,
      pollMs: 10,
    });
    expect(codes(waited)).toEqual(['publish_locked']);
    // the mtime moved while the holder's event loop was blocked (it is until `release` exists)
    expect(statSync(lock).mtimeMs).toBeGreaterThan(first);
    writeFileSync(release, '');
    expect(await holder.done).toEqual({ ok: 'h' });
    expect(existsSync(join(out, SITE_MARKER))).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a lock this user may not read is publish_out_invalid, not a crash', () => {
    const dir = tempDir('cifra-lock-eacces-');
    chmodSync(dir, 0o777); // the other user writes its temporary files and log here
    const lock = join(dir, '.site.cifra-lock');
    // a live holder's lock (this process), readable by its owner only
    writeFileSync(lock, JSON.stringify(newHolder()), { mode: 0o600 });
    if (process.getuid?.() !== 0) chmodSync(lock, 0o000);
    const [log, go] = [join(dir, 'log'), join(dir, 'go')];
    writeFileSync(go, '');
    const r = childUnprivileged(['race', join(dir, 'site'), log, go, 'u', '1', '30000']);
    const said = JSON.parse(r.last || 'null') as { error?: { code: string; details?: object }[] };
    expect(said?.error?.map((i) => [i.code, i.details])).toEqual([
      ['publish_out_invalid', { lock, reason: 'EACCES' }],
    ]);
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });
});

describe('a heartbeat that cannot start', () => {
  it('takes its lock and open file with it at once (not after the stale limit), and throws', async () => {
    const dir = tempDir('cifra-lock-noworker-');
    let held: { fd: number; ino: number } | undefined;
    const r = replaceOwnedDir(join(dir, 'site'), smallSite(1), {
      heartbeat: (fd) => {
        held = { fd, ino: fstatSync(fd).ino };
        throw new Error('no thread');
      },
    });
    await expect(r).rejects.toThrow('no thread');
    expect(leftovers(dir)).toEqual([]);
    // the lock's file is closed: its number names no file, or another one
    let ino: number | null = null;
    try {
      ino = held === undefined ? null : fstatSync(held.fd).ino;
    } catch {
      // EBADF: closed
    }
    expect(held).toBeDefined();
    expect(ino).not.toBe(held?.ino);
    // and the next publish takes the lock at once
    expect(codes(await replaceOwnedDir(join(dir, 'site'), smallSite(1), { waitMs: 0 }))).toEqual(
      [],
    );
  });
});
