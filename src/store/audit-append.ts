// Appending to the audit log (audit-log.ts), once for every store: the entry follows the chain's
// head, and an import's entry pins its record's hash, the version chain's length and head, its
// quarantine, the election's places and its catch-up marks. A store gives a small driver that reads and inserts inside
// the write transaction of the act it logs. SQLite's transactions are synchronous and PostgreSQL's
// are not, so the steps are a generator that a synchronous or an asynchronous runner drives.
import { GENESIS } from './audit.js';
import {
  caughtUpDigest,
  nextEntry,
  placesDigest,
  quarantineDigest,
  type CaughtUpRow,
  type ImportDetail,
  type PlaceRow,
} from './audit-log.js';
import type { ImportRecord, LogEntry, LogKind, QuarantineText } from './records.js';

type Awaitable<T> = T | Promise<T>;

/** What the append reads and writes, inside the caller's write transaction. */
export interface AuditDriver {
  /** The log's last entry, or null when the log is empty. */
  lastEntry(): Awaitable<Pick<LogEntry, 'seq' | 'hash'> | null>;
  insertEntry(e: LogEntry): Awaitable<void>;
  /** How many acta versions are stored and the last one's hash (null: none). */
  versionChain(): Awaitable<{ readonly count: number; readonly head: string | null }>;
  quarantineOf(importId: number): Awaitable<readonly QuarantineText[]>;
  placesOf(election: string): Awaitable<readonly PlaceRow[]>;
  /** The election's catch-up marks (acta_caught_up), this import's included. */
  caughtUpOf(election: string): Awaitable<readonly CaughtUpRow[]>;
}

type Steps<T> = Generator<unknown, T, unknown>;

/** One driver call as a step: the runner hands back what it gives (a promise's value when async). */
function* step<T>(value: Awaitable<T>): Steps<T> {
  return (yield value) as T;
}

function* appendSteps(
  d: AuditDriver,
  kind: LogKind,
  subject: string,
  detail: string,
  at: string,
): Steps<void> {
  const last = yield* step(d.lastEntry());
  yield* step(d.insertEntry(nextEntry(last, kind, subject, detail, at)));
}

function* importSteps(d: AuditDriver, record: ImportRecord, hash: string): Steps<void> {
  const versions = yield* step(d.versionChain());
  const quarantine = yield* step(d.quarantineOf(record.id));
  const places = yield* step(d.placesOf(record.election));
  const marks = yield* step(d.caughtUpOf(record.election));
  // the key order is the detail's bytes, which the chain hashes: that of ImportDetail
  const detail: ImportDetail = {
    import: hash,
    versions: versions.count,
    versionHead: versions.head ?? GENESIS,
    quarantine: quarantineDigest(quarantine),
    places: placesDigest(places),
    caughtUp: { count: marks.length, digest: caughtUpDigest(marks) },
  };
  const at = record.finishedAt ?? record.startedAt;
  yield* appendSteps(d, 'import', String(record.id), JSON.stringify(detail), at);
}

function runSync<T>(steps: Steps<T>): T {
  for (let r = steps.next(); ;) {
    if (r.done === true) return r.value;
    if (r.value instanceof Promise) throw new Error('a synchronous audit driver gave a promise');
    r = steps.next(r.value);
  }
}

async function runAsync<T>(steps: Steps<T>): Promise<T> {
  for (let r = steps.next(); ;) {
    if (r.done === true) return r.value;
    r = steps.next(await r.value);
  }
}

/** Appends an entry after the log's head (SQLite: inside the caller's write transaction). */
export const appendLogSync = (
  d: AuditDriver,
  kind: LogKind,
  subject: string,
  detail: string,
  at: string,
): void => runSync(appendSteps(d, kind, subject, detail, at));

/** The same, for a driver whose reads and writes are asynchronous (PostgreSQL). */
export const appendLogAsync = (
  d: AuditDriver,
  kind: LogKind,
  subject: string,
  detail: string,
  at: string,
): Promise<void> => runAsync(appendSteps(d, kind, subject, detail, at));

/** An import's log entry, at its end (finishedAt; startedAt if it has none). */
export const logImportSync = (d: AuditDriver, record: ImportRecord, hash: string): void =>
  runSync(importSteps(d, record, hash));

export const logImportAsync = (d: AuditDriver, record: ImportRecord, hash: string): Promise<void> =>
  runAsync(importSteps(d, record, hash));
