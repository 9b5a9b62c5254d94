// A document path names a mesa only as `cifra publish` names its file: `actas/12438.json` was 200
// on the server (read as 012438) and 404 on the static site, so the "same paths on both" of the
// OpenAPI was not true; the query route keeps the lenient form it documents (review s35, 3).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { ErrorSchema } from '../src/api/schemas.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, uploadCsv } from './api-helpers.js';
import { fixtureElection, tempDir } from './helpers.js';

const TOKEN = 'mesa-forms-token';
const E = 'pe-2021-presidencial';
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-mesa-forms-'), 'api.db'));
  await store.migrate();
  await store.putElection(fixtureElection(E));
  app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
  await uploadCsv(app, E, TOKEN, onpeCsv(onpeRow('012438', 100)));
});

afterAll(async () => {
  await app.close();
  await store.close();
});

describe('a mesa on a document path', () => {
  it('in its canonical form is the document', async () => {
    for (const url of [PATHS.acta(E, '012438'), PATHS.unit(E, 'mesa', '012438')])
      expect([url, (await app.inject({ url })).statusCode]).toEqual([url, 200]);
  });

  it('in another form is 404 mesa_invalid naming the canonical one, as the static site has no such file', async () => {
    for (const [url, at] of [
      [PATHS.acta(E, '12438'), 'mesa'],
      [PATHS.acta(E, '012438 '), 'mesa'],
      [PATHS.unit(E, 'mesa', '12438'), 'code'],
    ] as const) {
      const r = await app.inject({ url });
      const e = ErrorSchema.parse(r.json());
      expect([url, r.statusCode, e.issues.map((i) => [i.code, i.path.join('.')])]).toEqual([
        url,
        404,
        [['mesa_invalid', at]],
      ]);
      expect(e.issues[0]?.details?.['canonical']).toBe('012438');
    }
  });

  it('the query routes keep the lenient form they document', async () => {
    for (const url of [
      `/api/v1/actas/12438?election=${E}`,
      `/api/v1/actas/012438%20?election=${E}`,
    ])
      expect([url, (await app.inject({ url })).statusCode]).toEqual([url, 200]);
  });
});
