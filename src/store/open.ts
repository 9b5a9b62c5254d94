import { PgStore } from './postgres/pg-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * `--db`: a SQLite file path (the default), or a postgres:// / postgresql:// connection URL.
 * `busyMs`: how long an import waits for another's write lock (then store_busy), on either backend.
 */
export function openStore(db: string, busyMs?: number): Store {
  return /^postgres(ql)?:\/\//.test(db) ? new PgStore(db, busyMs) : new SqliteStore(db, busyMs);
}
