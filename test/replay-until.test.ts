// `cifra replay --until` stops the count where it says, even inside a step (review 20 L2:
// `--until 10 --steps 2` imported 50 % of the actas and said "step 1/2 · 50.0 % counted").
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replay } from '../src/projection/replay.js';
import { bundledElection } from '../src/elections/manifests.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tenActasFile, tempDir } from './helpers.js';

const dir = tempDir('cifra-replay-until-');
const store = new SqliteStore(join(dir, 'r.db'));
afterAll(() => store.close());

const options = (target: string, steps: number, until: number) => {
  const election = bundledElection('pe-2021-presidencial');
  if (election === null) throw new Error('election');
  return {
    file: tenActasFile(dir),
    election,
    target,
    order: 'random' as const,
    seed: 1,
    steps,
    until,
    speed: 0,
    sims: 20,
    now: () => '2026-12-02T00:00:00.000Z',
    sleep: () => Promise.resolve(),
  };
};

const counted = async (id: string): Promise<number> =>
  (await store.currentActas(id)).filter((a) => a.state === 'counted').length;

describe('replay --until', () => {
  it('ends at 10 % with two steps of 50 %, and a later run to 100 % completes the cut step', async () => {
    await store.migrate();
    const r = await replay(store, options('r-10', 2, 0.1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.steps.map((s) => s.actasArrived)).toEqual([1]);
    expect(await counted('r-10')).toBe(1);
    const rest = await replay(store, options('r-10', 2, 1));
    expect(rest.ok && rest.steps.map((s) => s.actasArrived)).toEqual([5, 10]);
    expect(await counted('r-10')).toBe(10);
  });

  it('keeps whole steps when `until` falls on a step', async () => {
    const r = await replay(store, options('r-50', 4, 0.5));
    expect(r.ok && r.steps.map((s) => s.actasArrived)).toEqual([3, 5]);
    expect(await counted('r-50')).toBe(5);
  });
});
