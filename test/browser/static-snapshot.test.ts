/// <reference lib="dom" />
// The static site (`cifra publish`, served by nginx) says what it is (review of 2026-12-01): when
// it was published, in Lima time, where the live page shows its freshness; that the cross-check,
// which the server computes, is not in it (the 2021 runoff declares three sources of its actas),
// nor is the what-if (a shared scenario link says so);
// and it shows Quetzalia's unresolved tie (test/fixtures/xq) as the live page does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { PROJECT_ROOT } from '../../src/io/paths.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { fixedClock, tempDir } from '../helpers.js';
import { manifestStore } from '../xf-fixture.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';
import { servePublished } from './nginx.js';

const XQ = join(PROJECT_ROOT, 'test', 'fixtures', 'xq');
const RUNOFF = 'pe-2021-presidencial-segunda';
// 12:00 UTC is 07:00 in Lima (UTC−5 all year): Quetzalia, made up, states America/Lima as its
// timeZone (its jurisdiction.json); a jurisdiction without one would read 12:00 (UTC)
const PUBLISHED = '2026-05-02T12:00:00.000Z';
const LIMA = { es: ' · 2 may. 2026, 07:00', en: ' · 2 May 2026, 07:00' };

const ONPE_HEADER =
  '"UBIGEO","DEPARTAMENTO","PROVINCIA","DISTRITO","TIPO_ELECCION","MESA_DE_VOTACION","DESCRIP_ESTADO_ACTA","TIPO_OBSERVACION","N_CVAS","N_ELEC_HABIL","VOTOS_P1","VOTOS_P2","VOTOS_VB","VOTOS_VN","VOTOS_VI"';
const ONPE_ROW =
  '"090706","HUANUCO","PACHITEA","UMARI","PRESIDENCIAL","901611","CONTABILIZADA",,202,261,165,34,,3,';

let dir: string;
let site: string;
let stop: (() => void) | undefined;

const env = useDashboard(async () => {
  dir = tempDir('cifra-browser-static-');
  const store = await manifestStore(
    join(dir, 'xq.db'),
    join(XQ, 'xq-2026.json'),
    join(XQ, 'jurisdictions'),
    [join(XQ, 'actas-conflict.csv')],
  );
  // the runoff's manifest alone (no actas): it declares the sources a cross-check compares
  const runoff = bundledElection(RUNOFF);
  if (!runoff) throw new Error(RUNOFF);
  await store.putElection(runoff);
  // and one of its actas (Umari's 901611, a row as ONPE's file gives it): the acta panel's
  // "in other sources" says the static copy has no cross-check (review 26 M6)
  const one = join(dir, 'one.csv');
  writeFileSync(one, `${ONPE_HEADER}\n${ONPE_ROW}\n`);
  const r = await ingestFile(store, { file: one, election: runoff, now: fixedClock });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return store;
});

beforeAll(async () => {
  ({ site, stop } = await servePublished(env.store, dir, PUBLISHED));
}, 120_000);

afterAll(() => {
  stop?.();
});

