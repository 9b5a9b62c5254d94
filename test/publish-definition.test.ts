// A re-publish keeps the count's course and the acta files only while the election's data files
// are the ones they were computed under (review of pass 20: the kept course was checked against
// the code and the imports only, so a user's edited universe or jurisdiction left it stale).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import type { Store } from '../src/store/store.js';
import { tempDir } from './helpers.js';
import { counting } from './publish-fixture.js';
import { manifestStore, XF_DIR, XF_ELECTION } from './xf-fixture.js';

const NOW = '2026-12-03T10:00:00.000Z';

/** A universe of Freedonia's three regions, `actas` actas each. */
const universe = (actas: number): string =>
  ['code,name,eligible,actas_total', ...['01', '02', '03'].map((r) => `${r},R${r},9000,${actas}`)]
    .join('\n')
    .concat('\n');

/**
 * Freedonia's fixture copied to a temp folder (manifest, ruleset, actas, jurisdiction), the
 * manifest naming a universe file, and a store of its actas.
 */
async function userElection(): Promise<{ dir: string; store: Store }> {
  const dir = tempDir('cifra-publish-definition-');
  cpSync(XF_DIR, dir, { recursive: true });
  const manifest = join(dir, 'xf-2026.json');
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
  const file = { file: 'universe.csv', publisher: 'Freedonia Electoral Commission (made up)' };
  writeFileSync(manifest, JSON.stringify({ ...m, universe: file }));
  writeFileSync(join(dir, 'universe.csv'), universe(2));
  const store = await manifestStore(join(dir, 'xf.db'), manifest, join(dir, 'jurisdictions'));
  return { dir, store };
}

const course = (out: string): string =>
  readFileSync(join(out, PATHS.document(XF_ELECTION, 'count-course')), 'utf8');

async function publish(store: Store, out: string): Promise<{ actasKept: number }> {
  const r = await publishSite(store, out, {}, NOW);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe("a re-publish after an edit of the election's data files", () => {
  it("replays the course when the manifest's universe changed: the course a new site has", async () => {
    const { dir, store } = await userElection();
    const out = join(dir, 'site');
    await publish(store, out);
    const before = course(out);
    expect(before).toContain('"actasTotal":6');
    writeFileSync(join(dir, 'universe.csv'), universe(5));
    const again = counting(store);
    await publish(again.store, out);
    // the old code kept the previous version's course: 6 actas in all, not the universe's 15
    expect(again.versions()).toBe(6);
    expect(course(out)).toContain('"actasTotal":15');
    await publish(store, join(dir, 'fresh'));
    expect(course(out)).toBe(course(join(dir, 'fresh')));
    await store.close();
  });

  it("computes the course and every acta again when the user's jurisdiction changed", async () => {
    const { dir, store } = await userElection();
    const out = join(dir, 'site');
    await publish(store, out);
    const unchanged = counting(store);
    expect((await publish(unchanged.store, out)).actasKept).toBe(6);
    expect(unchanged.versions()).toBe(0);
    // a place renamed in the jurisdiction's place table, then its party colours added
    const places = join(dir, 'jurisdictions', 'xf', 'places.csv');
    writeFileSync(places, readFileSync(places, 'utf8').replace('Alfa', 'Alfa Norte'));
    const renamed = counting(store);
    // the old code kept all six acta files and the course (no version read)
    expect((await publish(renamed.store, out)).actasKept).toBe(0);
    expect(renamed.versions()).toBe(6);
    expect((await publish(store, out)).actasKept).toBe(6);
    const colors = { format: 'cifra-party-colors/1', jurisdiction: 'xf', parties: [] };
    writeFileSync(join(dir, 'jurisdictions', 'xf', 'party-colors.json'), JSON.stringify(colors));
    expect((await publish(store, out)).actasKept).toBe(0);
    await store.close();
  });
});
