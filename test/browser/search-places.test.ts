/// <reference lib="dom" />
// The search's answers while its documents are on their way or fail, and a drill whose read
// fails: a search made while polling-places.json is still loading says so (not "no match") and
// searches when it arrives; a school's name with its district's finds it; a list cut short says
// how many it had; a failed read is said with a retry, never drawn as "nothing there". Reads are
// held or failed with page.route.
import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RUNOFF as ID, runoffActa as acta, runoffStore } from '../runoff-deliveries.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const made = await runoffStore('cifra-search-places-');
  await made.deliver([acta('000001', true), acta('000002', false), acta('000003', true)]);
  return made.store;
}, 120_000);

const search = async (page: Page, q: string): Promise<void> => {
  await page.fill('#search', q);
  await page.click('#search-form button[type="submit"]');
};

/** Holds every read of `glob` until `release` is called; `hit` resolves at the first one held. */
async function hold(page: Page, glob: string) {
  let held = (): void => {};
  const hit = new Promise<void>((r) => (held = r));
  let release = (): void => {};
  const released = new Promise<void>((r) => (release = r));
  await page.route(glob, async (route: Route) => {
    held();
    await released;
    await route.continue();
  });
  return { hit, release: () => release() };
}

describe('a search while the polling places load', () => {
  it('phone, es: says it is loading, not "no match", then finds a school by its name and district', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}`, 390);
    const places = await hold(page, '**/polling-places.json');
    // "IE 18002 MARIA AUXILIADORA" of Chachapoyas: one of the 2021 runoff's dozens of María
    // Auxiliadora schools, named with its district's name (no field holds the whole query)
    await search(page, 'maría auxiliadora CHACHAPOYAS');
    await places.hit;
    await page.waitForSelector('#search-loading');
    expect(await page.textContent('#search-results')).toBe('Cargando los locales de votación…');
    places.release();
    await page.waitForSelector('#search-results li.polling-place');
    expect(await page.locator('#search-loading').count()).toBe(0);
    const found = page.locator('#search-results li.polling-place');
    expect(await found.count()).toBe(1);
    expect(await found.textContent()).toContain('IE 18002 MARIA AUXILIADORA · JR PIURA SN');
    expect(await noSideScroll(page)).toBe(true);
    await page
      .locator('#search-results')
      .screenshot({ path: join(ARTIFACTS, 'search-name-district-phone.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a list cut short says how many it had, in both languages', async () => {
    for (const [lang, width, said] of [
      ['es', 390, /^8 de (\d[\d,]*) resultados; afine la búsqueda$/],
      ['en', 1280, /^8 of (\d[\d,]*) results; refine your search$/],
    ] as const) {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${ID}&lang=${lang}`,
        width,
      );
      await search(page, 'san jose');
      await page.waitForSelector('#search-results li.polling-place');
      expect(await page.locator('#search-results li.polling-place').count()).toBe(8);
      const cut = (await page.textContent('#search-results .search-cut')) ?? '';
      expect(cut).toMatch(said);
      expect(Number(said.exec(cut)?.[1]?.replace(/,/g, ''))).toBeGreaterThan(8);
      expect(await noSideScroll(page)).toBe(true);
      if (width === 390)
        await page
          .locator('#search-results')
          .screenshot({ path: join(ARTIFACTS, 'search-cut-phone.png') });
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('a failed read of the polling places is said with a retry, which searches again', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}`, 1280);
    await page.route('**/polling-places.json', (r) => r.fulfill({ status: 503, body: '' }));
    await search(page, 'isabel lynch');
    await page.waitForSelector('#search-unread');
    expect(await page.textContent('#search-unread')).toBe(
      'No se pudieron leer los locales de votación. Reintentar',
    );
    expect(await page.textContent('#search-results')).not.toContain('Sin resultados');
    await page.unroute('**/polling-places.json');
    await page.click('#search-unread button');
    await page.waitForSelector('#search-results li.polling-place');
    expect(await page.textContent('#search-results')).toContain('ISABEL LYNCH DE RUBIO');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("a user's drill whose read fails", () => {
  for (const [how, fail] of [
    ['a server error', (r: Route) => r.fulfill({ status: 503, body: '' })],
    ['no answer', (r: Route) => r.abort('failed')],
  ] as const)
    it(`${how}: "could not read" with a retry, never the unit drawn empty`, async () => {
      const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}`, 390);
      await page.waitForSelector('#children button[data-code="01"]');
      await page.route('**/results/department/01.json', fail);
      await page.click('#children button[data-code="01"]');
      await page.waitForSelector('#unit-unread');
      expect(await page.textContent('#unit-unread')).toBe(
        'No se pudo leer esta unidad. Reintentar',
      );
      // where the page is stays said: the crumbs to the department; no table, no children
      expect(await page.textContent('#crumbs')).toContain('AMAZONAS');
      expect(await page.locator('#unit table').count()).toBe(0);
      expect(await page.locator('#children button').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('unit-retry');
      expect(await noSideScroll(page)).toBe(true);
      await page
        .locator('#detail')
        .screenshot({ path: join(ARTIFACTS, `drill-unread-${how.replace(/ /g, '-')}-phone.png`) });
      await page.unroute('**/results/department/01.json');
      await page.click('#unit-retry');
      await page.waitForFunction(
        () => document.querySelector('#unit-name')?.textContent?.includes('AMAZONAS') === true,
      );
      expect(await page.locator('#unit-unread').count()).toBe(0);
      expect(await page.locator('#children button[data-code="0101"]').count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('code')).toBe('01');
      expect(await page.getAttribute('body', 'data-error')).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    });
});

// The diff read of the twenty-fourth pass: a failed read of an acta said "Mesa 000001 no
// encontrada en esta elección" (a false statement); it is now a failed read with a retry.
describe('an acta whose read fails', () => {
  for (const [how, fail] of [
    ['a server error', (r: Route) => r.fulfill({ status: 503, body: '' })],
    ['no answer', (r: Route) => r.abort('failed')],
  ] as const)
    it(`${how}: "could not read" with a retry, never "not found"`, async () => {
      const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}`, 390);
      await page.waitForSelector('#children button[data-code="01"]');
      await page.route('**/actas/000001.json', fail);
      await search(page, '000001');
      await page.waitForSelector('#acta-unread');
      expect(await page.textContent('#acta-unread')).toBe('No se pudo leer esta acta. Reintentar');
      expect(await page.locator('#acta-missing').count()).toBe(0);
      expect(await noSideScroll(page)).toBe(true);
      await page.unroute('**/actas/000001.json');
      await page.click('#acta-retry');
      await page.waitForSelector('#acta-title');
      expect(await page.textContent('#acta-title')).toContain('000001');
      expect(await page.locator('#acta-unread').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
});
