// `cifra publish` and `cifra serve` of a store holding only an adopter's election (Ruritania,
// test/fixtures/rt): the site carries that election, not Peru's regional and municipal contests
// (data/contests, 7.6 MB) nor Peru's map (review 25); published or served, one site (siteScope).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { openStore } from '../src/store/open.js';
import { cli, tempDir } from './helpers.js';
import { ingestRt, rtFolder } from './rt-fixture.js';

describe('a store of Ruritania alone', () => {
  it('publishes neither Peru’s contests nor its map, and the server answers neither (coded 404s)', async () => {
    const dir = tempDir('cifra-publish-rt-');
    const db = join(dir, 'rt.db');
    const ingest = await ingestRt(rtFolder(), db);
    expect([ingest.code, ingest.err]).toEqual([0, '']);
    const out = join(dir, 'site');
    const pub = await cli('publish', '--db', db, '--out', out);
    expect([pub.code, pub.err]).toEqual([0, '']);
    expect(existsSync(join(out, 'api/v1/elections/rt-2026-parlament'))).toBe(true);
    expect(existsSync(join(out, 'api/v1/contests'))).toBe(false);
    expect(existsSync(join(out, 'geo/pe.json'))).toBe(false);
    expect(readdirSync(out)).not.toContain('geo');

    const store = openStore(db);
    const app = await buildApi({ store, tokenHash: null, dashboard: true });
    const codes = async (url: string) => {
      const r = await app.inject({ url });
      return [r.statusCode, (r.json() as { error: string }).error];
    };
    expect(await codes('/geo/pe.json')).toEqual([404, 'not_found']);
    for (const url of [
      '/api/v1/contests/pe-erm-2022',
      '/api/v1/contests/pe-erm-2022/provincial-council/140100',
      '/api/v1/contests/pe-erm-2022.json',
      '/api/v1/contests/pe-erm-2022/provincial-council/140100.json',
    ])
      expect([url, ...(await codes(url))]).toEqual([url, 404, 'unknown_election']);
    // its own election is there still
    const own = await app.inject({ url: '/api/v1/elections/rt-2026-parlament/summary.json' });
    expect(own.statusCode).toBe(200);
    await app.close();
    await store.close();
  });
});

describe('a store without elections (the demo’s empty start)', () => {
  it('the server answers every bundled contest set and Peru’s map', async () => {
    const store = openStore(join(tempDir('cifra-serve-empty-'), 'e.db'));
    await store.migrate();
    const app = await buildApi({ store, tokenHash: null, dashboard: true });
    for (const url of [
      '/geo/pe.json',
      '/api/v1/contests/pe-erm-2022.json',
      '/api/v1/contests/pe-erm-2022/provincial-council/140100',
    ])
      expect([url, (await app.inject({ url })).statusCode]).toEqual([url, 200]);
    await app.close();
    await store.close();
  });
});
