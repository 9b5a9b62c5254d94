// sha256Of reads a file into one reused buffer (the --check pass): its digest and size must be
// those of the whole file, across reads, for an empty file, and its errors an fs error's code.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../src/ingest/ingest.js';
import { tempDir } from './helpers.js';

const dir = tempDir('cifra-sha-');

describe('sha256Of', () => {
  it('gives the digest and size of the whole file, over several reads and none', async () => {
    for (const size of [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12_345]) {
      const bytes = randomBytes(size);
      const file = join(dir, `f-${size}.bin`);
      writeFileSync(file, bytes);
      expect(await sha256Of(file)).toEqual({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size,
      });
    }
  });

  it('fails with the fs error’s code for a missing file or a folder', async () => {
    await expect(sha256Of(join(dir, 'absent.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
    mkdirSync(join(dir, 'folder'));
    await expect(sha256Of(join(dir, 'folder'))).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
