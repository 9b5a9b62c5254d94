/// <reference lib="dom" />
// A map that is data: Freedonia (test/fixtures/xf, made up) with the three region squares of
// test/fixtures/xf-map declared in its jurisdiction file (`geography`, kind `features`) gets the
// dashboard's map section, each region in its leader's colour, from /geo/xf.json (review 7 M3).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { mappedXf, XF_ELECTION, XF_MAP, xfStore } from '../xf-fixture.js';
import { closeAll, openPage, serveDashboard } from './harness.js';

let store: SqliteStore;
let app: FastifyInstance;
let base: string;
let browser: Browser;

beforeAll(async () => {
  store = await xfStore(join(tempDir('cifra-jurmap-'), 'xf.db'), mappedXf(XF_MAP));
  ({ app, base, browser } = await serveDashboard(store));
}, 120_000);

afterAll(async () => {
  await closeAll(browser, app, store);
});

describe("a made-up jurisdiction's map, declared in its file", () => {
  it('draws its regions, each led as the fixture README works it out', async () => {
    const { page, errors } = await openPage(browser, `${base}/?election=${XF_ELECTION}`, 1280, {
      consoleErrors: true,
      timeout: 60_000,
    });
    await page.waitForSelector('#map path[data-level="region"]');
    expect(await page.isVisible('#map-section')).toBe(true);
    const shapes = page.locator('#map path[data-level="region"]');
    expect(await shapes.count()).toBe(3);
    const labels = await shapes.evaluateAll((ps) =>
      ps.map((p) => [p.dataset['code'], p.getAttribute('aria-label'), p.getAttribute('fill')]),
    );
    // README: A 5000 of 9550 valid in Norte, B 2500 of 5530 in Centro, A 1000 of 3550 in Sur
    expect(labels.map(([code, label]) => [code, label?.split(' · ')[0]])).toEqual([
      ['01', expect.stringMatching(/^Norte: Partido A\b.*52\.356 %/)],
      ['02', expect.stringMatching(/^Centro: Partido B\b.*45\.208 %/)],
      ['03', expect.stringMatching(/^Sur: Partido A\b.*28\.169 %/)],
    ]);
    // coloured by their leaders, not the grey of a shape without results
    for (const [, , fill] of labels) expect(fill).not.toBe('#ccc');
    expect(labels[0]?.[2]).toBe(labels[2]?.[2]);
    expect(labels[0]?.[2]).not.toBe(labels[1]?.[2]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
