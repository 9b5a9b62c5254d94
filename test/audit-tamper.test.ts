// The tamper suite (issue 14, item 5): on both stores, every table edited behind cifra's back is
// found by `cifra audit verify` — acta versions (also with the hash cleared: no migration
// re-hashes), imports (edited, rolled back, deleted with their versions), the election's choices
// and rules, quarantine, places, published results, projections, the applied migrations and the
// audit log itself; and a consistent rewrite of the latest history is found against an earlier
// head (`--since`).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runToEnd, sampleFile } from '../scripts/lib/reliability.js';
import { verifyAudit, type FullAuditReport } from '../src/store/audit-log.js';
import { openStore } from '../src/store/open.js';
import { freshDatabase } from './pg-helpers.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-tamper-');
const A = join(dir, 'a.csv');
const B = join(dir, 'b.csv');
const ELECTION = 'pe-2021-presidencial';

beforeAll(async () => {
  await buildCli();
  sampleFile(A, 600);
  // 300 more rows, and one with a mesa that is not a mesa (quarantined)
  const lines = readFileSync(sampleFile(B, 900), 'latin1').trimEnd().split('\n');
  const bad = (lines[1] ?? '').replace(/"PRESIDENCIAL","\d{6}"/, '"PRESIDENCIAL","12AB"');
  writeFileSync(B, [lines[0], ...lines.slice(601), bad].join('\n') + '\n', 'latin1');
}, 60_000);

/** A store with two imports (one with a quarantined row), a published election and a projection. */
async function populate(db: string): Promise<void> {
  expect((await runToEnd(A, db)).code).toBe(0);
  const store = openStore(db);
  await store.migrate();
  const def = await store.getElection(ELECTION);
  if (!def) throw new Error('no election');
  await store.putElection({ ...def, id: 'copy', label: 'A published copy' });
  await store.putPublished('copy', [{ level: 'national', code: 'PE', doc: { votes: [1, 2] } }], {
    seats: 1,
  });
  await store.close();
  expect((await runToEnd(B, db)).code).toBe(0);
  const again = openStore(db);
  await again.migrate();
  await again.putProjection({
    election: ELECTION,
    revision: await again.revision(ELECTION),
    recordedAt: '2026-11-30T00:00:00.000Z',
    pctCounted: 0.5,
    doc: { choices: [{ choice: 'P1', median: 0.5, lo90: 0.4, hi90: 0.6 }] },
  });
  await again.close();
}

async function verify(db: string, since?: string): Promise<FullAuditReport> {
  const store = openStore(db);
  try {
    await store.migrate(); // what every command does first: it must not repair anything
    return verifyAudit(await store.auditRecords(), since);
  } finally {
    await store.close();
  }
}

type Exec = (db: string, sql: string, params?: unknown[]) => Promise<unknown[]>;
interface Case {
  readonly name: string;
  readonly tamper: (db: string, exec: Exec) => Promise<void>;
  readonly expect: { table: string; reason: string };
}

const sql =
  (text: string, params: unknown[] = []) =>
  async (db: string, exec: Exec): Promise<void> =>
    void (await exec(db, text, params));

