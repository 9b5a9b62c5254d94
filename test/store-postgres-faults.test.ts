// The machine's faults under a PostgreSQL store, from errors the real server raises (the suite's
// own: test/pg-global-setup.ts):
// - read-only: a database whose transactions are read-only (as on a hot standby) refuses a write
//   with SQLSTATE 25006; a role without the grant to write the acta versions refuses an upload's
//   with 42501 (insufficient_privilege). Both are `store_read_only` (503), and reads still answer;
//   a role without the grant to read a table gets 42501 on that read: `store_read_denied` (503).
// - disk full: no real way to fill the server's disk here (a small tablespace needs a mount, which
//   the CI lacks), so a PL/pgSQL trigger raises SQLSTATE 53100 (disk_full) on the version insert:
//   the error object is PostgreSQL's own, sent by the server mid-import. It is `disk_full` (507),
//   and the import's transaction leaves nothing behind.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { storeFault } from '../src/store/store-faults.js';
import { onpeCsv, onpeRow } from './api-helpers.js';
import { fixtureElection } from './helpers.js';
import { freshDatabase, testRoleName } from './pg-helpers.js';

const TOKEN = 'pg-faults-token-3b9d';
const ELECTION = 'pe-2021-presidencial';

/** A migrated store at a fresh database with the election put and one import; its URL. */
async function seeded(prefix: string): Promise<string> {
  const url = await freshDatabase(prefix);
  const s = new PgStore(url);
  try {
    await s.migrate();
    const e = fixtureElection(ELECTION);
    if (!e) throw new Error('election');
    await s.putElection(e);
  } finally {
    await s.close();
  }
  await withApi(url, async (app) => expect((await upload(app, '000002')).statusCode).toBe(200));
  return url;
}

/** Runs `f` with an admin connection to the database at `url`. */
async function asAdmin<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/**
 * A login role on the database at `url`, granted SELECT on every table and then `more` (SQL run
 * as the admin, given the role's name): the URL that connects as it.
 */
async function roleAt(
  url: string,
  prefix: string,
  more: (role: string) => readonly string[] = () => [],
): Promise<string> {
  const role = testRoleName(url, prefix);
  await asAdmin(url, async (c) => {
    await c.query(`CREATE ROLE ${role} LOGIN`);
    await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    for (const sql of more(role)) await c.query(sql);
  });
  const asRole = new URL(url);
  asRole.username = role;
  return asRole.toString();
}

/** The API over a store at `url` (not migrated: the schema is there), closed after `f`. */
async function withApi(url: string, f: (app: FastifyInstance) => Promise<void>): Promise<void> {
  const store = new PgStore(url);
  const app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
  try {
    await f(app);
  } finally {
    await app.close();
    await store.close();
  }
}

