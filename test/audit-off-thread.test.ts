// The thirtieth session (ADR 016): the server's start-up check of the whole audit chain read and
// hashed every audited row on the event loop (4.2 s on the bundled store, no request answered
// meanwhile). It now runs on a worker thread with its own connection to the store, by the name the
// server opened it with, through the same verifiedHead: the worker's answer is the one this thread
// gives, breaks included, on both stores; a worker that cannot open the store is a fault, not a
// verdict; and the server answers reads while the check is held.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleFile } from '../scripts/lib/reliability.js';
import { AuditCheck } from '../src/api/audit-check.js';
import { PATHS } from '../src/api/paths.js';
import { SiteSchema } from '../src/api/schemas.js';
import { buildApi } from '../src/api/server.js';
import {
  AUDIT_WORKER_POOL,
  verifiableOffThread,
  verifiedHeadOffThread,
} from '../src/store/audit-thread.js';
import { verifiedHead } from '../src/store/audit-verified.js';
import { openStore } from '../src/store/open.js';
import { freshDatabase, testRoleName } from './pg-helpers.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-audit-off-thread-');
const A = join(dir, 'a.csv');
const B = join(dir, 'b.csv');

beforeAll(() => {
  sampleFile(A, 40);
  sampleFile(B, 60); // the first 40 rows again, then 20 more: a second version of none, 20 new
});

async function ingestBoth(db: string): Promise<void> {
  for (const f of [A, B])
    expect((await cli('ingest', f, '--db', db, '--election', 'pe-2021-presidencial')).code).toBe(0);
}

/** verifiedHead of the whole store, on this thread and on the worker. */
async function bothWays(db: string) {
  const store = openStore(db);
  try {
    return { here: await verifiedHead(store, null), worker: await verifiedHeadOffThread(db) };
  } finally {
    await store.close();
  }
}

