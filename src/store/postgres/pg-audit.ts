// The PostgreSQL store's audit: the log appended under LOG_LOCK inside each write transaction, and
// the records an audit reads (every table as of one moment).
import type pg from 'pg';
import { VersionChainCheck, type ChainedVersion } from '../audit.js';
import { appendLogAsync, logImportAsync, type AuditDriver } from '../audit-append.js';
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
import { PG_MIGRATIONS } from './migrations.js';
import { chained, type Query } from './pg-rows.js';

/** Appends to the audit log are serialised on this one, held only while appending. */
export const LOG_LOCK = 7_261_2022;

/** The audit append's reads and writes on one connection, inside its write transaction. */
function auditDriver(q: Query): AuditDriver {
  return {
    lastEntry: async () =>
      ((await q('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0] as
        { seq: number; hash: string } | undefined) ?? null,
    insertEntry: async (e) => {
      await q(
        'INSERT INTO audit_log (seq, kind, subject, detail, at, hash) VALUES ($1, $2, $3, $4, $5, $6)',
        [e.seq, e.kind, e.subject, e.detail, e.at, e.hash],
      );
    },
    versionChain: async () => {
      const head = (
        await q(
          'SELECT (SELECT COUNT(*) FROM acta_versions) AS n, (SELECT hash FROM acta_versions ORDER BY id DESC LIMIT 1) AS h',
        )
      ).rows[0] as Row;
      // COUNT(*) is a bigint, which pg reads as text
      return { count: Number(head['n']), head: (head['h'] as string | null) ?? null };
    },
    quarantineOf: async (importId) =>
      ((await q('SELECT * FROM quarantine WHERE import_id = $1', [importId])).rows as Row[]).map(
        quarantineOf,
      ),
    placesOf: async (election) =>
      (await q('SELECT * FROM places WHERE election = $1', [election])).rows as PlaceRow[],
    caughtUpOf: async (election) =>
      ((await q(`${CAUGHT_UP_SQL} WHERE election = $1`, [election])).rows as Row[]).map(caughtUpOf),
  };
}

/** Appends an entry to the audit log; the caller's transaction holds LOG_LOCK. */
export function appendLog(
  q: Query,
  kind: LogKind,
  subject: string,
  detail: string,
  at: string,
): Promise<void> {
  return appendLogAsync(auditDriver(q), kind, subject, detail, at);
}

/** The import's log entry (audit-append.ts): taken under LOG_LOCK inside the import. */
export async function logImport(q: Query, record: ImportRecord, hash: string): Promise<void> {
  await q('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
  await logImportAsync(auditDriver(q), record, hash);
}

export async function publishedText(q: Query, election: string): Promise<PublishedText> {
  const units = (
    await q('SELECT level, code, doc FROM published_units WHERE election = $1', [election])
  ).rows as { level: string; code: string; doc: string }[];
  const seats = (await q('SELECT doc FROM published_seats WHERE election = $1', [election]))
    .rows[0] as { doc: string } | undefined;
  return { election, units, seats: seats?.doc ?? null };
}

const chainedVersion = (r: Row): ChainedVersion => ({
  ...chained(r),
  id: r['id'] as number,
  isCurrent: r['is_current'] === true,
  conflict: r['conflict'] === true,
  hash: (r['hash'] as string | null) ?? null,
});

async function chainedImports(
  q: Query,
): Promise<(ImportRecord & { readonly hash: string | null })[]> {
  return ((await q('SELECT * FROM imports ORDER BY id')).rows as Row[]).map((r) => ({
    ...importOf(r),
    hash: (r['hash'] as string | null) ?? null,
  }));
}

/** Both hash chains as stored: every version and every import, with their hashes. */
export async function chainsOn(q: Query): Promise<{
  versions: ChainedVersion[];
  imports: (ImportRecord & { readonly hash: string | null })[];
}> {
  const versions = ((await q('SELECT * FROM acta_versions ORDER BY id')).rows as Row[]).map(
    chainedVersion,
  );
  return { versions, imports: await chainedImports(q) };
}

/** Folds every version into `check` in the order written, `page` rows at a time (keyset on id). */
async function foldVersions(q: Query, check: VersionChainCheck, page: number): Promise<void> {
  let after: unknown = null;
  for (;;) {
    const rows = (
      await q(
        'SELECT * FROM acta_versions WHERE $1::bigint IS NULL OR id > $1 ORDER BY id LIMIT $2',
        [after, page],
      )
    ).rows as Row[];
    for (const r of rows) check.add(chainedVersion(r));
    if (rows.length < page) return;
    after = (rows.at(-1) as Row)['id'];
  }
}

/**
 * Every record an audit checks, in one repeatable-read transaction: as of the same moment. The
 * versions are folded as read, `page` at a time (a test sets a small one to cross pages).
 */
export async function auditRecordsOf(pool: pg.Pool, page = 5000): Promise<AuditRecords> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const q: Query = (text, values) => c.query(text, values);
    const all = async (sql: string): Promise<Row[]> => (await q(sql)).rows as Row[];
    const log = (await all('SELECT * FROM audit_log ORDER BY seq')).map(logEntryOf);
    const versions = new VersionChainCheck(versionPositions(log));
    await foldVersions(q, versions, page);
    const published: PublishedText[] = [];
    for (const r of await all(
      'SELECT election FROM published_units UNION SELECT election FROM published_seats',
    ))
      published.push(await publishedText(q, r['election'] as string));
    const out: AuditRecords = {
      versions: versions.result(),
      imports: await chainedImports(q),
      log,
      elections: (await all('SELECT * FROM elections ORDER BY id')).map(electionOf),
      quarantine: (await all('SELECT * FROM quarantine')).map(quarantineOf),
      places: (await all('SELECT * FROM places')) as unknown as PlaceRow[],
      caughtUp: (await all(CAUGHT_UP_SQL)).map(caughtUpOf),
      published,
      projections: (await all('SELECT * FROM projections')).map(projectionOf),
      migrations: (await all(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      )) as unknown as { version: number; name: string }[],
      knownMigrations: PG_MIGRATIONS,
    };
    await c.query('COMMIT');
    return out;
  } finally {
    c.release();
  }
}

/** The audit log's entries from `seq` on, in order (a publish verifies the suffix after its last head). */
export async function auditLogFromOf(pool: pg.Pool, seq: number): Promise<LogEntry[]> {
  const r = await pool.query('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq', [seq]);
  return (r.rows as Row[]).map(logEntryOf);
}

/** The audit log's last entry. */
export async function auditHeadOf(pool: pg.Pool): Promise<AuditHead> {
  return headOf(
    ((await pool.query('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1')).rows as Row[]).map(
      logEntryOf,
    ),
  );
}
