// Vitest global setup: a real PostgreSQL for the store tests. Uses $CIFRA_TEST_PG_URL when set
// (.ci/run starts one and sets it); otherwise starts a throwaway server (scripts/lib/pg-server.ts)
// and stops it after. Without PostgreSQL the run fails with a message: it never skips.
// On a given server the run drops, when it ends, the databases and roles carrying its own random
// mark; first, on a server of this machine, those of runs that were killed here (test/pg-names.ts).
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/lib/pg-server.js';
import { newRunMark, runOf } from './pg-names.js';
import { ownerGone, ownerNote, processTable } from './run-owner.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** The mark in the names of this run's databases and roles (test/pg-names.ts). */
    pgRunMark: string;
    /** The note on this run's databases, naming its process (run-owner.ts, ownerNote); '' if none. */
    pgRunOwner: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mark = newRunMark();
  const table = processTable();
  project.provide('pgRunMark', mark);
  project.provide('pgRunOwner', table === null ? '' : ownerNote(table, process.pid));
  const given = process.env['CIFRA_TEST_PG_URL'];
  if (given !== undefined && given !== '') {
    project.provide('pgUrl', given);
    // a process table tells only of this machine's runs: another's server may hold its live runs'
    if (table !== null && onThisMachine(given))
      await dropKilledRuns(given, (note) => ownerGone(note, table));
    return () => dropRun(given, mark);
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
 * Drops the databases, then the roles, carrying `mark`: this run's, at its end, its workers gone.
 * `WITH (FORCE)` ends connections a test left open (PostgreSQL 13+).
 */
async function dropRun(url: string, mark: string): Promise<void> {
  await withClient(url, async (c) => {
    const dbs = (await c.query<{ name: string }>('SELECT datname AS name FROM pg_database')).rows;
    for (const { name } of dbs)
      if (runOf(name) === mark)
        await warnOnFailure(c, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropRoles(c, new Set([mark]));
  });
}

/**
 * Drops the test databases whose note says their run is gone (`gone`), then those runs' roles.
 * Not forced: a database still in use (a killed run's worker that lingers) is left for later.
 * A database with no note, or whose run cannot be judged from here, is never touched.
 */
async function dropKilledRuns(url: string, gone: (note: string | null) => boolean): Promise<void> {
  await withClient(url, async (c) => {
    const sql = `SELECT datname AS name, shobj_description(oid, 'pg_database') AS note FROM pg_database`;
    const dbs = (await c.query<{ name: string; note: string | null }>(sql)).rows;
    const marks = new Set<string>();
    for (const { name, note } of dbs) {
      const mark = runOf(name);
      if (mark === null || !gone(note)) continue;
      marks.add(mark);
      await warnOnFailure(c, `DROP DATABASE IF EXISTS ${name}`);
    }
    await dropRoles(c, marks);
  });
}

async function dropRoles(c: pg.Client, marks: Set<string>): Promise<void> {
  const roles = (await c.query<{ name: string }>('SELECT rolname AS name FROM pg_roles')).rows;
  for (const { name } of roles) {
    const mark = runOf(name);
    if (mark !== null && marks.has(mark)) await warnOnFailure(c, `DROP ROLE IF EXISTS ${name}`);
  }
}

async function withClient(url: string, work: (c: pg.Client) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await work(c);
  } finally {
    await c.end();
  }
}

/** Failures are warnings: a run's result is its tests'. */
async function warnOnFailure(c: pg.Client, sql: string): Promise<void> {
  try {
    await c.query(sql);
  } catch (error) {
    console.warn(`test PostgreSQL cleanup: ${sql}: ${(error as Error).message}`);
  }
}
