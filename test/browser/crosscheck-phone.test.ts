/// <reference lib="dom" />
// The cross-check on a phone (session 28): the acta a mesa of the "Verificación cruzada de actas"
// opens shows its sources side by side in a box inside the acta's box, 306 px wide at 390 px, and
// the table scrolled 6 px (English) to 18 px (Spanish) inside it, its last source's column cut
// with nothing to say so. Now each of the view's tables, and the acta's sources, read in a box
// nearly the page's width, with nothing left to scroll, and the page never scrolls sideways. ONPE
// vs ronderos.pe on the 2021 runoff; mesa 901611 (Umari) differs by state (see crosscheck-url).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, storeWithCount, useDashboard } from './harness.js';

const RUNOFF = 'pe-2021-presidencial-segunda';
const WIDTH = 390;
const env = useDashboard(() =>
  storeWithCount(join(tempDir('cifra-browser-cc-phone-'), 'c.db'), [], RUNOFF),
);

/** Each table's box under `root`: its id, the box's width and how far the table overflows it. */
const boxes = (page: Page, root: string): Promise<{ id: string; box: number; over: number }[]> =>
  page.$$eval(`${root} table`, (tables) =>
    tables
      .filter((t) => t.getClientRects().length > 0)
      .map((t) => {
        const box = t.parentElement as HTMLElement;
        return { id: t.id, box: box.clientWidth, over: box.scrollWidth - box.clientWidth };
      }),
  );

describe('the cross-check on a phone', () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}, ${WIDTH} px: its tables and the acta's sources read in a box the page's width`, async () => {
      const url = `${env.base}/?election=${RUNOFF}&cca=onpe&ccb=ronderos${lang === 'en' ? '&lang=en' : ''}`;
      const { page, errors } = await openPage(env.browser, url, WIDTH);
      await page.waitForSelector('#cc-mesas tr[data-mesa]', { timeout: 240_000 });
      // the page's own margins (8 px each side) and the section's (17 px) leave 340 px
      const usable = 0.85 * WIDTH;
      const view = await boxes(page, '#crosscheck');
      expect(view.map((b) => b.id)).toEqual(['cc-reasons', 'cc-net', 'cc-mesas']);
      for (const b of view) {
        expect(b.box, b.id).toBeGreaterThan(usable);
        expect(b.over, b.id).toBe(0);
      }
      await page.click('#cc-mesas tr[data-mesa="901611"] button');
      await page.waitForSelector('#acta-cc-table', { timeout: 120_000 });
      const [sources] = await boxes(page, '#acta-crosscheck');
      expect(sources?.id).toBe('acta-cc-table');
      // every source's column in view: ONPE, sergiocorreia, ronderos
      expect(await page.locator('#acta-cc-table thead th[data-source]').count()).toBe(3);
      expect(sources?.box).toBeGreaterThan(usable);
      expect(sources?.over).toBe(0);
      expect(await noSideScroll(page)).toBe(true);
      await page
        .locator('#acta-crosscheck')
        .screenshot({ path: join(ARTIFACTS, `crosscheck-phone-acta-${lang}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
});
