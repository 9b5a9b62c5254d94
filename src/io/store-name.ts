// A store's name: which backend a --db names, and how a report may print it.

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

/**
 * A store's name fit to print or write in a report: a PostgreSQL URL without its user and
 * password (a report is shared; the credentials are not), a SQLite path as it is.
 */
export function storeName(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const u = new URL(db);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
