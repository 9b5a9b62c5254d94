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
  const code = codeOf(e);
  // SQLITE_FULL (sqlite.org/rescode.html#full), ENOSPC and EDQUOT (a quota), PostgreSQL's 53100
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === '53100')
    return issue('disk_full', ['store'], { reason: code });
  return null;
}
