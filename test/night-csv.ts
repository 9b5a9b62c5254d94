// A store of the night election (test/mesa-night.ts) with cifra CSV files of its actas ingested
// in order, each optionally as a correction with its ruling: the acta-evidence and JEE fixtures.
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
export async function nightCsvStore(
  prefix: string,
  files: readonly NightFile[],
): Promise<SqliteStore> {
  const dir = tempDir(prefix);
  const store = new SqliteStore(join(dir, 'night.db'));
  await store.migrate();
  await store.putElection(NIGHT);
  for (const f of files) {
    const file = join(dir, f.name);
    writeFileSync(file, [NIGHT_HEADER, ...f.rows].join('\n') + '\n');
    const r = await ingestFile(store, {
      election: NIGHT,
      file,
      format: 'cifra-csv',
      now: fixedClock,
      ...f.as,
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  return store;
}
