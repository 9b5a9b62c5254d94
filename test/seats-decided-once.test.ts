// A presidential election's seats answer decides the round once: the full decision (shares,
// art. 322) and the settlement's outcome are the same call on the same figures, not two.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as presidential from '../src/core/rules/presidential.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { getSeats } from '../src/results/service.js';
import { onpeCsv, onpeRow, storeWithElection } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';

vi.mock('../src/core/rules/presidential.js', async (original) => {
  const real = await original<typeof presidential>();
  return { ...real, decidePresidentialRound: vi.fn(real.decidePresidentialRound) };
});

describe('getSeats of a presidential election', () => {
  it('decides a complete count once, with the outcome the settlement states', async () => {
    const id = 'pe-2021-presidencial';
    const store = await storeWithElection(id);
    const file = join(tempDir('cifra-decided-once-'), 'a.csv');
    writeFileSync(file, onpeCsv(onpeRow('000001', 100), onpeRow('000002', 80)));
    const def = await store.getElection(id);
    if (!def) throw new Error(id);
    expect((await ingestFile(store, { file, election: def, now: fixedClock })).ok).toBe(true);
    const decide = vi.mocked(presidential.decidePresidentialRound);
    decide.mockClear();
    const r = await getSeats(store, id);
    if (!r.ok || r.value.kind !== 'presidential') throw new Error(JSON.stringify(r));
    expect([r.value.settled, r.value.settledBy]).toEqual([true, 'complete']);
    expect(r.value.result.outcome).toMatchObject({ kind: 'winner', round: 'first' });
    expect(decide).toHaveBeenCalledTimes(1);
    expect(decide.mock.results[0]?.value.outcome).toEqual(r.value.result.outcome);
    await store.close();
  });
});