/** Uploads mesa 000001 and one more (`mesa`): a file of its own each time. */
const upload = (app: FastifyInstance, mesa: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/imports?election=${ELECTION}&name=${mesa}.csv`,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    payload: onpeCsv(onpeRow('000001', 40), onpeRow(mesa, 50)),
  });

/** The imports the store has, read as the admin. */
const imports = (c: pg.Client) =>
  c.query('SELECT count(*)::int AS n FROM imports').then((r) => r.rows[0].n as number);

/** What the API answers an upload and a read with, and the error's reason. */
async function uploadAndRead(url: string, mesa: string) {
  let seen: unknown[] = [];
  await withApi(url, async (app) => {
    const up = await upload(app, mesa);
    const read = await app.inject({ url: `/api/v1/actas/000001?election=${ELECTION}` });
    seen = [up.statusCode, up.json().error, up.json().issues[0]?.details, read.statusCode];
  });
  return seen;
}

// each test on a database of its own: a fault set up for one never meets another
describe('PostgreSQL faults, as the real server raises them', () => {
  it('a read-only database (default_transaction_read_only, as a hot standby): store_read_only (25006), reads answered', async () => {
    const url = await seeded('cifra_pg_read_only');
    const dbName = new URL(url).pathname.slice(1);
    await asAdmin(url, (c) =>
      c.query(`ALTER DATABASE ${dbName} SET default_transaction_read_only = on`),
    );
    const store = new PgStore(url);
    try {
      const e = fixtureElection(ELECTION);
      if (!e) throw new Error('election');
      const refused: unknown = await store.putElection(e).then(
        () => null,
        (err: unknown) => err,
      );
      expect(storeFault(refused)).toMatchObject({
        code: 'store_read_only',
        details: { reason: '25006' },
      });
      expect((await store.listElections()).map((x) => x.id)).toEqual([ELECTION]);
    } finally {
      await store.close();
    }
    // a read whose side write (the projection's record) is refused still answers: it was a 503
    await withApi(url, async (app) => {
      const read = await app.inject({ url: `/api/v1/projection?election=${ELECTION}` });
      expect([read.statusCode, read.json().kind]).toEqual([200, 'projection']);
    });
  });

  it('a role that may not write the acta versions: an upload is 503 store_read_only (42501)', async () => {
    const url = await seeded('cifra_pg_grants');
    // it may open an import (its row, the id's sequence), not write what the import brings
    const asRole = await roleAt(url, 'reader', (role) => [
      `GRANT INSERT, UPDATE ON imports TO ${role}`,
      `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    ]);
    expect(await uploadAndRead(asRole, '000004')).toEqual([
      503,
      'store_read_only',
      { reason: '42501' },
      200,
    ]);
    expect(await asAdmin(url, imports)).toBe(1);
  });

  it('a role that may only read: an upload is 503 store_read_only, and the server still closes', async () => {
    // the import's first write (its row in imports) refused: the connection went back to no pool
    // before, so the API's close waited for ever (this test hung to its timeout)
    const url = await seeded('cifra_pg_select_only');
    const asRole = await roleAt(url, 'select');
    expect(await uploadAndRead(asRole, '000006')).toEqual([
      503,
      'store_read_only',
      { reason: '42501' },
      200,
    ]);
    expect(await asAdmin(url, imports)).toBe(1);
  });

  it('a role that may only read opens an up-to-date store: its migrate writes nothing', async () => {
    // `CREATE TABLE IF NOT EXISTS schema_migrations` was refused (42501, no CREATE on the schema),
    // so every reading command (results, serve without a token) failed as store_read_only
    const asRole = await roleAt(await seeded('cifra_pg_migrate_read'), 'migrate');
    const store = new PgStore(asRole);
    try {
      await expect(store.migrate()).resolves.toBeUndefined();
      expect((await store.listElections()).map((e) => e.id)).toEqual([ELECTION]);
    } finally {
      await store.close();
    }
  });

  it('a role that may not read the acta versions: a read is 503 store_read_denied (42501), not store_read_only', async () => {
    const url = await seeded('cifra_pg_no_select');
    const asRole = await roleAt(url, 'noread', (role) => [
      `REVOKE SELECT ON acta_versions FROM ${role}`,
    ]);
    let seen: unknown[] = [];
    await withApi(asRole, async (app) => {
      const read = await app.inject({ url: `/api/v1/actas/000001?election=${ELECTION}` });
      seen = [read.statusCode, read.json().error, read.json().issues[0]?.details];
    });
    expect(seen).toEqual([503, 'store_read_denied', { reason: '42501' }]);
    // the store's own read, as the CLI meets it (program.ts codes it through storeFault)
    const store = new PgStore(asRole);
    try {
      const e: unknown = await store.getActa(ELECTION, '000001').catch((x: unknown) => x);
      expect(storeFault(e)).toEqual({
        code: 'store_read_denied',
        severity: 'error',
        path: ['store'],
        details: { reason: '42501' },
      });
    } finally {
      await store.close();
    }
  });

  it("a full disk (SQLSTATE 53100 raised by the server mid-import): 507 disk_full, the import's rows rolled back", async () => {
    const url = await seeded('cifra_pg_disk_full');
    await asAdmin(url, async (c) => {
      await c.query(`CREATE FUNCTION disk_is_full() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'
          USING ERRCODE = '53100'; END $$`);
      await c.query(
        'CREATE TRIGGER disk_is_full BEFORE INSERT ON acta_versions FOR EACH ROW EXECUTE FUNCTION disk_is_full()',
      );
    });
    try {
      expect(await uploadAndRead(url, '000005')).toEqual([
        507,
        'disk_full',
        { reason: '53100' },
        200,
      ]);
    } finally {
      await asAdmin(url, (c) => c.query('DROP TRIGGER disk_is_full ON acta_versions'));
    }
    await asAdmin(url, async (c) => {
      expect(await imports(c)).toBe(1);
      const versions = await c.query('SELECT count(*)::int AS n FROM acta_versions');
      expect(versions.rows[0].n).toBe(2);
    });
  });
});
