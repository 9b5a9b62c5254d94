// `cifra start` with an adopter's own election kept beside the bundled ones (review 25, Ruritania):
// the user's jurisdictions are taken as `ingest` takes them, a ruleset file kept beside its
// manifest is told apart and skipped, and a manifest that does not load is reported and skipped
// while the rest is served.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledData } from '../src/cli/commands/bundled.js';
import { EXIT_ISSUES, EXIT_OK } from '../src/cli/io.js';
import { openStore } from '../src/store/open.js';
import { cli, tempDir } from './helpers.js';
import { RT_DIR } from './rt-fixture.js';

const RT = RT_DIR;
const root = tempDir('cifra-start-own-');

function capture(): { io: { out: (s: string) => void; err: (s: string) => void }; err: string[] } {
  const err: string[] = [];
  return { io: { out: () => undefined, err: (s) => void err.push(s) }, err };
}

/** A manifests folder as data/elections: Ruritania's manifest, its ruleset beside it, its actas. */
function electionsDir(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['rt-2026.json', 'rt-parliament.json', 'actas.csv', 'PROVENANCE.md'])
    cpSync(join(RT, f), join(dir, f));
  return dir;
}

describe('cifra start with its own election in the manifests folder', () => {
  it('loads it with the user jurisdictions, skips the ruleset beside it and a bad manifest, serves the rest', async () => {
    const dir = electionsDir('mixed');
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({ format: 'cifra-election/1', id: 'x' }),
    );
    const store = openStore(join(root, 'mixed.db'));
    await store.migrate();
    const { io, err } = capture();
    const code = await loadBundledData(store, io, false, {
      dir,
      jurisdictions: join(RT, 'jurisdictions'),
    });
    const text = err.join('\n');
    expect(code).toBe(EXIT_OK);
    expect(text).toContain(
      `skipped ${join(dir, 'rt-parliament.json')}: this is a ruleset: put it in data/rulesets/ or name it from the manifest`,
    );
    expect(text).not.toContain('Unrecognized keys');
    expect(text).toContain('election_invalid');
    expect(text).toContain(`skipped ${join(dir, 'broken.json')}`);
    expect((await store.getElection('rt-2026-parlament'))?.id).toBe('rt-2026-parlament');
    expect((await store.listImports('rt-2026-parlament')).map((i) => i.status)).toEqual([
      'committed',
    ]);
    await store.close();
  });

  it('nothing left to serve: exit 1, each manifest reported', async () => {
    const dir = join(root, 'bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'broken.json'), '{}');
    const store = openStore(join(root, 'bad.db'));
    await store.migrate();
    const { io, err } = capture();
    expect(await loadBundledData(store, io, false, { dir })).toBe(EXIT_ISSUES);
    expect(err.join('\n')).toContain(`skipped ${join(dir, 'broken.json')}`);
    await store.close();
  });

  it('`cifra start` takes --jurisdictions ($CIFRA_JURISDICTIONS), as ingest does', async () => {
    const r = await cli('start', '--help');
    expect(r.out).toContain('--jurisdictions <dir>');
    expect(r.out).toContain('CIFRA_JURISDICTIONS');
  });
});

describe('jurisdiction_shadowed after a folder moved into data/jurisdictions/', () => {
  it('says both fixes: rename it, or ingest again without --jurisdictions', async () => {
    const { MESSAGES } = await import('../src/core/issue-words.js');
    const w = MESSAGES.jurisdiction_shadowed;
    expect(w.en).toContain('rename it');
    expect(w.en).toContain('ingest again without --jurisdictions');
    expect(w.es).toContain('vuelva a ingerir sin --jurisdictions');
  });
});
