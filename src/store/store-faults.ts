import { issue, type Issue } from '../core/issues.js';

/** An error's code: SQLite's (`SQLITE_FULL`), Node's (`ENOSPC`) or PostgreSQL's SQLSTATE. */
const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null ? String((e as { code?: unknown }).code ?? '') : '';

/**
 * A fault of the machine under the store or the output, not of cifra nor of the input, as a coded
 * issue (docs/errors.md); null for anything else, which stays a bug. A transaction that met it
 * was rolled back by SQLite or PostgreSQL, so nothing is half-written.
 */
export function storeFault(e: unknown): Issue | null {
  // a read's 42501 (readFault below); a write's is store_read_only
  if (e instanceof StoreReadDenied)
    return issue('store_read_denied', ['store'], { reason: e.reason });
  const code = codeOf(e);
  // SQLITE_FULL (sqlite.org/rescode.html#full), ENOSPC and EDQUOT (a quota), PostgreSQL's 53100
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === '53100')
    return issue('disk_full', ['store'], { reason: code });
  // SQLITE_READONLY and its extended codes (a file or directory without write permission, a
  // read-only mount), EROFS; PostgreSQL's 25006 (a read-only transaction: a hot standby,
  // default_transaction_read_only) and 42501 (a role without the grant to write; a read's is
  // StoreReadDenied, above): a write to a store that can only be read
  // (postgresql.org/docs/current/errcodes-appendix.html)
  const readOnly = code === 'EROFS' || code === '25006' || code === '42501';
  if (code.startsWith('SQLITE_READONLY') || readOnly)
    return issue('store_read_only', ['store'], { reason: code });
  // the file or its -shm cannot be opened: a WAL store on read-only media, a directory, no access
  if (code.startsWith('SQLITE_CANTOPEN'))
    return issue('store_cannot_open', ['store'], { reason: code });
  if (e instanceof StoreTooNewError)
    return issue('store_too_new', ['store'], { store: e.storeVersion, known: e.knownVersion });
  return null;
}

/**
 * A read the store refused: PostgreSQL's 42501 (insufficient_privilege) on a SELECT, a role
 * without the grant to read. Told apart from a write's 42501 by where it is raised (the PostgreSQL
 * store's reads, readFault), since the SQLSTATE is the same.
 */
export class StoreReadDenied extends Error {
  readonly code = 'CIFRA_STORE_READ_DENIED';
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`the store refused a read (${reason}): the role may not read cifra's tables`, options);
  }
}

/** Rethrows a read's error: a refused grant as StoreReadDenied, anything else as it is. */
export function readFault(e: unknown): never {
  if (codeOf(e) === '42501') throw new StoreReadDenied('42501', { cause: e });
  throw e;
}

/** A store written by a newer cifra (its schema has migrations this one does not know). */
export class StoreTooNewError extends Error {
  readonly code = 'CIFRA_STORE_TOO_NEW';
  constructor(
    readonly storeVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `the store's schema is at version ${storeVersion}; this cifra knows up to ${knownVersion}`,
    );
  }
}

/** A read-only store whose schema lacks migrations this cifra would apply (it cannot). */
export class StoreNeedsMigration extends Error {
  readonly code = 'SQLITE_READONLY';
  constructor(readonly missing: readonly number[]) {
    super(`the store is read-only and lacks migrations ${missing.join(', ')}`);
  }
}

/**
 * Checks the store's applied migrations before any is run: a version above the known ones is a
 * newer cifra's store (refused: reading it as ours could misread or corrupt it, review 8).
 */
export function checkSchemaVersions(applied: Iterable<number>, known: readonly number[]): void {
  const top = Math.max(0, ...known);
  const storeTop = Math.max(0, ...applied);
  if (storeTop > top) throw new StoreTooNewError(storeTop, top);
}
