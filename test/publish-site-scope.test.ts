// One rule for what a site carries beyond its elections (src/api/site-files.ts siteScope), the same
// for `cifra publish` and the server: the multi-contest elections of the store's jurisdictions, or
// every bundled one for a store without elections (the demo's empty start), and a jurisdiction's
// map iff the site carries one of its elections or contests.
import { describe, expect, it } from 'vitest';
import { siteScope, siteScopeAt } from '../src/api/site-files.js';
import { builtInContestsIds } from '../src/elections/contests.js';
import type { Store } from '../src/store/store.js';

/** A store that answers only what siteScope asks: its elections' jurisdictions. */
const holding = (jurisdictions: string[]): Store =>
  ({
    listElections: async () => jurisdictions.map((jurisdiction) => ({ jurisdiction })),
  }) as unknown as Store;

const PERU_CONTESTS = ['pe-erm-2022', 'pe-erm-2026'];

describe('siteScope', () => {
  it('a store without elections carries every bundled contest set and their maps', async () => {
    const s = await siteScope(holding([]));
    expect(s.contests).toEqual(builtInContestsIds());
    expect(s.contests).toEqual(expect.arrayContaining(PERU_CONTESTS));
    expect(s.jurisdictions).toEqual(['pe']);
  });

  it("a store of Peru's elections carries Peru's contests and map", async () => {
    const s = await siteScope(holding(['pe', 'pe']));
    expect(s.contests).toEqual(expect.arrayContaining(PERU_CONTESTS));
    expect(s.jurisdictions).toEqual(['pe']);
  });

  it("a store of another jurisdiction's elections (a user's folder) carries neither", async () => {
    const s = await siteScope(holding(['/tmp/adopter/jurisdictions/xf']));
    expect(s).toEqual({ contests: [], jurisdictions: ['/tmp/adopter/jurisdictions/xf'] });
  });

  it("a store of both: Peru's contests, both maps", async () => {
    const s = await siteScope(holding(['/tmp/a/xf', 'pe']));
    expect(s.contests).toEqual(expect.arrayContaining(PERU_CONTESTS));
    expect(s.jurisdictions).toEqual(['/tmp/a/xf', 'pe']);
  });
});

describe('siteScopeAt', () => {
  it('decides again when the revision moves, not before', async () => {
    const held: string[] = [];
    let revision = 'r1';
    const scope = siteScopeAt(holding(held), async () => revision);
    const first = await scope();
    expect(first.contests).toEqual(builtInContestsIds());
    // an election lands: the same revision still answers the decision made at it
    held.push('/tmp/a/xf');
    expect(await scope()).toBe(first);
    revision = 'r2';
    expect(await scope()).toEqual({ contests: [], jurisdictions: ['/tmp/a/xf'] });
  });
});
