// Vitest global setup: every temporary folder of the run (tempDir, mkdtemp, the CLI's children)
// goes under one folder of its own, removed when the run ends. Without it each run left its
// stores, published sites and README examples in the system's temp folder (72 GB after a few
// days of runs here; one README example alone writes 878 MB).
// A second one in memory (/dev/shm, when the machine has room there) for the few files that make
// and remove thousands of small temporary folders (memoryTempDirs in helpers.ts): on this VM's
// ext4 each removal waits ~2 ms on the disk, 20 s of the fuzz's 10⁴ uploads.
import { accessSync, chmodSync, constants, mkdtempSync, statfsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Free space /dev/shm needs to be used: room for the files that use it, with memory to spare. */
const MEMORY_FREE_BYTES = 2 * 1024 ** 3;

export default function setup(): () => Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'cifra-test-run-'));
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
    if (!statSync('/dev/shm').isDirectory()) return null;
    accessSync('/dev/shm', constants.W_OK);
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize < MEMORY_FREE_BYTES) return null;
    return mkdtempSync('/dev/shm/cifra-test-run-');
  } catch {
    return null;
  }
}
