/// <reference lib="dom" />
// A third party's composition reads as a third party's everywhere it is named (review 28): a seats
// table alone said "Escaños publicados por terceros (no oficiales)" in its status line, "Publicado
// por terceros" under its hemicycle and plain "Escaños" as the hemicycle's accessible name; the
// reported composition beside cifra's seats had a column headed "Reportado", whose it was unsaid.
// Now one label in all three, and the column says "Terceros"; no "oficial" but as "no oficial".
// Failed on the old code: the caption and the name lacked the label, the column said "Reportado".
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import {
  DISTRICTS,
  LISTS,
  VOTES,
  putListElection,
  thirdPartySeats,
  writeStyleRuleset,
} from '../list-election.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-third-party-');
  const store = new SqliteStore(join(dir, 't.db'));
  await store.migrate();
  expect((await putPublishedElection(store, 'pe-2026-diputados')).ok).toBe(true);
  // the votes final by their source, the seats table a third party's
  await putListElection(store, {
    id: 'test-third-party-table',
    status: 'final',
    seats: thirdPartySeats(),
    ruleset: writeStyleRuleset(dir),
    districts: DISTRICTS,
    lists: LISTS,
    votes: VOTES,
  });
  return store;
});

const WORDS = {
  es: {
    table: 'Escaños publicados por terceros (no oficiales)',
    column: 'Terceros',
    // "oficial" only as what it is not
    official: /oficial/gi,
    denied: /no oficiales|no es un resultado oficial/gi,
  },
  en: {
    table: 'Seats published by a third party (not official)',
    column: 'Third party',
    official: /official/gi,
    denied: /not official|not an official result/gi,
  },
} as const;

/** How often the page's Congress view says "official", and how often as "not official". */
async function officialWords(page: Page, lang: 'es' | 'en'): Promise<[number, number]> {
  const text = (await page.textContent('#congress')) ?? '';
  const w = WORDS[lang];
  return [text.match(w.official)?.length ?? 0, text.match(w.denied)?.length ?? 0];
}

describe("a third party's seats are labelled as a third party's, and only so (390 px)", () => {
  for (const lang of ['es', 'en'] as const) {
    it(`${lang}: a seats table alone — one label in its status line, caption and figure name`, async () => {
      const { page } = await openPage(
        env.browser,
        `${env.base}/?election=test-third-party-table&lang=${lang}`,
        390,
      );
      await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
      const w = WORDS[lang];
      expect(await page.textContent('#seats-status')).toContain(w.table);
      expect(await page.textContent('#hemi-main-cap')).toContain(w.table);
      expect(await page.getAttribute('#hemicycle', 'aria-label')).toContain(w.table);
      const [said, denied] = await officialWords(page, lang);
      expect(said).toBe(denied);
      expect(await noSideScroll(page)).toBe(true);
      await page.close();
    }, 180_000);

    it(`${lang}: the reported composition beside cifra's — its column says whose it is`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=pe-2026-diputados&lang=${lang}`,
        390,
      );
      await page.waitForSelector('#hemi-reported:not([hidden]) #hemicycle-reported circle.seat');
      const w = WORDS[lang];
      const heads = await page.$$eval('#seats-table thead th', (ths) =>
        ths.map((th) => th.textContent ?? ''),
      );
      expect(heads).toContain(w.column);
      // the phone's cards label each cell by its column: the reported seats too
      const labels = await page.$$eval('#seats-table tbody tr:first-child td', (tds) =>
        tds.map((td) => td.getAttribute('data-label') ?? ''),
      );
      expect(labels).toContain(w.column);
      const [said, denied] = await officialWords(page, lang);
      expect(said).toBe(denied);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
