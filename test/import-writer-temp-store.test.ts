// The import's writer connection keeps SQLite's temporary files (the statement journal of each
// batch's INSERTs) in memory: on the 2021 file it wrote a ~33 MB temp file (BENCHMARKS.md,
// twentieth pass). The pragma is per connection, so it is read back from the writer's own.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteImportWriter } from '../src/store/sqlite/import-writer.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const dir = tempDir('cifra-temp-store-');
const path = join(dir, 'w.db');
const meta = {
  election: 'pe-2021-presidencial',
  fileName: 'f.csv',
  sha256: 'f',
  size: 1,
  format: 'onpe-mesa',
  mode: 'import',
  startedAt: '2026-12-02T00:00:00.000Z',
} as const;

describe('the import writer connection', () => {
  it('keeps temporary files in memory (temp_store = MEMORY) while it writes', async () => {
    const store = new SqliteStore(path);
    await store.migrate();
    await store.close();
    const db = new Database(path);
    db.pragma('foreign_keys = OFF'); // the import's election need not be stored for this
    expect(db.pragma('temp_store', { simple: true })).toBe(0); // SQLite's default: a file
    const writer = SqliteImportWriter.begin({ db, done: () => db.close() }, meta, 1_000);
    try {
      expect(db.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      writer.rollback();
    }
  });
});
