import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { runStoreContract } from './store-contract.js';
import { tempDir } from './helpers.js';

runStoreContract('SQLite in memory', async () => new SqliteStore(':memory:'));
runStoreContract(
  'SQLite file (WAL)',
  async () => new SqliteStore(join(tempDir('cifra-store-'), 'store.db')),
);
