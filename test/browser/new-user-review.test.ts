/// <reference lib="dom" />
// Defects a new user's review of the dashboard found (2026-12-01), each checked in a real browser
// on a phone and a desktop: a mesa the election does not have says so (no stale acta), a mesa
// opened alone says where it is, the map's legend counts each department once, and a capture's
// headline speaks of its cut in the past.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../src/api/paths.js';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, storeWithCount, useDashboard } from './harness.js';

const ID = 'pe-2021-presidencial-segunda';

const env = useDashboard(() =>
  storeWithCount(
    join(tempDir('cifra-browser-review-'), 'r.db'),
    ['pe-2026-diputados', 'pe-2026-senado'],
    ID,
  ),
);

const apiGet = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${env.base}${path}`)).json()) as T;

const search = async (page: Page, q: string): Promise<void> => {
  await page.fill('#search', q);
  await page.click('#search-form button[type="submit"]');
};

const actaShows = (page: Page, mesa: string): Promise<unknown> =>
  page.waitForFunction(
    (m) => document.querySelector('#acta-title')?.textContent?.includes(m) === true,
    mesa,
  );

interface ActaDoc {
  place: { department: string; province: string; district: string } | null;
  current: { ubigeo: string } | null;
}

describe('a mesa the election does not have', () => {
  it('phone, es: searched after a found one, it says so and the old acta goes', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}`, 390);
    await search(page, '000123');
    await actaShows(page, '000123');
    await search(page, '999999');
    await page.waitForSelector('#acta-missing');
    // the runoff's universe is all loaded: a mesa not among its actas is none of the election's
    expect(await page.textContent('#acta-missing')).toBe(
      'Mesa 999999: no existe en esta elección.',
    );
    expect(await page.locator('#acta-title').count()).toBe(0);
    expect(page.url()).toContain('mesa=999999');
    // Peru's own words stay on Peru's page: its JEE, its regional and municipal view
    expect(await page.textContent('#at-jee')).toContain('En el JEE');
    expect(await page.isVisible('#erm-link')).toBe(true);
    expect(await noSideScroll(page)).toBe(true);
    expect(await page.getAttribute('body', 'data-error')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('desktop, en: opened by the URL, it says so', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${ID}&mesa=999999&lang=en`,
      1400,
    );
    await page.waitForSelector('#acta-missing');
    expect(await page.textContent('#acta-missing')).toBe(
      'Mesa 999999: there is no such mesa in this election.',
    );
    expect(await page.locator('#acta-title').count()).toBe(0);
    // the regional and municipal view keeps English (review 5: the link dropped lang=en)
    expect(await page.getAttribute('#erm-link', 'href')).toBe('?view=erm&lang=en');
    expect(await page.getAttribute('body', 'data-error')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a mesa opened alone says where it is', () => {
  for (const [width, lang] of [
    [390, 'es'],
    [1400, 'en'],
  ] as const)
    it(`${width} px, ${lang}: by the URL, the drill goes to its district and the acta names its place`, async () => {
      const doc = await apiGet<ActaDoc>(PATHS.acta(ID, '000123'));
      const p = doc.place;
      if (!p || !doc.current) throw new Error('the API gives no place for mesa 000123');
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${ID}&mesa=000123${lang === 'en' ? '&lang=en' : ''}`,
        width,
      );
      await actaShows(page, '000123');
      expect(await page.textContent('#acta-place')).toBe(
        `${p.department} › ${p.province} › ${p.district}`,
      );
      expect(await page.textContent('#crumbs')).toBe(
        `${lang === 'en' ? 'Peru' : 'Perú'}›${p.department}›${p.province}›${p.district}`,
      );
      expect(await page.textContent('#unit-name')).toContain(p.district);
      // the view in the URL is the district's, so a reload shows the same
      expect(page.url()).toContain(`code=${doc.current.ubigeo}`);
      expect(page.url()).toContain('mesa=000123');
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `mesa-place-${width}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });

  it('phone, es: by search from the nation, the same', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}`, 390);
    await search(page, '123');
    await actaShows(page, '000123');
    expect(await page.textContent('#crumbs')).toBe('Perú›AMAZONAS›CHACHAPOYAS›MOLINOPAMPA');
    expect(errors).toEqual([]);
    await page.close();
  });
});

interface ResultsDoc {
  units: { code: string; choices: { label: string; votes: number }[]; valid: number }[];
}

describe('the map legend', () => {
  for (const width of [390, 1400])
    it(`${width} px: counts each department once, by its own leader (Lima too)`, async () => {
      const deps = await apiGet<ResultsDoc>(PATHS.results(ID, 'department'));
      // the map's departments: the 25 in Peru (abroad's continents, codes 9x, are not on it)
      const onMap = deps.units.filter((u) => !u.code.startsWith('9') && u.valid > 0);
      const expected = new Map<string, number>();
      for (const u of onMap) {
        const top = [...u.choices].sort((a, b) => b.votes - a.votes)[0];
        if (top) expected.set(top.label, (expected.get(top.label) ?? 0) + 1);
      }
      const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ID}`, width);
      await page.waitForSelector('#map-legend li');
      const shown = new Map<string, number>();
      for (const li of await page.locator('#map-legend li').allTextContents()) {
        const m = /^(.*) \((\d+)\)$/.exec(li);
        if (!m) throw new Error(`legend item ${li}`);
        shown.set(m[1] ?? '', Number(m[2]));
      }
      expect(onMap.length).toBe(25);
      expect([...shown.values()].reduce((a, b) => a + b, 0)).toBe(onMap.length);
      expect(shown).toEqual(expected);
      expect(errors).toEqual([]);
      await page.close();
    });
});

describe("a capture's headline speaks of its cut", () => {
  for (const [election, width, lang, text] of [
    ['pe-2026-diputados', 390, 'es', 'No era un resultado: al corte, el conteo seguía.'],
    ['pe-2026-senado', 1400, 'en', 'Not a result: at the cut the count was under way.'],
  ] as const)
    it(`${election}, ${width} px, ${lang}: what was true at the cut`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${election}${lang === 'en' ? '&lang=en' : ''}`,
        width,
      );
      await page.waitForSelector('#outcome .not-final');
      expect((await page.textContent('#outcome .not-final'))?.trim()).toBe(text);
      expect(await page.textContent('#outcome')).not.toMatch(/el conteo sigue|count goes on/);
      expect(errors).toEqual([]);
      await page.close();
    });
});
