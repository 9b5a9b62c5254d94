// One acta of 300,000 still out rounds to "100.000" at three decimals. The rule "never 100 % while
// actas remain" was the dashboard's alone (review 7, LOW): the API, the CSV and `cifra results`
// printed 100.000. It is now where the % of actas counted is computed, so every output says 99.999.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderResults } from '../src/cli/commands/actas.js';
import { unitPercentages, type UnitResult } from '../src/core/tally/aggregate.js';
import { resultsCsv } from '../src/results/csv.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { getResults } from '../src/results/service.js';
import { actasStatus } from '../src/results/status.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixtureElection, tempDir } from './helpers.js';

const N = 300_000;
const MANIFEST = 'data/elections/pe-2026-presidencial.json';

/** The bundled first round with its national file saying N − 1 of N actas counted. */
function oneActaOut(dir: string): string {
  const m = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, unknown> & {
    id: string;
    sources: { file: string; sha256?: string }[];
  };
  const base = dirname(resolve(MANIFEST));
  const src = m.sources[0];
  if (src === undefined) throw new Error(MANIFEST);
  const [header, ...rows] = readFileSync(resolve(base, src.file), 'utf8').trim().split('\n');
  const cols = (header ?? '').split(',');
  const set = (row: string): string =>
    row
      .split(',')
      .map((v, i) =>
        cols[i] === 'actas_counted' ? String(N - 1) : cols[i] === 'actas_total' ? String(N) : v,
      )
      .join(',');
  const file = join(dir, 'national.csv');
  writeFileSync(file, [header, ...rows.map(set)].join('\n') + '\n');
  const manifest = { ...m, id: `${m.id}-one-out`, sources: [{ ...src, file, sha256: undefined }] };
  const path = join(dir, 'one-out.json');
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

describe(`${N - 1} of ${N} actas counted`, () => {
  let store: SqliteStore;
  let id: string;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
    const put = await putPublishedElection(store, oneActaOut(tempDir('cifra-pct-')));
    if (!put.ok) throw new Error(JSON.stringify(put.error));
    id = put.value.id;
  });
  afterAll(() => store.close());

  it('the results, their CSV and `cifra results` say 99.999, never 100.000', async () => {
    const r = await getResults(store, id, 'national');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const a = r.value.units[0]?.actas;
    expect([a?.processed, a?.total]).toEqual([N - 1, N]);
    expect(a?.pctProcessed).toBe('99.999');
    expect(r.value.status.pctCounted).toBe('99.999');
    for (const text of [
      resultsCsv(r.value, r.value.units[0]?.choices ?? []),
      renderResults(r.value, 'table'),
    ]) {
      expect(text).toContain('99.999');
      expect(text).not.toContain('100.000');
    }
  });

  it("the summary's status says 99.999", async () => {
    const s = await getSummary(store, id);
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    expect(s.value.count).toMatchObject({ actasProcessed: N - 1, actasTotal: N });
    expect(s.value.status.pctCounted).toBe('99.999');
  });

  it("an acta count's unit and status too", () => {
    const def = fixtureElection('pe-2021-presidencial');
    const { count, status } = actasStatus(def, {
      total: N,
      processed: N - 1,
      votesRemaining: 200,
    });
    expect([count.complete, status.kind, status.pctCounted]).toEqual([
      false,
      'provisional',
      '99.999',
    ]);
    // the figures unitPercentages reads of a tabulated unit
    const u = {
      ...{ votes: [], valid: 0, emitted: 0, blank: 0, null: 0, eligibleProcessed: 0 },
      ...{ actasProcessed: N - 1, actas: { total: N } },
    } as unknown as UnitResult;
    const pct = unitPercentages(u);
    expect(pct.pctActasProcessed).toBe('99.999');
  });
});
