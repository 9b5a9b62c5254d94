import { PgStore } from './postgres/pg-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** `--db`: a SQLite file path (the default), or a postgres:// / postgresql:// connection URL. */
export function openStore(db: string): Store {
  return /^postgres(ql)?:\/\//.test(db) ? new PgStore(db) : new SqliteStore(db);
}