describe('the whole-chain audit check on a worker thread', () => {
  it('SQLite: the same head as this thread, and after rows are edited the same breaks', async () => {
    const db = join(dir, 'a.db');
    await ingestBoth(db);
    const sound = await bothWays(db);
    expect(sound.here.ok).toBe(true);
    expect(sound.worker).toEqual(sound.here);

    const raw = new Database(db);
    raw.prepare('UPDATE acta_versions SET blank = blank + 1 WHERE id = 45').run();
    raw.prepare('UPDATE acta_versions SET is_current = NOT is_current WHERE id = 50').run();
    raw
      .prepare("UPDATE elections SET ruleset = 'pe-congreso' WHERE id = 'pe-2021-presidencial'")
      .run();
    raw.close();
    const broken = await bothWays(db);
    expect(broken.worker).toEqual(broken.here);
    if (broken.here.ok) throw new Error('the edited store verified');
    expect(broken.here.issues.map((i) => [i.code, ...i.path])).toEqual([
      ['audit_chain_broken', 'acta_versions', 45],
      ['audit_chain_broken', 'acta_versions', 50],
      ['audit_chain_broken', 'elections', 'pe-2021-presidencial'],
    ]);
  });

  it('PostgreSQL: the same head as this thread, and after rows are edited the same breaks', async () => {
    const db = await freshDatabase('offthread');
    await ingestBoth(db);
    const sound = await bothWays(db);
    expect(sound.here.ok).toBe(true);
    expect(sound.worker).toEqual(sound.here);

    const pool = new pg.Pool({ connectionString: db, max: 1 });
    try {
      await pool.query('UPDATE acta_versions SET blank = blank + 1 WHERE id = 45');
      await pool.query('UPDATE acta_versions SET is_current = NOT is_current WHERE id = 50');
    } finally {
      await pool.end();
    }
    const broken = await bothWays(db);
    expect(broken.worker).toEqual(broken.here);
    if (broken.here.ok) throw new Error('the edited store verified');
    expect(broken.here.issues.map((i) => [i.code, ...i.path])).toEqual([
      ['audit_chain_broken', 'acta_versions', 45],
      ['audit_chain_broken', 'acta_versions', 50],
    ]);
  });

  it('PostgreSQL: the worker reads through a pool of one, named as pg_stat_activity shows it (s31)', async () => {
    const db = await freshDatabase('onepool');
    await ingestBoth(db);
    /** The connections to this database by application name. */
    const named = async (c: pg.Client, name: string): Promise<number> =>
      Number(
        (
          await c.query(
            'SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
            [name],
          )
        ).rows[0].n,
      );
    const admin = new pg.Client({ connectionString: db });
    const locker = new pg.Client({ connectionString: db });
    await admin.connect();
    await locker.connect();
    try {
      // four reads at once: a server's pool opens a connection for each, the worker's one for all
      const stores = [
        openStore(db, { pool: { applicationName: 'cifra s31 eight' } }),
        openStore(db, { pool: { size: 1, applicationName: 'cifra s31 one' } }),
      ];
      try {
        for (const s of stores) await Promise.all([1, 2, 3, 4].map(() => s.auditHead()));
        expect(await named(admin, 'cifra s31 eight')).toBeGreaterThan(1);
        expect(await named(admin, 'cifra s31 one')).toBe(1);
      } finally {
        for (const s of stores) await s.close();
      }

      // the worker held on its first read of the log: its connections, while it reads (the lock
      // on a connection of its own: in a transaction pg_stat_activity is one snapshot)
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE');
      const check = verifiedHeadOffThread(db);
      let ended = false;
      void check.then(
        () => (ended = true),
        () => (ended = true),
      );
      let waiting: { application_name: string }[] = [];
      while (waiting.length === 0) {
        if (ended) throw new Error('the worker ended without waiting on the lock');
        waiting = (
          await admin.query(
            "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          )
        ).rows as { application_name: string }[];
        if (waiting.length === 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(waiting.map((w) => w.application_name)).toEqual([AUDIT_WORKER_POOL.applicationName]);
      expect(await named(admin, AUDIT_WORKER_POOL.applicationName)).toBe(1);
      expect(AUDIT_WORKER_POOL.size).toBe(1);
      await locker.query('ROLLBACK');
      expect((await check).ok).toBe(true);
    } finally {
      await admin.end();
      await locker.end();
    }
  });

  it('PostgreSQL: the worker never holds a second connection, as the server enforces it (s32)', async () => {
    // a role PostgreSQL lets hold one connection at a time (CONNECTION LIMIT 1: a second is
    // refused, 53300, for as long as the first is open): whatever the worker's check reads, a
    // second connection at once would fail the check. One role per step: a closed connection's
    // backend may still be ending when the next step connects.
    const db = await freshDatabase('onelimit');
    await ingestBoth(db);
    // roles are the cluster's, not the database's: dropped once every store on them is closed
    const roles: string[] = [];
    try {
      await onePerConnection(db, roles);
    } finally {
      await dropRoles(db, roles);
    }
  });

  it("PostgreSQL: the server's pool, not named, shows as 'cifra'; the URL's application_name still wins (s31)", async () => {
    const db = await freshDatabase('named');
    const admin = new pg.Client({ connectionString: db });
    await admin.connect();
    /** The application names of the other connections to this database, sorted. */
    const names = async (): Promise<string[]> =>
      (
        await admin.query(
          'SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY 1',
        )
      ).rows.map((r: { name: string }) => r.name);
    try {
      const own = new URL(db);
      own.searchParams.set('application_name', 'newsroom night');
      // as `cifra serve --db <url>` opens it: no pool options
      const stores = [openStore(db), openStore(own.toString())];
      try {
        for (const s of stores) {
          await s.migrate();
          await Promise.all([1, 2].map(() => s.auditHead()));
        }
        const seen = await names();
        expect(new Set(seen)).toEqual(new Set(['cifra', 'newsroom night']));
        expect(seen.filter((n) => n === 'cifra').length).toBeGreaterThan(0);
      } finally {
        for (const s of stores) await s.close();
      }
    } finally {
      await admin.end();
    }
  });

  it('a worker that cannot open the store rejects; the check logs a fault and gives no verdict', async () => {
    const db = join(dir, 'no-such-folder', 'x.db');
    await expect(verifiedHeadOffThread(db)).rejects.toThrow();
    const store = openStore(':memory:');
    try {
      const faults: unknown[] = [];
      const changes: number[] = [];
      const check = new AuditCheck(
        store,
        () => 'now',
        () => changes.push(1),
        (hold) => verifiedHeadOffThread(db, hold),
      );
      check.fault = (e) => faults.push(e);
      await check.check();
      expect(faults).toHaveLength(1);
      expect(faults[0]).toBeInstanceOf(Error);
      expect(check.current).toEqual({ verified: null, failed: null });
      expect(changes).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('only a store another thread can open is checked off the thread', async () => {
    expect([':memory:', '', undefined].map(verifiableOffThread)).toEqual([false, false, false]);
    expect(verifiableOffThread(join(dir, 'a.db'))).toBe(true);
    expect(verifiableOffThread('postgresql://localhost/x')).toBe(true);
    const store = openStore(':memory:');
    const apps = [
      await buildApi({ store, tokenHash: null, storeName: ':memory:' }),
      await buildApi({ store, tokenHash: null }),
    ];
    try {
      expect(apps.map((a) => checkOf(a).offThread)).toEqual([false, false]);
    } finally {
      for (const a of apps) await a.close();
      await store.close();
    }
  });
});

/**
 * A login role on the database at `url` that may hold one connection at a time and read every
 * table, added to `roles` (to drop): the URL that connects as it.
 */
async function limitedRole(url: string, prefix: string, roles: string[]): Promise<string> {
  const role = testRoleName(url, prefix);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 1`);
    roles.push(role);
    await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
  } finally {
    await c.end();
  }
  const asRole = new URL(url);
  asRole.username = role;
  return asRole.toString();
}

/**
 * The worker's reads on a database whose roles may each hold one connection: its whole check,
 * then its pool's options under reads at once, then the server's pool of 8 (refused). Each role
 * made is added to `roles`.
 */
async function onePerConnection(db: string, roles: string[]): Promise<void> {
  const worker = await limitedRole(db, 'audit_w', roles);
  const pool = await limitedRole(db, 'audit_p', roles);
  const eight = await limitedRole(db, 'audit_8', roles);
  const admin = (await bothWays(db)).here;
  expect(admin.ok).toBe(true);

  // the worker's whole check, as the server starts it, through its own pool
  expect(await verifiedHeadOffThread(worker)).toEqual(admin);

  // the worker's pool options under reads at once: one connection serves them all in turn
  const reads = async (s: ReturnType<typeof openStore>) => {
    try {
      return await Promise.allSettled([1, 2, 3, 4].map(() => s.auditHead()));
    } finally {
      await s.close();
    }
  };
  const one = await reads(openStore(pool, { pool: AUDIT_WORKER_POOL }));
  expect(one.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);

  // the limit bites: a pool that may open more (the server's 8) has reads refused
  const more = await reads(openStore(eight, { pool: { size: 8 } }));
  const refused = more.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  expect(refused.length).toBeGreaterThan(0);
  for (const e of refused) expect(e).toMatchObject({ code: '53300' });
}

/** Drops `roles` (their grants on the database at `url` first): roles outlive a test database. */
async function dropRoles(url: string, roles: readonly string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const role of roles) {
      await c.query(`DROP OWNED BY ${role}`);
      await c.query(`DROP ROLE ${role}`);
    }
  } finally {
    await c.end();
  }
}

const checkOf = (app: FastifyInstance): AuditCheck =>
  (app as unknown as { cifraAuditCheck: AuditCheck }).cifraAuditCheck;

describe('the server answers while its start-up check runs on the worker', () => {
  it('a read is answered while the worker is held; the check then verifies the whole store', async () => {
    const db = join(dir, 'served.db');
    await ingestBoth(db);
    const store = openStore(db);
    const app = await buildApi({ store, tokenHash: null, storeName: db });
    const audit = checkOf(app);
    expect(audit.offThread).toBe(true);
    // the worker waits on this before it opens the store
    const hold = new Int32Array(new SharedArrayBuffer(4));
    audit.hold = hold;
    const release = (): void => {
      Atomics.store(hold, 0, 1);
      Atomics.notify(hold, 0);
    };
    try {
      await app.ready();
      let settled = false;
      void audit.settled.then(() => (settled = true));
      const list = await app.inject({ url: '/api/v1/elections' });
      expect(list.statusCode, list.body).toBe(200);
      const pending = await app.inject({ url: PATHS.site() });
      expect(pending.statusCode, pending.body).toBe(200);
      const site = SiteSchema.parse(pending.json());
      if (site.kind !== 'server') throw new Error('not the server');
      expect(site.audit.verified).toBeNull();
      expect(site.audit.failed).toBeNull();
      expect(settled).toBe(false);

      release();
      await audit.settled;
      expect(settled).toBe(true);
      expect(audit.current.failed).toBeNull();
      expect(audit.current.verified?.through).toBe(site.audit.count);
      expect(site.audit.count).toBeGreaterThan(2);
    } finally {
      release();
      await app.close();
      await store.close();
    }
  });
  it('a close stops the check under way on its worker: no verdict, no fault (diff review s30)', async () => {
    const db = join(dir, 'closed.db');
    await ingestBoth(db);
    const store = openStore(db);
    const app = await buildApi({ store, tokenHash: null, storeName: db });
    const audit = checkOf(app);
    const faults: unknown[] = [];
    const hold = new Int32Array(new SharedArrayBuffer(4));
    audit.hold = hold;
    try {
      await app.ready();
      audit.fault = (e) => faults.push(e);
      // closed while the worker is held: the close does not wait for the whole chain
      await app.close();
      await audit.settled;
      expect(audit.current).toEqual({ verified: null, failed: null });
      expect(faults).toEqual([]);
      // and a check asked after the close starts nothing
      await audit.check();
      expect(audit.current.verified).toBeNull();
    } finally {
      Atomics.store(hold, 0, 1);
      Atomics.notify(hold, 0);
      await store.close();
    }
  });

  it('after a faulted check a read starts none; the next import asks again', async () => {
    const store = openStore(':memory:');
    try {
      let runs = 0;
      const check = new AuditCheck(
        store,
        () => 'now',
        () => undefined,
        () => {
          runs++;
          return Promise.reject(new Error('cannot open'));
        },
      );
      check.fault = () => undefined;
      await check.check();
      await check.check({ count: 3, hash: 'h', at: 'now' } as Parameters<AuditCheck['check']>[0]);
      expect(runs).toBe(1);
      await check.check();
      expect(runs).toBe(2);
    } finally {
      await store.close();
    }
  });
});
