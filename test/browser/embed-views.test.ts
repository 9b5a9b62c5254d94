/// <reference lib="dom" />
// The embed's other views (embed.html?view=map|course): a newsroom frames the map or the count's
// course over the night, drawn by the dashboard's own modules (map.ts, course.ts), with the
// figures' status, source and freshness and the link to the dashboard. On ONPE's 10 June 2026
// capture of the runoff (one capture: no course) the map says who leads each department, never who
// won it, and a click opens the dashboard drilled there in a new tab; the finished runoff (ONPE
// 100 %, 479 captured updates) draws its course; an unknown view says which views there are.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const CAPTURE = 'pe-2026-presidencial-segunda-2026-06-10';
const FINAL = 'pe-2026-presidencial-segunda';

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-embed-views-'), 'e.db'));
  await store.migrate();
  for (const id of [CAPTURE, FINAL]) {
    const r = await putPublishedElection(store, id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  return store;
});

const WORDS = {
  es: { leads: 'lidera', won: /\b(gan[óa]|ganador)\b/i, legend: 'SÁNCHEZ', status: /provisional/i },
  en: { leads: 'leads', won: /\b(won|wins|winner)\b/i, legend: 'SÁNCHEZ', status: /provisional/i },
} as const;

describe('the embeddable map', () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}: at 390 px, the map with its legend and status; a click opens the dashboard drilled there`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/embed.html?election=${CAPTURE}&view=map&lang=${lang}`,
        390,
      );
      const w = WORDS[lang];
      expect(await page.locator('#map path[data-level="department"]').count()).toBeGreaterThan(20);
      const legend = await page.locator('#map-legend li').allInnerTexts();
      expect(legend.length).toBeGreaterThan(1);
      expect(legend.join('|')).toContain(w.legend);
      // what the shades mean, under the legend
      expect(await page.locator('#map-shade').innerText()).not.toBe('');
      // each department says who leads it, never who won it
      const labels = await page
        .locator('#map path[data-level="department"]')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label') ?? ''));
      expect(labels.some((l) => l.includes(` ${w.leads} `))).toBe(true);
      for (const l of labels) expect(l).not.toMatch(w.won);
      const status = await page.locator('#embed-status').innerText();
      expect(status).toMatch(w.status);
      expect(status).toContain('ONPE');
      expect(await page.locator('#embed-fresh').innerText()).not.toBe('');
      const full = await page.locator('#embed-full').getAttribute('href');
      expect(full).toContain(`?election=${CAPTURE}&lang=${lang}`);
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `embed-map-${lang}.png`), fullPage: true });
      // Loreto, the largest shape: its centre is its own
      const loreto = page.locator('#map path[data-level="department"][aria-label^="LORETO"]');
      const code = await loreto.getAttribute('data-code');
      const [popup] = await Promise.all([page.waitForEvent('popup'), loreto.click()]);
      await popup.waitForURL(/level=/);
      const opened = new URL(popup.url());
      expect(opened.pathname).toBe('/');
      expect(opened.searchParams.get('election')).toBe(CAPTURE);
      expect(opened.searchParams.get('level')).toBe('department');
      expect(opened.searchParams.get('code')).toBe(code);
      expect(opened.searchParams.get('lang')).toBe(lang);
      // the frame itself stays on the map
      expect(page.url()).toContain('view=map');
      await popup.close();
      expect(errors).toEqual([]);
      await page.close();
    });
});

describe('the embeddable course of the count', () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}: a finished count's course is drawn, said to be the count's course to its close`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/embed.html?election=${FINAL}&view=course&lang=${lang}`,
        390,
      );
      await page.waitForSelector('#course:not([hidden]) #course-chart path.margin');
      expect(await page.locator('#embed-no-course').isHidden()).toBe(true);
      expect(await page.locator('#course-meta').innerText()).not.toBe('');
      expect(await page.locator('#embed-course-status').innerText()).toContain(
        lang === 'es' ? 'hasta su cierre' : 'to its close',
      );
      expect(await page.locator('#embed-status').innerText()).toMatch(/final/i);
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `embed-course-${lang}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });

  for (const [lang, text] of [
    ['es', 'no tiene curso del conteo'],
    ['en', 'has no course of the count'],
  ] as const)
    it(`${lang}: an election without a course says so, not an empty frame`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/embed.html?election=${CAPTURE}&view=course&lang=${lang}`,
        390,
      );
      expect(await page.locator('#course').isHidden()).toBe(true);
      expect(await page.locator('#embed-no-course').innerText()).toContain(text);
      expect(await page.locator('#embed-status').innerText()).toMatch(/provisional/i);
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({
        path: join(ARTIFACTS, `embed-no-course-${lang}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    });
});

describe('an unknown view', () => {
  for (const [lang, text] of [
    ['es', 'No hay una vista «tabla»'],
    ['en', 'There is no view "tabla"'],
  ] as const)
    it(`${lang}: says which views there are`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/embed.html?election=${CAPTURE}&view=tabla&lang=${lang}`,
        390,
      );
      const said = await page.locator('#embed-unknown-view').innerText();
      expect(said).toContain(text);
      expect(said).toContain('view=map');
      expect(said).toContain('view=course');
      expect(errors).toEqual([]);
      await page.close();
    });
});
