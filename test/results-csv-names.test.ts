// The results CSV names its choices (review 20, LOW): the header said P1_votes … P18_votes, and a
// spreadsheet user could not tell which column was which party. Each choice's columns now keep
// their code first (`P11_votes`, what a script matches up to the first space) and add the
// candidate and party, or the list, in brackets: still one header row, nothing a download loses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { resultsCsv } from '../src/results/csv.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { getResults } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

describe('the results CSV header', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
    const put = await putPublishedElection(store, 'pe-2026-presidencial');
    if (!put.ok) throw new Error(JSON.stringify(put.error));
  });
  afterAll(() => store.close());

  it("carries each choice's code and its candidate and party, one header row", async () => {
    const r = await getResults(store, 'pe-2026-presidencial', 'national');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const rows = parse(resultsCsv(r.value, r.value.units[0]?.choices ?? [])) as string[][];
    const header = rows[0] ?? [];
    const choices = r.value.units[0]?.choices ?? [];
    expect(choices.length).toBeGreaterThan(1);
    for (const c of choices) {
      const votes = header.find((h) => h.split(' ')[0] === `${c.id}_votes`);
      const pct = header.find((h) => h.split(' ')[0] === `${c.id}_pct_valid`);
      expect(votes).toBeDefined();
      expect(pct).toBeDefined();
      // a person reads who the column is: the candidate and the party (a presidential election)
      for (const h of [votes, pct]) {
        expect(h).toContain(c.label);
        if (c.party !== '') expect(h).toContain(c.party);
      }
      // the figures stay where the code says: the unit's votes under its column
      const i = header.indexOf(votes ?? '');
      expect(rows[1]?.[i]).toBe(String(c.votes));
    }
    // one header row: the second row is data
    expect(rows[1]?.[0]).toBe('national');
  });
});