const CASES: readonly Case[] = [
  {
    name: 'votes changed and the hash cleared (no migration may re-hash)',
    tamper: sql(
      'UPDATE acta_versions SET blank = blank + 100, voters = voters + 100, hash = NULL WHERE id = (SELECT MIN(id) + 500 FROM acta_versions)',
    ),
    expect: { table: 'acta_versions', reason: 'missing_hash' },
  },
  {
    name: "two candidates' labels swapped in the election's choices",
    tamper: async (db, exec) => {
      const [row] = (await exec(db, 'SELECT choices FROM elections WHERE id = $1', [ELECTION])) as {
        choices: string;
      }[];
      const choices = JSON.parse(row?.choices ?? '[]') as { label: string }[];
      const [a, b] = [choices[0], choices[1]];
      if (!a || !b) throw new Error('fewer than two choices');
      [a.label, b.label] = [b.label, a.label];
      await exec(db, 'UPDATE elections SET choices = $1 WHERE id = $2', [
        JSON.stringify(choices),
        ELECTION,
      ]);
    },
    expect: { table: 'elections', reason: 'changed' },
  },
  {
    name: "the election's ruleset changed",
    tamper: sql("UPDATE elections SET ruleset = 'pe-congreso' WHERE id = $1", [ELECTION]),
    expect: { table: 'elections', reason: 'changed' },
  },
  {
    name: 'the last import deleted with its versions and quarantine',
    tamper: async (db, exec) => {
      const last = '(SELECT MAX(id) FROM imports)';
      await exec(db, `DELETE FROM quarantine WHERE import_id = ${last}`);
      await exec(db, `DELETE FROM acta_versions WHERE import_id = ${last}`);
      await exec(db, `DELETE FROM imports WHERE id = ${last}`);
    },
    expect: { table: 'imports', reason: 'missing' },
  },
  {
    name: 'a committed import set to rolled back',
    tamper: sql(
      "UPDATE imports SET status = 'rolled_back' WHERE id = (SELECT MIN(id) FROM imports)",
    ),
    expect: { table: 'imports', reason: 'rolled_back' },
  },
  {
    name: "an import's figures edited",
    tamper: sql('UPDATE imports SET rows_read = 1 WHERE id = (SELECT MIN(id) FROM imports)'),
    expect: { table: 'imports', reason: 'hash_mismatch' },
  },
  {
    name: 'a quarantined row edited',
    tamper: sql("UPDATE quarantine SET raw = '{}'"),
    expect: { table: 'quarantine', reason: 'changed' },
  },
  {
    name: 'a quarantined row deleted',
    tamper: sql('DELETE FROM quarantine'),
    expect: { table: 'quarantine', reason: 'changed' },
  },
  {
    name: 'a place name edited',
    tamper: sql(
      "UPDATE places SET district = 'OTRO' WHERE ubigeo = (SELECT MIN(ubigeo) FROM places)",
    ),
    expect: { table: 'places', reason: 'changed' },
  },
  {
    name: 'a published unit edited',
    tamper: sql('UPDATE published_units SET doc = $1', ['{"votes":[2,1]}']),
    expect: { table: 'published_units', reason: 'changed' },
  },
  {
    name: 'published seats edited',
    tamper: sql('UPDATE published_seats SET doc = $1', ['{"seats":2}']),
    expect: { table: 'published_units', reason: 'changed' },
  },
  {
    name: 'a recorded projection edited',
    tamper: sql('UPDATE projections SET pct_counted = 0.9'),
    expect: { table: 'projections', reason: 'changed' },
  },
  {
    name: 'a recorded projection deleted',
    tamper: sql('DELETE FROM projections'),
    expect: { table: 'projections', reason: 'missing' },
  },
  {
    name: 'an applied migration renamed',
    tamper: sql("UPDATE schema_migrations SET name = 'x' WHERE version = 1"),
    expect: { table: 'schema_migrations', reason: 'changed' },
  },
  {
    name: 'an audit log entry edited',
    tamper: sql("UPDATE audit_log SET at = '2000-01-01T00:00:00.000Z' WHERE seq = 2"),
    expect: { table: 'audit_log', reason: 'hash_mismatch' },
  },
];

/**
 * The last import removed with everything it brought (versions, quarantine, places, later log
 * entries): a consistent store, but one whose history no longer contains the earlier head.
 */
async function rewriteHistory(db: string, exec: Exec): Promise<void> {
  const [imp] = (await exec(db, 'SELECT MAX(id) AS id FROM imports')) as { id: number }[];
  const [entry] = (await exec(
    db,
    "SELECT seq FROM audit_log WHERE kind = 'import' AND subject = $1",
    [String(imp?.id)],
  )) as { seq: number }[];
  await exec(db, 'DELETE FROM audit_log WHERE seq >= $1', [entry?.seq]);
  await exec(db, 'DELETE FROM projections');
  await exec(db, 'DELETE FROM quarantine WHERE import_id = $1', [imp?.id]);
  await exec(db, 'DELETE FROM acta_versions WHERE import_id = $1', [imp?.id]);
  await exec(db, 'DELETE FROM imports WHERE id = $1', [imp?.id]);
  await exec(db, 'DELETE FROM places WHERE ubigeo NOT IN (SELECT ubigeo FROM acta_versions)');
}