describe('the static site says what it is', () => {
  for (const lang of ['es', 'en'] as const)
    for (const width of [390, 1280])
      it(`${lang}, ${width} px: the publish time in Lima, the tie as live shows it`, async () => {
        const { page, errors } = await openPage(
          env.browser,
          `${site}/?election=xq-2026-parlamento&lang=${lang}`,
          width,
          { consoleErrors: true, timeout: 60_000 },
        );
        await page.waitForSelector('#published-at');
        expect(await page.textContent('#published-at')).toContain(LIMA[lang]);
        expect(await page.getAttribute('#published-at', 'data-published')).toBe(PUBLISHED);
        // the audit head its publish verified, as its site.json names it (the 27th brief, M8)
        const head = await env.store.auditHead();
        expect(await page.textContent('#audit-hash')).toBe(head.hash);
        expect(await page.textContent('#audit-head')).toContain(
          lang === 'es'
            ? 'Cadena de auditoría al publicar: registro'
            : 'Audit chain when published: entry',
        );
        // the tie, as on the live page (test/browser/tie.test.ts)
        await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
        expect(await page.locator('#hemicycle circle.seat').count()).toBe(12);
        expect(await page.locator('#hemicycle circle.seat.undecided').count()).toBe(1);
        expect(await page.getAttribute('#hemicycle line.majority', 'data-majority')).toBe('7');
        if (width < 500) expect(await noSideScroll(page)).toBe(true);
        await page.screenshot({ path: join(ARTIFACTS, `static-snapshot-${lang}-${width}.png`) });
        expect(errors).toEqual([]);
      }, 120_000);

  // session 28: the live page says how long ago its figures changed ("Actualizado hace 3 min"),
  // the static one gave only the clock time of its publish; now how long ago too, from site.json's
  // stamp, re-worded as time passes (no server to ask)
  for (const lang of ['es', 'en'] as const)
    it(`${lang}, 390 px: how long ago it was published, and later, longer ago`, async () => {
      const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
      page.setDefaultTimeout(60_000);
      await page.clock.install({ time: Date.parse(PUBLISHED) + 3 * 60_000 });
      await page.goto(`${site}/?election=xq-2026-parlamento&lang=${lang}`);
      await page.waitForSelector('body[data-ready="true"] #published-at');
      const words =
        lang === 'es'
          ? ['Publicado: hace 3 min', 'Publicado: hace 33 min', 'Publicado: hace 2 h']
          : ['Published: 3 min ago', 'Published: 33 min ago', 'Published: 2 hr ago'];
      expect(await page.textContent('#published-at')).toBe(
        `${words[0]}${LIMA[lang]} (${lang === 'es' ? 'hora de Lima' : 'Lima time'})`,
      );
      // the source's cut beside it, as on the live page
      expect(await page.locator('#source-cut').count()).toBe(1);
      await page.clock.runFor('30:00');
      expect(await page.textContent('#published-at')).toContain(words[1] ?? '');
      // hours in the units "No change for 2 hr" writes (s31: not Intl's relative "2 hr. ago")
      await page.clock.runFor('01:30:00');
      expect(await page.textContent('#published-at')).toContain(words[2] ?? '');
      expect(await noSideScroll(page)).toBe(true);
      await page.close();
    }, 120_000);

  it('the live page shows no publish time', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=xq-2026-parlamento`,
      1280,
      { consoleErrors: true, timeout: 60_000 },
    );
    await page.waitForSelector('#source-cut');
    expect(await page.locator('#published-at').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);

  for (const lang of ['es', 'en'] as const)
    it(`${lang}: a shared what-if link says its scenario is not computed here (review 20 M4)`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${site}/?election=xq-2026-parlamento&valla=4&min=0&lang=${lang}`,
        390,
        { consoleErrors: true, timeout: 60_000 },
      );
      await page.waitForSelector('#what-if:not([hidden]) #wi-status:not(:empty)');
      const said = (await page.textContent('#wi-status')) ?? '';
      expect(said).toContain('valla=4, min=0');
      expect(said).toContain(lang === 'es' ? 'no se calcula aquí' : 'is not computed here');
      expect(said).toContain('cifra seats --election');
      expect(await page.isVisible('#what-if-form')).toBe(false);
      expect(await page.isVisible('#wi-result-figure')).toBe(false);
      // the seats shown are the election's rules': the tie's undecided seat is still there
      expect(await page.locator('#hemicycle circle.seat').count()).toBe(12);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
    }, 120_000);

  for (const lang of ['es', 'en'] as const)
    it(`${lang}: an election with sources to cross-check says the static copy has none`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${site}/?election=${RUNOFF}&lang=${lang}`,
        390,
        // script errors only: with no actas stored, documents such as the projection are not
        // written, and the page's reads of them are 404s it expects
        { timeout: 60_000 },
      );
      await page.waitForSelector('#crosscheck:not([hidden]) #cc-static');
      expect(await page.textContent('#cc-static')).toContain(
        lang === 'es' ? 'no la incluye' : 'does not include it',
      );
      expect(await page.isVisible('#cc-form')).toBe(false);
      expect(await page.isVisible('#cc-pages')).toBe(false);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
    }, 120_000);

  for (const lang of ['es', 'en'] as const)
    it(`${lang}: an acta's panel says its cross-check with other sources is on the live site only`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${site}/?election=${RUNOFF}&level=district&code=090706&mesa=901611&lang=${lang}`,
        390,
        { timeout: 60_000 },
      );
      await page.waitForSelector('#acta-crosscheck #acta-cc-static');
      expect(await page.textContent('#acta-cc-static')).toContain(
        lang === 'es'
          ? 'no incluye el cotejo de esta acta'
          : "does not include this acta's cross-check",
      );
      expect(await page.locator('#acta-cc-verdict').count()).toBe(0);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
    }, 120_000);
});
