/// <reference lib="dom" />
// An acta's history whose first version is pending (no figures, as every acta of a live count
// begins): that version shows no figure and is not "cifras distintas" — only a version that
// carries figures can differ from the current one (a poll-watcher's review, M5: the pending v1
// was flagged and opened by default, beside the conflict that really differs). Failed on the old
// page: v1 carried the class `differs` and its badge.
import { describe, expect, it } from 'vitest';
import { RUNOFF as ID, runoffActa as acta, runoffStore } from '../runoff-deliveries.js';
import { useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const { store, deliver } = await runoffStore('cifra-acta-pending-version-');
  await deliver([acta('000001', false)]);
  await deliver([acta('000001', true)]);
  // a later delivery with other figures: a conflict, kept and not applied
  await deliver([acta('000001', true, { P1: 100, P2: 80 })]);
  return store;
}, 120_000);

describe('an acta first received pending', () => {
  it('its pending version differs from nothing; the conflict does', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.base}/?election=${ID}&level=district&code=010101&mesa=000001`);
    await page.waitForSelector('#acta-history li[data-version="3"]');
    const item = (v: number) => page.locator(`#acta-history li[data-version="${v}"]`);
    expect(await item(1).getAttribute('class')).not.toContain('differs');
    expect(await item(1).locator('.badge.warn').count()).toBe(0);
    expect(await item(1).locator('details').getAttribute('open')).toBeNull();
    // its figures: none shown, no difference written beside them
    const v1 = await item(1).locator('td.num:not(.diff)').allTextContents();
    expect(v1.length).toBeGreaterThanOrEqual(5);
    expect(v1.every((c) => c === '—')).toBe(true);
    expect((await item(1).locator('td.diff').allTextContents()).join('')).toBe('');
    // the conflict (v3, not applied) differs from the current v2, and says so
    expect(await item(2).getAttribute('class')).toContain('current');
    expect(await item(3).getAttribute('class')).toContain('differs');
    expect(await item(3).locator('.badge.warn').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
