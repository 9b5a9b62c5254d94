// Vitest global setup: every temporary folder of the run (tempDir, mkdtemp, the CLI's children)
// goes under one folder of its own, removed when the run ends. Without it each run left its
// stores, published sites and README examples in the system's temp folder (72 GB after a few
// days of runs here; one README example alone writes 878 MB).
import { chmodSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'cifra-test-run-'));
  // as open as the system's temp folder: PostgreSQL's test server runs as its own user in here
  chmodSync(root, 0o1777);
  const before = process.env['TMPDIR'];
  // os.tmpdir() reads TMPDIR on every call; the test workers are forked after this and inherit it
  process.env['TMPDIR'] = root;
  // removed without blocking vitest's event loop (a run's folders can be GBs): while it is
  // blocked, a worker's exit waits unhandled and vitest reports a timeout terminating it
  return async () => {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
    await rm(root, { recursive: true, force: true });
  };
}
