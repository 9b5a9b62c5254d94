/// <reference lib="dom" />
// Session 35, in a real browser, Spanish and English, at 390 px and on a desktop:
// - a mesa not found says what the election's list of actas allows. Freedonia without a universe
//   said "Mesa 00009 no encontrada en esta elección" of its six actas, as if they were all the
//   election's; with a universe they fill and no mesa list, it is not among the actas loaded
//   (the universe counts actas per place, not mesa numbers: only a list says a mesa does not
//   exist, test/browser/mesa-list-words.test.ts). The count strip says a total
//   without a universe is the actas loaded.
// - a drilled link opens at its detail: at 390 px the unit was a screen below the map, and back
//   and forward left the reader there too. The national view is not scrolled.
// - cifra's seats on ONPE's votes at 85.991 % of actas say the % in their status line (only the
//   hemicycle's caption said "abiertos"); a final count's line says no %.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { tempDir } from '../helpers.js';
import { XF_ELECTION, xfStore, xfWithUniverse } from '../xf-fixture.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

/** Freedonia with no universe, and the two Congress elections of the hemicycle's status line. */
const none = useDashboard(async () => {
  const store = await xfStore(join(tempDir('cifra-browser-universe-none-'), 'n.db'));
  for (const id of ['pe-2026-diputados', 'es-2023-congreso'])
    expect((await putPublishedElection(store, id)).ok, id).toBe(true);
  return store;
});

/** Freedonia under a universe its six actas fill. */
const full = useDashboard(() => xfWithUniverse('cifra-browser-universe-full-', 'f.db'));

const MISSING = '00009';

const WORDS = {
  es: {
    none: `Mesa ${MISSING}: no está entre las 6 actas cargadas; esta elección no trae la lista completa de mesas.`,
    full: `Mesa ${MISSING}: no está entre las actas cargadas.`,
    seats: 'Resultados provisionales · 85.991 % de actas contabilizadas',
    strip: 'Total: las actas cargadas (esta elección no trae la lista completa de mesas)',
  },
  en: {
    none: `Mesa ${MISSING}: not among the 6 actas loaded; this election does not come with the full list of mesas.`,
    full: `Mesa ${MISSING}: not among the actas loaded.`,
    seats: 'Provisional results · 85.991 % of actas counted',
    strip: 'Total: the actas loaded (this election does not come with the full list of mesas)',
  },
} as const;

const search = async (page: Page, q: string): Promise<void> => {
  await page.fill('#search', q);
  await page.click('#search-form button[type="submit"]');
};

/** The missing mesa's sentence, asked by the search box (`search`) or by the URL. */
async function missingSays(base: string, lang: 'es' | 'en', width: number, bySearch: boolean) {
  const url = `${base}/?election=${XF_ELECTION}&lang=${lang}${bySearch ? '' : `&mesa=${MISSING}`}`;
  const { page, errors } = await openPage(none.browser, url, width);
  if (bySearch) await search(page, MISSING);
  await page.waitForSelector('#acta-missing');
  const text = (await page.textContent('#acta-missing')) ?? '';
  // the count strip says what its total is of, where there is no universe to measure it against
  const strip =
    (await page.locator('#no-universe').count()) === 0
      ? null
      : await page.textContent('#no-universe');
  expect(await noSideScroll(page)).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
  return { text, strip };
}

describe('a mesa not found, with and without a universe', () => {
  for (const [lang, width, bySearch] of [
    ['es', 390, true],
    ['en', 1400, false],
    ['en', 390, true],
    ['es', 1400, false],
  ] as const)
    it(`${lang}, ${width} px, by the ${bySearch ? 'search box' : 'URL'}`, async () => {
      // the premise, as the API says it: no universe; a universe with nothing left to load
      const progress = async (base: string) =>
        (await (await fetch(`${base}/api/v1/progress?election=${XF_ELECTION}`)).json()) as {
          universe: string;
          actasNotLoaded: number | null;
        };
      expect(await progress(none.base)).toMatchObject({ universe: 'none', actasNotLoaded: null });
      expect(await progress(full.base)).toMatchObject({ universe: 'known', actasNotLoaded: 0 });
      expect(await missingSays(none.base, lang, width, bySearch)).toEqual({
        text: WORDS[lang].none,
        strip: WORDS[lang].strip,
      });
      expect(await missingSays(full.base, lang, width, bySearch)).toEqual({
        text: WORDS[lang].full,
        strip: null,
      });
    }, 180_000);
});

/** Whether the drilled unit's heading named `name` is in the window, from top to bottom. */
const inView = (page: Page, name: string): Promise<unknown> =>
  page.waitForFunction((n) => {
    const h = document.getElementById('unit-name');
    if (h?.textContent !== n) return false;
    const r = h.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, name);

const toTop = (page: Page): Promise<void> => page.evaluate(() => window.scrollTo(0, 0));

describe('a drilled link opens at its detail, and so do back and forward', () => {
  for (const [lang, width, still] of [
    ['es', 390, false],
    ['en', 390, true],
    ['en', 1400, false],
  ] as const)
    it(`${lang}, ${width} px${still ? ', reduced motion' : ''}`, async () => {
      const url = `${none.base}/?election=${XF_ELECTION}&lang=${lang}`;
      // the national view stays at the top of the page
      const national = await openPage(none.browser, url, width);
      await national.page.waitForSelector('#children button[data-code="02"]');
      expect(await national.page.evaluate(() => window.scrollY)).toBe(0);
      await national.page.close();
      const { page, errors } = await openPage(none.browser, `${url}&level=region&code=02`, width);
      if (still) await page.emulateMedia({ reducedMotion: 'reduce' });
      await inView(page, 'Centro');
      await page.screenshot({ path: join(ARTIFACTS, `drilled-link-${lang}-${width}.png`) });
      // a user's drill to a municipality, then back to the region's link and forward again
      await page.click('#children button[data-code="0201"]');
      await inView(page, 'Gamma, Centro');
      await toTop(page);
      await page.goBack();
      await inView(page, 'Centro');
      await toTop(page);
      await page.goForward();
      await inView(page, 'Gamma, Centro');
      expect(page.url()).toContain('code=0201');
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});

describe("the national hemicycle's status line says how much is counted", () => {
  for (const [lang, width] of [
    ['es', 390],
    ['en', 1400],
  ] as const)
    it(`${lang}, ${width} px: cifra's seats at 85.991 % say it; a final count's say no %`, async () => {
      const open = async (id: string) => {
        const o = await openPage(none.browser, `${none.base}/?election=${id}&lang=${lang}`, width);
        await o.page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
        return { ...o, status: (await o.page.textContent('#seats-status')) ?? '' };
      };
      const partial = await open('pe-2026-diputados');
      expect(partial.status).toContain(WORDS[lang].seats);
      expect(await noSideScroll(partial.page)).toBe(true);
      const final = await open('es-2023-congreso');
      expect(final.status).not.toMatch(/%|provisional/i);
      expect([...partial.errors, ...final.errors]).toEqual([]);
      await Promise.all([partial.page.close(), final.page.close()]);
    }, 180_000);
});
