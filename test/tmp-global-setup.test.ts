import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../scripts/lib/pg-server.js';
import { tempDir } from './helpers.js';
import { ownerNote, processTable, type ProcessTable } from './run-owner.js';
import { OWNER_FILE, pidAlive, removeDeadRuns } from './tmp-global-setup.js';

/** Whether the process runs (not ended, nor ended and waiting to be reaped: a zombie). */
function running(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  try {
    // the state follows the command's closing parenthesis
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The pid of a process that has exited (a child waited for). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('no child process');
  return child.pid;
}

/** This machine's process table; the tests of the sweep need Linux's /proc. */
function table(): ProcessTable {
  const t = processTable();
  if (t === null) throw new Error('no /proc: the sweep of dead runs is off here');
  return t;
}

/** A run folder in `parent` for `pid`, a file inside, and its owner's note when one is given. */
function runFolder(parent: string, pid: number, tag: string, note?: string): string {
  const dir = join(parent, `cifra-test-run-${pid}-${tag}`);
  mkdirSync(join(dir, 'store'), { recursive: true });
  writeFileSync(join(dir, 'store', 'file'), 'x');
  if (note !== undefined) writeFileSync(join(dir, OWNER_FILE), note);
  return dir;
}

/** The note of a process of this machine that has ended (pid `pid`, its start some time ago). */
function deadNote(t: ProcessTable, pid: number): string {
  return JSON.stringify({ boot: t.boot, pidNamespace: t.pidNamespace, pid, start: '1' });
}

const HOUR = 3600 * 1000;

describe('removeDeadRuns (a killed run leaves its folders)', () => {
  it("removes a folder whose owner's note names an ended process here, keeps a live owner's", () => {
    const parent = tempDir();
    const t = table();
    const dead = deadPid();
    expect(pidAlive(dead)).toBe(false);
    const deadRun = runFolder(parent, dead, 'AbC123', deadNote(t, dead));
    const liveRun = runFolder(parent, process.pid, 'XyZ789', ownerNote(t, process.pid));
    // this process's pid, but the note's start is another's: the pid was used again
    const reused = runFolder(parent, process.pid, 'ReU5ed', deadNote(t, process.pid));
    const unknown = join(parent, 'cifra-test-run-Qw3rTy');
    const other = join(parent, `other-${dead}-folder`);
    for (const dir of [unknown, other]) mkdirSync(dir);
    removeDeadRuns(parent, t);
    expect(existsSync(deadRun)).toBe(false);
    expect(existsSync(reused)).toBe(false);
    expect(existsSync(liveRun)).toBe(true);
    // nothing says whose these are: left alone
    expect(existsSync(unknown)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it('keeps a folder owned on another machine or in another container, though its pid is free here', () => {
    const parent = tempDir();
    const t = table();
    const dead = deadPid();
    const note = (boot: string, pidNamespace: string): string =>
      JSON.stringify({ boot, pidNamespace, pid: dead, start: '1' });
    const otherBoot = runFolder(parent, dead, 'b00t00', note('another-boot', t.pidNamespace));
    const otherNs = runFolder(parent, dead, 'n5n5n5', note(t.boot, 'pid:[1]'));
    // an hour later too: the note says whose they are, and they are not this machine's to judge
    removeDeadRuns(parent, t, Date.now() + 2 * HOUR);
    expect(existsSync(otherBoot)).toBe(true);
    expect(existsSync(otherNs)).toBe(true);
  });

  it('keeps a folder without an owner to read for an hour, then removes it if its pid is free', () => {
    const parent = tempDir();
    const t = table();
    const dead = deadPid();
    const noNote = runFolder(parent, dead, 'N0n0te');
    const emptyNote = runFolder(parent, dead, 'Empty0', '');
    const liveNoNote = runFolder(parent, process.pid, 'L1ve00');
    removeDeadRuns(parent, t);
    expect(existsSync(noNote)).toBe(true);
    expect(existsSync(emptyNote)).toBe(true);
    removeDeadRuns(parent, t, Date.now() + 2 * HOUR);
    expect(existsSync(noNote)).toBe(false);
    expect(existsSync(emptyNote)).toBe(false);
    expect(existsSync(liveNoNote)).toBe(true);
  });

  it('without a process table (not Linux), removes no folder with a note', () => {
    const parent = tempDir();
    const dead = deadPid();
    const run = runFolder(parent, dead, 'NoPr0c', deadNote(table(), dead));
    removeDeadRuns(parent, null, Date.now() + 2 * HOUR);
    expect(existsSync(run)).toBe(true);
  });

  it('stops the PostgreSQL server a dead run left before removing its folder', async () => {
    // short names: the server's socket lives in here, and a socket's path has at most 107 bytes
    const parent = tempDir('p');
    const dead = deadPid();
    const run = join(parent, `cifra-test-run-${dead}-P`);
    mkdirSync(run);
    // PostgreSQL runs as its own user when the tests run as root (as the run's folder allows)
    for (const dir of [parent, run]) chmodSync(dir, 0o777);
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = run;
    try {
      startPostgres();
    } finally {
      process.env['TMPDIR'] = before;
    }
    const [pg] = readdirSync(run);
    // its owner's note, once the server's folder is the only one to find
    writeFileSync(join(run, OWNER_FILE), deadNote(table(), dead));
    const postmaster = Number(
      readFileSync(join(run, pg!, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    expect(running(postmaster)).toBe(true);
    try {
      removeDeadRuns(parent, table());
      expect(existsSync(run)).toBe(false);
      // pg_ctl returns once the server removed its pid file, a moment before its process ends
      while (running(postmaster)) await sleep(50);
    } finally {
      // left running (the failing case), it would hold its port: stopped as pg_ctl's immediate mode
      if (running(postmaster)) process.kill(postmaster, 'SIGQUIT');
    }
  });

  it('does nothing where the parent folder is missing', () => {
    expect(() => removeDeadRuns(join(tempDir(), 'missing'))).not.toThrow();
  });
});
