// `cifra audit head` and `cifra publish` vouch for a store's history (the head is what an observer
// keeps): on a store edited behind cifra's back they refuse, as `cifra audit verify` does.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleFile } from '../scripts/lib/reliability.js';
import { cli, tempDir } from './helpers.js';

const dir = tempDir('cifra-vouch-');
const db = join(dir, 'v.db');

beforeAll(async () => {
  const file = sampleFile(join(dir, 'a.csv'), 40);
  const r = await cli('ingest', file, '--db', db, '--election', 'pe-2021-presidencial');
  expect(r.code).toBe(0);
}, 60_000);

describe('a sound store', () => {
  it('audit head prints the head verify ends with; publish writes it into site.json', async () => {
    const verify = await cli('audit', 'verify', '--db', db);
    expect(verify.code).toBe(0);
    const head = await cli('audit', 'head', '--db', db, '--format', 'json');
    expect(head.code).toBe(0);
    const h = JSON.parse(head.out) as { count: number; hash: string };
    expect(verify.out).toContain(`head: ${h.count} ${h.hash}`);
    const site = join(dir, 'site-ok');
    expect((await cli('publish', '--db', db, '--out', site)).code).toBe(0);
    const json = JSON.parse(readFileSync(join(site, 'api/v1/site.json'), 'utf8')) as {
      audit: { hash: string };
    };
    expect(json.audit.hash).toBe(h.hash);
  });
});

describe('a store edited behind cifra (the figures of one mesa)', () => {
  beforeAll(() => {
    const raw = new Database(db);
    const mesa = (raw.prepare('SELECT mesa FROM acta_versions LIMIT 1').get() as { mesa: string })
      .mesa;
    raw
      .prepare('UPDATE acta_versions SET blank = blank + 100, voters = voters + 100 WHERE mesa = ?')
      .run(mesa);
    raw.close();
  });

  it('audit head prints no head: audit_chain_broken, exit 1 (as audit verify)', async () => {
    expect((await cli('audit', 'verify', '--db', db)).code).toBe(1);
    for (const format of ['table', 'json']) {
      const head = await cli('audit', 'head', '--db', db, '--format', format);
      expect(head.code).toBe(1);
      expect(head.out).toBe('');
      expect(head.err).toContain('audit_chain_broken at acta_versions');
    }
  });

  it('publish refuses and writes nothing', async () => {
    const site = join(dir, 'site-tampered');
    const r = await cli('publish', '--db', db, '--out', site);
    expect(r.code).toBe(1);
    expect(r.err).toContain('audit_chain_broken');
    expect(r.out).toBe('');
    expect(existsSync(site)).toBe(false);
  });
});
