// An acta election's manifest declares its expected extent (its universe): a partial file is
// never the whole count. The 2021 runoff cut to Lima, and to its first 20,000 rows.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue } from '../src/core/issues.js';
import type { UniverseUnit } from '../src/core/projection/universe.js';
import { extentOver } from '../src/core/tally/extent.js';
import { readUniverse } from '../src/elections/universe.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { buildResults } from '../src/results/documents.js';
import { getProjection } from '../src/results/projection.js';
import { statusOf } from '../src/results/status.js';
import { getSummary, SummarySchema } from '../src/results/summary.js';
import { getProgress } from '../src/results/service.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { storeWithElection } from './api-helpers.js';
import { fixedClock, fixtureElection, tempDir } from './helpers.js';

const ID = 'pe-2021-presidencial-segunda';
const R2 = dataPath(
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
);
const universe = ((): readonly UniverseUnit[] => {
  const u = readUniverse(dataPath('peru/2021/presidential_r2/universe_2021_r2_departments.csv'));
  if (!u.ok) throw new Error('universe');
  return u.value;
})();
const sum = (units: readonly UniverseUnit[], f: (u: UniverseUnit) => number): number =>
  units.reduce((a, u) => a + f(u), 0);

/** A store of the runoff (with its universe) holding only the given rows of ONPE's file. */
async function partialStore(keep: (rows: string[]) => string[]): Promise<SqliteStore> {
  const [header, ...rows] = gunzipSync(readFileSync(R2))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  const file = join(tempDir('cifra-extent-'), 'partial.csv');
  writeFileSync(file, [header, ...keep(rows)].join('\n') + '\n');
  const store = await storeWithElection(ID, undefined, { universe: true });
  const def = await store.getElection(ID);
  if (!def) throw new Error(ID);
  const r = await ingestFile(store, { file, election: def, now: fixedClock });
  expect(r.ok, JSON.stringify(r.ok ? null : r.issues)).toBe(true);
  return store;
}

describe('a runoff file holding Lima only', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await partialStore((rows) => rows.filter((l) => l.startsWith('"14')));
  });
  afterAll(() => store.close());

  it('is a third of the count, with every elector outside Lima still to come: nothing decided', async () => {
    const s = await getSummary(store, ID);
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    const summary = SummarySchema.parse(s.value);
    expect(summary).toMatchObject({ settled: false, settledBy: null, outcome: null });
    expect(summary.status.kind).toBe('provisional');
    expect(summary.count.complete).toBe(false);
    expect(summary.count.actasTotal).toBe(sum(universe, (u) => u.actasTotal));
    const pct = Number(summary.status.pctCounted);
    expect(pct).toBeGreaterThan(30);
    expect(pct).toBeLessThan(34);
    const outside = sum(
      universe.filter((u) => u.unit !== '14'),
      (u) => u.eligible,
    );
    expect(summary.count.votesRemaining).toBeGreaterThanOrEqual(outside);
  });

  it("counts the actas no file has brought yet, so the progress's states and them add up to the total", async () => {
    const p = await getProgress(store, ID);
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const a = p.value.actas;
    if (a === null) throw new Error('no acta counts');
    const inStates = a.counted + a.resolved + a.annulled + a.notInstalled + a.pending + a.jee;
    // review 5: 3,000 actas in states against a total of 86,488, and nothing said of the rest
    expect(p.value.actasNotLoaded).toBe(sum(universe, (u) => u.actasTotal) - inStates);
    expect(inStates + (p.value.actasNotLoaded ?? 0)).toBe(a.total);
    expect(p.value.actasNotLoaded).toBeGreaterThan(50_000);
  });

  it('gives every department its actas over the universe: Lima almost all, the others none', async () => {
    const def = await store.getElection(ID);
    if (!def) throw new Error(ID);
    const units = (await buildResults(store, def, 'department')).units;
    expect(units.map((u) => u.code)).toEqual(universe.map((u) => u.unit));
    for (const u of units) {
      const expected = universe.find((x) => x.unit === u.code);
      expect(u.actas?.total).toBe(expected?.actasTotal);
      if (u.code !== '14') expect([u.actas?.pctProcessed, u.valid]).toEqual(['0.000', 0]);
    }
    expect(Number(units.find((u) => u.code === '14')?.actas?.pctProcessed)).toBeGreaterThan(99);
  });

  it('projects the whole election: the missing mesas as uncounted ones, within its electors', async () => {
    const def = await store.getElection(ID);
    if (!def) throw new Error(ID);
    const p = await getProjection(store, def, { seed: 7, sims: 200 });
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const n = (await buildResults(store, def, 'national')).units[0];
    expect(p.value.actasTotal).toBe(sum(universe, (u) => u.actasTotal));
    expect(p.value.unitsAbsent).toEqual(universe.map((u) => u.unit).filter((c) => c !== '14'));
    // the note names them as the results do, not by code (it read "No actas loaded in 01, 02, …")
    expect(p.value.note?.en).toMatch(/^No actas loaded in AMAZONAS, ANCASH, APURIMAC, AREQUIPA, /);
    expect(p.value.note?.es).toContain('AREQUIPA');
    expect(p.value.note?.en).not.toMatch(/\b0[1-9]\b/);
    // more than Lima's counted votes, never more than the universe's electors
    expect(p.value.valid.lo90).toBeGreaterThan(2 * (n?.valid ?? 0));
    expect(p.value.valid.hi90).toBeLessThanOrEqual(sum(universe, (u) => u.eligible));
    // the rest of Peru is not Lima: two regions with data say nothing of how the others vote,
    // so Lima's lead is no call (it gave Fujimori 0.99, shown "> 99 %"; Castillo won)
    const fujimori = p.value.winner?.find((w) => w.choice === 'KEIKO SOFIA FUJIMORI HIGUCHI');
    expect(fujimori?.probability).toBeGreaterThan(0.5);
    expect(fujimori?.probability).toBeLessThan(0.9);
  });
});

