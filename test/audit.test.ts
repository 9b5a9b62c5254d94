// Tamper evidence and concurrent ingest (issue 6), on both backends: the hash chains verify after
// real imports, an edit made behind cifra's back is reported at the first broken row, and two
// ingest processes on one PostgreSQL database neither lose nor duplicate a version.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, digest, runToEnd, sampleFile } from '../scripts/lib/reliability.js';
import { verifyChains } from '../src/store/audit.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { freshDatabase } from './pg-helpers.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-audit-');
const A = join(dir, 'a.csv');
const B = join(dir, 'b.csv');

beforeAll(async () => {
  await buildCli();
  sampleFile(A, 1500);
  sampleFile(B, 3000); // the first 1,500 rows again, then 1,500 more
}, 60_000);

async function verify(db: string) {
  const store: Store = openStore(db);
  try {
    await store.migrate();
    const c = await store.auditChains();
    return verifyChains(c.versions, c.imports);
  } finally {
    await store.close();
  }
}

describe('cifra audit verify (SQLite)', () => {
  it('verifies real imports, then finds an edited vote, a flipped current flag and an edited import', async () => {
    const db = join(dir, 'audit.db');
    expect((await runToEnd(A, db)).code).toBe(0);
    expect((await runToEnd(B, db)).code).toBe(0);
    const ok = await cli('audit', 'verify', '--db', db);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('ok: 3,000 acta versions and 2 imports');

    const raw = new Database(db);
    raw.prepare('UPDATE acta_versions SET blank = blank + 1 WHERE id = 777').run();
    raw.close();
    const edited = await cli('audit', 'verify', '--db', db);
    expect(edited.code).toBe(1);
    expect(edited.err).toContain('audit_chain_broken at acta_versions.777');
    expect(edited.err).toContain('hash_mismatch');

    const raw2 = new Database(db);
    raw2.prepare('UPDATE acta_versions SET blank = blank - 1 WHERE id = 777').run();
    raw2.prepare('UPDATE acta_versions SET is_current = 0 WHERE id = 10').run();
    raw2.close();
    const flipped = await verify(db);
    expect(flipped.breaks).toEqual([
      expect.objectContaining({ table: 'acta_versions', id: 10, reason: 'derived_state_mismatch' }),
    ]);

    const raw3 = new Database(db);
    raw3.prepare('UPDATE acta_versions SET is_current = 1 WHERE id = 10').run();
    raw3.prepare('UPDATE imports SET rows_read = 1 WHERE id = 2').run();
    raw3.close();
    const imp = await cli('audit', 'verify', '--db', db, '--format', 'json');
    expect(imp.code).toBe(1);
    expect(JSON.parse(imp.out).breaks).toEqual([
      expect.objectContaining({ table: 'imports', id: 2, reason: 'hash_mismatch' }),
    ]);
  }, 120_000);
});

describe('PostgreSQL', () => {
  it('cifra works against --db postgres://, and a deleted version is detected', async () => {
    const db = await freshDatabase('audit');
    expect((await runToEnd(A, db)).code).toBe(0);
    const r = await cli('results', '--db', db, '--format', 'json');
    expect(r.code).toBe(0);
    // the 1,500 actas stored, over the 86,488 the election's universe expects (a partial file)
    const actas = (
      JSON.parse(r.out) as { units: { actas: { processed: number; total: number } }[] }
    ).units[0]?.actas;
    expect([actas?.processed, actas?.total]).toEqual([1500, 86_488]);
    expect((await cli('audit', 'verify', '--db', db)).code).toBe(0);
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    await c.query(
      'DELETE FROM acta_versions WHERE id = (SELECT id FROM acta_versions ORDER BY id OFFSET 100 LIMIT 1)',
    );
    await c.end();
    const after = await verify(db);
    expect(after.ok).toBe(false);
    expect(after.breaks[0]).toMatchObject({ table: 'acta_versions', reason: 'hash_mismatch' });
  }, 120_000);

  it('two ingest processes at once on one database: no lost update, no duplicate version', async () => {
    const db = await freshDatabase('race');
    const [x, y] = await Promise.all([runToEnd(A, db), runToEnd(B, db)]);
    expect(x.code).toBe(0);
    expect(y.code).toBe(0);
    const clean = join(dir, 'clean-b.db');
    expect((await runToEnd(B, clean)).code).toBe(0);
    const sqlite = openStore(clean);
    await sqlite.migrate();
    const expected = await digest(sqlite);
    await sqlite.close();
    const store = openStore(db);
    await store.migrate();
    expect(await digest(store)).toBe(expected); // 3,000 actas, each at version 1
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    const dup = await c.query(
      'SELECT COUNT(*)::int AS n FROM (SELECT mesa FROM acta_versions GROUP BY mesa HAVING COUNT(*) > 1) d',
    );
    await c.end();
    expect(dup.rows[0].n).toBe(0);
    expect((await verify(db)).ok).toBe(true);
    await store.close();
  }, 120_000);
});
