/// <reference lib="dom" />
// The acta panel and the page's keyboard and screen-reader paths, in a real browser on the 2021
// runoff (review 20's LOWs): an acta both third-party transcriptions disagree on says so, figure by
// figure with each source's standing; an acta with no figures says "—", never 0 (in the API too);
// the English page says "Acta"; the search box is reached without tabbing through the map; no empty
// heading is drawn or read; at 1,280 px a district's mesas and an acta use the width.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { fixedClock, tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, storeWithCount, useDashboard } from './harness.js';

const RUNOFF = 'pe-2021-presidencial-segunda' as const;
/** Bambamarca (Hualgayoc, Cajamarca): mesa 012438, which ONPE and both transcriptions read apart. */
const DISTRICT = '060701';
const MESA = '012438';
/** A mesa not installed (Valencia, Venezuela): an acta with no figures at all. */
const NO_FIGURES = '082192';

/** Umari (Pachitea, Huánuco): mesa 901611, EN PROCESO in ONPE's file, annulled by a later import. */
const LATER = { district: '090706', mesa: '901611' };
/**
 * Umari's 019577: the later file gives ONPE's figures with another observation, so its current
 * version comes from that file with the publication's figures (review 26 M3).
 */
const SAME = '019577';
/** A mesa the later file alone gives: in none of the election's declared sources. */
const NOWHERE = '999999';
const ONPE_HEADER =
  '"UBIGEO","DEPARTAMENTO","PROVINCIA","DISTRITO","TIPO_ELECCION","MESA_DE_VOTACION","DESCRIP_ESTADO_ACTA","TIPO_OBSERVACION","N_CVAS","N_ELEC_HABIL","VOTOS_P1","VOTOS_P2","VOTOS_VB","VOTOS_VN","VOTOS_VI"';

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-acta-');
  const store = await storeWithCount(join(dir, 'a.db'), [], RUNOFF);
  // a later file (not the publication's) annuls 901611: its current version is that file's
  const later = join(dir, 'later.csv');
  writeFileSync(
    later,
    `${ONPE_HEADER}\n"090706","HUANUCO","PACHITEA","UMARI","PRESIDENCIAL","901611","ANULADA",,202,261,165,34,,3,\n` +
      `"090706","HUANUCO","PACHITEA","UMARI","PRESIDENCIAL","${SAME}","CONTABILIZADA","ERROR MATERIAL",185,296,151,23,1,10,\n` +
      // a mesa in none of the declared sources (s35: the panel said the transcriptions "agree")
      `"090706","HUANUCO","PACHITEA","UMARI","PRESIDENCIAL","${NOWHERE}","CONTABILIZADA",,185,296,151,23,1,10,\n`,
  );
  const e = bundledElection(RUNOFF);
  if (!e) throw new Error(RUNOFF);
  const r = await ingestFile(store, { file: later, election: e, now: fixedClock });
  expect(r.ok).toBe(true);
  return store;
});

const text = async (page: Page, css: string): Promise<string> =>
  (await page.textContent(css)) ?? '';

/** Headings with no text that are drawn (and so read by a screen reader): there must be none. */
const emptyHeadings = (page: Page): Promise<string[]> =>
  page.$$eval('h1, h2, h3, h4, h5, h6', (hs) =>
    hs
      .filter((h) => (h.textContent ?? '').trim() === '' && h.getClientRects().length > 0)
      .map((h) => h.outerHTML),
  );