describe("a runoff file's first 20,000 rows", () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await partialStore((rows) => rows.slice(0, 20_000));
  });
  afterAll(() => store.close());

  it('is under a quarter of the count and decides nothing; no department beyond its own actas', async () => {
    const s = await getSummary(store, ID);
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    expect(s.value).toMatchObject({ settled: false, settledBy: null, outcome: null });
    expect(s.value.count.actasTotal).toBe(sum(universe, (u) => u.actasTotal));
    expect(Number(s.value.status.pctCounted)).toBeLessThan(25);
    const def = await store.getElection(ID);
    if (!def) throw new Error(ID);
    const units = (await buildResults(store, def, 'department')).units;
    // every department over its expected actas, not over the few the store holds
    expect(units.map((u) => [u.code, u.actas?.total])).toEqual(
      universe.map((u) => [u.unit, u.actasTotal]),
    );
    const full = units.filter((u) => u.actas?.pctProcessed === '100.000').map((u) => u.code);
    // a department at 100 % is one whose every expected acta is in the store, and most are not
    for (const code of full)
      expect(units.find((u) => u.code === code)?.actas?.processed).toBe(
        universe.find((u) => u.unit === code)?.actasTotal,
      );
    expect(full.length).toBeLessThan(universe.length / 2);
  });
});

describe('a store holding more actas than the universe expects', () => {
  it('is extent_exceeded, said in the status note with the units, not a crash', () => {
    const lima = universe.find((u) => u.unit === '14');
    if (lima === undefined) throw new Error('14');
    const x = extentOver(
      [{ code: '14', eligible: lima.eligible, actasTotal: lima.actasTotal }],
      [{ code: '14', actasTotal: lima.actasTotal + 5, eligible: lima.eligible }],
    );
    const units = x.exceeded.map((e) => `${e.code}: ${e.stored} > ${e.expected}`).join(', ');
    const problems = [issue('extent_exceeded', ['universe'], { election: ID, units })];
    const status = statusOf(fixtureElection(ID), false, '50.000', problems);
    expect(status.note?.en).toContain(
      `extent_exceeded (14: ${lima.actasTotal + 5} > ${lima.actasTotal})`,
    );
    expect(status.note?.es).toContain('extent_exceeded');
    expect(statusOf(fixtureElection(ID), false, '50.000').note).toBeNull();
  });
});
