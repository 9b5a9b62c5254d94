// Vitest global setup: every temporary folder of the run (tempDir, mkdtemp, the CLI's children)
// goes under one folder of its own, removed when the run ends. Without it each run left its
// stores, published sites and README examples in the system's temp folder (72 GB after a few
// days of runs here; one README example alone writes 878 MB).
// A second one in memory (/dev/shm, when the machine has room there) for the few files that make
// and remove thousands of small temporary folders (memoryTempDirs in helpers.ts): on this VM's
// ext4 each removal waits ~2 ms on the disk, 20 s of the fuzz's 10⁴ uploads.
// A run that is killed never reaches its teardown, so each of its folders holds a note of the
// process that owns it (test/run-owner.ts: boot id, pid namespace, pid, start time), and every
// run first removes the folders whose owner is, beyond doubt, gone from this machine, with the
// PostgreSQL server it left. A pid alone would not do: containers sharing /tmp have the same
// small pids, and a pid is used again.
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopLeftPostgres } from '../scripts/lib/pg-server.js';
import { ownerGone, ownerNote, processTable, type ProcessTable } from './run-owner.js';

/** Free space /dev/shm needs to be used: room for the files that use it, with memory to spare. */
const MEMORY_FREE_BYTES = 2 * 1024 ** 3;

/** Prefix of a run's folders; the owning run's pid and mkdtemp's suffix follow it. */
const PREFIX = 'cifra-test-run-';
const RUN_NAME = /^cifra-test-run-(\d+)-/;
const MEMORY_PARENT = '/dev/shm';
/** The note of the run's owner, in each of its folders (run-owner.ts, ownerNote). */
export const OWNER_FILE = '.cifra-run-owner';
/**
 * A folder whose owner cannot be read is left this long after its last change: it may be a run's
 * between its making and its note, or one whose note another user's mask hides.
 */
const UNREAD_OWNER_GRACE_MS = 3600 * 1000;

export default function setup(): () => Promise<void> {
  removeDeadRuns(tmpdir());
  removeDeadRuns(MEMORY_PARENT);
  const root = ownedFolder(tmpdir());
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
    return ownedFolder(MEMORY_PARENT);
  } catch {
    return null;
  }
}

/** A new run folder in `parent`, with its owner's note (where this machine has a process table). */
function ownedFolder(parent: string): string {
  const dir = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
  const table = processTable();
  if (table !== null) writeFileSync(join(dir, OWNER_FILE), ownerNote(table, process.pid));
  return dir;
}

/**
 * Removes the run folders in `parent` whose owner is gone: by their owner's note, when it was made
 * on this machine (ownerGone); without a note to read, only a folder untouched for an hour whose
 * name's pid has no process (the folders of runs before the note). Other folders are left.
 */
export function removeDeadRuns(
  parent: string,
  table: ProcessTable | null = processTable(),
  now: number = Date.now(),
): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const match = RUN_NAME.exec(name);
    if (match === null || !ownerProvenGone(join(parent, name), Number(match[1]), table, now))
      continue;
    try {
      // its PostgreSQL server (pg-global-setup.ts) outlives it: stopped before its data goes
      stopLeftPostgres(join(parent, name));
      rmSync(join(parent, name), { recursive: true, force: true });
    } catch {
      // another user's folder, or one being removed by another run: not this run's to insist on
    }
  }
}

/**
 * Whether the run that made `dir` (its name's pid `pid`) is gone: beyond doubt by its note; a
 * folder without one (a run's before notes, or killed before writing it) by an hour's quiet and
 * its pid free here.
 */
function ownerProvenGone(
  dir: string,
  pid: number,
  table: ProcessTable | null,
  now: number,
): boolean {
  const note = readNote(join(dir, OWNER_FILE));
  // an empty note (a run killed while writing it) is no owner read
  if (note !== null && note !== '') return table !== null && ownerGone(note, table);
  let changed: number;
  try {
    const st = statSync(dir);
    changed = Math.max(st.mtimeMs, st.ctimeMs, st.birthtimeMs);
  } catch {
    return false;
  }
  return now - changed >= UNREAD_OWNER_GRACE_MS && !pidAlive(pid);
}

function readNote(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
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
