import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { testDatabaseName } from './pg-names.js';

/**
 * A fresh, empty database on the test server; its URL. Named with the run's mark: the run's
 * global teardown drops it (test/pg-global-setup.ts), with the roles named by testRoleName;
 * if the run is killed, a later run on this machine does.
 */
export async function freshDatabase(prefix = 'cifra'): Promise<string> {
  const admin = inject('pgUrl');
  const name = testDatabaseName(prefix, inject('pgRunMark'), randomBytes(6).toString('hex'));
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
    // who made it, so that a later run drops it if this one is killed (run-owner.ts, ownerGone)
    const owner = inject('pgRunOwner');
    if (owner !== '') await c.query(`COMMENT ON DATABASE ${name} IS ${c.escapeLiteral(owner)}`);
  } finally {
    await c.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

export { testRoleName } from './pg-names.js';
