/// <reference lib="dom" />
// Search by polling place on the dashboard: the 2021 runoff's count, a polling place found by a
// part of its name (accents and case aside) or its address, its mesas listed, and one of them
// opening its acta and going into the URL.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, storeWithCount, useDashboard } from './harness.js';

const ID = 'pe-2021-presidencial-segunda';

const env = useDashboard(
  () => storeWithCount(join(tempDir('cifra-browser-search-'), 's.db'), [], ID),
  300_000,
);

describe('search by polling place', () => {
  it('finds a polling place by name, lists its mesas, and a mesa opens its acta', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}`, 390);
    // the label names Peru's place levels, finest first, as the page's static text does
    expect(await page.textContent('#search-form label span')).toBe(
      'Mesa, distrito, provincia, departamento o local de votación',
    );
    await page.fill('#search', 'isabel lynch');
    await page.click('#search-form button[type="submit"]');
    await page.waitForSelector('#search-results li.polling-place');
    const place = page.locator('#search-results li.polling-place');
    expect(await place.count()).toBe(1);
    expect(await place.textContent()).toContain('IE 18288 ISABEL LYNCH DE RUBIO · JR AYACUCHO 870');
    expect(await place.textContent()).toContain('local de votación (15 mesas)');
    expect(await place.locator('button').count()).toBe(15);
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'search-polling-place-phone.png') });
    await place.locator('button', { hasText: '000003' }).click();
    await page.waitForFunction(
      () => document.querySelector('#acta-title')?.textContent?.includes('000003') === true,
    );
    expect(page.url()).toContain('mesa=000003');
    expect(errors).toEqual([]);
  });

  it('finds one by its address, in English', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${ID}&lang=en`,
      1400,
    );
    expect(await page.textContent('#search-form label span')).toBe(
      'Mesa, district, province, department or polling place',
    );
    await page.fill('#search', 'jr ayacucho 870');
    await page.click('#search-form button[type="submit"]');
    await page.waitForSelector('#search-results li.polling-place');
    const text = await page.textContent('#search-results');
    expect(text).toContain('ISABEL LYNCH DE RUBIO');
    expect(text).toContain('polling place (15 mesas)');
    expect(errors).toEqual([]);
  });
});
