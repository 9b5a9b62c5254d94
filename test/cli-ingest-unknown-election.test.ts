// `cifra ingest --election no-such` looked in the store, the bundled elections and the manifest
// files: it said "no such election in the store" and listed all ten bundled manifests as known,
// published aggregates (which ingest refuses) included, though the store held one (review s35, 4).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { openStore } from '../src/store/open.js';
import { cli, tempDir } from './helpers.js';

describe('cifra ingest --election naming nothing', () => {
  it('says no bundled election or manifest file has that name, and lists what ingest takes', async () => {
    const dir = tempDir('cifra-ingest-unknown-');
    const db = join(dir, 'one.db');
    const store = openStore(db);
    await store.migrate();
    const e = bundledElection('pe-2021-presidencial-segunda');
    if (!e) throw new Error('no bundled runoff');
    await store.putElection(e);
    await store.close();
    writeFileSync(join(dir, 'bad.csv'), 'hello\nworld\n');
    const run = (lang: string) =>
      cli(
        'ingest',
        join(dir, 'bad.csv'),
        '--db',
        db,
        '--election',
        'no-such',
        '--no-progress',
        '--lang',
        lang,
      );
    const en = await run('en');
    expect(en.code).toBe(1);
    expect(en.err).toContain(
      'unknown_election at election: no bundled election or manifest file of that name',
    );
    expect(en.err).not.toContain('no such election in the store');
    // the store's election and the bundled acta elections; no published aggregates
    const known = /"known":(\[[^\]]*\])/.exec(en.err)?.[1];
    expect(JSON.parse(known ?? 'null')).toEqual([
      'pe-2021-presidencial',
      'pe-2021-presidencial-segunda',
    ]);
    const es = await run('es');
    expect(es.code).toBe(1);
    expect(es.err).toContain('ninguna elección incluida ni archivo de manifiesto con ese nombre');
  });
});