describe('the acta of a mesa the transcriptions read otherwise (L9)', () => {
  it('the API gives one mesa of the cross-check: both transcriptions differ from ONPE on 012438', async () => {
    for (const b of ['sergiocorreia', 'ronderos']) {
      const res = await fetch(
        `${env.base}/api/v1/compare?election=${RUNOFF}&a=onpe&b=${b}&mesa=${MESA}`,
      );
      const doc = (await res.json()) as {
        disagreements: { mesa: string; a: { votes: number[] }; b: { votes: number[] } }[];
        page: { total: number };
      };
      expect(doc.page.total).toBe(1);
      expect(doc.disagreements.map((d) => d.mesa)).toEqual([MESA]);
      expect(doc.disagreements[0]?.a.votes[0]).toBe(152);
      expect(doc.disagreements[0]?.b.votes[0]).toBe(0);
    }
  }, 240_000);

  for (const [width, lang] of [
    [390, 'en'],
    [1280, 'es'],
  ] as const)
    it(`${width} px, ${lang}: the panel says both disagree, per figure, with each source's standing`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${RUNOFF}&level=district&code=${DISTRICT}&mesa=${MESA}&lang=${lang}`,
        width,
      );
      await page.waitForSelector('#acta-title');
      // one word for the acta in both languages (the English page said "Tally sheet")
      expect(await text(page, '#acta-title')).toBe(`Acta ${MESA}`);
      await page.waitForSelector('#acta-cc-verdict', { timeout: 240_000 });
      expect(await text(page, '#acta-cc-verdict')).toBe(
        lang === 'es'
          ? 'Las dos transcripciones independientes (sergiocorreia, ronderos) difieren de las cifras de onpe en esta acta.'
          : "Both independent transcriptions (sergiocorreia, ronderos) disagree with onpe's figures on this acta.",
      );
      // each column names its source and its standing: the publication, a third party
      expect(await text(page, '#acta-cc-table th[data-source="onpe"]')).toContain(
        lang === 'es' ? 'publicación oficial' : 'official publication',
      );
      expect(await text(page, '#acta-cc-table th[data-source="ronderos"]')).toContain(
        lang === 'es' ? 'tercero' : 'third party',
      );
      // Castillo's votes: 152 in ONPE's file, 0 in both transcriptions, each marked as differing
      const row = '#acta-cc-table tr[data-field="P1"]';
      expect(await page.locator(`${row} td`).allTextContents()).toEqual([
        '152',
        expect.stringMatching(/^0≠/),
        expect.stringMatching(/^0≠/),
      ]);
      expect(await page.locator(`${row} td[data-differs="true"]`).count()).toBe(2);
      // blank votes agree: no mark
      expect(await page.locator('#acta-cc-table tr[data-field="blank"] td.differs').count()).toBe(
        0,
      );
      // the acta on screen is the publication file's reading: no word that it is not
      expect(await page.locator('#acta-cc-not-publication').count()).toBe(0);
      // each source's name on one line, never broken inside (review 26 L16)
      const lines = await page.$$eval('#acta-cc-table thead .source-id', (ids) =>
        ids.map((s) => {
          const r = document.createRange();
          r.selectNodeContents(s);
          return new Set(Array.from(r.getClientRects(), (x) => Math.round(x.top))).size;
        }),
      );
      expect(lines).toEqual([1, 1, 1]);
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({
        path: join(ARTIFACTS, `acta-crosscheck-${width}-${lang}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    }, 300_000);
});

