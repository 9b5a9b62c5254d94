// review 21 M2: a reader of a static site could not check a file it got (site.json carried only
// the audit head). SHA256SUMS lists every file's SHA-256 in `sha256sum -c` format, and site.json
// names its own SHA-256: a mirror or a reader checks what it serves or downloaded.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { tempDir } from './helpers.js';
import { ID, smallStore } from './publish-fixture.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe("a static site's checksums", () => {
  it('list every file but itself and site.json, checked by sha256sum, and site.json names their digest', async () => {
    const dir = tempDir('cifra-publish-sums-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    const r = await publishSite(store, out, {}, '2026-12-03T10:00:00.000Z');
    expect(r.ok).toBe(true);
    const sums = readFileSync(join(out, 'SHA256SUMS'));
    const site = JSON.parse(readFileSync(join(out, PATHS.site()), 'utf8')) as {
      checksums: { file: string; sha256: string };
    };
    expect(site.checksums).toEqual({ file: 'SHA256SUMS', sha256: sha(sums) });
    const listed = sums
      .toString()
      .trimEnd()
      .split('\n')
      .map((l) => l.slice(66));
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(join(out, f)).isFile() && !f.startsWith('.'))
      .map((f) => f.split('\\').join('/'));
    expect([...listed].sort()).toEqual(
      files.filter((f) => f !== 'SHA256SUMS' && f !== PATHS.site().replace(/^\//, '')).sort(),
    );
    expect(listed).toEqual([...listed].sort());
    // the real tool agrees; an edited file fails it
    expect(
      execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: out }).toString(),
    ).toBe('');
    const acta = join(out, PATHS.acta(ID, '000001'));
    writeFileSync(acta, readFileSync(acta, 'utf8').replace('"votes":[6,', '"votes":[9,'));
    expect(() =>
      execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: out, stdio: 'pipe' }),
    ).toThrow(/1 computed checksum did NOT match/);
    await store.close();
  });
});
