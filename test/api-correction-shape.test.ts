// A correction takes the acta shape the API itself serves (GET /api/v1/actas/:mesa's `current`,
// `votes` an array in the election's choice order), and a body it cannot read says what is wrong
// at its field with no import made: `votes` of the wrong shape was 422 `missing_required` ("a
// required field is empty"), an absent ubigeo `ubigeo_invalid`, and each try left an import with a
// quarantined row (review s35, 1).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { ActaSchema, ErrorSchema, ImportReportSchema } from '../src/api/schemas.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, uploadCsv, uploadJsonl } from './api-helpers.js';
import { fixtureElection, tempDir } from './helpers.js';

const TOKEN = 'correction-shape-token';
const ELECTION = 'pe-2021-presidencial';
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-correction-shape-'), 'api.db'));
  await store.migrate();
  await store.putElection(fixtureElection(ELECTION));
  app = await buildApi({ store, tokenHash: hashToken(TOKEN) });
  await uploadCsv(app, ELECTION, TOKEN, onpeCsv(onpeRow('000001', 100)));
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const current = async () => {
  const r = await app.inject({ url: `/api/v1/actas/000001?election=${ELECTION}` });
  expect(r.statusCode, r.body).toBe(200);
  const c = ActaSchema.parse(r.json()).current;
  if (c === null) throw new Error('no current version');
  return c;
};

const correct = (body: unknown) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/actas/000001/corrections?election=${ELECTION}`,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

/** The imports the store has recorded. */
const imports = async () => (await store.listImports()).length;

describe('a correction in the API’s own acta shape', () => {
  it('is read by the choice order: the array the acta document gives corrects the acta', async () => {
    const was = await current();
    const votes = [...(was.votes ?? [])];
    expect(votes[0]).toBe(100);
    votes[0] = 98;
    const r = await correct({ ...was, votes, blank: (was.blank ?? 0) + 2 });
    expect(r.statusCode, r.body).toBe(200);
    expect(ImportReportSchema.parse(r.json()).quarantined).toBe(0);
    const now = await current();
    expect([now.votes?.[0], now.blank, now.version]).toEqual([98, (was.blank ?? 0) + 2, 2]);
  });

  it('an array of another length is 422 invalid_query at body.votes, naming the order', async () => {
    const before = await imports();
    const r = await correct({ ...(await current()), votes: [56, 115] });
    expect(r.statusCode).toBe(422);
    const e = ErrorSchema.parse(r.json());
    expect(e.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_query', 'body.votes'],
    ]);
    expect(String(e.issues[0]?.details?.['message'])).toContain('P1, P2');
    expect(await imports()).toBe(before);
  });
});

describe('a correction body that cannot be read as an acta', () => {
  it('names the wrong shape invalid_query, an absent field missing_required, and imports nothing', async () => {
    const before = await imports();
    // no ubigeo
    const r = await correct({
      mesa: '000001',
      state: 'counted',
      eligible: 300,
      voters: 110,
      votes: 'x',
    });
    expect(r.statusCode).toBe(422);
    expect(
      ErrorSchema.parse(r.json())
        .issues.map((i) => [i.code, i.path.join('.')])
        .sort(),
    ).toEqual([
      ['invalid_query', 'body.votes'],
      ['missing_required', 'body.ubigeo'],
    ]);
    expect(await imports()).toBe(before);
  });
});

describe('a cifra JSON file row', () => {
  it('of the wrong shape is not "a required field is empty"; an absent one is', async () => {
    const report = await uploadJsonl(
      app,
      ELECTION,
      TOKEN,
      [
        JSON.stringify({
          mesa: '000002',
          ubigeo: '010101',
          state: 'counted',
          eligible: 300,
          voters: 0,
          votes: [0],
        }),
        JSON.stringify({ mesa: '000003', state: 'counted', eligible: 300, voters: 0, votes: null }),
      ],
      'shapes.jsonl',
    );
    const rows = ImportReportSchema.parse(report).quarantinedRows;
    expect(rows.map((q) => q.issues.map((i) => [i.code, i.path.join('.')]))).toEqual([
      [['json_unreadable', 'row.1.votes']],
      [['missing_required', 'row.2.ubigeo']],
    ]);
  });
});
