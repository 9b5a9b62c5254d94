/// <reference lib="dom" />
// The presidential page for a keyboard and a zoomed phone: at 195 CSS px (a 390 px phone at 200 %
// zoom) nothing on the first round or the runoff, Spanish or English, scrolls the page sideways.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const ROUNDS = ['pe-2026-presidencial', 'pe-2026-presidencial-segunda'] as const;

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-pres-a11y-'), 'p.db'));
  await store.migrate();
  for (const id of ROUNDS) expect((await putPublishedElection(store, id)).ok, id).toBe(true);
  return store;
});

/**
 * What sticks out of the page (outside a box that scrolls by itself), named: elements, and the
 * words inside them, which overflow a box that is itself narrow enough (a long source name).
 */
const widerThanPage = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 1;
    const free = (n: Element): boolean => !n.closest('.scroll') || n.matches('.scroll');
    const boxes = Array.from(document.querySelectorAll('body *'))
      .filter((n) => free(n) && n.getClientRects().length > 0)
      .filter((n) => n.getBoundingClientRect().right > edge)
      .map((n) => `${n.tagName}#${n.id}.${n.getAttribute('class') ?? ''}`);
    const words: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !free(parent) || (n.textContent ?? '').trim() === '') continue;
      // words a box clips (a skip link out of sight until focused) widen nothing
      let clipped = false;
      for (let a: Element | null = parent; a && !clipped; a = a.parentElement)
        clipped =
          getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= edge;
      if (clipped) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      if (range.getBoundingClientRect().right > edge)
        words.push(`"${(n.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return [...boxes, ...words];
  });

describe('reflow at 195 px (a 390 px phone at 200 % zoom)', () => {
  for (const id of ROUNDS)
    for (const lang of ['es', 'en'] as const)
      it(`${id}, ${lang}: nothing wider than the page`, async () => {
        const { page, errors } = await openPage(
          env.browser,
          `${env.base}/?election=${id}&lang=${lang}`,
          195,
          { height: 422 },
        );
        await page.waitForSelector('#bars li');
        await page.screenshot({
          path: join(ARTIFACTS, `reflow-195-${id}-${lang}.png`),
          fullPage: true,
        });
        expect(await widerThanPage(page)).toEqual([]);
        expect(await noSideScroll(page)).toBe(true);
        expect(errors).toEqual([]);
        await page.close();
      }, 180_000);
});

// the department map's 26 shapes were 26 tab stops between the results and the detail (whose unit
// list offers every unit too; Callao's shape is 3 × 7 px on a phone): a skip link passes them
describe('the map for a keyboard', () => {
  for (const [lang, width, words] of [
    ['es', 390, 'Saltar el mapa: ir al detalle'],
    ['en', 1280, 'Skip the map: go to the detail'],
  ] as const)
    it(`${lang}, ${width} px: the first tab stop at the map skips its shapes to the detail`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        // the runoff: the first round's source has no department results, so no map is drawn
        // and no skip link shown (session 33, night review 5)
        `${env.base}/?election=${ROUNDS[1]}&lang=${lang}`,
        width,
      );
      await page.waitForSelector('#map path');
      const focused = (): Promise<string> =>
        page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');
      // the keyboard arrives at the map from the panels above it
      await page.evaluate(() => {
        const h = document.getElementById('map-title');
        if (!h) throw new Error('no map title');
        h.tabIndex = -1;
        h.focus();
      });
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('skip-map');
      expect(await page.textContent('#skip-map')).toBe(words);
      await page
        .locator('#map-section')
        .screenshot({ path: join(ARTIFACTS, `skip-map-${lang}-${width}.png`) });
      // seen where the keyboard is: on screen, in the map's section, not at the page's top
      const box = await page.locator('#skip-map').boundingBox();
      const section = await page.locator('#map-section').boundingBox();
      expect(box !== null && section !== null).toBe(true);
      if (box && section) {
        expect(box.width).toBeGreaterThan(40);
        expect(box.y).toBeGreaterThanOrEqual(section.y);
        expect(box.y + box.height).toBeLessThanOrEqual(section.y + section.height);
      }
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'detail-title');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('search');
      // the shapes are still there for a mouse, and one tab stop each for who wants them
      expect(await page.locator('#map path[tabindex="0"]').count()).toBeGreaterThan(20);
      expect(new URL(page.url()).hash).toBe('');
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});
