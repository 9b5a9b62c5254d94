/// <reference lib="dom" />
// The bundled Spanish election (data/elections/es-2023-congreso.json) on the dashboard: chosen in
// the election picker, the nation's votes and seats (a hemicycle of 350, majority 176), a drill to
// a province with its votes and seats, in Spanish and English, on a phone and a desktop, served
// live by the API and as the static site `cifra publish` writes (under nginx), with no map of
// Spain bundled (no empty map box) and no failed request. The numbers are read by hand
// from data/spain/2023 (votes_congreso_2023.csv, seats_official_congreso_2023.csv), not from cifra.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';
import { servePublished } from './nginx.js';

const ES = 'es-2023-congreso';

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-spain-'), 's.db'));
  await store.migrate();
  // a Peruvian final presidential result is what the page opens with; Spain is picked from the list
  for (const id of ['pe-2026-presidencial', ES])
    expect((await putPublishedElection(store, id)).ok, id).toBe(true);
  return store;
});

let stop: (() => void) | undefined;
let site: string;

// the same store as a static site, as `cifra publish` writes it, under nginx
beforeAll(async () => {
  const dir = tempDir('cifra-browser-spain-site-');
  ({ site, stop } = await servePublished(env.store, dir, '2026-12-01T12:00:00.000Z'));
}, 120_000);

afterAll(() => {
  stop?.();
});

const TARGETS = [
  ['live', () => env.base],
  ['static', () => site],
] as const;

/** Every resource the page loaded that answered an error (4xx/5xx), by the browser's own record. */
const failedResources = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).responseStatus >= 400)
      .map((e) => e.name),
  );

/** The cells of a party's row in the drilled unit's table. */
const unitRow = async (page: Page, party: string): Promise<string[]> =>
  page.locator(`#unit tbody tr[data-party="${party}"] td`).allTextContents();

