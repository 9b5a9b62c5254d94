// The progress document says what its count of actas is measured against (session 35): an
// election without a universe (the total is whatever the files brought) is not one whose universe
// is all loaded. Before, both served `actasNotLoaded: 0`, and the dashboard told a mesa searched in
// Freedonia (no universe) that it was "not found in this election", as if its six actas were all.
// Freedonia in three forms: no universe, a universe its six actas fill, one with an acta to come.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressSchema } from '../src/results/document-schemas.js';
import { getProgress } from '../src/results/service.js';
import { tempDir } from './helpers.js';
import { XF_ELECTION, xfStore, xfWithUniverse } from './xf-fixture.js';

async function progressOf(store: Awaited<ReturnType<typeof xfStore>>) {
  const p = await getProgress(store, XF_ELECTION);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  // the served document is the schema's (the OpenAPI's)
  expect(ProgressSchema.safeParse(p.value).success).toBe(true);
  return p.value;
}

describe("the progress document: a count's universe, or none", () => {
  it('no universe: the actas to come are unknown (null), said as no universe, never 0', async () => {
    const store = await xfStore(join(tempDir('cifra-universe-none-'), 'n.db'));
    const p = await progressOf(store);
    expect(p.actas?.total).toBe(6);
    expect(p.universe).toBe('none');
    expect(p.actasNotLoaded).toBeNull();
    await store.close();
  });

  it('a universe its six actas fill: known, none to load', async () => {
    const store = await xfWithUniverse('cifra-universe-full-', 'u.db');
    const p = await progressOf(store);
    expect(p.actas?.total).toBe(6);
    expect(p.universe).toBe('known');
    expect(p.actasNotLoaded).toBe(0);
    await store.close();
  });

  it('a universe with an acta still to load: known, 1 to load, in the total', async () => {
    const store = await xfWithUniverse('cifra-universe-partial-', 'u.db', 1);
    const p = await progressOf(store);
    expect(p.actas?.total).toBe(7);
    expect(p.universe).toBe('known');
    expect(p.actasNotLoaded).toBe(1);
    await store.close();
  });

  it('a universe whose codes are no level of the jurisdiction: unreadable, the actas to come unknown', async () => {
    const store = await xfWithUniverse('cifra-universe-bad-', 'u.db', 0, [
      '01,Norte,11580,2',
      '0201,Gamma,4325,1',
    ]);
    const p = await progressOf(store);
    expect(p.universe).toBe('unreadable');
    expect(p.actasNotLoaded).toBeNull();
    await store.close();
  });
});
