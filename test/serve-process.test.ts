// `cifra serve` as a process (issue 14): the --ingest-limits file bounds uploads, and the request
// log on stderr is structured JSON with every 4xx/5xx and the reason of a crash — never the token,
// never an upload's temporary path.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/lib/reliability.js';
import { servedAt } from '../scripts/lib/served-at.js';
import { bundledElection } from '../src/elections/manifests.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ONPE_COLUMNS, tempDir } from './helpers.js';

const TOKEN = 'serve-process-token-3f9a';
const dir = tempDir('cifra-serve-');
const db = join(dir, 'serve.db');
const row = (mesa: string) =>
  ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', mesa, 'CONTABILIZADA', '', '30', '300', '20']
    // a cell for each of the header's 31 columns: a short row is quarantined (row_cells_mismatch)
    .concat(Array(15).fill(''), ['', '6', '4', '', ''])
    .join(',');
const csv = (n: number) =>
  [
    ONPE_COLUMNS.join(','),
    ...Array.from({ length: n }, (_, i) => row(String(i + 1).padStart(6, '0'))),
  ]
    .join('\n')
    .concat('\n');

let server: ChildProcess;
let base = '';
let stderr = '';

beforeAll(async () => {
  const store = new SqliteStore(db);
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  await store.close();
  const limits = join(dir, 'limits.json');
  writeFileSync(limits, JSON.stringify({ rows: 10 }));
  const bin = await buildCli();
  server = spawn(
    process.execPath,
    [bin, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--ingest-limits', limits],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CIFRA_TOKEN: TOKEN } },
  );
  server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  base = await servedAt(server);
});

afterAll(() => {
  server.kill('SIGTERM');
});

const upload = (body: string, token = TOKEN, name = 'night.csv') =>
  fetch(`${base}/api/v1/imports?election=pe-2021-presidencial&name=${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  });

/** The JSON log lines on stderr so far (pino: one object a line). */
function logLines(): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('cifra serve, as a process', () => {
  it('--ingest-limits FILE bounds POST /api/v1/imports (too_many_rows); within it, an upload is read', async () => {
    const over = await upload(csv(20));
    expect([over.status, ((await over.json()) as { error: string }).error]).toEqual([
      422,
      'too_many_rows',
    ]);
    const within = await upload(csv(10), TOKEN, 'ten.csv');
    expect([within.status, ((await within.json()) as { valid: number }).valid]).toEqual([200, 10]);
  });

  it('logs each 4xx and 5xx as JSON with its status, and a crash with its reason; no token, no temporary path', async () => {
    expect((await upload(csv(1), 'wrong-token')).status).toBe(401);
    expect((await fetch(`${base}/api/v1/nowhere`)).status).toBe(404);
    expect((await upload('A\u0000B\n')).status).toBe(422);
    // a table gone behind the server's back: the read fails inside, 500 without internals
    const raw = new Database(db);
    raw.exec('ALTER TABLE elections RENAME TO elections_gone');
    raw.close();
    const crash = await fetch(`${base}/api/v1/elections`);
    expect([crash.status, await crash.text()]).toEqual([
      500,
      JSON.stringify({
        error: 'internal_error',
        issues: [{ code: 'internal_error', severity: 'error', path: ['request'], details: {} }],
      }),
    ]);
    await new Promise((r) => setTimeout(r, 200)); // the log line of the last response
    const lines = logLines();
    const statuses = lines
      .map((l) => (l['res'] as { statusCode?: number } | undefined)?.statusCode)
      .filter((s) => s !== undefined);
    expect(statuses).toEqual(expect.arrayContaining([401, 404, 422, 500]));
    // each 4xx/5xx line carries our error code (docs/errors.md), the 422 over --ingest-limits too
    const codes = lines
      .map((l) => l['res'] as { statusCode?: number; code?: string } | undefined)
      .filter((r) => (r?.statusCode ?? 0) >= 400)
      .map((r) => `${r?.statusCode} ${r?.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        '422 too_many_rows',
        '401 unauthorized',
        '404 not_found',
        '500 internal_error',
      ]),
    );
    expect(codes.every((c) => !c.endsWith(' undefined'))).toBe(true);
    const failed = lines.find((l) => l['level'] === 50 && l['err'] !== undefined);
    expect(JSON.stringify(failed?.['err'])).toContain('no such table: elections');
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain('wrong-token');
    expect(stderr).not.toContain('cifra-upload-');
    expect(stderr).not.toContain(dir); // neither the store's nor any temporary folder
  });
});
