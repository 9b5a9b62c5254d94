/// <reference lib="dom" />
// Every view of the dashboard in a real browser (Debian's Chromium via playwright-core), each on
// a phone (390 px) and a desktop, in Spanish and in English: one table of views, each with what it
// must show (numbers from the API or the official data, the words of the chosen language), no
// horizontal scroll at either width, and a screenshot in test-artifacts/ (look at them).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { percentCounted } from '../../src/core/ratio.js';
import { tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, storeWithCount, useDashboard } from './harness.js';

const RUNOFF = 'pe-2021-presidencial-segunda' as const;
const CUT = 'pe-2026-presidencial-segunda-2026-06-10';
/** A district of Cusco (RENIEC 07) to drill to, and one of its mesas (read from the API). */
const DISTRICT = '070101';
let mesa = '';

type Lang = 'es' | 'en';
const LANGS: readonly Lang[] = ['es', 'en'];
const WIDTHS = [390, 1400] as const;

/** Fetches an API document as JSON. */
async function json<T>(path: string): Promise<T> {
  const res = await fetch(`${env.base}${path}`);
  expect(res.ok, path).toBe(true);
  return (await res.json()) as T;
}

const text = async (page: Page, css: string): Promise<string> =>
  (await page.textContent(css)) ?? '';

interface View {
  readonly name: string;
  readonly path: () => string;
  /** Waits for the view's content and checks it; the words by language. */
  readonly check: (page: Page, lang: Lang) => Promise<void>;
}

