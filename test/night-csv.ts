// A store of the night election (test/mesa-night.ts) with cifra CSV (or cifra-json) files of its
// actas ingested in order, each optionally as a correction with its ruling: the acta-evidence,
// JEE and dashboard mesa-list fixtures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ingestFile, type IngestOptions } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';
import { NIGHT } from './mesa-night.js';

/** cifra's CSV columns for the night's two choices (docs/ingest.md). */
export const NIGHT_HEADER = 'mesa,ubigeo,state,eligible,voters,blank,null,impugned,FP,JP';

export interface NightFile {
  readonly name: string;
  readonly rows: readonly string[];
  readonly as?: Pick<IngestOptions, 'mode' | 'ruling'>;
}

/** A new store with each file written under NIGHT_HEADER and ingested, in order; each accepted. */
export function nightCsvStore(prefix: string, files: readonly NightFile[]): Promise<SqliteStore> {
  return nightStore(prefix, files, 'cifra-csv');
}

/**
 * A new store with each cut's cifra-json lines ingested, in order (one file a cut); each
 * accepted. The dashboard's mesa-list fixtures.
 */
export function nightJsonStore(
  prefix: string,
  cuts: readonly (readonly string[])[],
): Promise<SqliteStore> {
  const files = cuts.map((rows, i) => ({ name: `cut-${i}.jsonl`, rows }));
  return nightStore(prefix, files, 'cifra-json');
}

async function nightStore(
  prefix: string,
  files: readonly NightFile[],
  format: 'cifra-csv' | 'cifra-json',
): Promise<SqliteStore> {
  const dir = tempDir(prefix);
  const store = new SqliteStore(join(dir, 'night.db'));
  await store.migrate();
  await store.putElection(NIGHT);
  for (const f of files) {
    const file = join(dir, f.name);
    const lines = format === 'cifra-csv' ? [NIGHT_HEADER, ...f.rows] : f.rows;
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await ingestFile(store, {
      election: NIGHT,
      file,
      format,
      now: fixedClock,
      ...f.as,
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  return store;
}
