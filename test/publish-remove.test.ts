// The version before last goes after the swap by one `rm -rf` (twenty-first pass: Node 20's
// rmSync, an lstat and an unlink from JavaScript per file, took 1.8 s of CPU for a national site,
// `rm -rf` 0.67 s), and by rmSync where `rm` fails: two versions stay, whatever removes the third.
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replaceOwnedDir } from '../src/io/owned-dir.js';
import { tempDir } from './helpers.js';

const PATH = process.env['PATH'];
afterEach(() => {
  process.env['PATH'] = PATH;
});

/** A folder holding an `rm` that logs its arguments to `log`, then does `then`. */
function fakeRm(then: string): { bin: string; log: string } {
  const bin = tempDir('cifra-fake-rm-');
  const log = join(bin, 'log');
  writeFileSync(join(bin, 'rm'), `#!/bin/sh\necho "$@" >> '${log}'\n${then}\n`);
  chmodSync(join(bin, 'rm'), 0o755);
  return { bin, log };
}

/** Three versions of a one-file site at `out`; the versions folder's entries after. */
async function threeVersions(out: string): Promise<string[]> {
  const made: string[] = [];
  for (const text of ['a', 'b', 'c']) {
    const r = await replaceOwnedDir(out, async ({ dir }) => {
      writeFileSync(join(dir, 'index.html'), text);
      made.push(dir);
    });
    expect(r.ok).toBe(true);
  }
  expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('c');
  expect(existsSync(made[0] ?? '')).toBe(false);
  return readdirSync(join(out, '..', '.site.cifra-versions')).sort();
}

describe('the version before last', () => {
  it('is removed by one rm -rf of its folder', async () => {
    const { bin, log } = fakeRm('exec /bin/rm "$@"');
    process.env['PATH'] = `${bin}:${PATH ?? ''}`;
    const out = join(tempDir('cifra-remove-'), 'site');
    expect(await threeVersions(out)).toHaveLength(2);
    // the old code removed it with rmSync: no rm ran
    expect(readFileSync(log, 'utf8')).toMatch(/^-rf -- .*\/\.site\.cifra-versions\/v-\w+\n$/);
  });

  it('is removed all the same where rm fails', async () => {
    const { bin, log } = fakeRm('exit 1');
    process.env['PATH'] = `${bin}:${PATH ?? ''}`;
    const out = join(tempDir('cifra-remove-'), 'site');
    expect(await threeVersions(out)).toHaveLength(2);
    expect(readFileSync(log, 'utf8')).toContain('-rf');
  });
});
