// Review of pass 17 (LOW): run from source, publish's code fingerprint hashed src/api only, so a
// change in src/results (how a document is computed) let the next publish reuse stale files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeFingerprint, folderFingerprint } from '../src/api/publish-unchanged.js';
import { tempDir } from './helpers.js';

describe("publish's code fingerprint", () => {
  it('from source covers every module under src/, not only src/api', () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    expect(codeFingerprint()).toBe(folderFingerprint(src));
    expect(folderFingerprint(src)).not.toBe(folderFingerprint(join(src, 'api')));
  });

  it('changes with a nested module, not with a test file or another kind of file', () => {
    const root = tempDir('cifra-fingerprint-');
    mkdirSync(join(root, 'results', 'deep'), { recursive: true });
    writeFileSync(join(root, 'main.js'), 'export {};\n');
    writeFileSync(join(root, 'results', 'deep', 'doc.ts'), 'export const a = 1;\n');
    const first = folderFingerprint(root);
    writeFileSync(join(root, 'results', 'deep', 'doc.test.ts'), 'test\n');
    writeFileSync(join(root, 'results', 'notes.md'), 'notes\n');
    expect(folderFingerprint(root)).toBe(first);
    writeFileSync(join(root, 'results', 'deep', 'doc.ts'), 'export const a = 2;\n');
    expect(folderFingerprint(root)).not.toBe(first);
  });
});