describe('the bundled Spanish election on the dashboard', () => {
  for (const [kind, base] of TARGETS)
    for (const width of [390, 1280])
      it(`${kind}, ${width} px: picked from the list, the nation's votes and seats, Madrid's, in Spanish and English`, async () => {
        const { page, errors } = await openPage(env.browser, `${base()}/`, width, {
          consoleErrors: true,
          timeout: 60_000,
        });
        expect(await page.inputValue('#election')).not.toBe(ES);
        await page.selectOption('#election', ES);
        await page.waitForFunction(
          () => document.querySelector('#unit-name')?.textContent === 'España',
        );
        await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
        // the nation: PP 8,160,837 of 24,487,414 candidacy votes (votes_congreso_2023.csv summed),
        // written as Spain writes figures (its jurisdiction's locale es-ES, in either language)
        expect(await unitRow(page, 'PP')).toEqual(['PP', '8.160.837', '33,327 %']);
        // PSOE with PSC, PSdeG, PSE-EE, PSIB and PSN: 5,576,280 + 1,221,335 + 486,832 + 291,932
        // + 151,786 + 93,553 = 7,821,718
        expect(await unitRow(page, 'PSOE')).toEqual(['PSOE', '7.821.718', '31,942 %']);
        // review 21 M7: the % is over candidacy votes, not Spain's valid vote (blank included,
        // LOREG art. 96.5): said right under the national bars (the manifest's resultsNote), not
        // under the seats table; the Ministry's 33.06 % is 8,160,837 of 24,487,414 + 200,673
        // blank (the CSV's national row)
        expect(await page.isVisible('#results-note')).toBe(true);
        expect(
          await page.evaluate(
            () => document.querySelector('#bars')?.nextElementSibling?.id ?? null,
          ),
        ).toBe('results-note');
        expect(await page.textContent('#seats-note')).not.toContain('96.5');
        expect(await page.textContent('#results-note')).toContain(
          'sin los votos en blanco; la ley española cuenta el voto en blanco como válido (LOREG art. 96.5) y el % oficial lo incluye: el PP, 33,327 % aquí, tiene el 33,06 % del Ministerio.',
        );
        // the hemicycle: 350 seats, the majority line at 176
        expect(await page.locator('#hemicycle circle.seat').count()).toBe(350);
        expect(await page.getAttribute('#hemicycle line.majority', 'data-majority')).toBe('176');
        // seats per formation, cifra's beside the official table's (seats_official_congreso_2023.csv)
        for (const [party, n] of [
          ['PP', '137'],
          ['PSOE', '121'],
          ['VOX', '33'],
          ['SUMAR', '31'],
          ['U.P.N.', '1'],
        ] as const) {
          const row = `#seats-table tr[data-party="${party}"]`;
          expect(await page.textContent(`${row} .seats-cifra`), party).toBe(n);
          expect(await page.textContent(`${row} .seats-reported`), party).toBe(n);
        }
        // no map of Spain is bundled: the section is hidden, not an empty frame
        expect(await page.isVisible('#map-section')).toBe(false);
        // the nation's children are the 52 provinces; a click drills to Madrid (INE 28)
        expect(await page.locator('#children button[data-code]').count()).toBe(52);
        await page.click('#children button[data-code="28"]');
        await page.waitForFunction(
          () => document.querySelector('#unit-name')?.textContent === 'Madrid',
        );
        expect(await page.textContent('#crumbs')).toBe('España›Madrid');
        // Madrid: 37 seats; PP 1,463,183 of 3,579,713 candidacy votes, 16 seats; PSOE 10,
        // SUMAR 6, VOX 5 (the official table)
        expect(await page.textContent('#unit-facts')).toContain('Escaños: 37');
        expect(await unitRow(page, 'PP')).toEqual(['PP', '1.463.183', '40,874 %', '16']);
        expect(await unitRow(page, 'PSOE')).toEqual(['PSOE', '1.004.599', '28,064 %', '10']);
        expect((await unitRow(page, 'SUMAR')).at(-1)).toBe('6');
        expect((await unitRow(page, 'VOX')).at(-1)).toBe('5');
        expect((await unitRow(page, 'PACMA')).at(-1)).toBe('0');
        expect(await noSideScroll(page)).toBe(true);
        await page.screenshot({
          path: join(ARTIFACTS, `spain-madrid-${kind}-${width}.png`),
          fullPage: true,
        });
        // in English: the nation is Spain, the columns say Seats, the numbers stay
        await page.click('#lang');
        await page.waitForFunction(() =>
          document.querySelector('#unit-facts')?.textContent?.includes('Seats: 37'),
        );
        expect(await page.textContent('#crumbs')).toBe('Spain›Madrid');
        expect(await page.locator('#unit thead th').allTextContents()).toContain('Seats');
        expect(await page.isVisible('#results-note')).toBe(true);
        expect(await page.textContent('#results-note')).toContain(
          "without blank ballots; Spanish law counts blank ballots as valid (LOREG art. 96.5) and the official % includes them: PP, 33,327 % here, has the Ministry's 33,06 %.",
        );
        expect(await unitRow(page, 'PP')).toEqual(['PP', '1.463.183', '40,874 %', '16']);
        expect(await noSideScroll(page)).toBe(true);
        await page.screenshot({
          path: join(ARTIFACTS, `spain-madrid-en-${kind}-${width}.png`),
          fullPage: true,
        });
        expect(await page.getAttribute('body', 'data-error')).toBeNull();
        expect(await failedResources(page)).toEqual([]);
        expect(errors).toEqual([]);
      }, 180_000);
});

// review 22 L1: a 1,280 px screen at 400 % zoom is a 320 px page (WCAG 1.4.10): the what-if's
// "Método" select stuck out of it on the seats views
describe('reflow at 320 px (a desktop at 400 % zoom)', () => {
  for (const id of [ES, 'pe-2026-presidencial'])
    it(`${id}: nothing wider than the page, the what-if form included`, async () => {
      const { page, errors } = await openPage(env.browser, `${env.base}/?election=${id}`, 320, {
        height: 700,
      });
      await page.waitForSelector('#bars li');
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll('body *'))
          .filter((n) => !n.closest('.scroll') || n.matches('.scroll'))
          .filter((n) => n.getClientRects().length > 0)
          .filter((n) => n.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((n) => `${n.tagName}#${n.id}`),
      );
      expect(wide).toEqual([]);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});
