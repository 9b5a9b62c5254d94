// A re-publish tells an unchanged document by the size and digest the previous version recorded
// of it (its state's `files`), not by comparing bytes with the old file (twenty-first pass: 8,700
// reads for Peru's results and lists); a changed one is still written. By default the old file is
// read once to check it still holds those bytes (publish-tamper.test.ts); `trustPrevious`
// (`--quick-verify`) reads none.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { tempDir } from './helpers.js';
import { ID, ingest, line, smallStore } from './publish-fixture.js';

// the files read under a folder (`under.dir`), by path
const reads = vi.hoisted(() => ({ dir: '\0', paths: [] as string[] }));
vi.mock('node:fs', async (original) => {
  const m = await original<typeof fs>();
  const readFileSync = ((path: fs.PathOrFileDescriptor, ...a: unknown[]) => {
    if (typeof path === 'string' && path.startsWith(reads.dir)) reads.paths.push(path);
    return (m.readFileSync as (...b: unknown[]) => unknown)(path, ...a);
  }) as typeof m.readFileSync;
  return { ...m, default: { ...m, readFileSync }, readFileSync };
});

const NOW = '2026-12-03T10:00:00.000Z';

describe('a re-publish of unchanged documents', () => {
  it('reads none of the previous version’s documents to compare, and writes a changed one', async () => {
    const dir = tempDir('cifra-publish-marks-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    expect((await publishSite(store, out, {}, NOW)).ok).toBe(true);
    reads.dir = join(dir, '.site.cifra-versions');
    reads.paths = [];
    const again = await publishSite(store, out, {}, '2026-12-03T10:01:00.000Z', {
      trustPrevious: true,
    });
    expect(again.ok && again.value.written).toBe(1); // site.json
    // the old code read each document's old file to compare (sameBytes)
    // but site.json, written after the state (it names the snapshot), compared as before
    const others = reads.paths.filter((p) => !p.endsWith('.private'));
    expect(others.map((p) => p.slice(p.indexOf('/api/')))).toEqual([PATHS.site()]);
    const national = fs.statSync(join(out, PATHS.unit(ID, 'national', 'PE')));
    await ingest(store, dir, 'b.jsonl', [line('000003', '010101', 9)]);
    const next = await publishSite(store, out, {}, '2026-12-03T10:02:00.000Z');
    expect(next.ok && next.value.written).toBeGreaterThan(1);
    expect(fs.statSync(join(out, PATHS.unit(ID, 'national', 'PE'))).ino).not.toBe(national.ino);
    await store.close();
  });
});