const VIEWS: readonly View[] = [
  {
    name: 'national',
    path: () => `/?election=${RUNOFF}`,
    check: async (page, lang) => {
      const api = await json<{
        units: { valid: number; choices: { id: string; votes: number }[] }[];
      }>(`/api/v1/elections/${RUNOFF}/results/national.json`);
      const n = api.units[0];
      expect((await text(page, '#total-valid')).replace(/\D/g, '')).toBe(String(n?.valid));
      for (const c of n?.choices ?? [])
        expect(await page.getAttribute(`li[data-choice="${c.id}"] .votes`, 'data-votes')).toBe(
          String(c.votes),
        );
      expect(await text(page, '#outcome')).toContain('CASTILLO');
      expect(await text(page, '#summary-title')).toBe(
        lang === 'es' ? 'Resultado nacional' : 'National result',
      );
      expect(await page.locator('#map path').count()).toBe(26);
    },
  },
  {
    name: 'drill',
    // the URL alone restores a drill down to a mesa's acta
    path: () => `/?election=${RUNOFF}&level=district&code=${DISTRICT}&mesa=${mesa}`,
    check: async (page, lang) => {
      await page.waitForSelector('#acta-title');
      expect(await text(page, '#acta-title')).toContain(mesa);
      const acta = await json<{ current: { stateLabel: string } }>(
        `/api/v1/elections/${RUNOFF}/actas/${mesa}.json`,
      );
      // ONPE's label after cifra's word, where it is not the word itself (es "Contabilizada")
      expect(acta.current.stateLabel).toBe('CONTABILIZADA');
      expect(await text(page, '#acta-state')).toBe(
        lang === 'es' ? 'Contabilizada' : 'Counted (CONTABILIZADA)',
      );
      const list = await json<{ mesas: unknown[] }>(
        `/api/v1/elections/${RUNOFF}/mesas/${DISTRICT}.json`,
      );
      expect(await page.locator('#children button[data-mesa]').count()).toBe(list.mesas.length);
      // Perú › Cusco › Cusco › Cusco: the crumbs go through the department and the province
      expect(await page.locator('#crumbs button').count()).toBe(4);
      expect(await text(page, '#crumbs')).toContain('CUSCO');
      expect(await text(page, '#detail-title')).toBe(lang === 'es' ? 'Detalle' : 'Detail');
    },
  },
  {
    name: 'congress',
    path: () => '/?election=pe-2021-congreso',
    check: async (page, lang) => {
      await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
      // the official 2021 Congress: 130 seats
      expect(await page.locator('#hemicycle circle.seat').count()).toBe(130);
      expect(await text(page, '#valla')).toContain('0602-2021');
      expect(await text(page, '#congress-title')).toBe(lang === 'es' ? 'Escaños' : 'Seats');
    },
  },
  {
    name: 'what-if',
    // the levers in the URL run the what-if on load: a 4 % valla with no seat minimum
    path: () => '/?election=pe-2026-diputados&valla=4&min=0',
    check: async (page, lang) => {
      await page.waitForSelector('#wi-table tbody tr');
      expect(await page.locator('#wi-hemicycle circle.seat').count()).toBe(130);
      expect(await page.getAttribute('#wi-share', 'href')).toContain('valla=4');
      expect(await text(page, '#wi-status')).toContain(
        lang === 'es' ? 'respecto de las reglas de la elección' : "from the election's rules",
      );
    },
  },
  {
    name: 'crosscheck',
    path: () => `/?election=${RUNOFF}`,
    check: async (page, lang) => {
      await page.waitForSelector('#crosscheck:not([hidden]) #cc-counts', { timeout: 180_000 });
      // ONPE against sergiocorreia's sheet (15 June 2021): 3,020 mesas differ
      expect((await text(page, '#cc-counts')).replace(/\D/g, '')).toContain('3020');
      expect(await text(page, '#cc-counts')).toContain(
        lang === 'es' ? 'mesas comparadas' : 'mesas compared',
      );
      expect(await page.locator('#cc-mesas tbody tr').count()).toBe(50);
    },
  },
  {
    name: 'erm',
    path: () => '/?view=erm&erm=pe-erm-2022',
    check: async (page, lang) => {
      // the nine regional runoffs of 2022, never shown as won
      expect(await page.locator('#erm-runoffs tr[data-region]').count()).toBe(9);
      // on the map, 7 hatched: Cajamarca's and Piura's pairs could still change (drawn as leads)
      expect(await page.locator('#erm-map path[data-outcome="runoff"]').count()).toBe(7);
      const doc = await json<{ label: Record<Lang, string> }>('/api/v1/contests/pe-erm-2022');
      expect(await text(page, '#erm-title')).toBe(doc.label[lang]);
    },
  },
  {
    name: 'projection',
    // the 10 June cut of the 2026 runoff has no rows abroad: projected from the first round
    path: () => `/?election=${CUT}`,
    check: async (page, lang) => {
      await page.waitForSelector('#projection:not([hidden]) #projection-bars li');
      const p = await json<{
        choices: { choice: string; median: number }[];
        unitsAbsent?: string[];
        pctCounted: number;
        actasProcessed: number;
        actasTotal: number;
      }>(`/api/v1/elections/${CUT}/projection.json`);
      const lead = p.choices[0];
      expect(
        await text(page, `#projection-bars li[data-choice="${lead?.choice}"] .interval-text`),
      ).toContain(`${lead?.median.toFixed(2)} %`);
      expect(await text(page, '#projection .disclaimer')).toContain(
        lang === 'es' ? 'no es un resultado oficial' : 'not an official result',
      );
      // abroad, missing from the cut, is the universe's five continents (91–95), each projected
      // from its prior and listed; the note on them is in the chosen language too
      expect(p.unitsAbsent).toEqual(['91', '92', '93', '94', '95']);
      // the map's legend counts departments, not shapes: the cut has no Lima circunscripciones,
      // so Lima's two shapes show one department (the legend said 16 + 10 = 26 of 25)
      const deps = await json<{ units: unknown[] }>(
        `/api/v1/elections/${CUT}/results/department.json`,
      );
      const legend = (await page.$$eval('#map-legend li', (li) => li.map((x) => x.textContent)))
        .map((x) => Number(/\((\d+)\)$/.exec(x ?? '')?.[1]))
        .reduce((a, b) => a + b, 0);
      expect(deps.units).toHaveLength(25);
      expect(legend).toBe(25);
      // the detail names the nation in the chosen language, not the source's Spanish unit name
      // ("PERÚ (25 departamentos, sin extranjero)" in English too)
      await page.waitForSelector('#unit-name');
      expect(await text(page, '#unit-name')).toBe(lang === 'es' ? 'Perú' : 'Peru');
      expect(await text(page, '#projection-meta')).toContain(
        lang === 'es' ? 'la fuente no trae 5 unidad' : 'the source leaves out 5 unit',
      );
      expect(await text(page, '#projection-meta')).toContain(
        lang === 'es'
          ? 'Sin el historial del conteo'
          : "Without the previous round's count history",
      );
      // run 10: the uncounted units are corrected by their counted neighbours (Peru's adjacency)
      expect(await text(page, '#projection-meta')).toContain(
        lang === 'es' ? 'a una o dos fronteras' : 'one or two borders away',
      );
      // the panel's % is over the whole election (abroad included, nothing counted there), the
      // headline's the source's own over the actas it publishes: the panel says which is which
      // written as the page writes every % of a count (web/count-pct.ts): 3 decimals, half-up
      expect(p.pctCounted.toFixed(2)).toBe('95.53');
      const pct = percentCounted(p.actasProcessed, p.actasTotal);
      expect(pct).toMatch(/^95\.53\d$/);
      expect(await text(page, '#projection-meta')).toContain(
        lang === 'es'
          ? `Con ${pct} % de las actas de toda la elección, incluidas las unidades que la fuente no publica (la fuente: 98.188 % de las que publica)`
          : `With ${pct} % of the whole election's actas, including units the source does not publish (the source: 98.188 % of those it publishes)`,
      );
      expect(await text(page, '#projection-meta')).toContain(
        lang === 'es' ? 'Sin un corte anterior del mismo conteo' : 'Without an earlier cut',
      );
      for (const code of p.unitsAbsent ?? []) {
        const unit = `#projection-priors:not([hidden]) li[data-code="${code}"]`;
        expect(await page.getAttribute(unit, 'data-basis')).toBe('prior');
        expect(await text(page, unit)).toContain(
          lang === 'es' ? 'ausente del corte de la fuente' : "missing from the source's snapshot",
        );
      }
    },
  },
];

const env = useDashboard(() =>
  storeWithCount(
    join(tempDir('cifra-browser-views-'), 'v.db'),
    ['pe-2021-congreso', 'pe-2026-diputados', CUT],
    RUNOFF,
  ),
);

beforeAll(async () => {
  const list = await json<{ mesas: { mesa: string }[] }>(
    `/api/v1/elections/${RUNOFF}/mesas/${DISTRICT}.json`,
  );
  mesa = list.mesas[0]?.mesa ?? '';
  expect(mesa).not.toBe('');
});

describe.each(VIEWS)('the $name view', (view) => {
  for (const width of WIDTHS)
    for (const lang of LANGS)
      it(`${width} px, ${lang}: its content, no sideways scroll, a screenshot`, async () => {
        const { page, errors } = await openPage(
          env.browser,
          `${env.base}${view.path()}${lang === 'en' ? '&lang=en' : ''}`,
          width,
        );
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await view.check(page, lang);
        expect(await noSideScroll(page)).toBe(true);
        await page.screenshot({
          path: join(ARTIFACTS, `view-${view.name}-${width}-${lang}.png`),
          fullPage: true,
        });
        expect(errors).toEqual([]);
        await page.close();
      }, 240_000);
});
