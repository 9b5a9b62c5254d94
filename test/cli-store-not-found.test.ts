import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-no-store-');

/** Every file under `root` with its size and modification time: what "nothing changed" means. */
function listing(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => {
      const s = statSync(join(root, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

describe('a reading command given a --db that does not exist', () => {
  const reads: readonly (readonly string[])[] = [
    ['results'],
    ['results', '--level', 'department', '--election', 'pe-2021-presidencial'],
    ['project', '--election', 'pe-2021-presidencial'],
    ['acta', '000001'],
    ['export', '--level', 'national', '--out', join(dir, 'out.csv')],
    ['elections'],
    ['imports'],
    ['quarantine', '1'],
    ['audit', 'verify'],
    ['audit', 'head'],
    ['serve', '--port', '0'],
  ];

  it.each(reads)('%s answers store_not_found (exit 1) and creates no file', async (...argv) => {
    const db = join(dir, `typo-${argv.join('-').replace(/[^a-z0-9-]/g, '')}.db`);
    const r = await cli(...argv, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('store_not_found');
    expect(r.err).toContain(db);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });

  it('says so in Spanish with --lang es', async () => {
    const db = join(dir, 'typo-es.db');
    const r = await cli('results', '--db', db, '--lang', 'es');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no hay un registro en esa ruta de --db');
    expect(existsSync(db)).toBe(false);
  });

  it('publish leaves an earlier published site as it was', async () => {
    const real = join(dir, 'real.db');
    const store = new SqliteStore(real);
    await store.migrate();
    await store.close();
    const site = join(dir, 'site');
    expect((await cli('publish', '--db', real, '--out', site)).code).toBe(0);
    const before = listing(site);
    const siteJson = readFileSync(join(site, 'api/v1/site.json'), 'utf8');
    const typo = join(dir, 'typo2.db');
    const r = await cli('publish', '--db', typo, '--out', site);
    expect(r.code).toBe(1);
    expect(r.err).toContain('store_not_found');
    expect(r.out).not.toContain('snapshot');
    expect(existsSync(typo)).toBe(false);
    expect(listing(site)).toEqual(before);
    expect(readFileSync(join(site, 'api/v1/site.json'), 'utf8')).toBe(siteJson);
  });

  it('an existing store is still read (elections on a migrated, empty store: exit 0)', async () => {
    const db = join(dir, 'empty.db');
    const store = new SqliteStore(db);
    await store.migrate();
    await store.close();
    const r = await cli('elections', '--db', db);
    expect(r.err).not.toContain('store_not_found');
    expect(r.code).toBe(0);
  });
});
