// A request body that is not JSON gets one code on every route that takes JSON: the what-if and
// a correction both answer 422 `body_not_json` (the correction said `csv_unreadable`, though it
// reads no CSV, the what-if `invalid_query`, though no query was wrong), and nothing is stored.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { ErrorSchema } from '../src/api/schemas.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, uploadCsv } from './api-helpers.js';
import { fixtureElection, tempDir } from './helpers.js';
import { DISTRICTS, LISTS, VOTES, putListElection, writeStyleRuleset } from './list-election.js';

const TOKEN = 'json-bodies-token';
const ELECTION = 'pe-2021-presidencial';
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  const dir = tempDir('cifra-json-bodies-');
  store = new SqliteStore(join(dir, 'api.db'));
  await store.migrate();
  await store.putElection(fixtureElection(ELECTION));
  const ruleset = writeStyleRuleset(dir);
  await putListElection(store, {
    id: 'test-diputados',
    ruleset,
    districts: DISTRICTS,
    lists: LISTS,
    votes: VOTES,
  });
  app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
  await uploadCsv(app, ELECTION, TOKEN, onpeCsv(onpeRow('000001', 100)));
});

afterAll(async () => {
  await app.close();
  await store.close();
});

/** The status and each issue's code and path of a body sent to both routes. */
async function bothRoutes(payload: string): Promise<unknown[]> {
  const answers = await Promise.all(
    [`/api/v1/actas/000001/corrections?election=${ELECTION}`, '/api/v1/what-if'].map((url) =>
      app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        payload,
      }),
    ),
  );
  return answers.map((r) => [
    r.statusCode,
    ErrorSchema.parse(r.json()).issues.map((i) => [i.code, i.path.join('.')]),
  ]);
}

describe('a body that is not JSON', () => {
  it('is 422 body_not_json on the what-if and on a correction alike', async () => {
    const revision = await store.revision();
    for (const payload of ['{"mesa": ', 'mesa=000001', '']) {
      const expected = [422, [['body_not_json', 'body']]];
      expect([payload, await bothRoutes(payload)]).toEqual([payload, [expected, expected]]);
    }
    expect(await store.revision()).toBe(revision); // nothing stored
  });

  it('JSON of another shape is invalid_query at body on both', async () => {
    const expected = [422, [['invalid_query', 'body']]];
    expect(await bothRoutes('["000001"]')).toEqual([expected, expected]);
  });
});
