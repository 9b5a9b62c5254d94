/// <reference lib="dom" />
// Election night in a real browser (Debian's Chromium, playwright-core): the page follows the
// store by itself, a drilled view lives in its URL (reload, share, back/forward), a phone never
// scrolls sideways, and the site `cifra publish` writes is served by nginx (Debian package; .ci/run
// installs it) with no Node process — the same page, the same numbers, and it follows a re-publish.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publishSite } from '../../src/api/publish-site.js';
import { buildOpenApi } from '../../src/api/server.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, fixtureElection, tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';
import { freePort, requireNginx, startNginx, waitFor } from './nginx.js';

const ID = 'pe-2021-presidencial';
let dir: string;
let store: SqliteStore;
let batch = 0;

/** Imports actas (JSONL rows) into the 2021 first round, as a new delivery would. */
async function deliver(rows: readonly object[]): Promise<void> {
  const e = fixtureElection(ID);
  if (!e) throw new Error('election');
  const file = join(dir, `batch-${++batch}.jsonl`);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  expect((await ingestFile(store, { file, election: e, now: fixedClock })).ok).toBe(true);
}

const counted = (mesa: string, ubigeo: string, votes: Record<string, number>) => ({
  mesa,
  ubigeo,
  state: 'counted',
  eligible: 300,
  voters: Object.values(votes).reduce((a, b) => a + b, 0),
  votes,
  blank: 0,
  null: 0,
});
const pending = (mesa: string, ubigeo: string) => ({
  mesa,
  ubigeo,
  state: 'pending',
  eligible: 300,
  voters: null,
  votes: null,
  blank: 0,
  null: 0,
});

const open = (url: string, width: number): Promise<{ page: Page; errors: string[] }> =>
  openPage(env.browser, url, width, { height: 900, timeout: 60_000 });

const env = useDashboard(async () => {
  dir = tempDir('cifra-live-');
  store = new SqliteStore(join(dir, 'l.db'));
  await store.migrate();
  const e = fixtureElection(ID);
  if (!e) throw new Error('election');
  await store.putElection(e);
  expect((await putPublishedElection(store, 'pe-2026-presidencial-segunda')).ok).toBe(true);
  // a count under way: two districts of Amazonas and Chachapoyas, one mesa abroad still out
  await deliver([
    counted('000001', '010101', { P16: 120, P11: 90, P7: 10 }),
    counted('000002', '010101', { P16: 100, P11: 95 }),
    pending('000003', '010101'),
    counted('000004', '010102', { P11: 80, P16: 60 }),
    pending('000005', '921001'),
  ]);
  return store;
}, 120_000);

