import Database from 'better-sqlite3';

/** The codes SQLite gives when a store it could read cannot be opened for writing. */
const readOnlyCode = (e: unknown): boolean =>
  /^SQLITE_(READONLY|CANTOPEN)/.test(String((e as { code?: unknown }).code ?? ''));

/**
 * The store's connection: read-write and configured by `configure`, or, when the file, folder or
 * mount is read-only, read-only (better-sqlite3 `readonly`), with only the settings that write
 * nothing; its writes then fail SQLITE_READONLY (store_read_only). A WAL store on read-only media
 * still fails to open without its -shm (store_cannot_open: the driver takes no `immutable=1` URI).
 */
export function openSqlite(
  path: string,
  configure: (db: Database.Database) => void,
  busyMs: number,
): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    configure(db);
    return db;
  } catch (e) {
    db?.close();
    if (!readOnlyCode(e) || path === ':memory:' || path === '') throw e;
  }
  const ro = new Database(path, { readonly: true, fileMustExist: true });
  try {
    ro.pragma('foreign_keys = ON');
    ro.pragma(`busy_timeout = ${Math.trunc(busyMs)}`);
    ro.pragma('cache_size = -65536');
    // the first read opens the -shm of a WAL store: fail here, not in the middle of a command
    ro.prepare('SELECT count(*) FROM sqlite_master').get();
    return ro;
  } catch (e) {
    ro.close();
    throw e;
  }
}
