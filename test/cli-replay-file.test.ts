// `cifra replay` reads the election's own bundled file when none is given (review 5's pass: the
// runoff replayed the first round's file and failed on its columns), a file that is not there
// creates no store (it left a migrated empty one), and an empty file read without --election is
// said to be empty, not "no election fits its columns".
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actaFileOf } from '../src/cli/commands/project-commands.js';
import { cli, tempDir } from './helpers.js';

describe('cifra replay: which file, and none that is not there', () => {
  it("takes each bundled election's own actas file", async () => {
    expect(basename((await actaFileOf('pe-2021-presidencial')) ?? '')).toBe(
      'onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
    );
    expect(basename((await actaFileOf('pe-2021-presidencial-segunda')) ?? '')).toBe(
      'onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
    );
    // published aggregates have no actas to replay, and an unknown id no file
    expect(await actaFileOf('pe-2026-presidencial-segunda')).toBeNull();
    expect(await actaFileOf('no-such-election')).toBeNull();
  });

  it('says to give the file when the election has none bundled, and creates nothing', async () => {
    const db = join(tempDir('cifra-replay-file-'), 'r.db');
    const r = await cli('replay', '--election', 'no-such-election', '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no-such-election has no bundled actas file');
    expect(existsSync(db)).toBe(false);
  });

  it('a file that is not there is file_unreadable and creates no store', async () => {
    const db = join(tempDir('cifra-replay-file-'), 'r.db');
    const r = await cli('replay', '/nonexistent/actas.csv', '--db', db, '--lang', 'es');
    expect(r.code).toBe(1);
    expect(r.err).toContain('file_unreadable');
    expect(existsSync(db)).toBe(false);
  });
});

describe('an empty file read without --election', () => {
  it('is file_empty, not unknown_election', async () => {
    const dir = tempDir('cifra-empty-');
    const file = join(dir, 'empty.csv');
    writeFileSync(file, '');
    const r = await cli('ingest', file, '--db', join(dir, 'e.db'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('file_empty');
    expect(r.err).not.toContain('unknown_election');
  });
});
