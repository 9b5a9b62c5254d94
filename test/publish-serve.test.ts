import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEST_PATHS, PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { newHolder } from '../src/io/publish-lock.js';
import { ResultsSchema, SiteSchema } from '../src/api/schemas.js';
import { buildApi, buildOpenApi } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, memoryTempDirs, tempDir } from './helpers.js';
import { smallStore } from './publish-fixture.js';

const NOW = '2026-11-26T10:00:00.000Z';
/**
 * What a publish leaves beside its folder besides its versions (the served one and the one before,
 * docs/adr/007): its temporary folders, link and lock are hidden files.
 */
const leftovers = (dir: string): string[] =>
  readdirSync(dir).filter((f) => f.startsWith('.') && !f.endsWith('.cifra-versions'));

describe('cifra publish', () => {
  // each publish writes a whole site (~8,750 files) and removes the version before the last: in
  // memory, where this VM's ext4 waits on the disk for each folder removed
  let diskTempDirs = (): void => {};
  beforeAll(() => {
    diskTempDirs = memoryTempDirs();
  });
  afterAll(() => diskTempDirs());
  it('writes the whole site: the dashboard and every document it reads, as the API serves them', async () => {
    const dir = tempDir('cifra-publish-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    const r = await publishSite(store, out, buildOpenApi(), NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.snapshotId).toMatch(/^20261126100000-[0-9a-f]{12}$/);
    const site = JSON.parse(readFileSync(join(out, 'api/v1/site.json'), 'utf8')) as unknown;
    expect(SiteSchema.parse(site)).toMatchObject({
      kind: 'static',
      snapshotId: r.value.snapshotId,
    });
    for (const f of ['index.html', 'app.js', 'app.js.map', 'style.css', 'geo/pe.json'])
      expect(existsSync(join(out, f)), f).toBe(true);
    // d3 is inside the bundle: no separate scripts, none asked for by the page
    expect(existsSync(join(out, 'vendor')), 'vendor/').toBe(false);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('vendor/');
    const map = JSON.parse(readFileSync(join(out, 'app.js.map'), 'utf8')) as { sources: string[] };
    for (const pkg of ['d3-geo', 'd3-shape'])
      expect(
        map.sources.some((f) => f.includes(`node_modules/${pkg}/`)),
        pkg,
      ).toBe(true);
    const api = await buildApi({ store, tokenHash: null });
    const id = 'pe-2021-presidencial';
    // the files are the API's documents at the same paths the dashboard fetches, byte for byte
    for (const url of [
      PATHS.elections(),
      PATHS.document(id, 'summary'),
      PATHS.document(id, 'places'),
      PATHS.results(id, 'department'),
      PATHS.results(id, 'department', 'csv'),
      PATHS.unit(id, 'national', 'PE'),
      PATHS.children(id, 'national', 'PE'),
      PATHS.unit(id, 'district', '010101'),
      PATHS.mesas(id, '010101'),
      // a poll-watcher's list of a district's mesas, as CSV (a department's is the API's only)
      PATHS.unitMesas(id, 'district', '010101'),
      PATHS.acta(id, '000001'),
      PATHS.acta(id, '000002'),
    ]) {
      const served = await api.inject({ method: 'GET', url });
      expect(served.statusCode, url).toBe(200);
      expect(readFileSync(join(out, url), 'utf8'), url).toBe(served.body);
    }
    expect(existsSync(join(out, PATHS.unitMesas(id, 'department', '01')))).toBe(false);
    // a mesa in a form the site writes no file for is no document on the server either (s35)
    for (const url of [
      PATHS.acta(id, '1'),
      PATHS.acta(id, '000001 '),
      PATHS.unit(id, 'mesa', '1'),
    ]) {
      expect((await api.inject({ method: 'GET', url })).statusCode, url).toBe(404);
      expect(existsSync(join(out, decodeURIComponent(url))), url).toBe(false);
    }
    ResultsSchema.parse(
      JSON.parse(readFileSync(join(out, PATHS.results(id, 'department')), 'utf8')),
    );
    // a second publish replaces the tree and leaves no temporary directory or lock beside it
    const again = await publishSite(store, out, buildOpenApi(), '2026-11-26T10:05:00.000Z');
    expect(again.ok).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    await api.close();
    await store.close();
  });

  it('writes the multi-contest elections (ERM) at the API paths, byte for byte as the API serves them', async () => {
    const dir = tempDir('cifra-publish-erm-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    const r = await publishSite(store, out, buildOpenApi(), NOW);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const api = await buildApi({ store, tokenHash: null });
    const id = 'pe-erm-2022';
    for (const [file, alias] of [
      [CONTEST_PATHS.contests(id), `/api/v1/contests/${id}`],
      [
        CONTEST_PATHS.contest(id, 'provincial-council/140100'),
        `/api/v1/contests/${id}/provincial-council/140100`,
      ],
      [CONTEST_PATHS.contest(id, 'governor/CUSCO'), `/api/v1/contests/${id}/governor/CUSCO`],
      // a tie for the mayor, reported (no seed on the static site)
      [
        CONTEST_PATHS.contest(id, 'district-council/021606'),
        `/api/v1/contests/${id}/district-council/021606`,
      ],
      [CONTEST_PATHS.contests('pe-erm-2026'), '/api/v1/contests/pe-erm-2026'],
    ] as const) {
      const served = await api.inject({ method: 'GET', url: file });
      expect(served.statusCode, file).toBe(200);
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(served.body);
      // the same document as the query-free route the dashboard reads on a server
      expect((await api.inject({ method: 'GET', url: alias })).body, alias).toBe(served.body);
    }
    // every contest of the election has its file
    const doc = JSON.parse(readFileSync(join(out, CONTEST_PATHS.contests(id)), 'utf8')) as {
      contests: { id: string }[];
    };
    expect(doc.contests).toHaveLength(25 + 25 + 1694);
    // a static host decodes the URL to the file name ("governor/LA%20LIBERTAD" → "LA LIBERTAD")
    const onDisk = (url: string): string => join(out, decodeURIComponent(url));
    const missing = doc.contests.filter(
      (c) => !existsSync(onDisk(CONTEST_PATHS.contest(id, c.id))),
    );
    expect(missing).toEqual([]);
    const unknown = await api.inject({
      method: 'GET',
      url: CONTEST_PATHS.contest(id, 'district-council/999999'),
    });
    expect(unknown.statusCode).toBe(404);
  });

  // code review: publish verified one head and wrote another, read again after the verification
  it('writes the audit head it is given (the one verified), not one read again', async () => {
    const dir = tempDir('cifra-publish-head-');
    const store = await smallStore(dir);
    const given = { count: 1, hash: 'f'.repeat(64), at: '2026-12-01T00:00:00.000Z' };
    expect(await store.auditHead()).not.toEqual(given);
    const r = await publishSite(store, join(dir, 'site'), {}, NOW, { audit: given });
    expect(r.ok).toBe(true);
    const site = JSON.parse(readFileSync(join(dir, 'site', 'api', 'v1', 'site.json'), 'utf8'));
    expect(site.audit).toEqual(given);
    await store.close();
  });

  it('refuses a folder it did not write, and leaves every file in it (issue #14)', async () => {
    const dir = tempDir('cifra-publish-own-');
    const store = await smallStore(dir);
    const out = join(dir, 'mine');
    mkdirSync(join(out, 'keep'), { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, 'keep', 'a.txt'), 'mine too');
    const r = await publishSite(store, out, {}, NOW);
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual(['publish_dir_not_ours']);
    expect(readdirSync(out).sort()).toEqual(['keep', 'notes.txt']);
    expect(readFileSync(join(out, 'keep', 'a.txt'), 'utf8')).toBe('mine too');
    expect(leftovers(dir)).toEqual([]);
    // a file is no folder; the root has no folder beside it to build in
    writeFileSync(join(dir, 'file'), 'x');
    for (const bad of [join(dir, 'file'), '/']) {
      const b = await publishSite(store, bad, {}, NOW);
      expect(b.ok ? [] : b.error.map((i) => i.code)).toEqual(['publish_out_invalid']);
    }
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('x');
    await store.close();
  });

  it('the CLI: a trailing slash and "." work and leave nothing behind; a foreign folder exits 1', async () => {
    const dir = tempDir('cifra-publish-cli-');
    const store = await smallStore(dir);
    await store.close();
    const db = join(dir, 'p.db');
    const r = await cli('publish', '--db', db, '--out', `${join(dir, 'www')}/`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/snapshot \d{14}-[0-9a-f]{12}: \d{1,3}(,\d{3})* files in /);
    // again into the same folder: it is cifra's now
    expect((await cli('publish', '--db', db, '--out', `${join(dir, 'www')}/`)).code).toBe(0);
    expect(leftovers(dir)).toEqual([]);
    // "." is the working folder: refused while it holds other files, nothing deleted
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const dot = await cli('publish', '--db', db, '--out', '.');
      expect(dot.code).toBe(1);
      expect(dot.err).toContain('publish_dir_not_ours');
      expect(leftovers(dir)).toEqual([]);
      // an empty working folder is taken
      mkdirSync(join(dir, 'empty'));
      process.chdir(join(dir, 'empty'));
      expect((await cli('publish', '--db', db, '--out', '.')).code).toBe(0);
      expect(existsSync(join(dir, 'empty', 'index.html'))).toBe(true);
      expect(leftovers(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('two publishes to one folder at once take turns: both succeed, one whole site stays', async () => {
    const dir = tempDir('cifra-publish-race-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    const runs = await Promise.all([
      publishSite(store, out, {}, NOW, { pollMs: 10 }),
      publishSite(store, out, {}, '2026-11-26T10:01:00.000Z', { pollMs: 10 }),
    ]);
    expect(runs.map((x) => x.ok)).toEqual([true, true]);
    expect(existsSync(join(out, 'api/v1/site.json'))).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    // a lock just written (its heartbeat fresh) and never released: publish_locked after the wait
    writeFileSync(join(dir, '.site.cifra-lock'), String(process.pid));
    const stuck = await publishSite(store, out, {}, NOW, { waitMs: 50, pollMs: 10 });
    expect(stuck.ok ? [] : stuck.error.map((i) => i.code)).toEqual(['publish_locked']);
    // a lock left by a process of this host that is gone is taken over at once, and its
    // half-written folder removed
    writeFileSync(
      join(dir, '.site.cifra-lock'),
      JSON.stringify({ ...newHolder(), pid: 999_999_999 }),
    );
    mkdirSync(join(dir, '.site.tmp-killed', 'api'), { recursive: true });
    expect((await publishSite(store, out, {}, NOW, { waitMs: 50, pollMs: 10 })).ok).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    await store.close();
  });

  it('a failure while writing leaves the old site and no temporary folder', async () => {
    const dir = tempDir('cifra-publish-fail-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    expect((await publishSite(store, out, {}, NOW)).ok).toBe(true);
    const before = readFileSync(join(out, 'api/v1/site.json'), 'utf8');
    // an openapi document that cannot be serialised: a bug mid-write
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await expect(publishSite(store, out, cyclic, '2026-11-26T11:00:00.000Z')).rejects.toThrow();
    expect(readFileSync(join(out, 'api/v1/site.json'), 'utf8')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
    await store.close();
  });
});

describe('the API over a real socket', () => {
  it('listens on loopback and answers with compression and ETag', async () => {
    const dir = tempDir('cifra-serve-');
    const store = await smallStore(dir);
    const app = await buildApi({ store, tokenHash: null });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/results?level=ambito`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    const doc = ResultsSchema.parse(await res.json());
    expect(doc.units.map((u) => u.code)).toEqual(['EXTRANJERO', 'PERU']);
    await app.close();
    await store.close();
  });
});

describe('cifra serve on a busy port', () => {
  it('says the port is taken and exits 2 instead of crashing', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    const dir = tempDir('cifra-busy-');
    // a store that exists: serve without a token creates none (store_not_found)
    const store = new SqliteStore(join(dir, 'b.db'));
    await store.migrate();
    await store.close();
    const r = await cli(
      'serve',
      '--db',
      join(dir, 'b.db'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    );
    blocker.close();
    expect(r.code).toBe(2);
    expect(r.err).toContain('EADDRINUSE');
  });
});
