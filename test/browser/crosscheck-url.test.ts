/// <reference lib="dom" />
// The cross-check page holds its sources, page and filters in the URL (review 26 M12): a link
// filtered by reason and department reloads to the same rows, and back returns to them after a
// filter changes. ONPE vs ronderos.pe on the 2021 runoff (README): 20 mesas differ by state; in
// Huánuco (09) one of them is 901611 (Umari), EN PROCESO in ONPE's file, annulled in ronderos.pe's.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, storeWithCount, useDashboard } from './harness.js';

const RUNOFF = 'pe-2021-presidencial-segunda';
const env = useDashboard(() =>
  storeWithCount(join(tempDir('cifra-browser-cc-url-'), 'c.db'), [], RUNOFF),
);

const rows = (page: Page): Promise<string[]> =>
  page.$$eval('#cc-mesas tr[data-mesa]', (trs) =>
    trs.map((r) => r.getAttribute('data-mesa') ?? ''),
  );

/** Waits for the mesa table to show `n` rows, then gives them. */
async function rowsOnceDrawn(page: Page, n: number): Promise<string[]> {
  await page.waitForFunction(
    (k) => document.querySelectorAll('#cc-mesas tr[data-mesa]').length === k,
    n,
    { timeout: 240_000 },
  );
  return rows(page);
}

describe('the cross-check in the URL', () => {
  it('a link filtered by reason and department reloads to the same rows; back returns to them', async () => {
    const url = `${env.base}/?election=${RUNOFF}&cca=onpe&ccb=ronderos&ccreason=state_differs&ccdep=09&lang=en`;
    const { page, errors } = await openPage(env.browser, url, 390);
    await page.waitForSelector('#cc-mesas tr[data-mesa]', { timeout: 240_000 });
    const first = await rows(page);
    expect(first).toContain('901611');
    expect(first).not.toContain('012438'); // Cajamarca's, and by its counts
    // the whole file is in (a complete count): the published final's own note, which describes
    // this release, is said beside it (a partial count words it otherwise: partial-count.test.ts)
    await page.waitForSelector('#reported', { state: 'attached' });
    expect(await page.textContent('#reported')).toContain(
      '20 actas are still EN PROCESO (their figures as filed: 1,530 and 1,639 votes)',
    );
    expect(await page.$eval('#cc-b', (s) => (s as HTMLSelectElement).value)).toBe('ronderos');
    expect(await page.$eval('#cc-reason', (s) => (s as HTMLSelectElement).value)).toBe(
      'state_differs',
    );
    expect(await page.$eval('#cc-dep', (s) => (s as HTMLSelectElement).value)).toBe('09');
    // the listed mesas say which they are: the summary above them is the whole comparison
    expect(await page.textContent('#cc-mesas caption')).toContain(
      '(only: state differs, HUANUCO (09))',
    );
    expect(await noSideScroll(page)).toBe(true);
    await (
      await page.$('#crosscheck')
    )?.screenshot({
      path: join(ARTIFACTS, 'crosscheck-filtered-390.png'),
    });
    await page.reload();
    expect(await rowsOnceDrawn(page, first.length)).toEqual(first);
    // every department: the 20 state disagreements, the URL says so; back returns to Huánuco's
    await page.selectOption('#cc-dep', '');
    expect(await rowsOnceDrawn(page, 20)).toContain('901611');
    expect(new URL(page.url()).searchParams.get('ccdep')).toBeNull();
    await page.goBack();
    expect(await rowsOnceDrawn(page, first.length)).toEqual(first);
    expect(new URL(page.url()).searchParams.get('ccdep')).toBe('09');
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);
});
