// An acta at the JEE whose figures do not add up (the very reason it went there: "error
// material", R-0837-2025-JNE arts. 23–24): it is stored at the JEE with its errors as warnings,
// not quarantined — a quarantine left the mesa "to be counted" and the JEE count one short (a
// poll-watcher's review, H1). It adds nothing to the totals; the same figures on a counted acta
// are still quarantined. Failed on the old code: quarantined 1, the mesa pending, jee 0.
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultsSchema } from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { uploadJsonl } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';
import { NIGHT } from './mesa-night.js';

const TOKEN = 'jee-token';

/** 230 voters written, 201 votes (120 + 75 + 4 + 2): off by 29. */
const row = (mesa: string, state: string) =>
  JSON.stringify({
    mesa,
    ubigeo: '010101',
    state,
    eligible: 300,
    voters: 230,
    votes: { FP: 120, JP: 75 },
    blank: 4,
    null: 2,
  });

let store: SqliteStore;
let app: FastifyInstance;
let report: Record<string, unknown>;

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-jee-'), 'j.db'));
  await store.migrate();
  await store.putElection(NIGHT);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
  const counted = JSON.stringify({
    mesa: '000001',
    ubigeo: '010101',
    state: 'counted',
    eligible: 300,
    voters: 185,
    votes: { FP: 110, JP: 70 },
    blank: 3,
    null: 2,
  });
  const rows = [counted, row('000002', 'jee'), row('000003', 'counted'), row('000004', 'annulled')];
  report = await uploadJsonl(app, 'night', TOKEN, rows, 'night.jsonl');
});

afterAll(async () => {
  await app.close();
  await store.close();
});

/** District 010101's unit, read through the API. */
const district = async () => {
  const res = await app.inject({
    method: 'GET',
    url: '/api/v1/results?election=night&level=district&code=010101',
  });
  expect(res.statusCode, res.body).toBe(200);
  return ResultsSchema.parse(res.json()).units[0];
};

describe('an acta at the JEE whose figures do not add up', () => {
  it('is stored at the JEE with the error as a warning; the same figures counted are quarantined', () => {
    expect(report).toMatchObject({
      quarantined: 1,
      quarantinedByCode: { sheet_sum_mismatch: 1 },
      // the JEE's and the annulled acta's (below)
      warningsByCode: { sheet_sum_mismatch: 2 },
    });
    const rows = report.quarantinedRows as { mesa?: string }[];
    expect(rows.map((r) => r.mesa)).toEqual(['000003']);
  });

  it('counts as at the JEE in the district, and adds nothing to its votes', async () => {
    const u = await district();
    expect(u?.actas).toMatchObject({ total: 3, jee: 1, annulled: 1, processed: 2 });
    expect(u?.choices.map((c) => c.votes)).toEqual([110, 70]);
  });

  it('its acta says at the JEE, with its figures and the warning', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/elections/night/actas/000002.json',
    });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc.current).toMatchObject({ state: 'jee', voters: 230, votes: [120, 75] });
    expect(JSON.stringify(doc)).toContain('sheet_sum_mismatch');
  });
});

// The same figures on an annulled acta: it is annulled (counted, LOE art. 363) whatever its
// figures, so they are warnings and the mesa reads annulled, not "to be counted"; the totals book
// its 230 voters as null votes (what ONPE published for 2021's annulled actas: every voter in
// VOTOS_VN), not the 201 its cells add to. Failed on the old code: quarantined 2, the mesa
// pending, null 2.
describe('an annulled acta whose figures do not add up', () => {
  it('books its voters as null votes in the district, beside the counted acta', async () => {
    const u = await district();
    expect(u?.valid).toBe(180);
    expect(u?.null).toBe(2 + 230);
    expect(u?.emitted).toBe(185 + 230);
  });

  it('its acta says annulled, with the figures it carried and the warning', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/elections/night/actas/000004.json',
    });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc.current).toMatchObject({ state: 'annulled', voters: 230, votes: [120, 75] });
    expect(JSON.stringify(doc)).toContain('sheet_sum_mismatch');
  });
});
