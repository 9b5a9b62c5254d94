/// <reference lib="dom" />
// Seats cifra cannot compute, said so (review s36): Freedonia (test/fixtures/xf) with region Sur's
// two actas left out of its file, so Sur, 3 of the 10 seats, has no votes. The API's seats carry
// `district_without_votes` at district.Sur and no seats; the dashboard, live and as `cifra publish`
// writes it, on a phone and a desktop, in Spanish and English, says why in words, and draws no
// hemicycle of 0 seats nor a "no" for every list beside the valla.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { XF_DIR, XF_ELECTION, manifestStore } from '../xf-fixture.js';
import { ARTIFACTS, closeAll, noSideScroll, openPage, serveDashboard } from './harness.js';
import { requireNginx, servePublished } from './nginx.js';

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;
let live: string;
let browser: Browser;
let stop: (() => void) | undefined;
let site: string;

beforeAll(async () => {
  requireNginx();
  dir = tempDir('cifra-seat-issues-');
  cpSync(XF_DIR, dir, { recursive: true });
  // Sur's mesas are 00005 (0301) and 00006 (0302): without them Sur has no votes at all
  const actas = join(dir, 'actas.csv');
  const kept = readFileSync(actas, 'utf8').replace(/^0000[56],[^\n]*\n/gm, '');
  expect(kept).not.toMatch(/^0000[56],/m);
  writeFileSync(actas, kept);
  store = await manifestStore(
    join(dir, 'xf.db'),
    join(dir, 'xf-2026.json'),
    join(dir, 'jurisdictions'),
  );
  ({ app, base: live, browser } = await serveDashboard(store));
  ({ site, stop } = await servePublished(store, dir, '2026-05-02T12:00:00.000Z'));
}, 120_000);

afterAll(async () => {
  stop?.();
  await closeAll(browser, app, store);
});

const TARGETS = [
  ['live', () => live],
  ['static', () => site],
] as const;

// A 7,000 of 15,080 valid votes in Norte and Centro (3,000 + 2,000 + 1,200 + 800) = 46.419 %
const WORDS = {
  es: {
    issues: 'No se pueden calcular los escaños: Sur no tiene votos.',
    heads: ['Partido', '% válidos'],
    first: ['Partido A', '46.419 %'],
  },
  en: {
    issues: "Seats can't be computed: Sur has no votes.",
    heads: ['Party', '% valid'],
    first: ['Partido A', '46.419 %'],
  },
} as const;

describe('seats cifra cannot compute', () => {
  it('the API says why: district_without_votes at district.Sur, no seats', async () => {
    const res = await fetch(`${live}/api/v1/seats?election=${XF_ELECTION}`);
    const body = (await res.json()) as {
      result: { seats: object; issues: { code: string; path: string[] }[] };
    };
    expect(body.result.seats).toEqual({});
    expect(body.result.issues.map((i) => [i.code, i.path])).toEqual([
      ['district_without_votes', ['district', 'Sur']],
    ]);
  });

  for (const [kind, base] of TARGETS)
    for (const width of [390, 1280])
      for (const lang of ['es', 'en'] as const)
        it(`${kind}, ${width} px, ${lang}: why in words, no empty hemicycle, no valla verdicts`, async () => {
          const { page, errors } = await openPage(
            browser,
            `${base()}/?election=${XF_ELECTION}&lang=${lang}`,
            width,
            { consoleErrors: true, timeout: 60_000 },
          );
          await page.waitForSelector('#congress:not([hidden])');
          const w = WORDS[lang];
          expect(await page.isVisible('#seats-issues')).toBe(true);
          expect(await page.textContent('#seats-issues')).toBe(w.issues);
          // no hemicycle of 0 seats (the reported one: none in this election)
          expect(await page.isVisible('#hemi-main')).toBe(false);
          expect(await page.isVisible('#hemicycle')).toBe(false);
          expect(await page.isVisible('#hemi-reported')).toBe(false);
          // the lists' votes, with no valla column, no seats column and no verdict in a cell
          expect(await page.locator('#seats-table thead th').allTextContents()).toEqual(w.heads);
          expect(
            await page.locator('#seats-table .valla, #seats-table .valla-inline').count(),
          ).toBe(0);
          expect(await page.locator('#seats-table .seats-cifra').count()).toBe(0);
          const rows = page.locator('#seats-table tbody tr');
          expect(await rows.count()).toBe(4);
          const cells = await rows.first().locator('td').allTextContents();
          expect(cells.map((c) => c.trim())).toEqual(w.first);
          // nothing of seats per circunscripción: there are none
          expect(await page.isVisible('#by-district')).toBe(false);
          expect(await page.textContent('#seats-ties')).toBe('');
          expect(await noSideScroll(page)).toBe(true);
          await page.screenshot({
            path: join(ARTIFACTS, `seat-issues-${kind}-${width}-${lang}.png`),
            fullPage: true,
          });
          expect(errors).toEqual([]);
          await page.close();
        }, 120_000);

  // the what-if cannot compute either: it says why in the same words, not `code path`
  for (const lang of ['es', 'en'] as const)
    it(`live, 390 px, ${lang}: a what-if refused says why in words`, async () => {
      const { page, errors } = await openPage(
        browser,
        `${live}/?election=${XF_ELECTION}&lang=${lang}`,
        390,
        { consoleErrors: true, timeout: 60_000 },
      );
      await page.waitForSelector('#what-if:not([hidden])');
      const answered = page.waitForResponse((r) => r.url().includes('/what-if'));
      await page.click('#what-if-form button[type="submit"]');
      expect((await answered).status()).toBe(422);
      await page.waitForFunction(
        () =>
          !/^(Calculando|Computing)…$/.test(
            document.querySelector('#wi-status')?.textContent ?? '',
          ),
      );
      expect(await page.textContent('#wi-status')).toBe(
        lang === 'es'
          ? 'No se pudo calcular: Sur no tiene votos.'
          : 'Could not compute: Sur has no votes.',
      );
      // the browser logs the refused request itself; nothing else may fail
      expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
      await page.close();
    }, 120_000);
});
