/// <reference lib="dom" />
// Night words on the dashboard and the embed (night review s33): an English frame titles the
// election in English (2); the embed's freshness and the source's cut are apart (3); a source
// without department results says only that, with no map, legend, shade note or click hint (5).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { PROJECT_ROOT } from '../../src/io/paths.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { openPage, useDashboard } from './harness.js';

const CAPTURE = 'pe-2026-presidencial-segunda-2026-06-10';
const NO_DEPARTMENTS = 'pe-2026-presidencial';
// a count being ingested: the runoff's first 40 mesas at the README's cut
const LIVE = 'pe-2021-presidencial-segunda';

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-night-words-'), 'e.db'));
  await store.migrate();
  for (const id of [CAPTURE, NO_DEPARTMENTS]) {
    const r = await putPublishedElection(store, id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const live = bundledElection(LIVE);
  if (!live) throw new Error(LIVE);
  await store.putElection(live);
  const r = await ingestFile(store, {
    file: join(PROJECT_ROOT, 'examples', 'ingest', 'r2-first-40-mesas.csv'),
    election: live,
    now: () => '2021-06-07T04:32:00.000Z',
    cut: '2021-06-06T23:30:00-05:00',
  });
  expect(r.ok).toBe(true);
  return store;
});

const labels = bundledElection(CAPTURE)?.manifest?.labels;

describe('the embed in English', () => {
  for (const view of ['headline', 'map', 'course'] as const)
    it(`${view}: the title is the election's English label`, async () => {
      expect(labels?.en).toMatch(/^Peru 2026/);
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/embed.html?election=${CAPTURE}&view=${view}&lang=en`,
        390,
      );
      expect(await page.locator('#embed-title').innerText()).toBe(labels?.en);
      expect(errors).toEqual([]);
      await page.close();
    });

  it('es: the Spanish label', async () => {
    const { page } = await openPage(env.browser, `${env.base}/embed.html?election=${CAPTURE}`, 390);
    expect(await page.locator('#embed-title').innerText()).toBe(labels?.es);
    await page.close();
  });
});

// the picker and the embed's title say the election by one helper (web/ui.ts electionTitle)
describe("the dashboard's election picker", () => {
  it('names the election by its English label in English, its Spanish one after the switch', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${CAPTURE}&lang=en`,
      1280,
    );
    const option = page.locator(`#election option[value="${CAPTURE}"]`);
    expect(await option.textContent()).toBe(labels?.en);
    await page.click('#lang');
    await expect.poll(() => option.textContent()).toBe(labels?.es);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the embed's freshness line", () => {
  for (const [lang, cut] of [
    ['es', 'Corte de la fuente'],
    ['en', "Source's cut"],
  ] as const)
    it(`${lang}: how fresh, then the source's cut, set apart`, async () => {
      const { page } = await openPage(
        env.browser,
        `${env.base}/embed.html?election=${LIVE}&lang=${lang}`,
        390,
      );
      const fresh = await page.locator('#embed-fresh').textContent();
      expect(await page.locator('#embed-fresh > span').count()).toBeGreaterThan(1);
      expect(fresh).toContain(` · ${cut}: `);
      expect(fresh).not.toMatch(/\S(Corte de la fuente|Source's cut)/);
      await page.close();
    });
});

describe('the headline of a count being ingested', () => {
  for (const [lang, now] of [
    ['es', 'Aún no es un resultado: el conteo sigue.'],
    ['en', 'Not a result yet: the count goes on.'],
  ] as const)
    it(`${lang}: in the present, not the past of an archived capture (night review 1)`, async () => {
      const { page } = await openPage(
        env.browser,
        `${env.base}/?election=${LIVE}&lang=${lang}`,
        1200,
      );
      await page.waitForFunction(() => document.querySelector('#outcome .not-final') !== null);
      expect((await page.locator('#outcome .not-final').textContent())?.trim()).toBe(now);
      await page.close();
    });
});

describe('a source without department results', () => {
  for (const [lang, none] of [
    ['es', 'Esta fuente no tiene resultados por departamento.'],
    ['en', 'This source has no results by department.'],
  ] as const) {
    it(`${lang}: the dashboard says only that: no map, skip link, legend or shade note`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${NO_DEPARTMENTS}&lang=${lang}`,
        1200,
      );
      await page.waitForFunction(
        (t) => document.querySelector('#map-section .hint')?.textContent === t,
        none,
      );
      expect(await page.locator('#map-section').isVisible()).toBe(true);
      expect(await page.locator('#map').isHidden()).toBe(true);
      for (const id of ['#skip-map', '#map-legend', '#map-shade'])
        expect(await page.locator(id).evaluate((n) => n.hasAttribute('hidden'))).toBe(true);
      expect(await page.locator('#map path').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`${lang}: the embedded map says only that, no click hint`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/embed.html?election=${NO_DEPARTMENTS}&view=map&lang=${lang}`,
        390,
      );
      expect(await page.locator('#map-section .hint').first().innerText()).toBe(none);
      expect(await page.locator('#map').isHidden()).toBe(true);
      expect(await page.locator('#embed-map-opens').isHidden()).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
