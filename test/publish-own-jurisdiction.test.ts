// `cifra publish` and `cifra serve` of a store holding only an adopter's election (Ruritania,
// test/fixtures/rt): the site carries that election, not Peru's regional and municipal contests
// (data/contests, 7.6 MB) nor Peru's map (review 25).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { openStore } from '../src/store/open.js';
import { cli, tempDir } from './helpers.js';

const RT = 'test/fixtures/rt';

describe('a store of Ruritania alone', () => {
  it('publishes neither Peru’s contests nor its map, the server keeps Peru’s map for the regional view it serves', async () => {
    const dir = tempDir('cifra-publish-rt-');
    const db = join(dir, 'rt.db');
    const ingest = await cli(
      'ingest',
      join(RT, 'actas.csv'),
      '--election',
      join(RT, 'rt-2026.json'),
      '--jurisdictions',
      join(RT, 'jurisdictions'),
      '--db',
      db,
      '--no-progress',
    );
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
    // the server answers every bundled contest set (Peru's regional view), and so their maps
    expect((await app.inject({ url: '/geo/pe.json' })).statusCode).toBe(200);
    await app.close();
    await store.close();
  });
});
