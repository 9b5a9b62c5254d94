// The machine's faults under a store (review 8): a full disk is a coded `disk_full` (exit 1,
// HTTP 507), not an internal error (exit 70). The disk is really full here: SQLite stops at its
// `max_page_count` with SQLITE_FULL (sqlite.org/pragma.html#pragma_max_page_count), and Linux's
// /dev/full answers every write with ENOSPC; a tmpfs would need mount rights the CI lacks.
import { writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { exitCodeOf } from '../src/cli/program.js';
import { fixtureElection } from './helpers.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { storeFault } from '../src/store/store-faults.js';
import { onpeCsv, onpeRow } from './api-helpers.js';

const TOKEN = 'faults-token-77c1';
const MESAS = Array.from({ length: 600 }, (_, i) => onpeRow(String(i + 1).padStart(6, '0'), 30));

/** The error a real write to a full device gives. */
function enospc(): unknown {
  try {
    writeFileSync('/dev/full', 'x');
  } catch (e) {
    return e;
  }
  throw new Error('/dev/full accepted a write');
}

describe('a full disk', () => {
  let store: SqliteStore;
  let db: Database.Database;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
    const e = fixtureElection('pe-2021-presidencial');
    if (!e) throw new Error('election');
    await store.putElection(e);
    // a memory store writes its imports through this one connection: no page more than it has
    db = (store as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  });
  afterAll(async () => store.close());

  it('an upload is 507 disk_full; nothing of it is stored, and the store still answers', async () => {
    const app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
    try {
      const up = await app.inject({
        method: 'POST',
        url: '/api/v1/imports?election=pe-2021-presidencial&name=full.csv',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
        payload: onpeCsv(...MESAS),
      });
      expect([up.statusCode, up.json().error]).toEqual([507, 'disk_full']);
      expect(up.json().issues[0].details).toEqual({ reason: 'SQLITE_FULL' });
      expect(await store.listImports('pe-2021-presidencial')).toEqual([]);
      const read = await app.inject({ url: '/api/v1/elections' });
      expect(read.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('the CLI: disk_full, exit 1 with the hint, for SQLITE_FULL and for ENOSPC', () => {
    let full: unknown;
    try {
      db.exec('CREATE TABLE filler (x BLOB); INSERT INTO filler VALUES (zeroblob(1000000))');
    } catch (e) {
      full = e;
    }
    for (const [e, reason] of [
      [full, 'SQLITE_FULL'],
      [enospc(), 'ENOSPC'],
    ] as const) {
      expect(storeFault(e)).toMatchObject({ code: 'disk_full', details: { reason } });
      const err: string[] = [];
      expect(exitCodeOf(e, { out: () => {}, err: (s) => err.push(s) })).toBe(1);
      expect(err.join('\n')).toContain('disk_full');
      expect(err.join('\n')).toContain('free space');
    }
  });
});
