// The SQLite store's audit: the log appended inside each write transaction, and the records an
// audit reads (every table as of one moment).
import type Database from 'better-sqlite3';
import { VersionChainCheck, type ChainedVersion } from '../audit.js';
import { appendLogSync, logImportSync, type AuditDriver } from '../audit-append.js';
import {
  CAUGHT_UP_SQL,
  caughtUpOf,
  headOf,
  type AuditHead,
  type AuditRecords,
  type PlaceRow,
  type PublishedText,
  versionPositions,
} from '../audit-log.js';
import { electionOf, importOf, logEntryOf, projectionOf, quarantineOf, type Row } from '../rows.js';
import type { ImportRecord, LogEntry, LogKind } from '../records.js';
import { chained } from './acta-versions.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

/** The audit append's reads and writes on one connection, inside its write transaction. */
function auditDriver(db: Database.Database): AuditDriver {
  return {
    lastEntry: () =>
      (db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined) ?? null,
    insertEntry: (e) => {
      db.prepare(
        'INSERT INTO audit_log (seq, kind, subject, detail, at, hash) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(e.seq, e.kind, e.subject, e.detail, e.at, e.hash);
    },
    versionChain: () => {
      const head = db
        .prepare(
          'SELECT (SELECT COUNT(*) FROM acta_versions) AS n, (SELECT hash FROM acta_versions ORDER BY id DESC LIMIT 1) AS h',
        )
        .get() as Row;
      return { count: head['n'] as number, head: (head['h'] as string | null) ?? null };
    },
    quarantineOf: (importId) =>
      (db.prepare('SELECT * FROM quarantine WHERE import_id = ?').all(importId) as Row[]).map(
        quarantineOf,
      ),
    placesOf: (election) =>
      db.prepare('SELECT * FROM places WHERE election = ?').all(election) as PlaceRow[],
    caughtUpOf: (election) =>
      (db.prepare(`${CAUGHT_UP_SQL} WHERE election = ?`).all(election) as Row[]).map(caughtUpOf),
  };
}

/** Appends an entry to the audit log, inside the caller's write transaction. */
export function appendLog(
  db: Database.Database,
  kind: LogKind,
  subject: string,
  detail: string,
  at: string,
): void {
  appendLogSync(auditDriver(db), kind, subject, detail, at);
}

/** The import's log entry (audit-append.ts), inside the import's write transaction. */
export function logImport(db: Database.Database, record: ImportRecord, hash: string): void {
  logImportSync(auditDriver(db), record, hash);
}

export function publishedText(db: Database.Database, election: string): PublishedText {
  const units = db
    .prepare('SELECT level, code, doc FROM published_units WHERE election = ?')
    .all(election) as { level: string; code: string; doc: string }[];
  const seats = db.prepare('SELECT doc FROM published_seats WHERE election = ?').get(election) as
    { doc: string } | undefined;
  return { election, units, seats: seats?.doc ?? null };
}

const VERSIONS_SQL = 'SELECT * FROM acta_versions ORDER BY id';

const chainedVersion = (r: Row): ChainedVersion => ({
  ...chained(r),
  id: r['id'] as number,
  isCurrent: r['is_current'] === 1,
  conflict: r['conflict'] === 1,
  hash: (r['hash'] as string | null) ?? null,
});

function chainedImports(
  db: Database.Database,
): (ImportRecord & { readonly hash: string | null })[] {
  return (db.prepare('SELECT * FROM imports ORDER BY id').all() as Row[]).map((r) => ({
    ...importOf(r),
    hash: (r['hash'] as string | null) ?? null,
  }));
}

/** Both hash chains as stored: every version and every import, with their hashes. */
export function chainsOf(db: Database.Database): {
  versions: ChainedVersion[];
  imports: (ImportRecord & { readonly hash: string | null })[];
} {
  const versions = (db.prepare(VERSIONS_SQL).all() as Row[]).map(chainedVersion);
  return { versions, imports: chainedImports(db) };
}

/** Every record an audit checks, in one read transaction: every table as of the same moment. */
export function auditRecordsOf(db: Database.Database): AuditRecords {
  return db.transaction(() => {
    const all = (sql: string): Row[] => db.prepare(sql).all() as Row[];
    const log = all('SELECT * FROM audit_log ORDER BY seq').map(logEntryOf);
    // Each row is folded and dropped as it is read: the versions are most of the store.
    const versions = new VersionChainCheck(versionPositions(log));
    for (const r of db.prepare(VERSIONS_SQL).iterate() as IterableIterator<Row>)
      versions.add(chainedVersion(r));
    const published = (
      all(
        'SELECT election FROM published_units UNION SELECT election FROM published_seats',
      ) as Row[]
    ).map((r) => publishedText(db, r['election'] as string));
    return {
      versions: versions.result(),
      imports: chainedImports(db),
      log,
      elections: all('SELECT * FROM elections ORDER BY id').map(electionOf),
      quarantine: all('SELECT * FROM quarantine').map(quarantineOf),
      places: all('SELECT * FROM places') as unknown as PlaceRow[],
      caughtUp: all(CAUGHT_UP_SQL).map(caughtUpOf),
      published,
      projections: all('SELECT * FROM projections').map(projectionOf),
      migrations: all(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      ) as unknown as {
        version: number;
        name: string;
      }[],
      knownMigrations: SQLITE_MIGRATIONS,
    };
  })();
}

/** The audit log's entries from `seq` on, in order (a publish verifies the suffix after its last head). */
export function auditLogFromOf(db: Database.Database, seq: number): LogEntry[] {
  return (db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as Row[]).map(
    logEntryOf,
  );
}

/** The audit log's last entry. */
export function auditHeadOf(db: Database.Database): AuditHead {
  return headOf(
    (db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').all() as Row[]).map(
      logEntryOf,
    ),
  );
}
