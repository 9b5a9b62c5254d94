// What the byte-for-byte store tests compare: a SQLite store's stored rows as text.
import Database from 'better-sqlite3';

/** Versions, imports, quarantine, places and the log (without its time and hash), one line a row. */
export function dumpStore(db: string): string {
  const d = new Database(db, { readonly: true });
  // the log's entries without their time and hash: putElection stamps the clock's time
  const queries = [
    ...['acta_versions', 'imports', 'quarantine', 'places'].map(
      (t) => `SELECT * FROM ${t} ORDER BY 1, 2, 3`,
    ),
    'SELECT kind, subject, detail FROM audit_log ORDER BY seq',
  ];
  const out = queries.map((q) =>
    d
      .prepare(q)
      .raw(true)
      .all()
      .map((r) =>
        JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
      )
      .join('\n'),
  );
  d.close();
  return out.join('\n--\n');
}
