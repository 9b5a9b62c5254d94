// The votes held at the JEE in a unit's document (jeeVoters): the voters of its actas at the
// JEE, summed at every level, beside the margin and the votes remaining (a poll-watcher's
// request, session 24). Failed on the old code: the field was absent.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { ResultsSchema } from '../src/api/schemas.js';
import { buildApi } from '../src/api/server.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { jeeNightStore } from './jee-night.js';

let app: FastifyInstance;
let store: SqliteStore;

beforeAll(async () => {
  store = await jeeNightStore('cifra-api-jee-votes-');
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const unit = async (level: string, code: string) => {
  const r = await app.inject({ method: 'GET', url: PATHS.unit('night', level, code) });
  expect(r.statusCode, r.body).toBe(200);
  return ResultsSchema.parse(r.json()).units[0];
};

describe('a unit document: the votes at the JEE', () => {
  it("sums its actas at the JEE's voters, not in its votes (their electors in its remainder)", async () => {
    const d = await unit('district', '010101');
    expect(d).toMatchObject({ jeeVoters: 25, eligibleRemaining: 600, valid: 100 });
    expect(d?.actas?.jee).toBe(2);
    expect((await unit('district', '010102'))?.jeeVoters).toBe(10);
    expect((await unit('department', '01'))?.jeeVoters).toBe(35);
  });
});
