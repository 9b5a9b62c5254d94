// The results' tabulation after the store's snapshot read (the per-place sums every level rolls up)
// runs a step of actas after each turn of the event loop (documents.ts, `sumPlacesInTurns`): at
// once it held `cifra serve`'s event loop 0.1–0.3 s nationally after the start's read, and every
// reader waited. The turn is observed, not timed: a callback queued after the tabulation began
// runs before it ends.
import { afterAll, describe, expect, it } from 'vitest';
import { NATIONAL } from '../src/core/model/jurisdiction.js';
import { tabulateColumns } from '../src/core/tally/aggregate.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { buildResults, currentColumns, sumPlacesInTurns } from '../src/results/documents.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fileWriter, fiveActasCsv, fixedClock, tempDir, turnsDuring } from './helpers.js';

const ELECTION = 'pe-2021-presidencial';
const dir = tempDir('cifra-tabulation-turns-');
const file = fileWriter(dir)('turns.csv', fiveActasCsv());
const stores: SqliteStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

/** A fresh memory store holding the five actas, and the election. */
async function holding() {
  const store = new SqliteStore(':memory:');
  stores.push(store);
  const election = bundledElection(ELECTION);
  if (!election) throw new Error(ELECTION);
  await store.migrate();
  await store.putElection(election);
  expect((await ingestFile(store, { file, election, now: fixedClock })).ok).toBe(true);
  return { store, election };
}

describe("the results' tabulation after the snapshot read", () => {
  it('lets the event loop turn before it ends, and tabulates what tabulateColumns does', async () => {
    const { store, election } = await holding();
    // the snapshot is read first: what is left is the tabulation
    const cols = await currentColumns(store, election);
    let turned = false;
    const national = buildResults(store, election, NATIONAL);
    setImmediate(() => (turned = true));
    const doc = await national;
    expect(turned).toBe(true);
    const j = requireJurisdiction(election.jurisdiction);
    const whole = tabulateColumns(cols, j, [NATIONAL]).get(NATIONAL)?.[0];
    expect(doc.units[0]?.valid).toBe(whole?.valid);
    expect(doc.units[0]?.choices.map((c) => c.votes)).toEqual(whole?.votes);
  });

  it('sums a step of actas after each turn', async () => {
    const { store, election } = await holding();
    const cols = await currentColumns(store, election);
    const { value: sums, turns } = await turnsDuring(sumPlacesInTurns(cols, false, 2));
    expect(sums.done).toBe(true);
    // 5 actas, 2 at a time: three steps, each after a turn (the spinner ran between them)
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});
