/// <reference lib="dom" />
// What an editor or a poll-watcher flagged walking the dashboard on a phone (issue 13): words in
// the wrong language, a figure stated that the source does not give, a number without saying what
// it is. Each case reads the expected figure from the API, never from a copy of our output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, fixtureElection, tempDir } from '../helpers.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const COUNTED = 'pe-2021-presidencial';
const DISTRICTS = 'pe-2026-presidencial-distritos';
const DEPUTIES = 'pe-2026-diputados';
const RUNOFF = 'pe-2026-presidencial-segunda';
const CUT = 'pe-2026-presidencial-segunda-2026-06-10';
const CONGRESS_2021 = 'pe-2021-congreso';
const SENATE = 'pe-2026-senado';
let dir: string;
let store: SqliteStore;
let batch = 0;

/** Imports actas (JSONL rows) into the 2021 first round, as a delivery on the night would. */
async function deliver(rows: readonly object[]): Promise<void> {
  const e = fixtureElection(COUNTED);
  if (!e) throw new Error(COUNTED);
  const file = join(dir, `batch-${++batch}.jsonl`);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  expect((await ingestFile(store, { file, election: e, now: fixedClock })).ok).toBe(true);
}

const mesa = (state: 'pending' | 'counted') => ({
  mesa: '000001',
  ubigeo: '010101',
  state,
  eligible: 300,
  voters: state === 'counted' ? 210 : null,
  votes: state === 'counted' ? { P16: 120, P11: 90 } : null,
  blank: 0,
  null: 0,
});

async function json<T>(path: string): Promise<T> {
  const res = await fetch(`${env.base}/api/v1/elections/${path}`);
  expect(res.ok, path).toBe(true);
  return (await res.json()) as T;
}

const open = (path: string, lang: 'es' | 'en'): Promise<{ page: Page; errors: string[] }> =>
  openPage(env.browser, `${env.base}${path}${lang === 'en' ? '&lang=en' : ''}`, 390, {
    timeout: 60_000,
  });

const textOf = async (page: Page, css: string): Promise<string> =>
  (await page.textContent(css)) ?? '';

const env = useDashboard(async () => {
  dir = tempDir('cifra-night-review-');
  store = new SqliteStore(join(dir, 'n.db'));
  await store.migrate();
  const e = fixtureElection(COUNTED);
  if (!e) throw new Error(COUNTED);
  await store.putElection(e);
  for (const id of [DISTRICTS, DEPUTIES, RUNOFF, CUT, CONGRESS_2021, SENATE])
    expect((await putPublishedElection(store, id)).ok).toBe(true);
  // one mesa's acta: pending in the first delivery, counted in the second
  // and another left pending with its figures, which the 2021 rules count (ONPE's "EN PROCESO")
  await deliver([mesa('pending'), { ...mesa('counted'), mesa: '000002', state: 'pending' }]);
  await deliver([mesa('counted')]);
  // 000013: pending, sent to the JEE with its votes one short of its voters, then resolved
  const jee = (state: 'pending' | 'jee' | 'resolved') => ({
    ...mesa('counted'),
    mesa: '000013',
    state,
    ...(state === 'pending' ? { voters: null, votes: null } : {}),
    ...(state === 'jee' ? { voters: 211 } : {}),
  });
  for (const state of ['pending', 'jee', 'resolved'] as const) await deliver([jee(state)]);
  return store;
}, 120_000);

