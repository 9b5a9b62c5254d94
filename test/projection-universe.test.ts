// The universe is known: the bundled 2026 runoff capture of 10 Jun has no abroad rows, yet abroad
// (1.19 M electors, 2,506 mesas, not a vote counted) decided the result. The projection must
// project it from its universe row and its first-round prior, list it, and give no certainty.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectionSchema } from '../src/api/schemas.js';
import { completeSnapshot } from '../src/core/projection/universe.js';
import { bundledElection } from '../src/elections/manifests.js';
import { universeOf } from '../src/elections/universe.js';
import { getProjection, snapshotFromPublished } from '../src/results/projection.js';
import { putPublishedElection } from '../src/results/published-load.js';
import type { ResultUnit } from '../src/results/documents.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const ID = 'pe-2026-presidencial-segunda-2026-06-10';
let store: SqliteStore;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-universe-'), 'u.db'));
  await store.migrate();
  const r = await putPublishedElection(store, ID);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
});
afterAll(async () => {
  await store.close();
});

describe('a snapshot with a whole region missing', () => {
  it('projects abroad from the universe and its prior, lists it, and is never certain', async () => {
    const def = bundledElection(ID);
    if (def === null) throw new Error(ID);
    const p = await getProjection(store, def, { sims: 1000 });
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const doc = ProjectionSchema.parse(p.value);
    expect(doc.unitsAbsent).toEqual(['EXTRANJERO']);
    expect(doc.unitsWithoutData).toEqual(['EXTRANJERO']);
    expect(doc.unitBasis?.find((u) => u.code === 'EXTRANJERO')?.basis).toBe('prior');
    expect(doc.note).toContain('EXTRANJERO');
    // abroad's actas are in the denominator: 88,588 of 90,223 + 2,506
    expect(doc.actasTotal).toBe(90_223 + 2_506);
    expect(doc.probabilityBounds).not.toBeNull();
    for (const w of doc.winner ?? []) {
      expect(w.probability).toBeGreaterThan(0);
      expect(w.probability).toBeLessThan(1);
    }
    // Sánchez led the domestic count by 71 k; the abroad vote (Fujimori's, by ~82 k) is not
    // certain either way: neither candidate may be near-certain
    const sanchez = doc.winner?.find((w) => w.choice === 'ROBERTO SÁNCHEZ')?.probability ?? 1;
    expect(sanchez).toBeLessThan(0.9);
    // ONPE at 100 % (2 Jul 2026): Fujimori 9,223,396, Sánchez 9,173,755 valid votes
    const final = (100 * 9_223_396) / (9_223_396 + 9_173_755);
    const national = doc.choices.find((c) => c.choice === 'KEIKO FUJIMORI');
    expect(national?.lo90).toBeLessThanOrEqual(final);
    expect(national?.hi90).toBeGreaterThanOrEqual(final);
    const abroad = doc.regions.find((r) => r.code === 'EXTRANJERO');
    const keiko = abroad?.choices.find((c) => c.choice === 'KEIKO FUJIMORI');
    expect(keiko?.median).toBeGreaterThan(50);
  });

  it('completes the snapshot over the universe: every unit, with its electors', async () => {
    const def = bundledElection(ID);
    if (def === null) throw new Error(ID);
    const docs = (await store.publishedUnits(ID, 'department')).map((u) => u.doc as ResultUnit);
    const snapshot = snapshotFromPublished(def, docs);
    expect(snapshot).toHaveLength(25);
    const universe = universeOf(ID);
    if (!universe.ok || universe.value === null) throw new Error('universe');
    const completed = completeSnapshot(snapshot, universe.value);
    expect(completed.absent).toEqual(['EXTRANJERO']);
    expect(completed.units).toHaveLength(26);
    expect(completed.units.find((u) => u.unit === '14')?.eligibleTotal).toBe(7_715_622 + 807_637);
  });
});
