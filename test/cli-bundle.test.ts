// The bundled `cifra` bin (scripts/build-cli.ts, what `npm run build` makes): it answers
// --version, and its worker pools start from the bundle — a what-if is computed on a worker
// thread of a `cifra serve` process (the single-file bundle could not start them), and its start-up
// audit check verifies the store on its own worker (audit-worker.js, docs/adr/016).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../scripts/lib/reliability.js';
import { servedAt } from '../scripts/lib/served-at.js';
import { SiteSchema, WhatIfSchema } from '../src/api/schemas.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { DISTRICTS, LISTS, VOTES, putListElection, writeStyleRuleset } from './list-election.js';

const dir = tempDir('cifra-bundle-');
const db = join(dir, 'bundle.db');
let bin = '';
let server: ChildProcess | undefined;
let base = '';

beforeAll(async () => {
  const store = new SqliteStore(db);
  await store.migrate();
  await putListElection(store, {
    id: 'test-diputados',
    ruleset: writeStyleRuleset(dir),
    districts: DISTRICTS,
    lists: LISTS,
    votes: VOTES,
  });
  await store.close();
  bin = await buildCli();
  const proc = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = proc;
  base = await servedAt(proc);
});

afterAll(() => {
  server?.kill('SIGTERM');
});

describe('the bundled cifra bin', () => {
  it("--version prints package.json's version", () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' })).toBe(
      `${pkg.version}\n`,
    );
  });

  it('serve computes a what-if on a worker thread started from the bundle', async () => {
    const r = await fetch(`${base}/api/v1/what-if`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        election: 'test-diputados',
        rules: { threshold: { kind: 'share', share: '4%', conditions: null, source: 'what-if' } },
      }),
    });
    expect(r.status).toBe(200);
    expect(WhatIfSchema.parse(await r.json()).result.seats).toEqual({
      A: 5,
      B: 4,
      C: 3,
      D: 1,
      E: 1,
    });
  });

  it("serve verifies the store's whole audit chain on a worker thread started from the bundle", async () => {
    // the check is not awaited by the server: read site.json until it says (a worker that could
    // not start is a logged fault, and site.json would say "not yet verified" for ever)
    let audit: { count: number; verified: unknown; failed: unknown } | undefined;
    for (let i = 0; i < 600 && (audit === undefined || audit.verified === null); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      const site = SiteSchema.parse(await (await fetch(`${base}/api/v1/site.json`)).json());
      if (site.kind !== 'server') throw new Error('not the server');
      audit = site.audit;
      if (audit.failed !== null) break;
    }
    expect(audit?.failed).toBeNull();
    expect(audit?.verified).toMatchObject({ through: audit?.count });
    expect(audit?.count).toBeGreaterThan(0);
  });
});

/** A bundle entry's code with every chunk it imports statically, transitively: what it compiles. */
function staticClosure(entry: string): string {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^import [^;]*?from "(\.\/[^"]+)"/gm))
      visit(join(dirname(file), m[1] as string));
  };
  visit(entry);
  return [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
}

describe("what the ingest's processes compile at start", () => {
  it("the import's writer thread loads no zod (it validates nothing)", () => {
    const writer = staticClosure(join(dirname(bin), 'import-worker.js'));
    expect(writer).toContain('insertFreshVersions');
    expect(writer).not.toMatch(/\$ZodType\b/);
  });

  it("the bin carries zod's English messages only, not its other locales", () => {
    const main = staticClosure(bin);
    expect(main).toMatch(/\$ZodType\b/);
    expect(main).toContain('Invalid input'); // zod's English locale, its default
    expect(main).not.toContain('Entrada inv'); // its Spanish and Catalan ones, never used
  });
});
