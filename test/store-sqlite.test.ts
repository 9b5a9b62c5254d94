import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { runStoreContract } from './store-contract.js';
import { tempDir } from './helpers.js';

// One connection to a memory database: reads during an open import see it (a test and tool store).
runStoreContract('SQLite in memory', async () => new SqliteStore(':memory:'), {
  isolatedReads: false,
});
runStoreContract(
  'SQLite file (WAL)',
  async () => new SqliteStore(join(tempDir('cifra-store-'), 'store.db')),
);
// A file store whose imports are written by the writer thread, whatever their size (ADR 011).
runStoreContract(
  'SQLite file, writer thread',
  async () =>
    new SqliteStore(join(tempDir('cifra-store-'), 'store.db'), undefined, { importWorker: true }),
);
