// The same store contract on PostgreSQL (a real server: test/pg-global-setup.ts).
import { PgStore } from '../src/store/postgres/pg-store.js';
import { freshDatabase } from './pg-helpers.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('PostgreSQL', async () => new PgStore(await freshDatabase()));
