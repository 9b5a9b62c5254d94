// Names of what the tests make on PostgreSQL (databases, roles): `<prefix>_r<16 hex>_<12 hex>`,
// the first hex being the vitest run's random token (test/pg-global-setup.ts makes it and gives it
// to the workers). A developer's server is long-lived and shared by every checkout, container and
// run that reaches it, so a run's teardown drops only the names with its own token: a pid would
// not do, as runs in separate containers share the same small pids.
// A killed run never reaches its teardown. Its databases carry a note of the process that owned
// them (test/run-owner.ts: boot id, pid namespace, pid, start time), and a later run drops them
// only when that note says, beyond doubt, that the owner was on this machine and is gone.
import { randomBytes } from 'node:crypto';

/** A fresh mark for a run: in every name the run makes, and in no other run's. */
export function newRunMark(): string {
  return `r${randomBytes(8).toString('hex')}`;
}

/** `<prefix>_<mark>_<12 hex>`: a test database's or role's name. */
const TEST_NAME = /^[a-z][a-z0-9_]*_(r[0-9a-f]{16})_[0-9a-f]{12}$/;

/** PostgreSQL's identifiers keep their first 63 bytes: a longer name would lose its hex. */
const MAX_IDENTIFIER = 63;

/** The mark of the run that made the database or role named `name`; null when no test's. */
export function runOf(name: string): string | null {
  return TEST_NAME.exec(name)?.[1] ?? null;
}

/** A test database's name: `prefix`, the run's mark, `hex` (12 random hex digits). */
export function testDatabaseName(prefix: string, mark: string, hex: string): string {
  return checked(`${prefix}_${mark}_${hex}`);
}

/**
 * A role's name for the test database at `url`: `prefix` and the database's mark and hex, so it
 * goes with the run's databases (a role is the server's, not the database's: it outlives it).
 */
export function testRoleName(url: string, prefix: string): string {
  const db = new URL(url).pathname.slice(1);
  const tail = /_(r[0-9a-f]{16}_[0-9a-f]{12})$/.exec(db);
  if (tail === null) throw new Error(`not a test database: ${db}`);
  return checked(`${prefix}_${tail[1]}`);
}

function checked(name: string): string {
  if (runOf(name) === null) throw new Error(`not a test name: ${name}`);
  if (Buffer.byteLength(name) > MAX_IDENTIFIER)
    throw new Error(`test name over PostgreSQL's ${MAX_IDENTIFIER} bytes: ${name}`);
  return name;
}
