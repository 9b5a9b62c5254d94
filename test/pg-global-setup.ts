// Vitest global setup: a real PostgreSQL for the store tests. Uses $CIFRA_TEST_PG_URL when set
// (.ci/run starts one and sets it); otherwise starts a throwaway server (scripts/lib/pg-server.ts)
// and stops it after. Without PostgreSQL the run fails with a message: it never skips.
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/lib/pg-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const given = process.env['CIFRA_TEST_PG_URL'];
  if (given !== undefined && given !== '') {
    project.provide('pgUrl', given);
    return async () => {};
  }
  const server = startPostgres();
  project.provide('pgUrl', server.url);
  // not blocking vitest's event loop while the server stops (scripts/lib/pg-server.ts, stopAsync)
  return () => server.stopAsync();
}