describe('the night review, on a phone', () => {
  it("an acta's history speaks the page's language and gives Lima time", async () => {
    const words = {
      es: ['primera versión', 'cambio de estado', 'hora de Lima'],
      en: ['first version', 'state change', 'Lima time'],
    } as const;
    const states = { es: ['Por contabilizar', 'Contabilizada'], en: ['To be counted', 'Counted'] };
    for (const lang of ['es', 'en'] as const) {
      const path = `/?election=${COUNTED}&level=district&code=010101&mesa=000001`;
      const { page, errors } = await open(path, lang);
      await page.waitForSelector('#acta-title');
      const items = await page.locator('#acta ol li').allTextContents();
      const acta = await json<{ history: unknown[] }>(`${COUNTED}/actas/000001.json`);
      expect(items).toHaveLength(acta.history.length);
      const history = items.join('\n');
      for (const w of [...words[lang], ...states[lang]]) expect(history).toContain(w);
      expect(await textOf(page, '#acta-state')).toBe(states[lang][1]);
      // the store's kinds and raw UTC instants are not for readers
      expect(history).not.toMatch(/ · (new|state_change|pending|counted) · /);
      expect(history).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
      // the fixed clock's instant, 26 Nov 2026 00:00 UTC, is the 25th in Lima
      expect(history).toMatch(/25/);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  // s35 (a poll-watcher): the warning lives on the JEE version; the history showed only the
  // current version's, so a resolved acta gave no word of why it had gone to the JEE
  it("an acta's history says each version's warnings in its row", async () => {
    const acta = await json<{ history: { version: number; warnings: { code: string }[] }[] }>(
      `${COUNTED}/actas/000013.json`,
    );
    // the premise: the warning on the JEE version (2) alone
    expect(acta.history.map((h) => h.warnings.map((w) => w.code))).toEqual([
      [],
      ['sheet_sum_mismatch'],
      [],
    ]);
    const words = {
      es: ['1 advertencia', 'Los votos no suman el total de votantes: 210 frente a 211'],
      en: ['1 warning', 'Votes do not add up to the voters'],
    } as const;
    for (const lang of ['es', 'en'] as const) {
      const { page, errors } = await open(
        `/?election=${COUNTED}&level=district&code=010101&mesa=000013`,
        lang,
      );
      await page.waitForSelector('#acta-history');
      const v2 = '#acta-history li[data-version="2"]';
      expect(await textOf(page, `${v2} summary`)).toContain(words[lang][0]);
      const said = await page
        .locator(`${v2} .version-warnings li[data-code="sheet_sum_mismatch"]`)
        .allTextContents();
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(words[lang][1]);
      expect(await page.locator(`${v2} .version-warnings`).isVisible()).toBe(true);
      for (const v of [1, 3])
        expect(
          await page.locator(`#acta-history li[data-version="${v}"] .version-warnings`).count(),
        ).toBe(0);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('abroad without an actas count shows its votes, not "0 % of actas"', async () => {
    const ambito = await json<{
      units: { code: string; valid: number; actas: { total: number } | null }[];
    }>(`${DISTRICTS}/results/ambito.json`);
    const abroad = ambito.units.find((u) => u.code === 'EXTRANJERO');
    // the premise: the source gives abroad's votes and no actas
    expect(abroad?.valid).toBeGreaterThan(0);
    expect(abroad?.actas).toBeNull();
    const { page, errors } = await open(`/?election=${DISTRICTS}`, 'es');
    const text = await textOf(page, '#abroad');
    expect(text).toContain(new Intl.NumberFormat('es-PE').format(abroad?.valid ?? -1));
    expect(text).not.toContain('actas');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a share of actas the source does not give is a dash, not "— %"', async () => {
    // every bundled published election now states its source's % (the Deputies' 85.991 %): the
    // page is served their progress document without it, as a source that gives none would be
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let withoutPct = 0;
    await page.route(`**/elections/${DEPUTIES}/progress.json`, async (route) => {
      const doc = (await (await route.fetch()).json()) as {
        published: { pctCounted: string | null };
      };
      doc.published.pctCounted = null;
      withoutPct++;
      await route.fulfill({ json: doc });
    });
    await page.goto(`${env.base}/?election=${DEPUTIES}`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(withoutPct).toBeGreaterThan(0);
    expect(await textOf(page, '#pct-actas')).toBe('—');
    expect(await textOf(page, '#provisional')).not.toContain('— %');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("the valla's reasons read as sentences: singular seat, the required seats, a spaced %", async () => {
    const seats = await json<{
      result: {
        excluded: { party: string; reason: string; seats?: number; required: number | string }[];
      };
    }>(`${DEPUTIES}/seats.json`);
    const one = seats.result.excluded.find((x) => x.reason === 'below_seats' && x.seats === 1);
    // that list's own share condition (an alliance's is a point higher: LOP art. 13)
    const share = seats.result.excluded.find(
      (x) => x.reason === 'below_share' && x.party === one?.party,
    );
    expect(one && share).toBeTruthy();
    const { page, errors } = await open(`/?election=${DEPUTIES}`, 'es');
    const row = await textOf(page, `#seats-table tr[data-party="${one?.party}"] .valla`);
    expect(row).toContain(`1 escaño en la asignación preliminar; se exigen ${one?.required}`);
    // the rule alone, its % spaced (a no-break space keeps "5 %" on one line); no share of the
    // list's own beside it, rounded otherwise than the "% válidos" column (review 21 L8: "3.075 %"
    // next to "3.074 % < 5.000 %")
    const rule = Number(String(share?.required).replace('%', ''));
    expect(row).toContain(`no alcanza la valla del ${rule}\u00a0%`);
    expect(row).not.toContain('<');
    // votes captured at ~86 % of actas: the valla is what the votes counted say, not a fact (an
    // adopter's review, session 25: "below the 5 % threshold" as plain fact with votes still out)
    expect(row.startsWith('por ahora, ')).toBe(true);
    expect(await textOf(page, '#seats-table tr.passed td.valla')).toBe('por ahora, pasa');
    expect(
      await page.getAttribute(`#seats-table tr[data-party="${one?.party}"] td.valla`, 'title'),
    ).toBe('según lo contado: los votos aún por contar pueden cambiarlo');
    const pct = await textOf(page, `#seats-table tr[data-party="${one?.party}"] td.num`);
    expect(row).not.toContain(pct.replace(/\s*%$/, ''));
    await page.click('#lang');
    await page.waitForFunction(
      (css) => document.querySelector(css)?.textContent?.includes('threshold') === true,
      `#seats-table tr[data-party="${one?.party}"] td.valla`,
    );
    expect(await textOf(page, `#seats-table tr[data-party="${one?.party}"] td.valla`)).toContain(
      `so far, below the ${rule}\u00a0% threshold`,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('the course of the night says what its last figure is: the lead, in votes, at a % of actas', async () => {
    const course = await json<{
      points: { time: string; margin: number; pctCounted: string }[];
      leadChanges: { time: string }[];
    }>(`${RUNOFF}/count-course.json`);
    // the premise: the lead changed hands at least once (review 4: at 98.208 %, 10 jun 22:47)
    expect(course.leadChanges.length).toBeGreaterThan(0);
    const last = course.points.at(-1);
    for (const lang of ['es', 'en'] as const) {
      const { page, errors } = await open(`/?election=${RUNOFF}`, lang);
      await page.waitForSelector('#course:not([hidden])');
      const meta = await textOf(page, '#course-meta');
      const margin = new Intl.NumberFormat(lang === 'es' ? 'es-PE' : 'en-US').format(
        last?.margin ?? -1,
      );
      expect(meta).toContain(
        lang === 'es'
          ? `última ventaja: ${margin} votos con ${last?.pctCounted} % de actas`
          : `last lead: ${margin} votes at ${last?.pctCounted} % of actas`,
      );
      const n = course.leadChanges.length;
      expect(meta).toContain(
        lang === 'es'
          ? `${n} ${n === 1 ? 'cambio' : 'cambios'} de liderazgo`
          : `${n} lead change${n === 1 ? '' : 's'}`,
      );
      // where each change happened, not only how many: the % of actas and the time in Lima (UTC−5)
      for (const ch of course.leadChanges) {
        const at = course.points.find((p) => p.time === ch.time);
        const lima = new Date(Date.parse(ch.time) - 5 * 3_600_000).toISOString().slice(11, 16);
        expect(meta).toContain(
          lang === 'es'
            ? `pasa adelante con ${at?.pctCounted} % de actas`
            : `takes the lead at ${at?.pctCounted} % of actas`,
        );
        expect(meta).toContain(lima);
      }
      expect(meta).not.toContain('×');
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it("the projection's method is named in the page's language, not by its code", async () => {
    const p = await json<{ method: string; unitsAbsent?: unknown[] }>(`${CUT}/projection.json`);
    for (const lang of ['es', 'en'] as const) {
      const { page, errors } = await open(`/?election=${CUT}`, lang);
      await page.waitForSelector('#projection:not([hidden])');
      const meta = await textOf(page, '#projection-meta');
      expect(meta).toMatch(lang === 'es' ? /método: \S/ : /method: \S/);
      expect(meta).not.toContain(`: ${p.method}`);
      // the units the source leaves out, counted in words (not "unidad(es)")
      const absent = p.unitsAbsent?.length ?? 0;
      expect(absent).toBeGreaterThan(1);
      expect(meta).toContain(
        lang === 'es' ? `no trae ${absent} unidades:` : `out ${absent} units:`,
      );
      expect(meta).not.toMatch(/\(e?s\)/);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
  it("a department of published aggregates does not take the nation's % of actas as its own", async () => {
    const progress = await json<{ published: { pctCounted: string | null } }>(
      `${DISTRICTS}/progress.json`,
    );
    const deps = await json<{ units: { code: string; actas: { total: number } | null }[] }>(
      `${DISTRICTS}/results/department.json`,
    );
    const pct = progress.published.pctCounted;
    // the premise: a national % from the source, no actas per department
    expect(pct).not.toBeNull();
    expect(deps.units.find((u) => u.code === '04')?.actas).toBeNull();
    const { page, errors } = await open(`/?election=${DISTRICTS}`, 'es');
    await page.waitForSelector('#unit-name');
    // the source's share is of the actas it counted (contabilizadas), not processed (session 29)
    expect(await textOf(page, '#unit')).toContain(`Actas contabilizadas: ${pct} %`);
    await page.goto(`${env.base}/?election=${DISTRICTS}&level=department&code=04`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction(
      () => document.querySelector('#unit-name')?.textContent === 'AREQUIPA',
    );
    const unit = await textOf(page, '#unit');
    expect(unit).toContain('Votos válidos');
    expect(unit).not.toContain('Actas procesadas');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
  it("a phone shows every seats column (cifra's, the reported, the difference) without scrolling", async () => {
    for (const width of [390, 1280]) {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${DEPUTIES}`,
        width,
      );
      await page.waitForSelector('#seats-table tbody tr');
      const box = page.locator('#seats-table').locator('xpath=..');
      const [client, scroll] = await box.evaluate((b) => [b.clientWidth, b.scrollWidth]);
      expect(scroll).toBeLessThanOrEqual(client);
      // the valla's reason: its own column on a desktop, under the party on a phone
      const row = page.locator('#seats-table tbody tr').first();
      expect(await row.locator('td.valla').isVisible()).toBe(width > 500);
      expect(await row.locator('.valla-inline').isVisible()).toBe(width <= 500);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
  it("the tab's title and the labels read aloud follow the language, also after the toggle", async () => {
    const { page, errors } = await open(`/?election=${CUT}`, 'es');
    const labels = async (): Promise<string[]> => [
      await page.title(),
      (await page.getAttribute('#map-legend', 'aria-label')) ?? '',
      (await page.getAttribute('#erm-map-kind', 'aria-label')) ?? '',
      (await page.textContent('#projection-history-title'))?.trim() ?? '',
    ];
    expect(await labels()).toEqual([
      'cifra — resultados electorales',
      'Leyenda',
      'Mapa',
      'Evolución de la proyección',
    ]);
    await page.click('#lang');
    await page.waitForFunction(
      () => document.querySelector('#summary-title')?.textContent === 'National result',
    );
    expect(await labels()).toEqual([
      'cifra — election results',
      'Legend',
      'Map',
      'How the projection moved',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
  it("Lima's two map shapes, drawn from one department's figures, say so", async () => {
    const circ = await json<{ units: unknown[] }>(`${CUT}/results/circunscripcion.json`);
    const deps = await json<{ units: { code: string; name: string }[] }>(
      `${CUT}/results/department.json`,
    );
    // the premise: this source has Lima as one department, not its two circunscripciones
    expect(circ.units).toHaveLength(0);
    const lima = deps.units.find((u) => u.code === '14')?.name;
    expect(lima).toBeTruthy();
    for (const lang of ['es', 'en'] as const) {
      const { page, errors } = await open(`/?election=${CUT}`, lang);
      const shapes = page.locator('#map path[data-level="circunscripcion"]');
      expect(await shapes.count()).toBe(2);
      for (const label of await shapes.evaluateAll((ps) => ps.map((p) => p.ariaLabel ?? '')))
        expect(label).toContain(
          lang === 'es'
            ? `(cifras de todo el departamento de ${lima})`
            : `(figures for the whole department of ${lima})`,
        );
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
  it('the national bars account for every vote: past the first eight, a line with the rest', async () => {
    const national = await json<{ units: { valid: number; choices: { votes: number }[] }[] }>(
      `${DISTRICTS}/results/national.json`,
    );
    const n = national.units[0];
    const sorted = [...(n?.choices ?? [])].sort((a, b) => b.votes - a.votes);
    // the premise: more candidates than bars (this source has no "other lists" remainder)
    const rest = sorted.slice(8).filter((c) => c.votes > 0);
    expect(rest.length).toBeGreaterThan(0);
    const votes = rest.reduce((a, c) => a + c.votes, 0);
    const { page, errors } = await open(`/?election=${DISTRICTS}`, 'es');
    expect(await page.locator('#bars li[data-choice]').count()).toBe(8);
    const more = await textOf(page, '#bars li.more');
    expect(more).toContain(`y ${rest.length} más`);
    expect(more).toContain(`${new Intl.NumberFormat('es-PE').format(votes)} votos`);
    // the eight bars and the line hold every valid vote
    const shown = await page
      .locator('#bars li[data-choice] .votes')
      .evaluateAll((vs) => vs.reduce((a, v) => a + Number(v.getAttribute('data-votes')), 0));
    expect(shown + votes).toBe(n?.valid);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
  it('a cut given as a date reads as a date, as every other on the page', async () => {
    const summary = await json<{ status: { cut: string | null; cutTime: string | null } }>(
      `${CONGRESS_2021}/summary.json`,
    );
    // the premise: the source's cut is an ISO date, with no time
    expect(summary.status.cut).toBe('2021-06-12');
    expect(summary.status.cutTime).toBeNull();
    for (const lang of ['es', 'en'] as const) {
      const { page, errors } = await open(`/?election=${CONGRESS_2021}`, lang);
      const day = lang === 'es' ? /12 jun\.? 2021/ : /12 Jun 2021/;
      for (const css of ['#provisional', '#source-cut']) {
        const text = await textOf(page, css);
        expect(text).toMatch(day);
        expect(text).not.toContain('2021-06-12');
      }
      expect(errors).toEqual([]);
      await page.close();
    }
    // a cut given as a month (the 2021 per-mesa files: '2021-06') reads as a month
    const month = await json<{ status: { cut: string | null } }>(`${COUNTED}/summary.json`);
    expect(month.status.cut).toBe('2021-06');
    const { page, errors } = await open(`/?election=${COUNTED}`, 'es');
    const cut = await textOf(page, '#source-cut');
    expect(cut).toMatch(/jun\.?( de)? 2021/);
    expect(cut).not.toContain('2021-06');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
  it("a source's cut stated as text is shown as its instant in Lima time, its words kept", async () => {
    const summary = await json<{ status: { cut: string | null; cutTime: string | null } }>(
      `${DISTRICTS}/summary.json`,
    );
    // the premise: the source gives its cut as its own text, with a time in Lima
    expect(summary.status.cut).toBe('27/04/2026 14:30 h (Lima)');
    expect(summary.status.cutTime).toBe('2026-04-27T14:30:00-05:00');
    const shown = {
      es: /27 abr\.? 2026, 14:30 \(hora de Lima\)/,
      en: /27 Apr 2026, 14:30 \(Lima time\)/,
    };
    for (const lang of ['es', 'en'] as const) {
      const { page, errors } = await open(`/?election=${DISTRICTS}`, lang);
      for (const css of ['#provisional', '#source-cut']) {
        const text = await textOf(page, css);
        expect(text, css).toMatch(shown[lang]);
        expect(text, css).not.toContain('27/04/2026');
        // the source's words a hover away
        expect(await page.getAttribute(css, 'title'), css).toBe(summary.status.cut);
      }
      expect(errors).toEqual([]);
      await page.close();
    }
    // the Congress capture's cut, with its % after the time, reads the same way
    const { page, errors } = await open(`/?election=${DEPUTIES}`, 'es');
    expect(await textOf(page, '#source-cut')).toMatch(/11 may\.? 2026, 17:46 \(hora de Lima\)/);
    expect(await page.getAttribute('#source-cut', 'title')).toContain('ONPE 85.991 %');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
  it('pending actas whose figures are counted say so beside the 100 %', async () => {
    const progress = await json<{ actas: { pending: number; pendingWithFigures: number } }>(
      `${COUNTED}/progress.json`,
    );
    // the premise: a pending acta with figures, counted by the rules
    expect(progress.actas.pendingWithFigures).toBeGreaterThan(0);
    const { page, errors } = await open(`/?election=${COUNTED}`, 'es');
    expect(await textOf(page, '#pending')).toBe(
      // review 20 L4: said as part of the processed, so processed + pending is no puzzle
      `Pendientes: ${progress.actas.pending} (${progress.actas.pendingWithFigures} con cifras: ya incluidas en las procesadas)`,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
  it('a seats table whose % has another base than the national result says so', async () => {
    for (const [id, differs] of [
      [SENATE, true],
      [DEPUTIES, false],
    ] as const) {
      const seats = await json<{ result: { votes: { votes: number }[] } }>(`${id}/seats.json`);
      const national = await json<{ units: { valid: number }[] }>(`${id}/results/national.json`);
      const base = seats.result.votes.reduce((a, v) => a + v.votes, 0);
      const valid = national.units[0]?.valid ?? -1;
      // the premise: the Senate's table sums every circunscripción, the national result is one list
      expect(base !== valid).toBe(differs);
      const { page, errors } = await open(`/?election=${id}`, 'es');
      await page.waitForSelector('#seats-table tbody tr');
      const note = await textOf(page, '#valla');
      const f = new Intl.NumberFormat('es-PE');
      if (differs) {
        expect(note).toContain(`sobre ${f.format(base)} votos válidos`);
        expect(note).toContain(`cuenta ${f.format(valid)}`);
      } else expect(note).toBe('');
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
  it("a close runoff's projected intervals are drawn apart, on an axis that says it is zoomed", async () => {
    const p = await json<{ choices: { choice: string; median: number; lo90: number }[] }>(
      `${CUT}/projection.json`,
    );
    const [a, b] = p.choices;
    // the premise: two medians within a point of each other, far from 0
    expect(Math.abs((a?.median ?? 0) - (b?.median ?? 0))).toBeLessThan(1);
    expect(Math.min(a?.lo90 ?? 0, b?.lo90 ?? 0)).toBeGreaterThan(40);
    const { page, errors } = await open(`/?election=${CUT}`, 'es');
    await page.waitForSelector('#projection:not([hidden])');
    // each median's place on its track, as a share of the track's width
    const at = (choice: string): Promise<number> =>
      page.locator(`#projection-bars li[data-choice="${choice}"] .track`).evaluate((track) => {
        const m = track.querySelector('.median')?.getBoundingClientRect();
        const r = track.getBoundingClientRect();
        return m ? (m.left - r.left) / r.width : -1;
      });
    const gap = Math.abs((await at(a?.choice ?? '')) - (await at(b?.choice ?? '')));
    // half a point apart on a 0–50 % axis would be 1 % of the track; zoomed, a visible gap
    expect(gap).toBeGreaterThan(0.2);
    expect(await textOf(page, '#projection-bars li.axis')).toContain('no empieza en 0');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
  it('asks for a projection only where the summary says one exists: no 404 in the console', async () => {
    for (const [id, exists] of [
      [DEPUTIES, false],
      [SENATE, false],
      [CUT, true],
    ] as const) {
      const summary = await json<{ projection: boolean }>(`${id}/summary.json`);
      // the premise, from the API itself: the summary's flag is whether projection.json answers
      expect(summary.projection, id).toBe(exists);
      const res = await fetch(`${env.base}/api/v1/elections/${id}/projection.json`);
      expect(res.status, id).toBe(exists ? 200 : 404);
      const page = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
      const asked: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => r.url().includes('projection.json') && asked.push(r.url()));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${env.base}/?election=${id}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      expect(asked.length > 0, id).toBe(exists);
      expect(errors, id).toEqual([]);
      await page.close();
    }
  }, 180_000);
});
