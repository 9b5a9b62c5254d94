// Vitest global setup: a real PostgreSQL for the store tests. Uses $CIFRA_TEST_PG_URL when set
// (.ci/run starts Debian's server and sets it); otherwise starts a throwaway cluster from the
// Debian binaries (initdb + pg_ctl, Unix socket only, as the postgres user when run as root) and
// stops it after. Without PostgreSQL binaries the run fails with a message: it never skips.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions)
    if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  throw new Error(
    'PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, or set CIFRA_TEST_PG_URL',
  );
}

export default function setup(project: TestProject): () => void {
  const given = process.env['CIFRA_TEST_PG_URL'];
  if (given !== undefined && given !== '') {
    project.provide('pgUrl', given);
    return () => {};
  }
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'cifra-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    if (asRoot)
      execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' });
    else execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = 20000 + (process.pid % 20000);
  run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses= -c fsync=off -c max_connections=200`,
    'start',
  ]);
  project.provide('pgUrl', `postgresql://postgres@localhost/postgres?host=${dir}&port=${port}`);
  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
