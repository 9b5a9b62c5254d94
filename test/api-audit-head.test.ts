// The twenty-seventh brief (M8): an observer could check a store with `cifra audit verify`, but
// the live site gave them no head to record and compare. The server's site.json now names the
// store's audit head (as a published site's does): the last log entry's number, chain hash and
// time, the same as `cifra audit head` prints, and it moves with each import. Failed on the old
// code: the server's site.json was `{ kind: 'server', whatIf: true }`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { SiteSchema } from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, uploadCsv } from './api-helpers.js';
import { cli, fixtureElection, onpeRow, tempDir } from './helpers.js';

const TOKEN = 'audit-head-token';

describe("the live site's audit head", () => {
  it("site.json names the store's head, `cifra audit head`'s, and follows each import", async () => {
    const dir = tempDir('cifra-audit-head-');
    const db = join(dir, 'a.db');
    const store = new SqliteStore(db);
    await store.migrate();
    const e = fixtureElection('pe-2021-presidencial');
    await store.putElection(e);
    const app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
    const upload = (name: string, rows: string[]): Promise<void> =>
      uploadCsv(app, e.id, TOKEN, onpeCsv(...rows), name);
    const head = async () => {
      const site = SiteSchema.parse((await app.inject({ url: PATHS.site() })).json());
      expect(site.kind).toBe('server');
      return site.audit;
    };
    try {
      await upload('first.csv', [onpeRow('000001', '010101', 40, 50)]);
      const first = await head();
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(first.at).not.toBeNull();
      // what the observer's copy of the store prints, the same three fields
      const printed = await cli('audit', 'head', '--db', db);
      expect(printed.code, printed.err).toBe(0);
      expect(printed.out.trim()).toBe(`${first.count} ${first.hash} ${first.at}`);

      await upload('second.csv', [onpeRow('000002', '140137', 70, 20)]);
      const second = await head();
      expect(second.count).toBeGreaterThan(first.count);
      expect(second.hash).not.toBe(first.hash);
      // the later store still holds the head recorded before: history only grew
      const since = await cli('audit', 'verify', '--since', first.hash, '--db', db);
      expect(since.code, since.err).toBe(0);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
