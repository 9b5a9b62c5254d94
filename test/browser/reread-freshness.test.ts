/// <reference lib="dom" />
// Election night's freshness after a re-read (the same file at a later `--cut`, no acta changed):
// the dashboard said "Actualizado hace 40 min" beside a source's cut of a minute ago, true but
// read as a stalled feed. Now the line says both: no change since the last change, the source
// checked since, with that check's cut in Lima time — on a phone (390 px), in Spanish and English,
// picked up by the page's own poll, re-worded by its 30 s tick, and said alike by the embed.
// The page's clock is Playwright's (installed, moved by hand): no timing threshold. Session 31:
// English read "No change for 28 min · source checked 2 min. ago", two forms of one unit (Intl's
// relative "short" style beside NumberFormat's); "ago" is now the span's own words.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { PROJECT_ROOT } from '../../src/io/paths.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, useDashboard } from './harness.js';

const RUNOFF = 'pe-2021-presidencial-segunda';
const FILE = join(PROJECT_ROOT, 'examples', 'ingest', 'r2-first-40-mesas.csv');
const election = bundledElection(RUNOFF);

/** Imports (or re-reads) the runoff's first 40 mesas, finished at `at`, at the source's `cut`. */
async function read(store: SqliteStore, at: string, cut: string): Promise<void> {
  if (!election) throw new Error(RUNOFF);
  const r = await ingestFile(store, { file: FILE, election, now: () => at, cut });
  expect(r.ok).toBe(true);
}

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-reread-'), 'r.db'));
  await store.migrate();
  if (!election) throw new Error(RUNOFF);
  await store.putElection(election);
  // the import: finished 23:32 in Lima (UTC−5), the source's cut 23:30
  await read(store, '2021-06-07T04:32:00.000Z', '2021-06-07T04:30:00Z');
  return store;
});

const lineOf = async (page: Page, css: string): Promise<string> =>
  ((await page.textContent(css)) ?? '').trim();

/** Waits for the page's poll to draw the summary of the store's new revision. */
const redrawn = (page: Page, css: string, text: string) =>
  page.waitForFunction(
    (o) => document.querySelector(o.css)?.textContent?.includes(o.text) === true,
    { css, text },
  );

// The two languages run in order on one store: Spanish sees the first re-read, English a second.
const STEPS = {
  es: {
    open: '2021-06-07T04:35:00Z',
    before: /^Actualizado hace 3 min · 6 jun\.? 2021, 23:32 \(hora de Lima\)$/,
    reread: { at: '2021-06-07T04:44:00.000Z', cut: '2021-06-07T04:43:00Z' },
    after: 'Sin cambios desde hace 13 min · fuente revisada hace 1 min (corte 23:43, hora de Lima)',
    later:
      'Sin cambios desde hace 43 min · fuente revisada hace 31 min (corte 23:43, hora de Lima)',
    cut: /^Corte de la fuente: 6 jun\.? 2021, 23:43 \(hora de Lima\)$/,
  },
  en: {
    open: '2021-06-07T04:50:00Z',
    before: /^No change for 18 min · source checked 6 min ago \(cut 23:43, Lima time\)$/,
    reread: { at: '2021-06-07T04:58:00.000Z', cut: '2021-06-07T04:57:00Z' },
    after: 'No change for 28 min · source checked 2 min ago (cut 23:57, Lima time)',
    later: 'No change for 58 min · source checked 32 min ago (cut 23:57, Lima time)',
    cut: /^Source's cut: 6 Jun 2021, 23:57 \(Lima time\)$/,
  },
} as const;

describe('the freshness line after a re-read, on the dashboard', () => {
  for (const lang of ['es', 'en'] as const)
    it(`390 px, ${lang}: "no change since …, source checked … (cut …)", kept current`, async () => {
      const step = STEPS[lang];
      const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
      page.setDefaultTimeout(90_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.clock.install({ time: Date.parse(step.open) });
      // a 10 min poll: the clock moved by hand decides when the page asks
      await page.goto(`${env.base}/?election=${RUNOFF}&lang=${lang}&poll=600`);
      await page.waitForSelector('body[data-ready="true"] #updated-ago');
      expect(await lineOf(page, '#updated-ago')).toMatch(step.before);
      // the source read again, unchanged, at a later cut: a re-read
      await read(env.store, step.reread.at, step.reread.cut);
      await page.clock.fastForward('10:00');
      await redrawn(page, '#updated-ago', step.after);
      expect(await lineOf(page, '#updated-ago')).toBe(step.after);
      expect(await lineOf(page, '#source-cut')).toMatch(step.cut);
      // the 30 s tick re-words it with no request
      await page.clock.runFor('30:00');
      expect(await lineOf(page, '#updated-ago')).toBe(step.later);
      expect(await noSideScroll(page)).toBe(true);
      await page
        .locator('#progress')
        .screenshot({ path: join(ARTIFACTS, `reread-freshness-${lang}.png`) });
      // the embed says the same
      await page.goto(`${env.base}/embed.html?election=${RUNOFF}&lang=${lang}`);
      await page.waitForSelector('body[data-ready="true"] #embed-fresh #updated-ago');
      expect(await lineOf(page, '#embed-fresh #updated-ago')).toBe(step.later);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});
