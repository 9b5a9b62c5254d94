// The twenty-ninth session: the live server's site.json published its store's audit head without
// having verified the chain, so rows edited in the database still got a head as if the history
// were whole. The server now verifies the whole store once as it starts (not awaited by a read),
// then only the entries each import adds, and site.json says what it checked: `verified` (through
// which entry, when), or `failed` with the breaks `cifra audit verify` reports. Failed on the old
// code: site.json's audit had neither field.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import type { AuditCheck } from '../src/api/audit-check.js';
import { PATHS } from '../src/api/paths.js';
import { SiteSchema } from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, uploadCsv } from './api-helpers.js';
import { fixtureElection, onpeRow, tempDir } from './helpers.js';

const TOKEN = 'audit-verified-token';
const e = fixtureElection('pe-2021-presidencial');

async function storeAt(db: string): Promise<SqliteStore> {
  const store = new SqliteStore(db);
  await store.migrate();
  await store.putElection(e);
  return store;
}

const checkOf = (app: FastifyInstance): AuditCheck =>
  (app as unknown as { cifraAuditCheck: AuditCheck }).cifraAuditCheck;

const upload = (app: FastifyInstance, name: string, rows: string[]): Promise<void> =>
  uploadCsv(app, e.id, TOKEN, onpeCsv(...rows), name);

async function audit(app: FastifyInstance) {
  const res = await app.inject({ url: PATHS.site() });
  expect(res.statusCode, res.body).toBe(200);
  const site = SiteSchema.parse(res.json());
  if (site.kind !== 'server') throw new Error('not the server');
  return site.audit;
}

describe('the server verifies the audit chain whose head site.json publishes', () => {
  it('verifies the whole store as it starts, then only the entries an import adds', async () => {
    const store = await storeAt(join(tempDir('cifra-audit-verified-'), 'a.db'));
    const app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
    try {
      await app.ready();
      await checkOf(app).settled;
      const first = await audit(app);
      expect(first.failed).toBeNull();
      expect(first.verified?.through).toBe(first.count);
      expect(first.count).toBeGreaterThan(0); // the election's definition

      const full = vi.spyOn(store, 'auditRecords');
      const suffix = vi.spyOn(store, 'auditLogFrom');
      await upload(app, 'first.csv', [onpeRow('000001', '010101', 40, 50)]);
      await checkOf(app).settled;
      const second = await audit(app);
      expect(second.count).toBeGreaterThan(first.count);
      expect(second.verified?.through).toBe(second.count);
      expect(second.failed).toBeNull();
      // the suffix after the head verified at start, never the whole store again
      expect(full).not.toHaveBeenCalled();
      expect(suffix.mock.calls[0]).toEqual([first.count]);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it("a store whose rows were edited: site.json says the check failed, with the verify's code", async () => {
    const db = join(tempDir('cifra-audit-verified-'), 'b.db');
    const before = await storeAt(db);
    const app0 = await buildApi({ store: before, tokenHash: hashToken(TOKEN) });
    await upload(app0, 'first.csv', [onpeRow('000001', '010101', 40, 50)]);
    await app0.close();
    await before.close();
    const raw = new Database(db);
    raw.prepare("UPDATE elections SET ruleset = 'pe-congreso' WHERE id = ?").run(e.id);
    raw.close();

    const store = new SqliteStore(db);
    const app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
    try {
      await app.ready();
      await checkOf(app).settled;
      const a = await audit(app);
      expect(a.verified).toBeNull();
      expect(a.failed?.issues.map((i) => i.code)).toEqual(['audit_chain_broken']);
      expect(a.failed?.issues[0]?.path).toEqual(['elections', e.id]);
      // an import does not make a broken history whole
      await upload(app, 'second.csv', [onpeRow('000002', '140137', 70, 20)]);
      await checkOf(app).settled;
      expect((await audit(app)).verified).toBeNull();
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('a read before the check ends says not yet verified, and the next read after says verified', async () => {
    const store = await storeAt(join(tempDir('cifra-audit-verified-'), 'c.db'));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const real = store.auditRecords.bind(store);
    vi.spyOn(store, 'auditRecords').mockImplementation(async () => {
      await gate;
      return real();
    });
    const app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
    try {
      await app.ready();
      const pending = await audit(app);
      expect(pending.verified).toBeNull();
      expect(pending.failed).toBeNull();
      release();
      await checkOf(app).settled;
      expect((await audit(app)).verified?.through).toBe(pending.count);
    } finally {
      release();
      await app.close();
      await store.close();
    }
  });
});
