/// <reference lib="dom" />
// The dashboard for a jurisdiction that is not Peru (Freedonia, test/fixtures/xf: region →
// municipality, national code XF, no map): served live by the API and as the static site `cifra
// publish` writes (under nginx), on a phone and a desktop. The national result shows with its
// numbers, the drill goes down a level, and the page asks for nothing that is not there.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { XF_ELECTION, xfStore } from '../xf-fixture.js';
import { ARTIFACTS, closeAll, noSideScroll, openPage, serveDashboard } from './harness.js';
import { requireNginx, servePublished } from './nginx.js';

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let live: string;
let browser: Browser;
let stop: (() => void) | undefined;
let site: string;

beforeAll(async () => {
  requireNginx();
  dir = tempDir('cifra-anyjur-');
  store = await xfStore(join(dir, 'xf.db'));
  ({ app, base: live, browser } = await serveDashboard(store));
  ({ site, stop } = await servePublished(store, dir, '2026-05-02T12:00:00.000Z'));
}, 120_000);

afterAll(async () => {
  stop?.();
  await closeAll(browser, app, store);
});

/** Every resource the page loaded that answered an error (4xx/5xx), by the browser's own record. */
const failedResources = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).responseStatus >= 400)
      .map((e) => e.name),
  );

const TARGETS = [
  ['live', () => live],
  ['static', () => site],
] as const;

describe('the dashboard for a jurisdiction that is not Peru', () => {
  for (const [kind, base] of TARGETS)
    for (const width of [390, 1280])
      it(`${kind}, ${width} px: the national result, a drill down a level, no failed request`, async () => {
        const { page, errors } = await openPage(
          browser,
          `${base()}/?election=${XF_ELECTION}`,
          width,
          { consoleErrors: true, timeout: 60_000 },
        );
        await page.waitForSelector('#unit-name');
        // the nation by its jurisdiction's name, with its count: A has 8,000 of 18,630 valid
        // votes (3,000 + 2,000 + 1,200 + 800 + 600 + 400 in actas.csv) = 42.941 %
        expect(await page.textContent('#unit-name')).toBe('Freedonia');
        expect(await page.textContent('#crumbs')).toBe('Freedonia');
        const first = page.locator('#unit tbody tr').first();
        expect(await first.textContent()).toContain('Partido A');
        expect(await first.textContent()).toContain('42.941 %');
        expect(await page.textContent('#bars')).toContain('Partido A');
        // no map of Freedonia: the section is hidden, not an empty frame
        expect(await page.isVisible('#map-section')).toBe(false);
        // the search names Freedonia's levels, and finds a municipality by name
        expect(await page.textContent('#search-form label span')).toBe('Mesa, municipio, región');
        await page.fill('#search', 'gamma');
        await page.click('#search-form button[type="submit"]');
        await page.waitForSelector('#search-results button');
        expect(await page.locator('#search-results button').allTextContents()).toEqual([
          'Gamma, Centro · Municipio',
        ]);
        // the nation's children are its regions, each with its % of actas counted, said as actas
        // (not a share of the votes); one click goes down to Norte and its municipalities
        const regions = page.locator('#children button[data-code]');
        expect(await regions.allTextContents()).toEqual([
          'Norte 100.000 % actas',
          'Centro 100.000 % actas',
          'Sur 100.000 % actas',
        ]);
        await page.click('#children button[data-code="01"]');
        await page.waitForFunction(
          () => document.querySelector('#unit-name')?.textContent === 'Norte',
        );
        await page.waitForSelector('#children button[data-code="0102"]');
        expect(await page.textContent('#crumbs')).toBe('Freedonia›Norte');
        // A in Norte: 5,000 of 9,550 valid votes (3,000 + 2,000 of 5,730 + 3,820) = 52.356 %
        const norte = await page.locator('#unit tbody tr').first().textContent();
        expect(norte).toContain('Partido A');
        expect(norte).toContain('52.356 %');
        // the finest level lists its mesas
        await page.click('#children button[data-code="0101"]');
        await page.waitForSelector('#children button[data-mesa="00001"]');
        expect(await noSideScroll(page)).toBe(true);
        await page.screenshot({
          path: join(ARTIFACTS, `any-jurisdiction-${kind}-${width}.png`),
          fullPage: true,
        });
        expect(await page.getAttribute('body', 'data-error')).toBeNull();
        expect(await failedResources(page)).toEqual([]);
        expect(errors).toEqual([]);
      }, 120_000);

  it("the static site says when it was published in the jurisdiction's time, not Lima's", async () => {
    // Freedonia's timeZone is Europe/Madrid (made up, its jurisdiction.json): 12:00 UTC on 2 May
    // is 14:00 there (CEST, UTC+2); Lima's would have read 07:00 (review 6)
    for (const [lang, expected] of [
      ['es', /^Publicado: .+ · 2 may\.? 2026, 14:00 \(hora de Madrid\)$/],
      ['en', /^Published: .+ · 2 May 2026, 14:00 \(Madrid time\)$/],
    ] as const) {
      const { page } = await openPage(
        browser,
        `${site}/?election=${XF_ELECTION}&lang=${lang}`,
        1280,
      );
      await page.waitForSelector('#published-at');
      expect(await page.textContent('#published-at')).toMatch(expected);
      await page.close();
    }
  }, 120_000);
});
