// Names of what the tests make on PostgreSQL (databases, roles): `<prefix>_t<pid>_<12 hex>`, pid
// being the vitest run's (the main process: test/pg-global-setup.ts gives it to the workers). A
// developer's server is long-lived and shared by every checkout and run on the machine, so the
// run's teardown drops its own by that mark, the next run those of runs that were killed, and
// nothing else is ever touched (331 databases had piled up before).

/** The mark of the run with this pid, in every name the run makes. */
export function runMark(pid: number): string {
  return `t${pid}`;
}

/** `<prefix>_<mark>_<12 hex>`: a database's name (identifiers stay under PostgreSQL's 63). */
const TEST_NAME = /^[a-z][a-z0-9_]*_t(\d+)_[0-9a-f]{12}$/;

/** The pid of the run that made the database or role named `name`; null when no test's. */
export function runOf(name: string): number | null {
  const m = TEST_NAME.exec(name);
  return m === null ? null : Number(m[1]);
}

/** A test database's name: `prefix`, the run's mark, `hex` (12 random hex digits). */
export function testDatabaseName(prefix: string, mark: string, hex: string): string {
  return `${prefix}_${mark}_${hex}`;
}

/**
 * A role's name for the test database at `url`: `prefix` and the database's mark and hex, so it
 * goes with the run's databases (a role is the server's, not the database's: it outlives it).
 */
export function testRoleName(url: string, prefix: string): string {
  const db = new URL(url).pathname.slice(1);
  const tail = /_(t\d+_[0-9a-f]{12})$/.exec(db);
  if (tail === null) throw new Error(`not a test database: ${db}`);
  return `${prefix}_${tail[1]}`;
}
