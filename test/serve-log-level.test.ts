// Review 8 MEDIUM 10: `cifra serve --log-level` / $CIFRA_LOG_LEVEL set the request log's level
// (default info: a line per request, as before).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/lib/reliability.js';
import { servedAt } from '../scripts/lib/served-at.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-log-level-');
const db = join(dir, 'log.db');
let bin = '';

beforeAll(async () => {
  const store = new SqliteStore(db);
  await store.migrate();
  await store.close();
  bin = await buildCli();
});

/** Runs `cifra serve` with these arguments and environment, reads two URLs, stops it: its log lines. */
async function logOf(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ level: number; msg?: string }[]> {
  const server = spawn(
    process.execPath,
    [bin, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  server.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise((r) => server.on('exit', r));
  const base = await servedAt(server);
  for (const url of ['/api/v1/site.json', '/api/v1/elections/nope/summary.json'])
    await (await fetch(`${base}${url}`)).arrayBuffer();
  server.kill('SIGTERM');
  await exited;
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg?: string });
}

const requestLines = (lines: { msg?: string }[]) =>
  lines.filter((l) => l.msg === 'request completed').length;

describe('cifra serve --log-level', () => {
  it('default info: a line per request; --log-level debug keeps them', async () => {
    expect(requestLines(await logOf([]))).toBe(2);
    expect(requestLines(await logOf(['--log-level', 'debug']))).toBe(2);
  });

  it('warn (by $CIFRA_LOG_LEVEL) and silent (by the flag, over the variable): no request lines', async () => {
    const warn = await logOf([], { CIFRA_LOG_LEVEL: 'warn' });
    expect(requestLines(warn)).toBe(0);
    expect(warn.every((l) => l.level >= 40)).toBe(true);
    expect(await logOf(['--log-level', 'silent'], { CIFRA_LOG_LEVEL: 'debug' })).toEqual([]);
  });

  it('an unknown level is a usage error that names the choices', async () => {
    const r = await cli('serve', '--db', db, '--log-level', 'loud');
    expect(r.code).toBe(2);
    expect(r.err).toContain('fatal, error, warn, info, debug, silent');
  });
});
