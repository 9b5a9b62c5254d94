import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultsSchema } from '../src/api/schemas.js';
import { buildApi, buildOpenApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { publishSnapshot } from '../src/results/publish.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, fixedClock, tempDir } from './helpers.js';

async function smallStore(dir: string): Promise<SqliteStore> {
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  const file = join(dir, 'a.jsonl');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    file,
    [
      '{"mesa":"000001","ubigeo":"010101","state":"counted","eligible":300,"voters":10,"votes":{"P1":6,"P16":4},"blank":0,"null":0}',
      '{"mesa":"000002","ubigeo":"921001","state":"counted","eligible":300,"voters":5,"votes":{"P11":5},"blank":0,"null":0}',
    ].join('\n'),
  );
  expect((await ingestFile(store, { file, election: e, now: fixedClock })).ok).toBe(true);
  return store;
}

describe('cifra publish', () => {
  it('writes the API documents as a static tree with a snapshot id, equal to what the API serves', async () => {
    const dir = tempDir('cifra-publish-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    const r = await publishSnapshot(store, out, buildOpenApi(), '2026-11-26T10:00:00.000Z');
    expect(r.snapshotId).toMatch(/^20261126100000-[0-9a-f]{12}$/);
    const snap = JSON.parse(readFileSync(join(out, 'snapshot.json'), 'utf8')) as {
      files: string[];
    };
    expect(snap.files).toContain('api/v1/pe-2021-presidencial/results/department.csv');
    const api = await buildApi({ store, tokenHash: null });
    const served = (
      await api.inject({
        method: 'GET',
        url: '/api/v1/results?election=pe-2021-presidencial&level=department',
      })
    ).body;
    expect(
      readFileSync(join(out, 'api/v1/pe-2021-presidencial/results/department.json'), 'utf8'),
    ).toBe(served);
    ResultsSchema.parse(JSON.parse(served));
    // a second publish replaces the tree in one rename and leaves no temporary directories
    await publishSnapshot(store, out, buildOpenApi(), '2026-11-26T10:05:00.000Z');
    expect(readdirSync(dir).filter((f) => f.startsWith('site.'))).toEqual([]);
    expect(existsSync(join(out, 'api/v1/elections.json'))).toBe(true);
    await api.close();
    await store.close();
  });

  it('the CLI prints the snapshot id', async () => {
    const dir = tempDir('cifra-publish-cli-');
    const store = await smallStore(dir);
    await store.close();
    const r = await cli('publish', '--db', join(dir, 'p.db'), '--out', join(dir, 'www'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/snapshot \d{14}-[0-9a-f]{12}: \d+ files/);
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
