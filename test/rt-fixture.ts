// Ruritania ("rt"): an adopter's own made-up election (test/fixtures/rt/README.md), as the CLI
// tests use it: the folder copied to edit, its actas ingested through `cifra ingest`.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from './helpers.js';

export const RT_DIR = 'test/fixtures/rt';
export const RT_ELECTION = 'rt-2026-parlament';

/** The files of a Ruritania folder (the fixture's own, or a copy). */
export interface RtFolder {
  readonly dir: string;
  readonly manifest: string;
  readonly ruleset: string;
  readonly jurisdictions: string;
  readonly actas: string;
}

export function rtFolder(dir = RT_DIR): RtFolder {
  return {
    dir,
    manifest: join(dir, 'rt-2026.json'),
    ruleset: join(dir, 'rt-parliament.json'),
    jurisdictions: join(dir, 'jurisdictions'),
    actas: join(dir, 'actas.csv'),
  };
}

type Json = Record<string, unknown>;

/** What a copy changes: its jurisdiction's file, its ruleset's, rows added to its actas. */
export interface RtEdit {
  readonly jurisdiction?: (j: Json) => Json;
  readonly ruleset?: (r: Json) => Json;
  readonly moreActas?: readonly string[];
}

function editJson(file: string, edit: (j: Json) => Json): void {
  writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')) as Json)));
}

/** Ruritania's folder copied to `to`, edited. */
export function copyRt(to: string, edit: RtEdit = {}): RtFolder {
  cpSync(RT_DIR, to, { recursive: true });
  const rt = rtFolder(to);
  if (edit.jurisdiction)
    editJson(join(rt.jurisdictions, 'rt', 'jurisdiction.json'), edit.jurisdiction);
  if (edit.ruleset) editJson(rt.ruleset, edit.ruleset);
  if (edit.moreActas)
    writeFileSync(
      rt.actas,
      `${readFileSync(rt.actas, 'utf8').trimEnd()}\n${edit.moreActas.join('\n')}\n`,
    );
  return rt;
}

/** `cifra ingest` of the folder's actas into the store `db`, under its manifest and jurisdictions. */
export function ingestRt(
  rt: RtFolder,
  db: string,
): Promise<{ code: number; out: string; err: string }> {
  return cli(
    'ingest',
    rt.actas,
    '--election',
    rt.manifest,
    '--db',
    db,
    '--jurisdictions',
    rt.jurisdictions,
    '--no-progress',
  );
}

/**
 * A store `db` of the folder's actas (ingested, exit 0 expected), and a runner of the CLI on it
 * that expects exit 0 and answers its output.
 */
export async function rtCliStore(
  rt: RtFolder,
  db: string,
): Promise<(...argv: string[]) => Promise<string>> {
  const r = await ingestRt(rt, db);
  expect(r.code, r.err).toBe(0);
  return async (...argv) => {
    const run = await cli(...argv, '--db', db);
    expect(run.code, run.err).toBe(0);
    return run.out;
  };
}
