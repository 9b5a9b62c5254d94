// Review L8: one malformed user contests file made siteScope throw, so every /geo map and every
// contests page failed (500) until the file was fixed, and each request read the files again (a
// failed scope is not kept). Now the file is left out with a coded warning, told once per store
// revision, and the rest is served. Failed on the old code: siteScope rejected with a SyntaxError,
// and GET /geo/pe.json answered 500.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteScope, siteScopeAt } from '../src/api/site-files.js';
import { buildApi } from '../src/api/server.js';
import type { Issue } from '../src/core/issues.js';
import { addContestsFile, builtInContestsIds } from '../src/elections/contests.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { tempDir } from './helpers.js';

const dir = tempDir('cifra-scope-malformed-');
cpSync(join(PROJECT_ROOT, 'test', 'fixtures', 'erm-runoff'), join(dir, 'erm'), { recursive: true });
const manifest = join(dir, 'erm', 'manifest.json');
const added = addContestsFile(manifest);
if (!added.ok) throw new Error(JSON.stringify(added.error));
const USER = added.value;
// edited after it was added: no longer JSON
writeFileSync(manifest, '{ "id": "broken", ');

const empty = { listElections: async () => [] } as unknown as Store;

describe("a user's contests file that no longer reads", () => {
  it('is left out with a coded warning; every other contest set is carried', async () => {
    const told: Issue[] = [];
    const s = await siteScope(empty, builtInContestsIds(), (w) => told.push(w));
    expect(s.contests).not.toContain(USER);
    expect(s.contests).toEqual(builtInContestsIds().filter((id) => id !== USER));
    expect(s.jurisdictions).toEqual(['pe']);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      code: 'election_invalid',
      severity: 'warning',
      path: ['contests', USER],
      details: { file: manifest },
    });
  });

  it('is read and told once per store revision, not per request', async () => {
    let told = 0;
    let revision = 'r1';
    const scope = siteScopeAt(
      empty,
      async () => revision,
      () => void told++,
    );
    const first = await scope();
    expect(await scope()).toBe(first);
    expect(told).toBe(1);
    revision = 'r2';
    await scope();
    expect(told).toBe(2);
  });

  it('the server still serves the maps and the bundled contests', async () => {
    const store = new SqliteStore(join(dir, 's.db'));
    await store.migrate();
    const app = await buildApi({ store, tokenHash: null, dashboard: true });
    try {
      for (const url of ['/geo/pe.json', '/api/v1/contests/pe-erm-2022.json']) {
        const r = await app.inject({ url });
        expect(r.statusCode, url).toBe(200);
      }
      const user = await app.inject({ url: `/api/v1/contests/${USER}.json` });
      expect(user.statusCode).toBe(404);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