function suite(
  backend: string,
  make: () => Promise<string>,
  copy: (db: string) => Promise<string>,
  exec: Exec,
): void {
  describe(`cifra audit verify: the tamper suite (${backend})`, () => {
    let base = '';
    beforeAll(async () => {
      base = await make();
      await populate(base);
    }, 120_000);

    it('verifies the untouched store, and prints its head', async () => {
      const r = await verify(base);
      expect(r.breaks).toEqual([]);
      expect(r.head.count).toBe(r.logEntries);
      const head = await cli('audit', 'head', '--db', base, '--format', 'json');
      expect(head.code).toBe(0);
      expect(JSON.parse(head.out)).toEqual(r.head);
      expect((await cli('audit', 'verify', '--db', base, '--since', r.head.hash)).code).toBe(0);
      const site = join(dir, `site-${backend}`);
      expect((await cli('publish', '--db', base, '--out', site)).code).toBe(0);
      const snapshot = JSON.parse(readFileSync(join(site, 'api', 'v1', 'site.json'), 'utf8'));
      expect(snapshot.audit).toEqual(r.head);
    });

    for (const c of CASES)
      it(`finds: ${c.name}`, async () => {
        const db = await copy(base);
        await c.tamper(db, exec);
        const r = await verify(db);
        expect(r.ok).toBe(false);
        expect(r.breaks).toContainEqual(expect.objectContaining(c.expect));
      });

    it('the CLI reports a cleared hash after its own startup migration (exit 1, a coded issue)', async () => {
      const db = await copy(base);
      await CASES[0]?.tamper(db, exec);
      const out = await cli('audit', 'verify', '--db', db);
      expect(out.code).toBe(1);
      expect(out.err).toContain('audit_chain_broken at acta_versions.');
      expect(out.err).toContain('missing_hash');
    });

    it('a consistent rewrite of the latest history passes alone but not against the published head', async () => {
      const head = (await verify(base)).head.hash;
      const db = await copy(base);
      await rewriteHistory(db, exec);
      const alone = await verify(db);
      expect(alone.breaks).toEqual([]);
      const since = await verify(db, head);
      expect(since.breaks).toContainEqual(
        expect.objectContaining({ table: 'audit_log', reason: 'head_not_found' }),
      );
      const out = await cli('audit', 'verify', '--db', db, '--since', head);
      expect(out.code).toBe(1);
    });
  });
}

const sqliteExec: Exec = async (db, text, params = []) => {
  const raw = new Database(db);
  try {
    const s = raw.prepare(text.replace(/\$\d+/g, '?'));
    return s.reader ? s.all(...params) : (s.run(...params), []);
  } finally {
    raw.close();
  }
};
let n = 0;
suite(
  'SQLite',
  async () => join(dir, 'base.db'),
  async (db) => {
    const to = join(dir, `copy-${n++}.db`);
    copyFileSync(db, to);
    return to;
  },
  sqliteExec,
);

const pgExec: Exec = async (db, text, params = []) => {
  const c = new pg.Client({ connectionString: db });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as unknown[];
  } finally {
    await c.end();
  }
};
suite(
  'PostgreSQL',
  () => freshDatabase('tamper'),
  async (db) => {
    const to = await freshDatabase('tampered');
    const name = new URL(to).pathname.slice(1);
    const admin = new URL(db);
    const from = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    await pgExec(admin.toString(), `DROP DATABASE ${name}`);
    await pgExec(admin.toString(), `CREATE DATABASE ${name} TEMPLATE ${from}`);
    return to;
  },
  pgExec,
);
