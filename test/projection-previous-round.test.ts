// The per-mesa projection of a runoff carries the first round per mesa (ONPE reuses the mesa
// numbers) when the store holds it: the 2021 runoff cut to Lima, projected before and after the
// first round is loaded into the same store.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectionDef } from '../src/core/model/acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { getProjection, type ProjectionDocument } from '../src/results/projection.js';
import { replayDefinition } from '../src/projection/replay.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { storeWithElection } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';

const R1 = 'pe-2021-presidencial';
const R2 = 'pe-2021-presidencial-segunda';
const R1_FILE = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);
const R2_FILE = dataPath(
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
);
// JNE proclamation of 19 July 2021: Castillo 8,836,380, Fujimori 8,792,117 valid votes
const CASTILLO_FINAL = (100 * 8_836_380) / (8_836_380 + 8_792_117);
const CASTILLO = 'PEDRO CASTILLO TERRONES';

async function ingest(store: SqliteStore, id: string, file: string): Promise<void> {
  const def = await store.getElection(id);
  if (!def) throw new Error(id);
  const r = await ingestFile(store, { file, election: def, now: fixedClock });
  expect(r.ok, JSON.stringify(r.ok ? null : r.issues)).toBe(true);
}

async function project(store: SqliteStore): Promise<ProjectionDocument> {
  const def = await store.getElection(R2);
  if (!def) throw new Error(R2);
  const p = await getProjection(store, def, { seed: 7, sims: 400 });
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.value;
}

const castillo = (p: ProjectionDocument) => p.choices.find((c) => c.choice === CASTILLO);

describe('the 2021 runoff, Lima only, with and without the first round per mesa', () => {
  let store: SqliteStore;
  let without: ProjectionDocument;
  let withRound: ProjectionDocument;
  beforeAll(async () => {
    store = await storeWithElection(R2, undefined, { universe: true });
    const [header, ...rows] = gunzipSync(readFileSync(R2_FILE))
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '');
    const lima = rows.filter((l) => l.startsWith('"14'));
    const file = join(tempDir('cifra-previous-round-'), 'lima.csv');
    writeFileSync(file, [header, ...lima].join('\n') + '\n');
    await ingest(store, R2, file);
    without = await project(store);
    const r1 = bundledElection(R1);
    if (!r1) throw new Error(R1);
    await store.putElection(r1);
    await ingest(store, R1, R1_FILE);
    // the runoff's own revision is unchanged: the first round's load must still reach it
    withRound = await project(store);
  }, 120_000);
  afterAll(() => store.close());

  it('names the first round as the runoff’s previous round in the stored definition', () => {
    expect(bundledElection(R2)?.manifest?.previousRound).toBe(R1);
    expect(bundledElection(R1)?.manifest?.previousRound).toBeUndefined();
  });

  it('says so when the first round is not in the database, and projects without it', () => {
    expect(without.previousRoundNote?.en).toContain(
      `The previous round (${R1}) is not in the database`,
    );
    expect(without.previousRoundNote?.es).toContain('no está en la base de datos');
  });

  it('carries it per mesa once loaded: the centre lands on the final from Lima alone', () => {
    expect(withRound.revision).toBe(without.revision);
    expect(withRound.previousRoundNote?.en).toMatch(
      /^Each mesa carries its result in the previous round \(pe-2021-presidencial, the same mesa numbers; 86,488 mesas\).* the 2\d,\d{3} counted mesas show\.$/,
    );
    const w = castillo(withRound);
    const o = castillo(without);
    if (!w || !o) throw new Error(CASTILLO);
    // Lima voted Fujimori; the first round per mesa carries the rest of Peru's vote into the
    // runoff (the intervals are wide while two regions report, run 20). Since the mesas to come
    // sit in their own districts (real sizes; docs/projection.md, "The mesas to come in their own
    // district") the centre is 51.71 (1.59 pp off; 50.35 with one pooled district per department)
    // and the median 50.35 (0.22 pp off; 51.09 since run 21)
    expect(Math.abs(w.central - CASTILLO_FINAL)).toBeLessThan(2);
    expect(Math.abs(w.median - CASTILLO_FINAL)).toBeLessThan(1);
    expect(Math.abs(o.central - CASTILLO_FINAL)).toBeGreaterThan(5);
    expect(w.lo90).toBeLessThanOrEqual(CASTILLO_FINAL);
    expect(w.hi90).toBeGreaterThanOrEqual(CASTILLO_FINAL);
    // run 21: a residual's spread between the regions is how far apart their first rounds predict
    // them, not a share's 1/12 (here, seed 7 and 400 sims: 41.3 pp wide before, 27.8 after)
    expect(w.hi90 - w.lo90).toBeLessThan(33);
  });
});

describe('a replay of the runoff', () => {
  it('keeps the previous round, so a rehearsal carries it as the night would', () => {
    const def = bundledElection(R2) as ElectionDef;
    const replayed = replayDefinition({
      election: def,
      target: `${R2}-replay`,
      order: 'odpe',
      seed: 1,
    } as Parameters<typeof replayDefinition>[0]);
    expect(replayed.manifest?.previousRound).toBe(R1);
    // what the authority published about the real end is still left out
    expect(replayed.manifest?.reported).toBeUndefined();
  });
});
