import { SqliteStore } from './sqlite/sqlite-store.js';
import { PG_APPLIED_PAGE_ROWS } from './postgres/page-rows.js';
import type { Store } from './store.js';
import type { PgPoolOptions } from './postgres/pg-pool.js';
import { isPostgresUrl } from '../io/store-name.js';

/** How a store is opened, beyond its name. */
export interface OpenStoreOptions {
  /** How long an import waits for another's write lock (then store_busy), on either backend. */
  readonly busyMs?: number | undefined;
  /** PostgreSQL only: its pool's size and connection name (the audit worker's: one, ADR 016). */
  readonly pool?: PgPoolOptions | undefined;
}

/** `--db`: a SQLite file path (the default), or a postgres:// / postgresql:// connection URL. */
export function openStore(db: string, o: OpenStoreOptions = {}): Store {
  return isPostgresUrl(db) ? lazyPgStore(db, o.busyMs, o.pool) : new SqliteStore(db, o.busyMs);
}

export { isPostgresUrl, storeName } from '../io/store-name.js';

/**
 * The PostgreSQL store, its module (and the pg driver, a third of a SQLite command's start-up)
 * loaded on its first call: every Store method returns a promise, so each call awaits the load.
 */
function lazyPgStore(url: string, busyMs: number | undefined, pool?: PgPoolOptions): Store {
  let store: Promise<Store> | undefined;
  const load = (): Promise<Store> =>
    (store ??= import('./postgres/pg-store.js').then((m) => new m.PgStore(url, busyMs, pool)));
  return new Proxy({} as Store, {
    get: (_target, name) =>
      // not a thenable: `await openStore(url)` is the store itself; and PostgreSQL has no
      // writer thread to warm up
      name === 'then' || name === 'warmImport'
        ? undefined
        : // the one property that is no method: answered without the driver
          name === 'appliedPageRows'
          ? PG_APPLIED_PAGE_ROWS
          : async (...args: unknown[]): Promise<unknown> => {
              const s = await load();
              const method = Reflect.get(s, name) as (...a: unknown[]) => unknown;
              return method.apply(s, args);
            },
  });
}
