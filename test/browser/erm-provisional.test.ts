/// <reference lib="dom" />
// The ERM page says one thing about council seats: with the 2022 capture served as a count under
// way (a provisional status on the election and every set), no seat is "assigned" in the national
// tables, and every council's view draws its seats as rings — Tumbes's too, whose seats the server
// found decided (100 % of its actas). And the council search matches words from their start,
// accents and case aside (web/search-match.ts), as the dashboard's search does.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, openPage, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-erm-provisional-'), 'e.db'));
  await store.migrate();
  return store;
});

interface Served {
  status: unknown;
  sets: { status: unknown }[];
  national: {
    organisations: {
      party: string;
      seats: Record<string, number>;
      seatsOpen: Record<string, number>;
    }[];
  };
}

const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
const TUMBES = 'provincial-council/230100';

/** A page whose 2022 contests document is served as provisional (97.6 % at its cut); the server's own. */
async function provisionalPage(
  lang: string,
  width: number,
): Promise<{ page: Page; errors: string[]; served: Served }> {
  const page = await env.browser.newPage({
    viewport: { width, height: width > 500 ? 1000 : 844 },
  });
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const provisional = { kind: 'provisional', pctCounted: '97.600', cut: '2022-10-07T14:06-05:00' };
  let served: Served | null = null;
  await page.route('**/api/v1/contests/pe-erm-2022.json', async (route) => {
    const doc = (await (await route.fetch()).json()) as Served;
    served = structuredClone(doc);
    doc.status = provisional;
    for (const set of doc.sets) set.status = provisional;
    await route.fulfill({ json: doc });
  });
  await page.goto(
    `${env.base}?view=erm&erm=pe-erm-2022&lang=${lang}&contest=${encodeURIComponent(TUMBES)}`,
  );
  await page.waitForSelector('body[data-ready="true"]');
  if (served === null) throw new Error('the contests document was not requested');
  return { page, errors, served };
}

describe('ERM on a provisional count: the national tables agree with the councils', () => {
  for (const [lang, width, note, words] of [
    ['es', 390, (n: string) => `Regidores: 0 asignados, ${n} según lo contado`, 'sin decidir'],
    ['en', 1400, (n: string) => `Councillors: 0 decided, ${n} on the votes counted`, 'undecided'],
  ] as const)
    it(`${lang}, ${width} px: no seat assigned nationally; Tumbes (decided by the server) drawn as rings`, async () => {
      const { page, errors, served } = await provisionalPage(lang, width);
      const locale = lang === 'es' ? 'es-PE' : 'en-US';
      const all = served.national.organisations.reduce(
        (a, o) => a + sum(o.seats) + sum(o.seatsOpen),
        0,
      );
      // the server did find seats decided: the page must not count them as such on this count
      expect(served.national.organisations.reduce((a, o) => a + sum(o.seats), 0)).toBeGreaterThan(
        0,
      );
      expect(await page.textContent('#erm-seats-note')).toContain(note(all.toLocaleString(locale)));
      // the by-type table: "Regidores asignados" is 0 for parties and movements alike
      const byType = await page.$$eval('#erm-bytype tr[data-type] td:nth-child(4)', (c) =>
        c.map((x) => x.textContent ?? ''),
      );
      expect(byType).toEqual(['0', '0']);
      // each organisation: 0 assigned, all its seats "+N sin decidir"
      const rows = await page.$$eval('#erm-orgs tr', (trs) =>
        trs.slice(1).map((tr) => {
          const head = tr.querySelector('th')?.childNodes[1]?.textContent ?? '';
          const cells = Array.from(tr.querySelectorAll('td'));
          const seats = cells[cells.length - 3]?.textContent ?? '';
          return [head, seats] as const;
        }),
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const [party, cell] of rows) {
        const o = served.national.organisations.find((x) => x.party === party);
        if (o === undefined) throw new Error(`no organisation ${party}`);
        const n = sum(o.seats) + sum(o.seatsOpen);
        expect(cell, party).toBe(n > 0 ? `0 +${n.toLocaleString(locale)} ${words}` : '0');
      }
      // Tumbes: 100 % of its actas on the server, on a provisional count here — rings, not dots
      await page.waitForSelector('#erm-hemicycle circle.seat');
      const seats = await page.locator('#erm-hemicycle circle.seat').count();
      expect(seats).toBeGreaterThan(0);
      expect(await page.locator('#erm-hemicycle circle.seat.open').count()).toBe(seats);
      expect(await page.getAttribute('#erm-seats-status', 'data-decided')).toBe('');
      if (width < 500)
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(
          true,
        );
      await page.screenshot({
        path: join(ARTIFACTS, `erm-provisional-national-${lang}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});

describe('the ERM council search: words from their start, accents aside', () => {
  it('"josé quero" finds SAN JOSE DE QUERO; "anchaq" is not WANCHAQ; "1401" finds Lima’s', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}?view=erm&erm=pe-erm-2022`,
      390,
      {
        consoleErrors: true,
      },
    );
    const listed = async (q: string): Promise<string[]> => {
      await page.fill('#erm-search', q);
      return page.$$eval('#erm-council-list a', (a) => a.map((x) => x.dataset['contest'] ?? ''));
    };
    expect(await listed('josé quero')).toEqual(['district-council/110215']);
    expect(await listed('anchaq')).toEqual([]);
    expect(await page.textContent('#erm-council-count')).toBe('0');
    expect(await listed('WANCHAQ')).toEqual(['district-council/070108']);
    const lima = await listed('1401');
    expect(lima.length).toBeGreaterThan(10);
    expect(lima.every((id) => id.split('/')[1]?.startsWith('1401'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
