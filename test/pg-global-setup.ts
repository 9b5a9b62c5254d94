// Vitest global setup: a real PostgreSQL for the store tests. Uses $CIFRA_TEST_PG_URL when set
// (.ci/run starts one and sets it); otherwise starts a throwaway server (scripts/lib/pg-server.ts)
// and stops it after. Without PostgreSQL the run fails with a message: it never skips.
// On a given server the run drops, when it ends, the databases and roles it made, and first
// those left by runs that were killed (test/pg-names.ts: each name carries its run's pid).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/lib/pg-server.js';
import { runMark, runOf } from './pg-names.js';
import { pidAlive } from './tmp-global-setup.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** The mark in the names of this run's databases and roles (test/pg-names.ts). */
    pgRunMark: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('pgRunMark', runMark(process.pid));
  const given = process.env['CIFRA_TEST_PG_URL'];
  if (given !== undefined && given !== '') {
    project.provide('pgUrl', given);
    // a pid means something only on this machine: another's server may hold its live runs'
    if (onThisMachine(given)) await dropTestObjects(given, (pid) => !pidAlive(pid), false);
    return () => dropTestObjects(given, (pid) => pid === process.pid, true);
  }
  const server = startPostgres();
  project.provide('pgUrl', server.url);
  // not blocking vitest's event loop while the server stops (scripts/lib/pg-server.ts, stopAsync)
  return () => server.stopAsync();
}

/** Whether the server at `url` is on this machine: a Unix socket or a loopback address. */
function onThisMachine(url: string): boolean {
  const u = new URL(url);
  const host = u.searchParams.get('host') ?? u.hostname;
  return host.startsWith('/') || ['localhost', '127.0.0.1', '[::1]', ''].includes(host);
}

/**
 * Drops the test databases, then the test roles, whose run's pid `ours` picks. `force` ends their
 * connections (the run's own, at its end: its workers are gone, PostgreSQL 13+); without it a
 * database still in use is left (a killed run's worker that lingers). Failures are warnings: a
 * run's result is its tests', and what is left here the next run drops.
 */
async function dropTestObjects(
  url: string,
  ours: (pid: number) => boolean,
  force: boolean,
): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const mine = (names: { name: string }[]): string[] =>
      names.map((r) => r.name).filter((n) => runOf(n) !== null && ours(runOf(n) as number));
    const dbs = mine((await c.query('SELECT datname AS name FROM pg_database')).rows);
    for (const db of dbs)
      await warnOnFailure(c, `DROP DATABASE IF EXISTS ${db}${force ? ' WITH (FORCE)' : ''}`);
    const roles = mine((await c.query('SELECT rolname AS name FROM pg_roles')).rows);
    for (const role of roles) await warnOnFailure(c, `DROP ROLE IF EXISTS ${role}`);
  } finally {
    await c.end();
  }
}

async function warnOnFailure(c: pg.Client, sql: string): Promise<void> {
  try {
    await c.query(sql);
  } catch (error) {
    console.warn(`test PostgreSQL cleanup: ${sql}: ${(error as Error).message}`);
  }
}
