/// <reference lib="dom" />
// What a status's % of actas is of, as the server says it (`pctOf`, session 29): a count of actas'
// own is of the actas it processed ("procesadas"), a published release's is its source's counted
// share ("contabilizadas"). The notice, the embed and the Congress view say the word the status
// carries; the page guesses nothing from whether the election has a release. Failed on the old
// code: the Congress view called a count of actas' % "contabilizadas", and said no % at all for a
// provisional release without a manifest. Spanish and English, at 390 px.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { tempDir } from '../helpers.js';
import { DISTRICTS, LISTS, VOTES, putListElection, writeStyleRuleset } from '../list-election.js';
import { XF_DIR, XF_ELECTION, manifestStore } from '../xf-fixture.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

/** ONPE's capture of the 2026 runoff on 10 June: a provisional release at its source's %. */
const CAPTURE = 'pe-2026-presidencial-segunda-2026-06-10';
/** A provisional list release (no manifest): its source's 60 % of actas counted. */
const LIST_RELEASE = 'test-provisional-60';

const env = useDashboard(async () => {
  // Freedonia's count of actas with two of its six actas still pending: 4 of 6 processed
  const dir = tempDir('cifra-browser-pct-of-');
  cpSync(XF_DIR, dir, { recursive: true });
  const actas = join(dir, 'actas.csv');
  writeFileSync(
    actas,
    readFileSync(actas, 'utf8').replace(/^(0000[56]),(\d+),COUNTED,/gm, '$1,$2,PENDING,'),
  );
  const store = await manifestStore(
    join(dir, 'p.db'),
    join(dir, 'xf-2026.json'),
    join(dir, 'jurisdictions'),
  );
  expect((await putPublishedElection(store, CAPTURE)).ok).toBe(true);
  await putListElection(store, {
    id: LIST_RELEASE,
    status: 'provisional',
    pctCounted: '60.000',
    ruleset: writeStyleRuleset(dir),
    districts: DISTRICTS,
    lists: LISTS,
    votes: VOTES,
  });
  return store;
});

const WORDS = {
  es: { processed: '% de actas procesadas', counted: '% de actas contabilizadas' },
  en: { processed: '% of actas processed', counted: '% of actas counted' },
} as const;

const text = async (page: Page, css: string): Promise<string> =>
  (await page.textContent(css)) ?? '';

/** The page at `path` in `lang`, 390 px wide, once ready (and its Congress view drawn, if asked). */
async function phone(path: string, lang: 'es' | 'en', congress = false) {
  const o = await openPage(env.browser, `${env.base}${path}&lang=${lang}`, 390);
  if (congress) await o.page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
  return o;
}

describe("the status's % says what it is of, as the server says it", () => {
  for (const lang of ['es', 'en'] as const) {
    const w = WORDS[lang];

    it(`${lang}: a count of actas under way says "processed" in the notice, the Congress view and the embed`, async () => {
      const doc = (await (
        await fetch(`${env.base}/api/v1/summary?election=${XF_ELECTION}`)
      ).json()) as { status: { kind: string; pctCounted: string; pctOf: string } };
      expect(doc.status).toMatchObject({ kind: 'provisional', pctOf: 'actas-processed' });
      const { page, errors } = await phone(`/?election=${XF_ELECTION}`, lang, true);
      for (const css of ['#provisional', '#seats-status']) {
        const line = await text(page, css);
        expect(line, css).toMatch(new RegExp(`66[.,]667 ${w.processed}`));
        expect(line, css).not.toContain(w.counted);
      }
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({
        path: join(ARTIFACTS, `pct-of-count-${lang}-390.png`),
        fullPage: true,
      });
      const embed = await phone(`/embed.html?election=${XF_ELECTION}`, lang);
      const status = await text(embed.page, '#embed-status');
      expect(status).toMatch(new RegExp(`66[.,]667 ${w.processed}`));
      expect(await noSideScroll(embed.page)).toBe(true);
      expect([...errors, ...embed.errors]).toEqual([]);
      await Promise.all([page.close(), embed.page.close()]);
    }, 180_000);

    it(`${lang}: a published release says "counted" in the notice, the embed and the Congress view`, async () => {
      const { page, errors } = await phone(`/?election=${CAPTURE}`, lang);
      const notice = await text(page, '#provisional');
      expect(notice).toMatch(new RegExp(`\\d+\\.\\d{3} ${w.counted}`));
      expect(notice).not.toContain(w.processed);
      const embed = await phone(`/embed.html?election=${CAPTURE}`, lang);
      expect(await text(embed.page, '#embed-status')).toMatch(
        new RegExp(`\\d+\\.\\d{3} ${w.counted}`),
      );
      expect(await noSideScroll(embed.page)).toBe(true);
      const list = await phone(`/?election=${LIST_RELEASE}`, lang, true);
      const seats = await text(list.page, '#seats-status');
      expect(seats).toContain(`60.000 ${w.counted}`);
      expect(seats).not.toContain(w.processed);
      expect(await noSideScroll(list.page)).toBe(true);
      await list.page.screenshot({
        path: join(ARTIFACTS, `pct-of-release-${lang}-390.png`),
        fullPage: true,
      });
      expect([...errors, ...embed.errors]).toEqual([]);
      await Promise.all([page.close(), embed.page.close(), list.page.close()]);
    }, 180_000);
  }
});
