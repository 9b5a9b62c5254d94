// Which acta a correction replaces (results/correction.ts), each refusal and the padded mesa; the
// API's tests hold the route's statuses (test/api.test.ts, "corrections that correct nothing").
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { correctionOf } from '../src/results/correction.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import {
  fileWriter,
  fixedClock,
  fixtureElection,
  ONPE_COLUMNS,
  onpeRow,
  tempDir,
} from './helpers.js';

const ELECTION = fixtureElection('pe-2021-presidencial');
let store: SqliteStore;
beforeAll(async () => {
  const dir = tempDir('cifra-correction-');
  store = new SqliteStore(join(dir, 'cifra.db'));
  await store.migrate();
  await store.putElection(ELECTION);
  const file = fileWriter(dir)(
    'first.csv',
    `${ONPE_COLUMNS.join(',')}\n${onpeRow('000001', '010101', 40, 50)}\n`,
  );
  const r = await ingestFile(store, { file, election: ELECTION, now: fixedClock });
  expect(r.ok).toBe(true);
});
afterAll(async () => {
  await store.close();
});

const codes = (r: Awaited<ReturnType<typeof correctionOf>>) =>
  r.ok ? [] : r.issues.map((i) => [i.code, i.path]);

describe('correctionOf', () => {
  it('the mesa as the jurisdiction writes it: in the acta read, a body without one takes it', async () => {
    const r = await correctionOf(store, ELECTION.id, '1', { state: 'C' });
    expect(r.ok && r.value.mesa).toBe('000001');
    expect(r.ok && r.value.acta).toEqual({ state: 'C', mesa: '000001' });
    expect(r.ok && r.value.election.id).toBe(ELECTION.id);
    // the body's mesa, padded alike, is the same acta
    expect((await correctionOf(store, undefined, '000001', { mesa: '1' })).ok).toBe(true);
  });

  it('a body that is not one JSON object is invalid_query at body', async () => {
    for (const body of [null, [], 'acta', 3])
      expect(codes(await correctionOf(store, ELECTION.id, '1', body))).toEqual([
        ['invalid_query', ['body']],
      ]);
  });

  it('an election not stored is unknown_election', async () => {
    expect(codes(await correctionOf(store, 'pe-1990-nothing', '1', {}))).toEqual([
      ['unknown_election', ['election']],
    ]);
  });

  it('a body for another mesa, or a mesa not a string, is refused, never applied', async () => {
    for (const mesa of ['000002', 2])
      expect(codes(await correctionOf(store, ELECTION.id, '1', { mesa }))).toEqual([
        ['invalid_query', ['body', 'mesa']],
      ]);
  });

  it('an acta never imported is not there to correct: acta_not_found with the padded mesa', async () => {
    const r = await correctionOf(store, ELECTION.id, '7', {});
    expect(r.ok ? null : r.issues).toMatchObject([
      { code: 'acta_not_found', details: { election: ELECTION.id, mesa: '000007' } },
    ]);
  });
});
