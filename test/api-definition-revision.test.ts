// Review L7: a user's election manifest (and the universe, ruleset and jurisdiction files its
// documents are read from besides the store) edited without an import left every cached read and
// the national mesa CSV's ETag as they were: the revision they are kept and tagged by was the
// store's alone. It now carries a stamp of those files, once for every read. Failed on the old
// code: the revision and the CSV's ETag the same after the edit.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVISION_TTL_MS, StoreRevision } from '../src/api/context.js';
import { buildApi } from '../src/api/server.js';
import { openStore } from '../src/store/open.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-definition-revision-');
const to = join(dir, 'rt');
cpSync('test/fixtures/rt', to, { recursive: true });
const manifest = join(to, 'rt-2026.json');
const db = join(dir, 'rt.db');
const CSV = '/api/v1/results?election=rt-2026-parlament&level=mesa&format=csv';

/** The manifest's provenance edited in place, as a user would (no import follows). */
function editManifest(): void {
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as { provenance: string };
  writeFileSync(manifest, JSON.stringify({ ...m, provenance: `${m.provenance} (edited)` }));
}

describe('the revision reads are kept and tagged by', () => {
  it("moves with a user's manifest edited without an import; the national CSV's ETag too", async () => {
    const J = join(to, 'jurisdictions');
    const ingest = await cli(
      'ingest',
      join(to, 'actas.csv'),
      '--election',
      manifest,
      '--db',
      db,
      '--jurisdictions',
      J,
      '--no-progress',
    );
    expect(ingest.err, ingest.out).toBe('');
    const store = openStore(db);
    const app = await buildApi({ store, tokenHash: null });
    try {
      const revision = new StoreRevision(store);
      const before = await revision.current();
      revision.forget();
      expect(await revision.current()).toBe(before);
      const etag = (await app.inject({ url: CSV })).headers.etag;
      expect(etag).toMatch(/^"mesas-/);
      expect((await app.inject({ url: CSV })).headers.etag).toBe(etag);

      const stored = await store.revision();
      editManifest();
      expect(await store.revision()).toBe(stored);
      revision.forget();
      expect(await revision.current()).not.toBe(before);
      // past the server's own revision memo (REVISION_TTL_MS): its next read sees the edit
      await new Promise((r) => setTimeout(r, REVISION_TTL_MS + 50));
      const after = await app.inject({ url: CSV });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
