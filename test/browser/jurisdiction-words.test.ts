/// <reference lib="dom" />
// What a new user's review (2026-12-01) found on another jurisdiction's page and in small chambers:
// Freedonia (test/fixtures/xf) shows none of Peru's words (the JEE, "local de votación", the link
// to Peru's regional and municipal view, "Candidato" over a list election's lists), and a small
// hemicycle (Freedonia's 10 seats, the smallest bundled ERM council) is drawn whole, its majority
// line clear of the total. A site of Freedonia's elections carries no Peru contest (siteScope): its
// ERM view says so; the council is drawn by a server over an empty store, which carries them all.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEST_PATHS } from '../../src/api/paths.js';
import { buildApi } from '../../src/api/server.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { XF_ELECTION, xfStore } from '../xf-fixture.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const env = useDashboard(() => xfStore(join(tempDir('cifra-browser-words-'), 'xf.db')));
// a second server, over a store without elections: it carries every bundled contest set
const empty: { store?: SqliteStore; app?: FastifyInstance; base?: string } = {};
beforeAll(async () => {
  empty.store = new SqliteStore(join(tempDir('cifra-browser-words-empty-'), 'e.db'));
  await empty.store.migrate();
  empty.app = await buildApi({ store: empty.store, tokenHash: null, dashboard: true });
  empty.base = await empty.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await empty.app?.close();
  await empty.store?.close();
});

/** Seats drawn outside the SVG's view box, and whether the majority line reaches into the total. */
const hemicycleFaults = (
  page: Page,
  svg: string,
): Promise<{ clipped: number; seats: number; lineInTotal: boolean; seatsOnTotal: number }> =>
  page.$eval(svg, (node) => {
    const s = node as SVGSVGElement;
    const vb = s.viewBox.baseVal;
    const seats = Array.from(s.querySelectorAll<SVGCircleElement>('circle.seat'));
    const clipped = seats.filter((c) => {
      const b = c.getBBox();
      return (
        b.x < vb.x - 0.01 ||
        b.y < vb.y - 0.01 ||
        b.x + b.width > vb.x + vb.width + 0.01 ||
        b.y + b.height > vb.y + vb.height + 0.01
      );
    }).length;
    const line = s.querySelector<SVGLineElement>('line.majority');
    const total = s.querySelector<SVGTextElement>('text.total')?.getBBox();
    const bottom = line ? Math.max(line.y1.baseVal.value, line.y2.baseVal.value) : -Infinity;
    const onTotal = (b: DOMRect): boolean =>
      total !== undefined &&
      b.x < total.x + total.width &&
      total.x < b.x + b.width &&
      b.y < total.y + total.height &&
      total.y < b.y + b.height;
    return {
      clipped,
      seats: seats.length,
      lineInTotal: total !== undefined && bottom > total.y,
      seatsOnTotal: seats.filter((c) => onTotal(c.getBBox())).length,
    };
  });

describe("Freedonia's page has no Peru-only words", () => {
  for (const [width, lang] of [
    [390, 'es'],
    [1280, 'en'],
  ] as const)
    it(`${width} px, ${lang}: no JEE, no polling place, no link to Peru's ERM, lists not candidates`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${XF_ELECTION}${lang === 'en' ? '&lang=en' : ''}`,
        width,
      );
      await page.waitForSelector('#unit-name');
      await page.waitForSelector('#pct-actas');
      expect(await page.textContent('#progress')).not.toContain('JEE');
      expect(await page.textContent('#search-form label span')).toBe(
        lang === 'es' ? 'Mesa, municipio, región' : 'Mesa, municipality, region',
      );
      expect(await page.isVisible('#erm-link')).toBe(false);
      expect(await page.textContent('#unit thead th')).toBe(lang === 'es' ? 'Lista' : 'List');
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });

  it("Peru's regional view, asked by its URL, says this site does not carry it", async () => {
    const { page } = await openPage(env.browser, `${env.base}/?view=erm&erm=pe-erm-2022`, 390);
    expect(await page.textContent('#erm-status')).toContain('no están publicados en este sitio');
    expect(await page.locator('#erm-map path').count()).toBe(0);
    await page.close();
  });
});

describe('a small hemicycle is drawn whole', () => {
  for (const width of [390, 1280])
    it(`${width} px: Freedonia's 10 seats`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${XF_ELECTION}`,
        width,
      );
      await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
      const f = await hemicycleFaults(page, '#hemicycle');
      expect(f).toEqual({ clipped: 0, seats: 10, lineInTotal: false, seatsOnTotal: 0 });
      await page
        .locator('#hemicycle')
        .screenshot({ path: join(ARTIFACTS, `hemicycle-xf-${width}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });

  it('the smallest bundled ERM council, on a phone and a desktop', async () => {
    const doc = (await (
      await fetch(`${empty.base}${CONTEST_PATHS.contests('pe-erm-2022')}`)
    ).json()) as {
      contests: { id: string; totalSeats: number | null }[];
    };
    const sized = doc.contests.filter((c) => (c.totalSeats ?? 0) > 1);
    const smallest = sized.reduce((a, b) => ((b.totalSeats ?? 0) < (a.totalSeats ?? 0) ? b : a));
    for (const width of [390, 1280]) {
      const { page, errors } = await openPage(
        env.browser,
        `${empty.base}/?view=erm&erm=pe-erm-2022&contest=${encodeURIComponent(smallest.id)}`,
        width,
      );
      await page.waitForSelector('#erm-hemicycle circle.seat');
      const f = await hemicycleFaults(page, '#erm-hemicycle');
      expect(f).toEqual({
        clipped: 0,
        seats: smallest.totalSeats,
        lineInTotal: false,
        seatsOnTotal: 0,
      });
      await page
        .locator('#erm-hemicycle')
        .screenshot({ path: join(ARTIFACTS, `hemicycle-erm-smallest-${width}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
