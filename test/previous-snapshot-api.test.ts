// A published election whose manifest names an earlier capture of the same count
// (previousSnapshot): the API's projection attaches it to each unit through the same function as
// `cifra project --previous-snapshot` (src/results/previous-cut.ts) and says so (driftUnits,
// driftNote with the earlier cut's time). Data: test/previous-cut-fixture.ts (2021 replays).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectionSchema } from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { checkSourceHashes, loadManifest } from '../src/elections/manifests.js';
import { getProjection } from '../src/results/projection.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';
import { EARLIER_AS_OF, REPLAY_ID, replayManifest } from './previous-cut-fixture.js';

async function storeWith(manifest: string): Promise<SqliteStore> {
  const store = new SqliteStore(join(tempDir('cifra-previous-api-'), 'p.db'));
  await store.migrate();
  const put = await putPublishedElection(store, manifest);
  if (!put.ok) throw new Error(JSON.stringify(put.error));
  return store;
}

const numbers = (p: { choices: unknown; winner?: unknown }) => ({
  choices: p.choices,
  winner: p.winner,
});

describe('the API’s projection of a published election with an earlier capture', () => {
  it('serves driftUnits and driftNote, and other numbers than without the earlier capture', async () => {
    const store = await storeWith(replayManifest().path);
    const app = await buildApi({ store, tokenHash: hashToken('t'), now: fixedClock });
    const r = await app.inject({ url: `/api/v1/projection?election=${REPLAY_ID}&sims=300` });
    await app.close();
    await store.close();
    expect(r.statusCode, r.body).toBe(200);
    const doc = ProjectionSchema.parse(JSON.parse(r.body));
    // the 25 departments had actas counted at 32 %; abroad (91–95) none
    expect(doc.driftUnits).toHaveLength(25);
    expect(doc.driftUnits).not.toContain('92');
    expect(doc.driftNote?.en).toContain(`With the earlier cut (${EARLIER_AS_OF}) in 01, 02`);
    expect(doc.driftNote?.es).toContain(`Con el corte anterior (${EARLIER_AS_OF}) en 01, 02`);

    const bare = await storeWith(replayManifest({ previous: false }).path);
    const def = await bare.getElection(REPLAY_ID);
    if (def === null) throw new Error(REPLAY_ID);
    const without = await getProjection(bare, def, { sims: 300 });
    await bare.close();
    if (!without.ok) throw new Error(JSON.stringify(without.issues));
    expect(without.value.driftUnits).toEqual([]);
    expect(without.value.driftNote?.en).toContain('Without an earlier cut');
    // the drift is active: the same seed and simulations give other numbers
    expect(numbers(without.value)).not.toEqual(numbers(doc));
    expect(without.value.seed).toBe(doc.seed);
  }, 60_000);

  it('refuses an "earlier" capture with more actas counted (previous_snapshot_invalid, HTTP 422)', async () => {
    const store = await storeWith(replayManifest({ swap: true }).path);
    const app = await buildApi({ store, tokenHash: hashToken('t'), now: fixedClock });
    const r = await app.inject({ url: `/api/v1/projection?election=${REPLAY_ID}&sims=100` });
    await app.close();
    await store.close();
    expect(r.body).toContain('previous_snapshot_invalid');
    expect(r.body).toContain('more actas counted than the snapshot');
    expect(r.statusCode).toBe(422);
  }, 60_000);

  it('checks the earlier capture’s sha256 as the sources’', () => {
    const loaded = loadManifest(replayManifest({ sha256: '0'.repeat(64) }).path);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    expect(checkSourceHashes(loaded.value).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['election_invalid', 'previousSnapshot.sha256'],
    ]);
  });
});
