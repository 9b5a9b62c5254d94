// Review 28: the seats document said a table's seats were open only through its status and % of
// actas, the rule (core seatsOpen) left to each client: an API client could read a provisional
// allocation as the result. Now every seats table carries `open` (cifra's, the reported one beside
// it, a source's table alone, the what-if's), the dashboard's rings as a field. Failed on the old
// code: no `open` in any of them.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatsSchema, WhatIfSchema } from '../src/api/schemas.js';
import { buildApi } from '../src/api/server.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import {
  DISTRICTS,
  LISTS,
  VOTES,
  putListElection,
  thirdPartySeats,
  writeStyleRuleset,
} from './list-election.js';

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  const dir = tempDir('cifra-seats-open-flag-');
  store = new SqliteStore(join(dir, 's.db'));
  await store.migrate();
  for (const id of ['pe-2026-diputados', 'es-2023-congreso'])
    expect((await putPublishedElection(store, id)).ok, id).toBe(true);
  const ruleset = writeStyleRuleset(dir);
  const base = { ruleset, districts: DISTRICTS, lists: LISTS, votes: VOTES } as const;
  await putListElection(store, { ...base, id: 'test-provisional-60', pctCounted: '60.000' });
  await putListElection(store, {
    ...base,
    id: 'test-table-80',
    status: 'third-party',
    pctCounted: '80.000',
    seats: thirdPartySeats('80.000'),
  });
  await putListElection(store, {
    ...base,
    id: 'test-table-whole',
    status: 'third-party',
    pctCounted: '100.000',
    seats: thirdPartySeats(),
  });
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const seats = async (id: string) =>
  SeatsSchema.parse((await app.inject({ url: `/api/v1/seats?election=${id}` })).json());

describe('every seats table says whether its seats are open', () => {
  it("cifra's seats on ONPE's votes at 85.991 %, and the third party's table beside them: open", async () => {
    const doc = await seats('pe-2026-diputados');
    expect(doc.kind).toBe('list');
    if (doc.kind !== 'list') return;
    expect(doc.status.pctCounted).toBe('85.991');
    expect(doc.open).toBe(true);
    expect(doc.reported).toMatchObject({ kind: 'third-party', pctCounted: '85.991', open: true });
  });

  it('a count under way (provisional at 60 %): open', async () => {
    expect(await seats('test-provisional-60')).toMatchObject({ kind: 'list', open: true });
  });

  it('a final count (es-2023-congreso): settled, open false', async () => {
    expect(await seats('es-2023-congreso')).toMatchObject({ kind: 'list', open: false });
  });

  it("a source's table alone: open on 80 % of actas, settled when it states none", async () => {
    expect(await seats('test-table-80')).toMatchObject({
      kind: 'third-party',
      open: true,
      result: { pctCounted: '80.000' },
    });
    expect(await seats('test-table-whole')).toMatchObject({ kind: 'third-party', open: false });
  });

  it("the what-if on a provisional count says its seats are open, as the seats' document", async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/what-if',
      payload: { election: 'test-provisional-60', rules: {} },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(WhatIfSchema.parse(r.json())).toMatchObject({ open: true });
  });
});
