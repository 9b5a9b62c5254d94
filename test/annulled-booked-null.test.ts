// An annulled acta that carries votes for lists (a source that sends them as the mesa wrote them):
// the totals book every one of its votes as null — an annulled mesa gives no valid votes (LOE art.
// 363) and its voters stay in the emitted total — as docs/ingest.md promises; the acta keeps what
// it carried, with the `annulled_votes_not_null` warning. A poll-watcher's review found the old
// code adding them to the candidates (Castillo +180 in Bambamarca): this test failed there with
// FP 290 and null 0 for the district.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultsSchema } from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { uploadJsonl } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';
import { NIGHT } from './mesa-night.js';
import { join } from 'node:path';

const TOKEN = 'annulled-token';

const ROWS = [
  // counted: 110 + 70 + 3 blank + 2 null = 185 voters
  { mesa: '000001', state: 'counted', FP: 110, JP: 70, blank: 3, null: 2, impugned: 0 },
  // annulled, carrying 180 + 10 + 4 blank + 5 null + 1 impugned = 200 voters
  { mesa: '000002', state: 'annulled', FP: 180, JP: 10, blank: 4, null: 5, impugned: 1 },
].map((r) =>
  JSON.stringify({
    mesa: r.mesa,
    ubigeo: '010101',
    state: r.state,
    eligible: 300,
    voters: r.FP + r.JP + r.blank + r.null + r.impugned,
    votes: { FP: r.FP, JP: r.JP },
    blank: r.blank,
    null: r.null,
    impugned: r.impugned,
  }),
);

let store: SqliteStore;
let app: FastifyInstance;
let warnings: unknown[] = [];

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-annulled-'), 'a.db'));
  await store.migrate();
  await store.putElection(NIGHT);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
  const report = await uploadJsonl(app, 'night', TOKEN, ROWS, 'night.jsonl');
  warnings = JSON.stringify(report).match(/annulled_votes_not_null/g) ?? [];
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const unit = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  const u = ResultsSchema.parse(res.json()).units[0];
  if (!u) throw new Error(`no unit at ${url}`);
  return u;
};
const votesOf = (u: Awaited<ReturnType<typeof unit>>) =>
  Object.fromEntries(u.choices.map((c) => [c.id, c.votes]));

describe('an annulled acta carrying votes for lists', () => {
  it('adds none of them to the lists: its 200 voters are null votes, in the emitted total', async () => {
    for (const level of ['national', 'department', 'district']) {
      const code = { national: 'PE', department: '01', district: '010101' }[level];
      const u = await unit(`/api/v1/results?election=night&level=${level}&code=${code}`);
      expect(votesOf(u), level).toEqual({ FP: 110, JP: 70 });
      expect([u.valid, u.blank, u.null, u.impugned, u.emitted], level).toEqual([
        180,
        3,
        2 + 200,
        0,
        185 + 200,
      ]);
      expect(u.actas, level).toMatchObject({ total: 2, processed: 2 });
    }
  });

  it('at its own mesa: no vote for any choice, every vote null (docs/ingest.md, by state)', async () => {
    const u = await unit('/api/v1/results?election=night&level=mesa&code=000002');
    expect(u).toMatchObject({ mesaState: 'annulled', votesCounted: false, choices: [] });
    expect([u.valid, u.blank, u.null, u.impugned, u.emitted]).toEqual([null, null, 200, null, 200]);
  });

  it('the acta keeps what it carried, and the import said so', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/elections/night/actas/000002.json',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().current).toMatchObject({ votes: [180, 10], blank: 4, null: 5, impugned: 1 });
    expect(warnings.length).toBeGreaterThan(0);
  });
});
