/// <reference lib="dom" />
// A user's drill while a poll's redraw is under way (web/api-client.ts, web/app.ts): the cut a
// redraw reads ahead is its own, so the user's reads go to the server (no "drawn outside its
// cut" error for a race the user caused), the page ends on the user's unit at the new revision,
// and the poll's redraw, asked for before the click, never drills back to where the page was.
// The poll's read of the district's mesa list is held (page.route) to make the window certain.
import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { RUNOFF as ID, runoffActa as acta, runoffStore } from '../runoff-deliveries.js';
import { useDashboard } from './harness.js';

let deliver: (rows: readonly object[]) => Promise<void>;

const env = useDashboard(async () => {
  let store: SqliteStore;
  ({ store, deliver } = await runoffStore('cifra-drill-during-poll-'));
  // cut A: one of three actas counted
  await deliver([acta('000001', true), acta('000002', false), acta('000003', false)]);
  return store;
}, 120_000);

/** What the page shows, sampled before every frame it paints (a new sample when it changes). */
interface Sample {
  crumbs: number;
  mesas: number;
  pct: string;
}
function sampleFrames(): void {
  const w = window as unknown as { samples: Sample[] };
  w.samples = [];
  const tick = (): void => {
    const s = {
      crumbs: document.querySelectorAll('#crumbs button').length,
      mesas: document.querySelectorAll('#children button[data-mesa]').length,
      pct: document.getElementById('pct-actas')?.textContent ?? '',
    };
    const last = w.samples.at(-1);
    if (!last || JSON.stringify(last) !== JSON.stringify(s)) w.samples.push(s);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

describe("a user's drill while a poll's redraw is held", () => {
  it('ends on the user’s unit at the new revision, with no error and no drill back', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.addInitScript(sampleFrames);
    let armed = false;
    let held = (): void => {};
    const hit = new Promise<void>((r) => (held = r));
    let release = (): void => {};
    const released = new Promise<void>((r) => (release = r));
    await page.route('**/mesas/010101.json', async (route) => {
      if (armed) {
        armed = false;
        held();
        await released;
      }
      await route.continue();
    });
    // the district, its mesas listed; a poll every second
    await page.goto(`${env.base}/?election=${ID}&level=district&code=010101&poll=1`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#children button[data-mesa="000001"]');
    expect(await page.textContent('#pct-actas')).toBe('33.333 %');

    // cut B: the next poll redraws, and its read of the mesa list waits
    armed = true;
    await deliver([acta('000002', true)]);
    await hit;
    const before = await page.evaluate(
      () => (window as unknown as { samples: Sample[] }).samples.length,
    );
    // the user picks the department (the crumb after the nation) while the redraw waits
    const answered = page.waitForResponse('**/results/department/01/children.json');
    await page.click('#crumbs button:nth-of-type(2)');
    await (await answered).finished();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    release();

    await page.waitForSelector('#children button[data-code="0101"]');
    await page.waitForFunction(
      () => document.getElementById('pct-actas')?.textContent === '66.667 %',
    );
    const samples = await page.evaluate(() => (window as unknown as { samples: Sample[] }).samples);
    expect(await page.getAttribute('body', 'data-error')).toBeNull();
    const url = new URL(page.url());
    expect([url.searchParams.get('level'), url.searchParams.get('code')]).toEqual([
      'department',
      '01',
    ]);
    // once clicked, the district's mesas never came back (the poll's redraw left the drill be)
    expect(samples.slice(before).filter((s) => s.mesas > 0)).toEqual([]);
    expect(samples.at(-1)).toEqual({ crumbs: 2, mesas: 0, pct: '66.667 %' });
    expect(await page.isHidden('#cut-notice')).toBe(true);
    await page.close();
  });
});