describe('election night in the browser', () => {
  it('follows the count by itself: a new delivery shows without a reload', async () => {
    const { page, errors } = await open(`${env.base}/?election=${ID}&poll=1`, 1280);
    expect(await page.textContent('#pct-actas')).toBe('60.000 %');
    // the lead, the votes still out (two mesas of 300 electors) and the lead's share of them
    expect(await page.textContent('#outcome')).toContain('lidera por 15 votos');
    expect(await page.textContent('#outcome')).toContain('quedan hasta 600 votos');
    expect(await page.textContent('#outcome')).toContain('la ventaja es el 2.5 % de ellos');
    expect(await page.locator('#outcome-fact').count()).toBe(0);
    expect(await page.textContent('#updated-ago')).toContain('Actualizado');
    let navigations = 0;
    page.on('framenavigated', () => navigations++);
    // polls of the summary that start after the delivery is stored: the page must show the
    // change by the first of them (counted in polls, not seconds: no timing threshold)
    let delivered = false;
    let pollsAfterDelivery = 0;
    page.on('request', (r) => {
      if (delivered && r.url().includes('summary.json')) pollsAfterDelivery++;
    });
    await deliver([
      counted('000003', '010101', { P11: 150, P16: 20 }),
      counted('000005', '921001', { P11: 40 }),
    ]);
    delivered = true;
    // within a poll: the count is complete, and the headline states the outcome as a fact
    // (Fujimori above half the valid votes: a first-round winner in this small count)
    await page.waitForFunction(
      () => document.querySelector('#pct-actas')?.textContent === '100.000 %',
    );
    // at most one poll started after the delivery (one still in flight may already carry it)
    expect(pollsAfterDelivery).toBeLessThanOrEqual(1);
    await page.waitForSelector('#outcome-fact');
    expect(await page.textContent('#outcome-fact')).toContain('Gana en primera vuelta');
    expect(await page.textContent('#outcome-fact')).toContain('KEIKO SOFIA FUJIMORI HIGUCHI');
    expect(navigations).toBe(0);
    expect(await page.locator('#projection:not([hidden])').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'live-after-update.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('keeps the drilled view in the URL: a shared link restores it, back and forward walk it', async () => {
    const url = `${env.base}/?election=${ID}&level=district&code=010101&mesa=000002&lang=en`;
    const { page, errors } = await open(url, 390);
    await page.waitForSelector('#acta-title');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#unit-name')).toContain('CHACHAPOYAS');
    expect(await page.locator('#crumbs button').count()).toBe(4);
    expect(await page.textContent('#acta-title')).toContain('000002');
    expect(await page.getAttribute('#children button[data-mesa="000001"]', 'data-state')).toBe(
      'counted',
    );
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'url-restored-phone-en.png'), fullPage: true });
    // up to the department: a new history entry; back returns to the district and its mesa
    await page.click('#crumbs button:nth-of-type(2)');
    await page.waitForFunction(() => !location.search.includes('district'));
    expect(page.url()).toContain('level=department');
    await page.goBack();
    await page.waitForFunction(
      () => document.querySelector('#acta-title')?.textContent?.includes('000002') === true,
    );
    expect(page.url()).toContain('code=010101');
    await page.goForward();
    await page.waitForFunction(() => location.search.includes('level=department'));
    // search: a mesa by its number (short, padded) opens its acta and goes into the URL
    await page.fill('#search', '4');
    await page.click('#search-form button[type="submit"]');
    await page.waitForFunction(
      () => document.querySelector('#acta-title')?.textContent?.includes('000004') === true,
    );
    expect(page.url()).toContain('mesa=000004');
    // a district by name, accents and case aside: its results stay once the forward's restore,
    // which these searches may have raced, has ended (session 36: CI saw them cleared once, the
    // restore wiring the search again after them; search-during-restore holds that window open)
    await page.fill('#search', 'chachapoyas');
    await page.click('#search-form button[type="submit"]');
    expect(await page.locator('#search-results button').count()).toBeGreaterThan(0);
    await page.waitForSelector('body[data-loading="0"]');
    expect(await page.locator('#search-results button').count()).toBeGreaterThan(0);
    expect(await noSideScroll(page)).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the static site: nginx serves what cifra publish wrote, the dashboard shows the national result and follows a re-publish', async () => {
    requireNginx();
    const site = join(dir, 'site');
    const first = await publishSite(store, site, buildOpenApi(), fixedClock());
    expect(first.ok).toBe(true);
    const port = await freePort();
    const nginx = startNginx(dir, site, port);
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor(`${url}/api/v1/site.json`);
      const { page, errors } = await open(`${url}/?election=pe-2026-presidencial-segunda`, 1280);
      // under a strict CSP (no inline script or style), the national result as the API computes
      // it (the runoff at 100 %: a winner, as a fact), its bars drawn to scale
      expect(await page.getAttribute('li[data-choice="FP"] .votes', 'data-votes')).toBe('9223396');
      expect(await page.textContent('#outcome-fact')).toContain('KEIKO FUJIMORI');
      const bar = await page.$eval(
        'li[data-choice="FP"] .bar span',
        (s) => s.getBoundingClientRect().width,
      );
      const track = await page.$eval(
        'li[data-choice="FP"] .bar',
        (s) => s.getBoundingClientRect().width,
      );
      expect(Math.abs(bar / track - 0.50135)).toBeLessThan(0.01);
      // the provenance note by its path in cifra's repository, as on the dashboard (review 4)
      expect(await page.textContent('#provenance code')).toMatch(/^data\/.+PROVENANCE\.md$/);
      await page.screenshot({ path: join(ARTIFACTS, 'static-site-nginx.png'), fullPage: true });
      // a phone, in English, drilled into a department: no sideways scroll
      const phone = await open(
        `${url}/?election=pe-2026-presidencial-segunda&level=department&code=15&lang=en`,
        390,
      );
      await phone.page.waitForSelector('#unit-name');
      expect(await phone.page.textContent('#summary-title')).toBe('National result');
      expect(await noSideScroll(phone.page)).toBe(true);
      await phone.page.screenshot({
        path: join(ARTIFACTS, 'static-site-phone-en.png'),
        fullPage: true,
      });
      // the regional and municipal view from the published contests documents: Lima's council
      // with its bonus; no "without the bonus" switch, since a static host computes no what-if
      const erm = await open(
        `${url}/?view=erm&erm=pe-erm-2022&contest=provincial-council%2F140100&bonus=off`,
        1280,
      );
      await erm.page.waitForSelector('body[data-ready="true"]');
      expect(await erm.page.getAttribute('body', 'data-error')).toBeNull();
      expect(await erm.page.locator('#erm-runoffs tr[data-region]').count()).toBe(9);
      expect(
        await erm.page.getAttribute(
          '#erm-hemicycle g[data-party="RENOVACION POPULAR"]',
          'data-seats',
        ),
      ).toBe('21');
      expect(await erm.page.textContent('#erm-bonus-line')).toContain('21 con la mayoría');
      expect(await erm.page.isVisible('#erm-bonus')).toBe(false);
      // the embed's other views from the same files, under the same CSP: the runoff's map with
      // its legend, and its course (the published release carries its captured updates)
      const map = await open(
        `${url}/embed.html?election=pe-2026-presidencial-segunda&view=map`,
        390,
      );
      await map.page.waitForSelector('#map path[data-level="department"]');
      // the dashboard's 26 shapes, as the sub-path test below counts them on the dashboard
      expect(await map.page.locator('#map path').count()).toBe(26);
      expect((await map.page.locator('#map-legend li').allInnerTexts()).join('|')).toContain(
        'FUJIMORI',
      );
      expect(await map.page.locator('#embed-status').innerText()).toContain('ONPE');
      const course = await open(
        `${url}/embed.html?election=pe-2026-presidencial-segunda&view=course&lang=en`,
        390,
      );
      await course.page.waitForSelector('#course:not([hidden]) #course-chart path.margin');
      expect(await course.page.locator('#embed-course-status').innerText()).toContain(
        'to its close',
      );
      // the 2021 first round, ingested here: a course of its own or the sentence, never blank
      const firstRound = await open(`${url}/embed.html?election=${ID}&view=course`, 390);
      await firstRound.page.waitForSelector(
        '#course:not([hidden]), #embed-no-course:not([hidden])',
      );
      expect(await noSideScroll(map.page)).toBe(true);
      await map.page.screenshot({ path: join(ARTIFACTS, 'static-embed-map.png'), fullPage: true });
      // a new delivery, published again: the open page follows (nginx's ETag on summary.json)
      const live = await open(`${url}/?election=${ID}&poll=1`, 1280);
      const before = await live.page.textContent('#progress');
      await deliver([counted('000006', '010102', { P16: 5 })]);
      expect((await publishSite(store, site, buildOpenApi(), fixedClock())).ok).toBe(true);
      await live.page.waitForFunction(
        (b) => document.querySelector('#progress')?.textContent !== b,
        before,
      );
      expect([
        ...errors,
        ...phone.errors,
        ...erm.errors,
        ...map.errors,
        ...course.errors,
        ...firstRound.errors,
        ...live.errors,
      ]).toEqual([]);
    } finally {
      nginx.kill('SIGTERM');
    }
  }, 180_000);
  it('the static site under a sub-path (/sub/): every URL is relative, nothing asked of the host root', async () => {
    const site = join(dir, 'site-sub');
    expect((await publishSite(store, site, buildOpenApi(), fixedClock())).ok).toBe(true);
    const port = await freePort();
    // the host root answers nothing: a request that escapes /sub/ is a 404 and fails the page
    const nginx = startNginx(dir, site, port, 'sub');
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor(`${url}/sub/api/v1/site.json`);
      expect((await fetch(`${url}/index.html`)).status).toBe(404);
      const asked: string[] = [];
      const { page, errors } = await open(`${url}/sub/?election=pe-2026-presidencial-segunda`, 390);
      // every request of a fresh load, the page's own files and documents alike
      page.on('request', (r) => asked.push(r.url()));
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.getAttribute('li[data-choice="FP"] .votes', 'data-votes')).toBe('9223396');
      expect(await page.textContent('#outcome-fact')).toContain('KEIKO FUJIMORI');
      expect(await page.locator('#map path').count()).toBe(26);
      // a drill reads the unit's documents, relative to /sub/ too, and lands in the URL
      await page.click('#map path[data-level="department"][data-code="07"]');
      await page.waitForFunction(() =>
        document.querySelector('#unit-name')?.textContent?.includes('CUSCO'),
      );
      expect(new URL(page.url()).pathname).toBe('/sub/');
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'static-site-sub-path.png'), fullPage: true });
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((u) => !u.startsWith(`${url}/sub/`))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      nginx.kill('SIGTERM');
    }
  }, 180_000);
});