describe("an acta whose current version is not the publication file's (poll-watcher review H3)", () => {
  it('the cross-check says it compares the files, not the version on screen', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${RUNOFF}&level=district&code=${LATER.district}&mesa=${LATER.mesa}&lang=es`,
      390,
    );
    await page.waitForSelector('#acta-cc-verdict', { timeout: 240_000 });
    expect(await text(page, '#acta-cc-not-publication')).toBe(
      'Las cifras de arriba (versión 2 de esta acta) no son las del archivo de onpe: este cotejo compara los archivos de las fuentes, no esa versión (vea sus versiones abajo).',
    );
    // the verdict leads with it, marked as a warning: never an "agree" first (s35: mesa 000028,
    // changed in the store, read "agree" with only a side note)
    expect(await text(page, '#acta-cc-verdict')).toMatch(
      /^Las cifras de arriba \(versión 2 de esta acta\) no son las del archivo de onpe: .+\. \S/,
    );
    expect(await page.getAttribute('#acta-cc-verdict', 'class')).toBe('notice warn');
    expect(await page.locator('#acta-cc-verdict #acta-cc-not-publication').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'acta-crosscheck-later-version.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("a version from another file with the publication's figures needs no such word (review 26 M3)", async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${RUNOFF}&level=district&code=${LATER.district}&mesa=${SAME}&lang=es`,
      390,
    );
    await page.waitForSelector('#acta-cc-verdict', { timeout: 240_000 });
    // the current version is the later file's (another observation), its figures ONPE's
    const files = await page.$$eval('#acta-history [data-version]', (rows) => rows.length);
    expect(files).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#acta-cc-not-publication').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('a mesa in none of the declared sources says so, never that they agree (s35)', async () => {
    // the premise: the publication's file does not hold it
    const res = await fetch(
      `${env.base}/api/v1/compare?election=${RUNOFF}&a=onpe&b=ronderos&mesa=${NOWHERE}`,
    );
    const doc = (await res.json()) as { figuresHash: unknown; disagreements: unknown[] };
    expect(doc.figuresHash).toEqual({ a: null, b: null });
    expect(doc.disagreements).toEqual([]);
    for (const lang of ['es', 'en'] as const) {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${RUNOFF}&level=district&code=${LATER.district}&mesa=${NOWHERE}&lang=${lang}`,
        390,
      );
      await page.waitForSelector('#acta-cc-verdict', { timeout: 240_000 });
      expect(await text(page, '#acta-cc-verdict')).toBe(
        lang === 'es'
          ? `La mesa ${NOWHERE} no está en ninguna de las fuentes declaradas (onpe, sergiocorreia, ronderos): este cotejo no puede confirmar sus cifras con ninguna de ellas.`
          : `Mesa ${NOWHERE} is in none of the declared sources (onpe, sergiocorreia, ronderos): this cross-check cannot confirm its figures against any of them.`,
      );
      expect(await page.getAttribute('#acta-cc-verdict', 'class')).toBe('notice warn');
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 300_000);

  it('a shared link to an acta opens at the acta on a phone (review 26 M7)', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${RUNOFF}&level=district&code=${DISTRICT}&mesa=${MESA}`,
      390,
    );
    await page.waitForSelector('body[data-ready="true"]');
    const top = await page.$eval('#acta-title', (h) => h.getBoundingClientRect().top);
    // the district's ~190 mesa buttons above it put it ~4,800 px down: it is in view, near the top
    expect(top).toBeGreaterThan(-2); // subpixel
    expect(top).toBeLessThan(200);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('a pending acta with figures says they are not in the totals yet (review 26 H4)', async () => {
    // 026140 (Trujillo): EN PROCESO in ONPE's file, Castillo 74, Fujimori 175, not counted
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${RUNOFF}&level=district&code=120101&mesa=026140&lang=en`,
      390,
    );
    await page.waitForSelector('#acta-state-note');
    expect(await text(page, '#acta-state-note')).toBe(
      'Its figures are not in the totals yet: they count once the acta is counted or resolved.',
    );
    expect(await page.getAttribute('#acta-state-note', 'data-counts')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

describe('an acta with no figures', () => {
  it('the API says its blank, null and impugned votes are not known (null), not 0', async () => {
    const res = await fetch(`${env.base}/api/v1/elections/${RUNOFF}/actas/${NO_FIGURES}.json`);
    const doc = (await res.json()) as {
      current: Record<string, unknown>;
      history: { acta: Record<string, unknown> }[];
    };
    for (const a of [doc.current, ...doc.history.map((h) => h.acta)]) {
      expect(a['votes']).toBeNull();
      expect([a['blank'], a['null'], a['impugned']]).toEqual([null, null, null]);
    }
    const q = await fetch(`${env.base}/api/v1/actas/${NO_FIGURES}?election=${RUNOFF}`);
    expect(((await q.json()) as { current: { blank: unknown } }).current.blank).toBeNull();
  });

  it('the panel says it has no figures and its versions show "—", never 0', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${RUNOFF}&mesa=${NO_FIGURES}`,
      390,
    );
    // a mesa not installed says why it has none (no one voted), not only "Sin cifras"
    await page.waitForSelector('#acta-state-note');
    expect(await text(page, '#acta-state-note')).toContain('Mesa no instalada');
    expect(await text(page, '#acta-state-note')).toContain('no son ceros');
    const cells = await page.locator('#acta-history td.num:not(.diff)').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c === '—')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('keyboard, screen readers and the width (review 20, accessibility)', () => {
  it('the search box is reached in at most three keys, past the map, by a link shown on focus', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${RUNOFF}`, 1280);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-search');
    const box = await page.locator('#skip-search').boundingBox();
    expect(box !== null && box.y >= 0 && box.height > 0).toBe(true);
    expect(await text(page, '#skip-search')).toBe('Saltar al buscador');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    // the link leaves the shared URL as it was
    expect(new URL(page.url()).hash).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('no empty heading is drawn: the ERM title while its election loads, the dashboard once ready', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.setDefaultTimeout(90_000);
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/v1/contests/pe-erm-2022**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${env.base}/?view=erm&erm=pe-erm-2022`);
    await page.waitForSelector('#erm:not([hidden])', { state: 'attached' });
    expect(await emptyHeadings(page)).toEqual([]);
    release();
    await page.waitForFunction(
      () => (document.getElementById('erm-title')?.textContent ?? '') !== '',
    );
    expect(await emptyHeadings(page)).toEqual([]);
    await page.goto(`${env.base}/?election=${RUNOFF}&level=district&code=${DISTRICT}&mesa=${MESA}`);
    await page.waitForSelector('#acta-title');
    expect(await emptyHeadings(page)).toEqual([]);
    await page.close();
  }, 240_000);

  it('at 1,280 px a district and its acta take the width, the mesas beside the acta', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=${RUNOFF}&level=district&code=${DISTRICT}&mesa=${MESA}`,
      1280,
    );
    await page.waitForSelector('#acta-title');
    const r = await page.evaluate(() => {
      const box = (id: string) => document.getElementById(id)?.getBoundingClientRect();
      const [d, c, a] = [box('detail'), box('children'), box('acta')];
      return { detail: d?.width ?? 0, childrenLeft: c?.left ?? 0, actaRight: a?.right ?? 0 };
    });
    // the panel was a third of the page (431 px) beside two thirds left empty
    expect(r.detail).toBeGreaterThan(1280 * 0.9);
    expect(r.childrenLeft).toBeGreaterThanOrEqual(r.actaRight);
    expect(await noSideScroll(page)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('a keyboard user drilling, a slow phone loading (review 22, accessibility)', () => {
  /** The focused element's id (empty: none, the page's body). */
  const focused = (page: Page): Promise<string> =>
    page.evaluate(() => document.activeElement?.id ?? '');

  it('the second skip link puts the keyboard at the national result, the URL untouched', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${RUNOFF}`, 1280);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('skip-results');
    expect(await text(page, '#skip-results')).toBe('Saltar al resultado');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('summary-title');
    expect(new URL(page.url()).hash).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  for (const width of [390, 1280])
    it(`${width} px: Enter on a region, a unit and a mesa moves focus to what it opened`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${RUNOFF}`,
        width,
      );
      const enterOn = async (css: string): Promise<void> => {
        await page.focus(css);
        await page.keyboard.press('Enter');
      };
      // the map's Cajamarca: focus was left on the shape, the detail drawn far below it
      await enterOn('#map path[data-code="06"]');
      await page.waitForFunction(() => document.activeElement?.id === 'unit-name');
      expect((await text(page, '#unit-name')).toUpperCase()).toContain('CAJAMARCA');
      // the focus ring is the dark one (3:1 and more on white), not the amber 2.0:1
      expect(
        await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineColor),
      ).toBe('rgb(20, 33, 61)');
      // a unit of the list: its button is replaced by the next level's, focus fell to the body
      await enterOn('#children button[data-code="0607"]');
      await page.waitForFunction(
        () =>
          document.activeElement?.id === 'unit-name' &&
          (document.activeElement.textContent ?? '').toUpperCase().includes('HUALGAYOC'),
      );
      await enterOn(`#children button[data-code="${DISTRICT}"]`);
      await page.waitForSelector(`button[data-mesa="${MESA}"]`);
      expect(await focused(page)).toBe('unit-name');
      // a mesa: the acta was scrolled to, the focus left on the mesa's button off screen
      await enterOn(`button[data-mesa="${MESA}"]`);
      await page.waitForFunction(() => document.activeElement?.id === 'acta-title');
      const top = await page.evaluate(
        () => document.getElementById('acta-title')?.getBoundingClientRect().top ?? -1,
      );
      expect(top).toBeGreaterThan(-2); // subpixel
      expect(top).toBeLessThan(width > 500 ? 1000 : 844);
      // the acta's figures are a table with headers: each choice names its row
      expect(await page.locator('#acta > table thead th').count()).toBe(2);
      expect(await page.locator('#acta > table tbody th[scope="row"]').count()).toBeGreaterThan(2);
      expect(await page.getAttribute('#unit table', 'aria-labelledby')).toBe('unit-name');
      expect(errors).toEqual([]);
      await page.close();
    }, 240_000);

  it('while the first figures are on their way the page says it is loading, then stops saying it', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(90_000);
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/summary.json', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${env.base}/?election=${RUNOFF}`);
    await page.waitForSelector('#election option', { state: 'attached' });
    expect(await page.isVisible('#loading')).toBe(true);
    expect(await text(page, '#loading')).toBe('Cargando los resultados…');
    expect(await page.getAttribute('main', 'aria-busy')).toBe('true');
    release();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.isVisible('#loading')).toBe(false);
    expect(await page.getAttribute('main', 'aria-busy')).toBe('false');
    await page.close();
  }, 240_000);

  it("the map's shapes are read once a page, not again with each redraw", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.setDefaultTimeout(90_000);
    const geo: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/geo/')) geo.push(r.url());
    });
    await page.goto(`${env.base}/?election=${RUNOFF}`);
    await page.waitForSelector('body[data-ready="true"]');
    // a language switch redraws every panel of the view, the map too
    await page.click('#lang');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('#map path[data-code="06"]');
    await page.waitForFunction(
      () => (document.getElementById('summary-title')?.textContent ?? '') === 'National result',
    );
    expect(geo).toHaveLength(1);
    await page.close();
  }, 240_000);
});
