/// <reference lib="dom" />
// The what-if panel for an election counted under a user's ruleset file, not a built-in one
// (Freedonia, test/fixtures/xf: 10 seats in Norte 4, Centro 3, Sur 3, D'Hondt, a 5 % valla). The
// panel used to ask for built-in ids only and stayed hidden; it reads the election's own file now.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { XF_ELECTION, xfStore } from '../xf-fixture.js';
import { ARTIFACTS, openPage, useDashboard } from './harness.js';

const env = useDashboard(() => xfStore(join(tempDir('cifra-browser-wi-user-'), 'xf.db')));

/** The seats of each list in the what-if table: before → after, by list. */
async function rows(page: Page): Promise<Record<string, [string, string]>> {
  const out: Record<string, [string, string]> = {};
  for (const r of await page.locator('#wi-table tbody tr').all()) {
    const party = (await r.getAttribute('data-party')) ?? '';
    const cells = await r.locator('td.num').allTextContents();
    out[party] = [cells[0] ?? '', cells[1] ?? ''];
  }
  return out;
}

describe("the what-if panel on a user's ruleset file", () => {
  it('shows the file’s levers and moves the seats (valla 4 %: D enters; Sainte-Laguë)', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${XF_ELECTION}`,
      1280,
      { consoleErrors: true },
    );
    await page.waitForSelector('#what-if:not([hidden])');
    // the levers as xf-parliament.json sets them: 5 % of valid votes, no seat minimum, D'Hondt
    expect(await page.inputValue('#wi-valla')).toBe('5');
    expect(await page.inputValue('#wi-min')).toBe('0');
    expect(await page.inputValue('#wi-method')).toBe('dhondt');

    // Votes (actas.csv) — Norte A 5,000 B 3,000 C 1,500 D 50; Centro A 2,000 B 2,500 C 1,000
    // D 30; Sur A 1,000 B 900 C 800 D 850. D has 930 of 18,630 valid votes (4.99 %): out at 5 %.
    // D'Hondt: Norte A 3 B 1, Centro B 2 A 1, Sur A B C → A 5, B 4, C 1. At 4 % D is in, and
    // Sur's third seat goes to D 850 before C 800 → C 0, D 1.
    await page.fill('#wi-valla', '4');
    await page.click('#what-if-form button[type="submit"]');
    await page.waitForSelector('#wi-table');
    expect(await rows(page)).toEqual({
      'Partido A': ['5', '5'],
      'Partido B': ['4', '4'],
      'Partido D': ['0', '1'],
      'Partido C': ['1', '0'],
    });
    expect(await page.textContent('#wi-table tr[data-party="Partido D"] .diff')).toContain('entra');
    expect(await page.locator('#wi-hemicycle circle.seat').count()).toBe(10);
    expect(page.url()).toContain('valla=4');

    // Sainte-Laguë at 5 % (divisors 1, 3, 5): Norte A 5,000, B 3,000, A/3 1,666.7, C 1,500 →
    // A 2 B 1 C 1; Centro B A C; Sur A B C → A 4, B 3, C 3
    await page.click('#wi-reset');
    await page.selectOption('#wi-method', 'sainte-lague');
    await page.click('#what-if-form button[type="submit"]');
    await page.waitForSelector('#wi-table tr[data-party="Partido C"] .after:text("3")');
    expect(await rows(page)).toEqual({
      'Partido A': ['5', '4'],
      'Partido B': ['4', '3'],
      'Partido C': ['1', '3'],
    });
    await page
      .locator('#what-if')
      .screenshot({ path: join(ARTIFACTS, 'what-if-user-ruleset.png') });
    expect(errors).toEqual([]);
  }, 180_000);
});
