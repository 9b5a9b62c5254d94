// The 2026 first round at 100 % itemises seven candidates and keeps the other 29 as one remainder
// (3,778,318 votes): the summary names the runoff pair only because the manifest says the source
// ranks all 29 below the seventh (`rankedBelow`); without it one of them could hold more votes
// than Sánchez's 2,015,114 and the pair is not stated (review 4).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../src/results/published-load.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const MANIFEST = 'data/elections/pe-2026-presidencial.json';

async function summaryOf(ref: string) {
  const store = new SqliteStore(':memory:');
  await store.migrate();
  const put = await putPublishedElection(store, ref);
  if (!put.ok) throw new Error(JSON.stringify(put.error));
  const s = await getSummary(store, put.value.id);
  await store.close();
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  return s.value;
}

describe('a first round with candidates not itemised', () => {
  it('names the pair when the source ranks the rest below (the bundled manifest)', async () => {
    const s = await summaryOf('pe-2026-presidencial');
    expect([s.settled, s.settledBy, s.outcome]).toEqual([
      true,
      'complete',
      { kind: 'runoff', pair: ['keiko-fujimori', 'roberto-sanchez'] },
    ]);
  });

  it('does not, from the same figures, when the manifest does not say so', async () => {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
      choices: { remainder?: boolean; rankedBelow?: boolean }[];
      sources: { file: string }[];
      provenance?: string;
    };
    for (const c of m.choices) delete c.rankedBelow;
    // the copy lives elsewhere: its files by absolute path
    const base = dirname(resolve(MANIFEST));
    for (const src of m.sources) src.file = resolve(base, src.file);
    const file = join(tempDir('cifra-remainder-'), 'unranked.json');
    writeFileSync(file, JSON.stringify(m));
    const s = await summaryOf(file);
    expect([s.settled, s.settledBy, s.outcome]).toEqual([false, null, null]);
  });
});
