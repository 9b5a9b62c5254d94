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
import { pidAlive, removeDeadRuns } from './tmp-global-setup.js';

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

describe('removeDeadRuns (a killed run leaves its folders)', () => {
  it('removes the folder of a run whose process is gone and keeps a live run’s', () => {
    const parent = tempDir();
    const dead = deadPid();
    expect(pidAlive(dead)).toBe(false);
    const deadRun = join(parent, `cifra-test-run-${dead}-AbC123`);
    const liveRun = join(parent, `cifra-test-run-${process.pid}-XyZ789`);
    const unknown = join(parent, 'cifra-test-run-Qw3rTy');
    const other = join(parent, `other-${dead}-folder`);
    for (const dir of [deadRun, liveRun, unknown, other]) {
      mkdirSync(join(dir, 'store'), { recursive: true });
      writeFileSync(join(dir, 'store', 'file'), 'x');
    }
    removeDeadRuns(parent);
    expect(existsSync(deadRun)).toBe(false);
    expect(existsSync(liveRun)).toBe(true);
    // nothing says whose these are: left alone
    expect(existsSync(unknown)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it('asks about each run’s own pid', () => {
    const parent = tempDir();
    for (const pid of [11, 22]) mkdirSync(join(parent, `cifra-test-run-${pid}-aaaaaa`));
    const asked: number[] = [];
    removeDeadRuns(parent, (pid) => {
      asked.push(pid);
      return pid === 22;
    });
    expect(asked.sort()).toEqual([11, 22]);
    expect(existsSync(join(parent, 'cifra-test-run-11-aaaaaa'))).toBe(false);
    expect(existsSync(join(parent, 'cifra-test-run-22-aaaaaa'))).toBe(true);
  });

  it('stops the PostgreSQL server a dead run left before removing its folder', async () => {
    // short names: the server's socket lives in here, and a socket's path has at most 107 bytes
    const parent = tempDir('p');
    const run = join(parent, `cifra-test-run-${deadPid()}-P`);
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
    const postmaster = Number(
      readFileSync(join(run, pg!, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    expect(running(postmaster)).toBe(true);
    try {
      removeDeadRuns(parent);
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
