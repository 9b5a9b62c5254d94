import { PgStore } from './postgres/pg-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * `--db`: a SQLite file path (the default), or a postgres:// / postgresql:// connection URL.
 * `sqliteBusyMs`: how long a SQLite import waits for another's write lock (then store_busy).
 */
export function openStore(db: string, sqliteBusyMs?: number): Store {
  return /^postgres(ql)?:\/\//.test(db) ? new PgStore(db) : new SqliteStore(db, sqliteBusyMs);
}
