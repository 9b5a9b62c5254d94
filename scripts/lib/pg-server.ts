// A throwaway PostgreSQL server from the Debian binaries (initdb + pg_ctl; Unix socket only; run
// as the postgres user when the caller is root, since initdb refuses root). Used by the test
// global setup and the reliability/load benchmarks when $CIFRA_TEST_PG_URL is not given.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions)
    if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  throw new Error(
    'PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, or set CIFRA_TEST_PG_URL',
  );
}

export interface PgServer {
  readonly url: string;
  stop(): void;
  /** The same without blocking the event loop (vitest's global teardown: see below). */
  stopAsync(): Promise<void>;
}

/** A server binary's command line, as the postgres user when the caller is root. */
function pgArgv(bin: string, cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
    : [join(bin, cmd), args];
}

export function startPostgres(port = 20000 + (process.pid % 20000)): PgServer {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'cifra-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const argv = (cmd: string, args: string[]): [string, string[]] => pgArgv(bin, cmd, args);
  const run = (cmd: string, args: string[]): void => {
    execFileSync(...argv(cmd, args), { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses= -c max_connections=200`,
    'start',
  ]);
  // immediate: the folder is removed next, so no shutdown checkpoint. A fast stop wrote one: 46 s
  // under load after the store tests, with vitest's event loop blocked meanwhile, which it then
  // reported as "Timeout terminating forks worker" for a worker that had exited at once
  const stopArgs = ['-D', data, '-m', 'immediate', 'stop'];
  return {
    url: `postgresql://postgres@localhost/postgres?host=${dir}&port=${port}`,
    stop: () => {
      try {
        run('pg_ctl', stopArgs);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    stopAsync: async () => {
      try {
        await promisify(execFile)(...argv('pg_ctl', stopArgs));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Stops the servers startPostgres left under `dir` (a killed test run never reached its stop):
 * left running they keep their port, the one a later run whose pid matches it modulo 20000 asks
 * for. Best effort: a server already gone is not an error.
 */
export function stopLeftPostgres(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith('cifra-pg-'));
  } catch {
    return;
  }
  for (const name of names) {
    const data = join(dir, name, 'data');
    if (!existsSync(join(data, 'postmaster.pid'))) continue;
    try {
      execFileSync(...pgArgv(postgresBinDir(), 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), {
        stdio: 'pipe',
      });
    } catch {
      // not running (a stale postmaster.pid) or not ours to stop
    }
  }
}
