// What the API tests share: ONPE 2021 presidential rows, and a store with a bundled election.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { SqliteStore, type SqliteStoreOptions } from '../src/store/sqlite/sqlite-store.js';
import { fixtureElection, ONPE_COLUMNS, tempDir } from './helpers.js';

/** One counted mesa of ONPE's 2021 first-round file: the first list's votes, 10 more voters. */
export const onpeRow = (mesa: string, p1: number): string =>
  ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', mesa, 'CONTABILIZADA', '', String(p1 + 10), '300']
    .concat([String(p1)], Array(14).fill(''), ['', '', '', '6', '4', ''])
    .join(',');

/** The rows as a file, under ONPE's header. */
export const onpeCsv = (...rows: string[]): string =>
  [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n';

/**
 * A migrated SQLite store in a new folder, with the bundled election `id` put: as a fixture's
 * (no universe), unless `universe` keeps the manifest's expected extent.
 */
export async function storeWithElection(
  id: string,
  options?: SqliteStoreOptions,
  { universe = false }: { readonly universe?: boolean } = {},
): Promise<SqliteStore> {
  const store = new SqliteStore(join(tempDir('cifra-api-'), 'api.db'), undefined, options);
  await store.migrate();
  const e = universe ? bundledElection(id) : fixtureElection(id);
  if (!e) throw new Error(id);
  await store.putElection(e);
  return store;
}

/** POSTs `csv` as an import of `election` through the API with `token`; expects it accepted. */
export async function uploadCsv(
  app: FastifyInstance,
  election: string,
  token: string,
  csv: string,
  name = 'first.csv',
): Promise<void> {
  const up = await app.inject({
    method: 'POST',
    url: `/api/v1/imports?election=${election}&name=${name}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(up.statusCode, up.body).toBe(200);
}

/**
 * POSTs `lines` as a cifra-json import of `election` named `name` through the API with `token`;
 * expects it accepted. Its report.
 */
export async function uploadJsonl(
  app: FastifyInstance,
  election: string,
  token: string,
  lines: readonly string[],
  name: string,
): Promise<Record<string, unknown>> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/imports?election=${election}&format=cifra-json&name=${name}`,
    headers: { authorization: `Bearer ${token}` },
    payload: lines.join('\n') + '\n',
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown>;
}
