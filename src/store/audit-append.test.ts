import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendLogAsync,
  appendLogSync,
  logImportAsync,
  logImportSync,
  type AuditDriver,
} from './audit-append.js';
import type { ImportRecord, LogEntry } from './records.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

// The entries main's SQLite store wrote (src/store/sqlite/sqlite-audit.ts before the append was
// shared) for these inputs: a stored chain keeps verifying only while these bytes stay. Since the
// catch-up marks joined the log (session 33), an import's detail ends with their count and digest
// (SHA-256 of the sorted [mesa, version, import] triples), spelled out here, not taken from the
// code; the bytes before it are main's.
const MAIN_DETAIL =
  '{"import":"cc","versions":2,"versionHead":"bb","quarantine":"01a11ff3ec3dfcdaf8f736798c0c320bc8f653d1840b2a728a06874bf114c614","places":"8344101e8430cbde77c9e812cc70317427ae83f9daf159b9951d6d2131c4fb2c"';
const MARKS_DIGEST = sha256('[["000054",1,5],["000123",2,7]]');
const DETAIL = `${MAIN_DETAIL},"caughtUp":{"count":2,"digest":"${MARKS_DIGEST}"}}`;
const ELECTION_HASH = 'c232179c659384842c00193ccfad92eab1bb6cd83c44627e1a86dc130b70aa5a';
const WRITTEN: readonly LogEntry[] = [
  {
    seq: 1,
    kind: 'election',
    subject: 'e',
    detail: 'd1',
    at: '2026-04-12T00:00:00.000Z',
    hash: ELECTION_HASH,
  },
  {
    seq: 2,
    kind: 'import',
    subject: '7',
    detail: DETAIL,
    at: '2026-04-12T02:00:00.000Z',
    hash: sha256(
      ELECTION_HASH + JSON.stringify([2, 'import', '7', DETAIL, '2026-04-12T02:00:00.000Z']),
    ),
  },
];

const RECORD: ImportRecord = {
  id: 7,
  election: 'e',
  fileName: 'f.csv',
  sha256: 's',
  size: 1,
  format: 'onpe',
  mode: 'import',
  status: 'committed',
  startedAt: '2026-04-12T01:00:00.000Z',
  finishedAt: '2026-04-12T02:00:00.000Z',
};

/** A store in memory, as the SQLite one held it (two versions, two quarantined rows, two places, two marks). */
function memoryDriver(log: LogEntry[]): AuditDriver {
  return {
    lastEntry: () => log.at(-1) ?? null,
    insertEntry: (e) => void log.push(e),
    versionChain: () => ({ count: 2, head: 'bb' }),
    quarantineOf: (importId) => [
      {
        importId,
        row: 12,
        mesa: '000123',
        issues: '[{"code":"non_integer"}]',
        raw: '{"N_CVAS":"abc"}',
      },
      { importId, row: 3, mesa: null, issues: '[{"code":"missing_mesa"}]', raw: '{}' },
    ],
    placesOf: (election) => [
      { election, ubigeo: '150101', department: 'LIMA', province: 'LIMA', district: 'LIMA' },
      {
        election,
        ubigeo: '010101',
        department: 'AMAZONAS',
        province: 'CHACHAPOYAS',
        district: 'CHACHAPOYAS',
      },
    ],
    // out of key order, as a store may give them
    caughtUpOf: (election) => [
      { election, mesa: '000123', version: 2, importId: 7 },
      { election, mesa: '000054', version: 1, importId: 5 },
    ],
  };
}

/** The same, answering every call with a promise, as PostgreSQL's driver does. */
function promising(d: AuditDriver): AuditDriver {
  return {
    lastEntry: async () => d.lastEntry(),
    insertEntry: async (e) => d.insertEntry(e),
    versionChain: async () => d.versionChain(),
    quarantineOf: async (id) => d.quarantineOf(id),
    placesOf: async (election) => d.placesOf(election),
    caughtUpOf: async (election) => d.caughtUpOf(election),
  };
}

describe('the audit append', () => {
  it('writes the entries main wrote, synchronously', () => {
    const log: LogEntry[] = [];
    appendLogSync(memoryDriver(log), 'election', 'e', 'd1', '2026-04-12T00:00:00.000Z');
    logImportSync(memoryDriver(log), RECORD, 'cc');
    expect(log).toEqual(WRITTEN);
  });

  it('writes the same entries through an asynchronous driver', async () => {
    const log: LogEntry[] = [];
    const d = promising(memoryDriver(log));
    await appendLogAsync(d, 'election', 'e', 'd1', '2026-04-12T00:00:00.000Z');
    await logImportAsync(d, RECORD, 'cc');
    expect(log).toEqual(WRITTEN);
  });

  it('refuses an asynchronous driver where the transaction is synchronous', () => {
    const log: LogEntry[] = [];
    expect(() => logImportSync(promising(memoryDriver(log)), RECORD, 'cc')).toThrow(
      'a synchronous audit driver gave a promise',
    );
    expect(log).toEqual([]);
  });
});
