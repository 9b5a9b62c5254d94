/// <reference lib="dom" />
// Session 35 review, in a real browser, Spanish and English, at 390 px and on a desktop:
// - only the election's mesa list says a mesa does not exist. The universe counts actas per place,
//   not mesa numbers: a made-up mesa (stored with a mesa_not_in_universe warning) fills its
//   place's count, and a listed mesa not loaded was said "no existe en esta elección". Here
//   Freedonia's universe is full of its six actas while the list (polling-places.json, served by
//   the test) lacks 00006, the made-up one, and names 00009, not loaded: "aún no cargada".
// - a shared link's short mesa (`mesa=12438`) opened acta 012438 until the API's document path
//   refused short forms; it opens it again, and the URL reads the canonical `mesa=012438`.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RUNOFF, runoffActa, runoffStore } from '../runoff-deliveries.js';
import { XF_ELECTION, xfWithUniverse } from '../xf-fixture.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

/** Freedonia under a universe its six actas fill. */
const full = useDashboard(() => xfWithUniverse('cifra-browser-mesa-list-', 'f.db'));

/** The 2021 runoff with acta 012438 loaded. */
const runoff = useDashboard(async () => {
  const made = await runoffStore('cifra-browser-short-mesa-');
  await made.deliver([runoffActa('012438', true)]);
  return made.store;
}, 120_000);

const ABSENT = '00009';

/** The election's mesa list as polling-places.json: one polling place per mesa of `mesas`. */
const listOf = (mesas: readonly string[]) => ({
  election: XF_ELECTION,
  source: 'a test list (made up)',
  places: mesas.map((m) => ({
    name: `Escuela ${m}`,
    address: 'Calle 1',
    place: '0101',
    mesas: [m],
  })),
});

const WORDS = {
  es: {
    listed: `Mesa ${ABSENT}: aún no cargada.`,
    unlisted: `Mesa ${ABSENT}: no existe en esta elección.`,
  },
  en: {
    listed: `Mesa ${ABSENT}: not loaded yet.`,
    unlisted: `Mesa ${ABSENT}: there is no such mesa in this election.`,
  },
} as const;

/** What a search for the absent mesa says, with `mesas` as the election's list. */
async function searchSays(lang: 'es' | 'en', width: number, mesas: readonly string[]) {
  const url = `${full.base}/?election=${XF_ELECTION}&lang=${lang}`;
  const { page, errors } = await openPage(full.browser, url, width);
  await page.route('**/polling-places.json', (route) => route.fulfill({ json: listOf(mesas) }));
  await search(page, ABSENT);
  await page.waitForSelector('#acta-missing');
  const text = await page.textContent('#acta-missing');
  expect(await noSideScroll(page)).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
  return text;
}

const search = async (page: Page, q: string): Promise<void> => {
  await page.fill('#search', q);
  await page.click('#search-form button[type="submit"]');
};

const CASES = [
  ['es', 390],
  ['en', 1400],
  ['en', 390],
  ['es', 1400],
] as const;

describe("a mesa not loaded, by the election's mesa list", () => {
  for (const [lang, width] of CASES)
    it(`${lang}, ${width} px: listed, "not loaded yet"; not listed, "no such mesa"`, async () => {
      // the premise: the universe has nothing left to load (the made-up 00006 fills Zeta)
      const res = await fetch(`${full.base}/api/v1/progress?election=${XF_ELECTION}`);
      expect(await res.json()).toMatchObject({ universe: 'known', actasNotLoaded: 0 });
      const listed = ['00001', '00002', '00003', '00004', '00005', ABSENT];
      expect(await searchSays(lang, width, listed)).toBe(WORDS[lang].listed);
      expect(await searchSays(lang, width, listed.slice(0, 5))).toBe(WORDS[lang].unlisted);
    }, 180_000);
});

describe("a shared link's short mesa opens its acta", () => {
  for (const [lang, width] of CASES)
    it(`${lang}, ${width} px: mesa=12438 opens acta 012438 and the URL says so`, async () => {
      const url = `${runoff.base}/?election=${RUNOFF}&mesa=12438&lang=${lang}`;
      const { page, errors } = await openPage(runoff.browser, url, width);
      // either answer, so a refusal fails at once rather than waiting out the test
      await page.waitForSelector('#acta-title, #acta-missing');
      expect(await page.locator('#acta-missing').count()).toBe(0);
      expect(await page.textContent('#acta-title')).toBe('Acta 012438');
      expect(new URL(page.url()).searchParams.get('mesa')).toBe('012438');
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});
