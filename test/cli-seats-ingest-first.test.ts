// `cifra seats --election <manifest of actas>` on a store without that election: its seats come
// from stored actas, so the answer says to ingest them first, with the command — not only "no
// such election" and a list of the bundled ids.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const XF = 'test/fixtures/xf';
const J = `${XF}/jurisdictions`;
const dir = tempDir('cifra-seats-ingest-first-');

describe('cifra seats --election of an election of actas not in the store', () => {
  it('a manifest file: unknown_election, then the ingest command that stores it (and it works)', async () => {
    const db = join(dir, 'xf.db');
    const manifest = `${XF}/xf-2026.json`;
    const r = await cli('seats', '--election', manifest, '--db', db, '--jurisdictions', J);
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown_election');
    const command = `cifra ingest ${XF}/actas.csv --election ${manifest} --db ${db} --jurisdictions ${J}`;
    expect(r.err).toContain(
      `xf-2026-parlamento is counted from actas: ingest them first: ${command}`,
    );
    expect(existsSync(db)).toBe(false);
    // the command as printed stores it, and seats then answers
    const argv = command.split(' ').slice(1);
    expect((await cli(...argv, '--no-progress')).code).toBe(0);
    expect((await cli('seats', '--election', 'xf-2026-parlamento', '--db', db)).code).toBe(0);
  });

  // code review: a path with a space printed bare gave a command that could not be copied and run
  it('quotes a path a shell would split', async () => {
    const db = join(dir, 'with space', "it's.db");
    const r = await cli(
      'seats',
      '--election',
      `${XF}/xf-2026.json`,
      '--db',
      db,
      '--jurisdictions',
      J,
    );
    expect(r.err).toContain(`--db '${join(dir, 'with space', "it'\\''s.db")}'`);
  });

  it('in Spanish with --lang es', async () => {
    const db = join(dir, 'es.db');
    const r = await cli(
      'seats',
      '--election',
      `${XF}/xf-2026.json`,
      '--db',
      db,
      '--jurisdictions',
      J,
      '--lang',
      'es',
    );
    expect(r.err).toContain(
      'xf-2026-parlamento se cuenta desde actas: ingiéralas primero: cifra ingest',
    );
  });
});
