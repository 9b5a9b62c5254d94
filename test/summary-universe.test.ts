// The summary's "absent" (the units a published capture lacks, from the election's universe):
// a universe file that does not load is refused with its coded issues, as the projection refuses
// it — never read as "none lacking" (the code review's finding).
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { issue } from '../src/core/issues.js';
import { err } from '../src/core/result.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import type * as Universe from '../src/elections/universe.js';

// the fault: the universe file no longer parses (e.g. a row edited by hand)
const broken = { on: false };
vi.mock('../src/elections/universe.js', async (original) => {
  const real = await original<typeof Universe>();
  return {
    ...real,
    universeOf: (id: string) =>
      broken.on
        ? err([issue('election_invalid', ['universe', 3], { file: 'u.csv', problem: 'bad row' })])
        : real.universeOf(id),
  };
});

const ID = 'pe-2026-presidencial-segunda-2026-06-10';

describe('the summary of a capture with a universe', () => {
  it('lists the units it lacks (abroad), and refuses a universe that does not load', async () => {
    const store = new SqliteStore(join(tempDir('cifra-summary-universe-'), 's.db'));
    await store.migrate();
    const put = await putPublishedElection(store, ID);
    expect(put.ok).toBe(true);
    const good = await getSummary(store, ID);
    if (!good.ok) throw new Error(JSON.stringify(good.issues));
    // the 10 June capture has no vote abroad: the five continents are what it lacks
    expect(good.value.absent?.units).toHaveLength(5);
    expect(good.value.absent?.eligible).toBe(1_194_172);
    broken.on = true;
    const bad = await getSummary(store, ID);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['election_invalid', 'universe.3'],
    ]);
    broken.on = false;
    await store.close();
  });
});
