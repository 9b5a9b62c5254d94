// The source's catch-up marks (acta_caught_up, migration 17) under the audit log (session 33): a
// mark changes what later imports decide (versioning.ts supersededOf), so one added, removed or
// altered behind cifra's back is a coded break of `cifra audit`, on both stores; an untouched store
// verifies, and so does a store whose import entries were written before the marks joined the log.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { AuditBreak } from '../src/store/audit.js';
import { nextEntry, verifyAudit, type ImportDetail } from '../src/store/audit-log.js';
import { verifiedHead } from '../src/store/audit-verified.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { LogEntry } from '../src/store/records.js';
import type { Store } from '../src/store/store.js';
import { tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';
import { acta, ELECTION, importActas } from './store-contract.js';

const reopened = (mesa: string) =>
  acta(mesa, { state: 'pending', stateLabel: 'EN PROCESO', votes: null });

/** SQL on the store's database behind cifra's back: the rows it gives. */
type Exec = (sql: string) => Promise<Record<string, unknown>[]>;
interface Backend {
  readonly open: () => Store;
  readonly exec: Exec;
}

/** Two rulings reopened counted actas; the source caught up with the one of 000001 (import i2). */
async function written(b: Backend): Promise<void> {
  const s = b.open();
  await s.migrate();
  await s.putElection(ELECTION);
  await importActas(s, [acta('000001'), acta('000002')], 'i1');
  await importActas(s, [reopened('000001'), reopened('000002')], 'c1', 'correction');
  await importActas(s, [reopened('000001'), acta('000002')], 'i2');
  await s.close();
}

async function breaks(b: Backend): Promise<readonly AuditBreak[]> {
  const s = b.open();
  try {
    await s.migrate();
    return verifyAudit(await s.auditRecords()).breaks;
  } finally {
    await s.close();
  }
}

const MARK = { table: 'acta_caught_up', id: ELECTION.id, reason: 'changed' };
const T = `acta_caught_up WHERE election = '${ELECTION.id}'`;
const SET = (change: string): string =>
  `UPDATE acta_caught_up SET ${change} WHERE election = '${ELECTION.id}'`;

/**
 * Each edit (then an import of another mesa, where `then` names it), then its undoing: the break
 * while it stands, none once undone. The last has no undoing: the later import's entry pinned the
 * edited marks, so restoring them is a break too.
 */
const TAMPERS: readonly { name: string; edit: string; then?: string; undo?: string }[] = [
  {
    name: 'a mark added',
    edit: `INSERT INTO acta_caught_up (election, mesa, version, import_id) SELECT election, '000002', 2, import_id FROM ${T}`,
    undo: `DELETE FROM ${T} AND mesa = '000002'`,
  },
  {
    name: 'a mark removed',
    edit: `CREATE TABLE kept AS SELECT * FROM ${T}; DELETE FROM ${T}`,
    undo: 'INSERT INTO acta_caught_up SELECT * FROM kept; DROP TABLE kept',
  },
  {
    name: "a mark's import altered",
    edit: SET('import_id = import_id - 1'),
    undo: SET('import_id = import_id + 1'),
  },
  {
    name: "a mark's version altered",
    edit: SET('version = 1'),
    undo: SET('version = 2'),
  },
  {
    name: 'a mark removed, then a later import (not laundered by it)',
    edit: `DELETE FROM ${T}`,
    then: '000003',
  },
];

/**
 * The store as the build before this change left it: each import entry's detail without the
 * catch-up member (the bytes it wrote), the log chained again from the first entry as it chained.
 */
async function withoutMarksInLog(b: Backend): Promise<void> {
  const rows = await b.exec('SELECT * FROM audit_log ORDER BY seq');
  await b.exec('DELETE FROM audit_log');
  let last: LogEntry | null = null;
  for (const r of rows) {
    let detail = r['detail'] as string;
    if (r['kind'] === 'import') {
      const { caughtUp, ...before } = JSON.parse(detail) as ImportDetail;
      expect(caughtUp).toBeDefined();
      detail = JSON.stringify(before);
    }
    const e: LogEntry = nextEntry(
      last,
      r['kind'] as LogEntry['kind'],
      r['subject'] as string,
      detail,
      r['at'] as string,
    );
    const q = (x: string): string => `'${x.replaceAll("'", "''")}'`;
    await b.exec(
      `INSERT INTO audit_log (seq, kind, subject, detail, at, hash) VALUES (${e.seq}, ${q(e.kind)}, ${q(e.subject)}, ${q(e.detail)}, ${q(e.at)}, ${q(e.hash)})`,
    );
    last = e;
  }
}

function suite(name: string, backend: () => Promise<Backend & { end?: () => Promise<void> }>) {
  describe(`${name}: the catch-up marks under the audit`, () => {
    it('an untouched store verifies; each mark edited behind cifra is a break', async () => {
      const b = await backend();
      try {
        await written(b);
        expect(await b.exec(`SELECT mesa, version FROM ${T}`)).toEqual([
          { mesa: '000001', version: 2 },
        ]);
        expect(await breaks(b)).toEqual([]);
        for (const t of TAMPERS) {
          await b.exec(t.edit);
          if (t.then !== undefined) {
            const s = b.open();
            await s.migrate();
            await importActas(s, [acta(t.then)], 'i3');
            await s.close();
          }
          expect(await breaks(b), t.name).toEqual([expect.objectContaining(MARK)]);
          if (t.undo === undefined) continue;
          await b.exec(t.undo);
          expect(await breaks(b), `${t.name}, undone`).toEqual([]);
        }
      } finally {
        await b.end?.();
      }
    });

    it('a store whose import entries predate the marks verifies; its next import pins them', async () => {
      const b = await backend();
      try {
        await written(b);
        await withoutMarksInLog(b);
        expect(await breaks(b)).toEqual([]);
        const s = b.open();
        await s.migrate();
        await importActas(s, [reopened('000001')], 'i3');
        await s.close();
        expect(await breaks(b)).toEqual([]);
        await b.exec(`DELETE FROM ${T}`);
        expect(await breaks(b)).toEqual([expect.objectContaining(MARK)]);
        // as `cifra audit verify`, `audit head` and `publish` give it: the coded issue, no head
        const s2 = b.open();
        try {
          expect(await verifiedHead(s2)).toEqual({
            ok: false,
            issues: [
              {
                code: 'audit_chain_broken',
                severity: 'error',
                path: ['acta_caught_up', ELECTION.id],
                details: expect.objectContaining({ reason: 'changed' }),
              },
            ],
          });
        } finally {
          await s2.close();
        }
      } finally {
        await b.end?.();
      }
    });
  });
}

suite('SQLite', async () => {
  const path = join(tempDir('cifra-marks-'), 'store.db');
  return {
    open: () => new SqliteStore(path),
    exec: async (sql) => {
      const raw = new Database(path);
      try {
        const head = sql.trimStart().toUpperCase();
        if (head.startsWith('SELECT')) return raw.prepare(sql).all() as Record<string, unknown>[];
        raw.exec(sql);
        return [];
      } finally {
        raw.close();
      }
    },
  };
});

suite('PostgreSQL', async () => {
  const url = await freshDatabase('cifra_marks');
  const raw = new pg.Client({ connectionString: url });
  let connected = false;
  return {
    open: () => new PgStore(url),
    exec: async (sql) => {
      if (!connected) await raw.connect();
      connected = true;
      return (await raw.query(sql)).rows as Record<string, unknown>[];
    },
    end: async () => {
      if (connected) await raw.end();
    },
  };
});
