// Vitest global setup: every temporary folder of the run (tempDir, mkdtemp, the CLI's children)
// goes under one folder of its own, removed when the run ends. Without it each run left its
// stores, published sites and README examples in the system's temp folder (72 GB after a few
// days of runs here; one README example alone writes 878 MB).
// A second one in memory (/dev/shm, when the machine has room there) for the few files that make
// and remove thousands of small temporary folders (memoryTempDirs in helpers.ts): on this VM's
// ext4 each removal waits ~2 ms on the disk, 20 s of the fuzz's 10⁴ uploads.
// A run that is killed never reaches its teardown, so each folder's name carries the pid of the
// run that made it, and every run first removes the folders of runs whose process is gone
// (never a live one's: two runs may share the machine), with the PostgreSQL server it left.
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readdirSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopLeftPostgres } from '../scripts/lib/pg-server.js';

/** Free space /dev/shm needs to be used: room for the files that use it, with memory to spare. */
const MEMORY_FREE_BYTES = 2 * 1024 ** 3;

/** Prefix of a run's folders; the owning run's pid and mkdtemp's suffix follow it. */
const PREFIX = 'cifra-test-run-';
const RUN_NAME = /^cifra-test-run-(\d+)-/;
const MEMORY_PARENT = '/dev/shm';

export default function setup(): () => Promise<void> {
  removeDeadRuns(tmpdir());
  removeDeadRuns(MEMORY_PARENT);
  const root = mkdtempSync(join(tmpdir(), runPrefix()));
  // as open as the system's temp folder: PostgreSQL's test server runs as its own user in here
  chmodSync(root, 0o1777);
  const before = process.env['TMPDIR'];
  // os.tmpdir() reads TMPDIR on every call; the test workers are forked after this and inherit it
  process.env['TMPDIR'] = root;
  const memory = memoryRoot();
  if (memory !== null) {
    chmodSync(memory, 0o1777);
    process.env['CIFRA_TEST_MEMORY_TMPDIR'] = memory;
  }
  // removed without blocking vitest's event loop (a run's folders can be GBs): while it is
  // blocked, a worker's exit waits unhandled and vitest reports a timeout terminating it
  return async () => {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
    delete process.env['CIFRA_TEST_MEMORY_TMPDIR'];
    await rm(root, { recursive: true, force: true });
    if (memory !== null) await rm(memory, { recursive: true, force: true });
  };
}

/**
 * A folder of the run in /dev/shm, or null where there is none to write or it is small (a
 * container's is 64 MB by default): then the disk is used.
 */
function memoryRoot(): string | null {
  try {
    if (!statSync(MEMORY_PARENT).isDirectory()) return null;
    accessSync(MEMORY_PARENT, constants.W_OK);
    const fs = statfsSync(MEMORY_PARENT);
    if (fs.bavail * fs.bsize < MEMORY_FREE_BYTES) return null;
    return mkdtempSync(join(MEMORY_PARENT, runPrefix()));
  } catch {
    return null;
  }
}

function runPrefix(): string {
  return `${PREFIX}${process.pid}-`;
}

/**
 * Removes the run folders in `parent` whose owning process is gone. Folders without a pid in
 * their name (made before it was recorded) are left: nothing tells whose they are.
 */
export function removeDeadRuns(parent: string, isAlive: (pid: number) => boolean = pidAlive): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const match = RUN_NAME.exec(name);
    if (match === null || isAlive(Number(match[1]))) continue;
    try {
      // its PostgreSQL server (pg-global-setup.ts) outlives it: stopped before its data goes
      stopLeftPostgres(join(parent, name));
      rmSync(join(parent, name), { recursive: true, force: true });
    } catch {
      // another user's folder, or one being removed by another run: not this run's to insist on
    }
  }
}

/** Whether a process with this pid exists (EPERM: it does, but belongs to another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
