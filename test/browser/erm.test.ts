/// <reference lib="dom" />
// The ERM view (web/erm.ts) in a real browser (Debian's Chromium via playwright-core) on the
// bundled ERM 2022 and 2026 manifests: the national picture, the governors' map with runoffs
// shown as runoffs, the nine 2022 runoff regions, Lima Metropolitana's council (RP 21 and the
// bonus line), the what-if without the bonus, es and en, desktop and phone (no horizontal scroll
// at 390 px). Screenshots go to test-artifacts/ (docs/img/erm.png is erm-2022-lima-es.png).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getContestsElection } from '../../src/results/contests.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { addErmRunoffFixture, ARTIFACTS, openPage, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  // a FICTITIOUS second-round count (no real one per region was found): served next to the bundled
  addErmRunoffFixture();
  const store = new SqliteStore(join(tempDir('cifra-browser-erm-'), 'e.db'));
  await store.migrate();
  return store;
}, 300_000);

const open = (path: string, width = 1400): Promise<{ page: Page; errors: string[] }> =>
  openPage(env.browser, `${env.base}${path}`, width, { consoleErrors: true });

/** The elements (outside a scrolling table) that stick out of the page: named, for the failure. */
const widerThanPage = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((n) => !n.closest('.scroll') || n.matches('.scroll'))
      .filter((n) => n.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((n) => `${n.tagName}#${n.id}.${n.className}`),
  );

const LIMA = '?view=erm&erm=pe-erm-2022&contest=provincial-council%2F140100';
// the JNE's list of the 4 Dec 2022 second election (as test/golden/peru-erm.test.ts)
const NINE = [
  'AMAZONAS',
  'CAJAMARCA',
  'CALLAO',
  'CUSCO',
  'LAMBAYEQUE',
  'LIMA',
  'MOQUEGUA',
  'PASCO',
  'PIURA',
];

describe('the ERM view', () => {
  it('2022, desktop, es: national picture, the nine runoffs (never shown as won), Lima RP 21 and the bonus line', async () => {
    const { page, errors } = await open(LIMA);
    expect(await page.textContent('#erm-status')).toContain('ONPE');
    expect(await page.textContent('#erm-bytype')).toContain('Movimientos regionales (inferido)');
    expect(await page.textContent('#erm-orgs')).toContain(
      'PARTIDO DEMOCRATICO SOMOS PERU · partido nacional (inferido)',
    );
    // the selector names the elections, not their ids (it listed "pe-erm-2022", "pe-erm-2026")
    const names = (): Promise<string[]> =>
      page.$$eval('#erm-election option', (o) => o.map((x) => x.textContent ?? ''));
    expect(await names()).toEqual([
      'Regionales y municipales 2022',
      'Regionales y municipales 2026',
    ]);
    const regions = await page.$$eval('#erm-runoffs tr[data-region]', (rows) =>
      rows.map((r) => (r as HTMLElement).dataset['region']),
    );
    expect([...regions].sort()).toEqual(NINE);
    // a runoff department is hatched on the map, not painted with a winner's colour
    const cusco = page.locator('#erm-map path[data-region="CUSCO"]');
    expect(await cusco.getAttribute('data-outcome')).toBe('runoff');
    expect(await cusco.getAttribute('fill')).toBe('url(#erm-runoff)');
    // Cajamarca and Piura's pairs could still change with the actas out (review 20 L10): drawn as
    // their leader's lead, pale, and said so in their runoff rows
    expect(await page.locator('#erm-map path[data-outcome="runoff"]').count()).toBe(7);
    for (const r of ['CAJAMARCA', 'PIURA']) {
      const shape = page.locator(`#erm-map path[data-region="${r}"]`);
      expect(await shape.getAttribute('data-outcome')).toBe('leads');
      expect(await shape.getAttribute('fill-opacity')).toBe('0.4');
      expect(await page.textContent(`#erm-runoffs tr[data-region="${r}"]`)).toContain(
        'par sin decidir',
      );
    }
    expect(await page.textContent('#erm-runoffs tr[data-region="CUSCO"]')).not.toContain(
      'sin decidir',
    );
    // the mayor: elected, and why that is settled (143 actas out, a 54,899 lead)
    expect(await page.textContent('#erm-council-verdict')).toMatch(
      /^Alcalde: Elegido RENOVACION POPULAR \(decidido: ningún reparto/,
    );
    // Lima Metropolitana: 39 seats, RP 21, the bonus in one line
    expect(await page.locator('#erm-hemicycle circle.seat:not(.undecided)').count()).toBe(39);
    expect(
      await page.getAttribute('#erm-hemicycle g[data-party="RENOVACION POPULAR"]', 'data-seats'),
    ).toBe('21');
    expect(await page.textContent('#erm-bonus-line')).toBe(
      'RENOVACION POPULAR: 11 por cifra repartidora → 21 con la mayoría (⌈39/2⌉+1)',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'erm-2022-lima-es.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the what-if without the bonus: RP 11 by cifra repartidora, kept in the URL', async () => {
    const { page, errors } = await open(LIMA);
    await page.click('#erm-bonus');
    await page.waitForFunction(
      () =>
        document
          .querySelector('#erm-hemicycle g[data-party="RENOVACION POPULAR"]')
          ?.getAttribute('data-seats') === '11',
    );
    expect(new URL(page.url()).searchParams.get('bonus')).toBe('off');
    expect(await page.textContent('#erm-bonus-line')).toContain('No es el resultado legal');
    await page.goBack();
    await page.waitForFunction(
      () =>
        document
          .querySelector('#erm-hemicycle g[data-party="RENOVACION POPULAR"]')
          ?.getAttribute('data-seats') === '21',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drill: a department, then a district council found by name', async () => {
    const { page, errors } = await open('?view=erm&erm=pe-erm-2022');
    await page.click('#erm-map path[data-region="CUSCO"]');
    // the drawing follows the URL: wait for the drawing, not the URL
    await page.waitForFunction(() =>
      document.getElementById('erm-governor')?.textContent?.includes('segunda vuelta'),
    );
    expect(new URL(page.url()).searchParams.get('dep')).toBe('CUSCO');
    await page.fill('#erm-search', 'wanchaq');
    await page.click('#erm-council-list a:has-text("WANCHAQ")');
    await page.waitForFunction(() => !document.getElementById('erm-council')?.hidden);
    await page.waitForFunction(
      () => document.querySelectorAll('#erm-hemicycle circle.seat:not(.undecided)').length > 0,
    );
    expect(await page.textContent('#erm-council-title')).toContain('WANCHAQ');
    expect(await page.textContent('#erm-bonus-line')).toMatch(/cifra repartidora/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keyboard (review 22 M2): Enter on a region or a council moves focus to what it opened, not the page top', async () => {
    const { page, errors } = await open('?view=erm&erm=pe-erm-2022', 390);
    const focused = (): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');
    await page.focus('#erm-map path[data-region="CUSCO"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'erm-drill-title');
    expect(await page.textContent('#erm-governor')).toContain('segunda vuelta');
    await page.fill('#erm-search', 'wanchaq');
    await page.focus('#erm-council-list a:has-text("WANCHAQ")');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'erm-council-title');
    expect(await page.textContent('#erm-council-title')).toContain('WANCHAQ');
    // the heading it reached is on screen: the phone's reader is where the keyboard is
    const top = await page.evaluate(
      () => document.getElementById('erm-council-title')?.getBoundingClientRect().top ?? -1,
    );
    expect(top >= 0 && top < 844).toBe(true);
    expect(await focused()).toBe('erm-council-title');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('one entry per department (25), accented: ÁNCASH shows its governor and its councils; dep=ANCASH lands there too', async () => {
    for (const [dep, width] of [
      ['%C3%81NCASH', 1400],
      ['ANCASH', 390],
    ] as const) {
      const { page, errors } = await open(`?view=erm&erm=pe-erm-2022&dep=${dep}`, width);
      const deps = await page.$$eval('#erm-dep option', (o) =>
        o.map((x) => (x as HTMLOptionElement).value).filter((v) => v !== ''),
      );
      expect(deps).toHaveLength(25);
      expect(deps.filter((d) => /^(ANCASH|APURIMAC|HUANUCO|JUNIN|SAN MARTIN)$/.test(d))).toEqual(
        [],
      );
      expect(await page.inputValue('#erm-dep')).toBe('ÁNCASH');
      expect(await page.textContent('#erm-governor')).toMatch(/^Gobernador/);
      const councils = Number((await page.textContent('#erm-council-count'))?.split('/').pop());
      expect(councils).toBeGreaterThan(100);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("the 2026 governors' cut reads in Lima time, as every other cut, the source's text kept", async () => {
    for (const [lang, shown] of [
      ['es', /corte 7 oct\.? 2026, 14:06 \(hora de Lima\)/],
      ['en', /cut 7 Oct 2026, 14:06 \(Lima time\)/],
    ] as const) {
      const { page, errors } = await open(`?view=erm&erm=pe-erm-2026&lang=${lang}`, 390);
      const text = (await page.textContent('#erm-status')) ?? '';
      expect(text).toMatch(shown);
      expect(text).not.toContain('2026-10-07T');
      // the manifest's own text for the cut, a hover away
      expect(await page.getAttribute('#erm-status', 'title')).toBe('2026-10-07T14:06-05:00');
      // governors only: no council figure it has no data for (review s34 read "Regidores: 0
      // asignados, 0 según lo contado" and columns "Gobernadores y alcaldes 0 / Regidores asignados 0")
      const words = {
        es: {
          note: 'Regidores: sin datos (los concejos de esta elección no están en los datos)',
          heads: 'Gobernadores electos',
          gone: ['Gobernadores y alcaldes', 'Regidores asignados', 'Regidores'],
        },
        en: {
          note: "Councillors: no data (this election's councils are not in the data)",
          heads: 'Governors elected',
          gone: ['Governors and mayors', 'Councillors decided', 'Councillors'],
        },
      }[lang];
      expect(await page.textContent('#erm-seats-note')).toBe(words.note);
      const heads = [
        ...(await page.locator('#erm-bytype tr:first-of-type th').allTextContents()),
        ...(await page.locator('#erm-orgs tr:first-of-type th').allTextContents()),
      ];
      expect(heads).toContain(words.heads);
      for (const h of words.gone) expect(heads).not.toContain(h);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('phone, en: the 2026 governors at 97.6 % provisional, no horizontal scroll at 390 px', async () => {
    const { page, errors } = await open('?view=erm&erm=pe-erm-2026&lang=en', 390);
    expect(await page.textContent('#erm-status')).toContain('Provisional · 97.600 %');
    expect(await page.textContent('#erm-runoffs-title')).toBe('Regional runoffs');
    expect(await page.locator('#erm-runoffs tr[data-region]').count()).toBe(15);
    // 2026's parties come from the JNE's registry (basis: registry), but a name not found there is
    // a regional movement only by elimination (an alliance under another name too): that type is
    // marked inferred, in the totals and on each organisation (review s33)
    const byType = (await page.textContent('#erm-bytype')) ?? '';
    expect(byType).toContain('National parties');
    expect(byType).not.toContain('National parties (inferred)');
    expect(byType).toContain('Regional movements (inferred)');
    const orgs = (await page.textContent('#erm-orgs')) ?? '';
    expect(orgs).toContain('ASI - JUNTOS POR EL PERÚ · regional movement (inferred)');
    expect(orgs).toContain('RENOVACIÓN POPULAR PERÚ · regional movement (inferred)');
    expect(orgs).toContain('ALIANZA PARA EL PROGRESO · national party');
    expect(orgs).not.toContain('national party (inferred)');
    expect(await page.textContent('#erm-classification')).toMatch(
      /^Parties from a registry; regional movements inferred \(not found in the registry\): the names that match/,
    );
    // the pairs the votes still out could change are counted apart, not as runoffs (session 22)
    expect(await page.textContent('#erm-runoffs-count')).toBe(
      '0 regions in a runoff of 25 · 15 pairs not decided · Provisional',
    );
    // at 97.6 % with no acta counts per region nothing is decided: every governor only leads
    expect(await page.locator('#erm-map path[data-outcome="runoff"]').count()).toBe(0);
    expect(await page.locator('#erm-map path[data-outcome="winner"]').count()).toBe(0);
    expect(await page.locator('#erm-map path[data-outcome="leads"]').count()).toBe(25);
    expect(await page.locator('#erm-runoffs tr[data-decided=""]').count()).toBe(15);
    expect(await page.textContent('#erm-legend')).toContain('leads, not decided');
    const over = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(await widerThanPage(page)).toEqual([]);
    expect(over).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'erm-2026-phone-en.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a contest not settled reads "lidera", a settled one "elegido" (review 20 L10), desktop es and phone en', async () => {
    for (const [lang, width, elected, leads, notDecided] of [
      ['es', 1400, 'Elegido', 'Lidera', 'sin decidir'],
      ['en', 390, 'Elected', 'Leads', 'not decided'],
    ] as const) {
      const q = lang === 'en' ? '&lang=en' : '';
      // Tacna 2022: 30.6 % of the valid votes counted, up to 20 actas × 300 votes still out
      const { page, errors } = await open(`?view=erm&erm=pe-erm-2022&dep=TACNA${q}`, width);
      const gov = (await page.textContent('#erm-governor')) ?? '';
      expect(gov).toContain(`${leads} MOVIMIENTO INDEPENDIENTE REGIONAL FUERZA TACNA`);
      expect(gov).toContain(notDecided);
      expect(gov).not.toContain(elected);
      const tacna = page.locator('#erm-map path[data-region="TACNA"]');
      expect(await tacna.getAttribute('data-outcome')).toBe('leads');
      expect(await tacna.getAttribute('aria-label')).toMatch(new RegExp(`^TACNA: ${leads} `));
      // Tumbes: 583 of 583 actas — elected, by the source
      await page.selectOption('#erm-dep', 'TUMBES');
      await page.waitForFunction(() =>
        document.getElementById('erm-governor')?.textContent?.includes('ALIANZA PARA EL PROGRESO'),
      );
      expect(await page.textContent('#erm-governor')).toContain(
        `${elected} ALIANZA PARA EL PROGRESO`,
      );
      expect(await page.getAttribute('#erm-governor', 'data-decided')).toBe('source-final');
      expect(
        await page.locator('#erm-map path[data-region="TUMBES"]').getAttribute('data-outcome'),
      ).toBe('winner');
      // a council whose mayor the actas out could still change: Arequipa's (39 actas out)
      await page.goto(
        `${env.base}?view=erm&erm=pe-erm-2022&contest=provincial-council%2F040100${q}`,
      );
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.textContent('#erm-council-verdict')).toMatch(new RegExp(`: ${leads} `));
      expect(await page.textContent('#erm-council-list')).toContain(leads);
      if (width < 500) expect(await widerThanPage(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('council seats the votes still out could move are not shown as won (session 22), es/en, desktop and phone', async () => {
    // the page's own document: no seed (ties reported, not drawn)
    const doc = getContestsElection('pe-erm-2022');
    if (!doc.ok) throw new Error('pe-erm-2022');
    const total = (k: 'seats' | 'seatsOpen'): number =>
      doc.value.national.byType.reduce((a, t) => a + t[k], 0);
    const [won, open2022] = [total('seats'), total('seatsOpen')];
    expect(open2022).toBeGreaterThan(0);
    for (const [lang, width, note, status, skip] of [
      [
        'es',
        1400,
        `Regidores: ${won.toLocaleString('es-PE')} asignados, ${open2022.toLocaleString('es-PE')} según lo contado, pueden cambiar`,
        'Regidores según lo contado, sin decidir',
        'Saltar al selector de elección',
      ],
      [
        'en',
        390,
        `Councillors: ${won.toLocaleString('en-US')} decided, ${open2022.toLocaleString('en-US')} on the votes counted, can change`,
        'Councillors on the votes counted, not decided',
        'Skip to the election selector',
      ],
    ] as const) {
      const { page, errors } = await open(`${LIMA}&lang=${lang}`, width);
      expect(await page.textContent('#erm-seats-note')).toBe(note);
      // Lima: up to 143 actas × 300 votes out can still move one of its 39 seats
      expect(await page.textContent('#erm-seats-status')).toContain(status);
      expect(await page.getAttribute('#erm-seats-status', 'data-decided')).toBe('');
      // the by-type table's seats are the decided ones only
      const cells = await page.$$eval('#erm-bytype tr[data-type] td:nth-child(4)', (c) =>
        c.map((x) => x.textContent ?? ''),
      );
      expect(cells.map((x) => Number(x.replace(/[^\d]/g, '')))).toEqual(
        doc.value.national.byType.map((t) => t.seats),
      );
      // the skip link is the first tab stop and reaches the view's first control
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-search');
      expect(await page.textContent('#skip-search')).toBe(skip);
      expect(await page.locator('#skip-search').isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('erm-election');
      expect(page.url()).not.toContain('#');
      if (width < 500) expect(await widerThanPage(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
    // Tumbes: 100 % of its actas — its seats are decided, by the source
    const { page } = await open('?view=erm&erm=pe-erm-2022&contest=provincial-council%2F230100');
    expect(await page.getAttribute('#erm-seats-status', 'data-decided')).toBe('source-final');
    expect(await page.textContent('#erm-seats-status')).toMatch(/^Regidores asignados: 100 %/);
    await page.close();
  });

  it('desktop: the organisations table has room to spare, a table not cards (a longer name fits)', async () => {
    const { page } = await open('?view=erm&erm=pe-erm-2022');
    const room = await page.evaluate(() => {
      const table = document.getElementById('erm-orgs') as HTMLTableElement;
      const box = (table.parentElement as HTMLElement).clientWidth;
      // the table at its narrowest (every name wrapped): what a longer word would start from
      const before = table.style.width;
      table.style.width = 'min-content';
      const narrowest = table.getBoundingClientRect().width;
      table.style.width = before;
      return { box, spare: box - narrowest, cards: table.classList.contains('as-cards') };
    });
    expect(room.cards).toBe(false);
    expect(room.spare).toBeGreaterThan(200);
    await page.close();
  });

  it('phone, es: Lima Metropolitana council, no horizontal scroll', async () => {
    const { page, errors } = await open(LIMA, 390);
    expect(await page.textContent('#erm-bonus-line')).toContain('21 con la mayoría');
    expect(await widerThanPage(page)).toEqual([]);
    const over = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(over).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a council still open says why (a tie for the most-voted list); Maynas has its JNE size', async () => {
    const { page, errors } = await open(
      '?view=erm&erm=pe-erm-2022&contest=district-council%2F021606',
    );
    // San Juan de Rontoy: AGUA and El Maicito 191 votes each
    expect(await page.textContent('#erm-bonus-line')).toMatch(
      /^Empate sin resolver entre .*EL MAICITO/,
    );
    await page.goto(`${env.base}?view=erm&erm=pe-erm-2022&contest=provincial-council%2F150100`);
    await page.waitForSelector('body[data-ready="true"]');
    // sized since the 2022 council sizes come from the JNE's list registry (15 regidores)
    expect(await page.textContent('#erm-bonus-line')).not.toContain(
      'Tamaño del concejo desconocido',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('seats no list holds yet, next to the total; a council whose mayor waits on a lot has no seats yet (phone 390 px, es and en)', async () => {
    // pe-erm-2022 without a seed (test/cli-erm.test.ts): 25 seats in 9 councils wait on a lot, 15
    // in 3 councils have no vote counted, 9,375 in all. 080608 (Querco): 201 – 201 for the mayor.
    const QUERCO = '?view=erm&erm=pe-erm-2022&contest=district-council%2F080608';
    const words = {
      es: {
        lot: '25 esperan un sorteo (9 concejos)',
        notCounted: '15 sin votos contados aún (3 concejos)',
        // Peru's es-PE groups thousands with a comma
        total: /^9,375 regidores en total$/,
        lead: /^Sin asignar aún: /,
        status:
          'Ninguna lista tiene regidores aún: los 5 esperan el sorteo de la lista más votada (la bonificación por mayoría es de la lista que salga).',
      },
      en: {
        lot: '25 waiting on a lot (9 councils)',
        notCounted: '15 with no vote counted yet (3 councils)',
        total: /^9,375 councillors in all$/,
        lead: /^Not assigned yet: /,
        status:
          'No list has councillors yet: all 5 wait on the lot for the most-voted list (the majority bonus goes to the list it names).',
      },
    } as const;
    for (const lang of ['es', 'en'] as const) {
      const w = words[lang];
      const { page, errors } = await open(`${QUERCO}${lang === 'en' ? '&lang=en' : ''}`, 390);
      const part = (k: string) => page.textContent(`#erm-unassigned [data-unassigned="${k}"]`);
      expect(await page.isVisible('#erm-unassigned')).toBe(true);
      expect(await page.textContent('#erm-unassigned')).toMatch(w.lead);
      expect(await part('lot')).toBe(w.lot);
      expect(await part('not-counted')).toBe(w.notCounted);
      expect(await part('total')).toMatch(w.total);
      // none with no eligible list, no council of unknown size: not said
      expect(
        await page.locator('#erm-unassigned [data-unassigned="no-eligible-list"]').count(),
      ).toBe(0);
      expect(await page.locator('#erm-unassigned [data-unassigned="unknown-size"]').count()).toBe(
        0,
      );
      // the council: no list's seats while the lot for its mayor is not drawn, said as such
      expect(await page.textContent('#erm-seats-status')).toBe(w.status);
      expect(await page.getAttribute('#erm-seats-status', 'data-unallocated')).toBe('tie');
      const cells = await page.$$eval('#erm-seats tr[data-party] td:last-child', (c) =>
        c.map((x) => x.textContent),
      );
      expect(cells).toEqual(['—', '—', '—', '—']);
      // the hemicycle keeps the council's 5 seats, hatched as unassigned, none a list's
      expect(await page.getAttribute('#erm-hemicycle g.undecided', 'data-seats')).toBe('5');
      expect(await page.locator('#erm-hemicycle g[data-party]').count()).toBe(0);
      expect(await widerThanPage(page)).toEqual([]);
      await page.screenshot({
        path: join(ARTIFACTS, `erm-2022-unassigned-phone-${lang}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      await page.close();
    }
    // a council with nothing counted waits on the count; 2026 (governors only) has no seat line
    const { page, errors } = await open(
      '?view=erm&erm=pe-erm-2022&contest=district-council%2F010307',
      390,
    );
    expect(await page.textContent('#erm-seats-status')).toBe(
      'Ninguna lista tiene regidores aún: los 5 esperan el conteo (sin votos contados).',
    );
    // its mayor is not "sin decidir" (a contest that could go either way): nothing is counted yet
    expect(await page.textContent('#erm-council-verdict')).toBe(
      'Alcalde: aún no hay votos contados en este concejo',
    );
    await page.goto(`${env.base}?view=erm&erm=pe-erm-2026`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.isVisible('#erm-unassigned')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the capitals' mayors on the map: Lima Metropolitana is Renovación Popular's, nothing hatched", async () => {
    const { page, errors } = await open('?view=erm&erm=pe-erm-2022');
    await page.selectOption('#erm-map-kind', 'provincial-council');
    await page.waitForFunction(
      () => new URLSearchParams(location.search).get('map') === 'provincial-council',
    );
    await page.waitForFunction(() =>
      document.getElementById('erm-map-title')?.textContent?.startsWith('Alcaldes'),
    );
    const lima = page.locator('#erm-map path[aria-label^="LIMA · MUNICIPALIDAD METROPOLITANA"]');
    expect(await lima.getAttribute('data-party')).toBe('RENOVACION POPULAR');
    expect(await page.locator('#erm-map path[data-outcome="runoff"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('desktop, en: the bonus line in English', async () => {
    const { page, errors } = await open(`${LIMA}&lang=en`);
    expect(await page.textContent('#erm-bonus-line')).toBe(
      'RENOVACION POPULAR: 11 by cifra repartidora → 21 with the majority (⌈39/2⌉+1)',
    );
    expect(await page.textContent('#erm-bytype')).toContain('Regional movements (inferred)');
    // 2022's types are all read from the files: each organisation says so too (review s33)
    expect(await page.textContent('#erm-orgs')).toContain(
      'ALIANZA PARA EL PROGRESO · national party (inferred)',
    );
    const names = (): Promise<string[]> =>
      page.$$eval('#erm-election option', (o) => o.map((x) => x.textContent ?? ''));
    expect(await names()).toEqual([
      'Regional and municipal elections 2022',
      'Regional and municipal elections 2026',
    ]);
    // the language button switches back, and the URL follows
    await page.click('#lang');
    await page.waitForFunction(() =>
      document.getElementById('erm-bonus-line')?.textContent?.includes('con la mayoría'),
    );
    expect(new URL(page.url()).searchParams.get('lang')).toBeNull();
    expect(await page.textContent('#erm-runoffs-title')).toBe('Segundas vueltas regionales');
    expect(await names()).toContain('Regionales y municipales 2022');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a second-round count (FICTITIOUS fixture): votes, shares, margin, % counted; the winner only once settled, and the map colours that region', async () => {
    const { page, errors } = await open('?view=erm&erm=fixture-erm-runoff');
    // the manifest's basis, not its wording ("invented for the fixture"), marks the types inferred
    expect(await page.textContent('#erm-bytype')).toContain('Movimientos regionales (inferido)');
    const row = (r: string) =>
      page.locator(`#erm-runoffs tr[data-second-of="${r}"] td[data-second]`);
    // AMAZONAS: 60,000 – 40,000 with at most 5,000 still out → settled
    expect(await row('AMAZONAS').getAttribute('data-second')).toBe('decided');
    const amazonas = (await row('AMAZONAS').textContent()) ?? '';
    expect(amazonas).toContain('MOVIMIENTO A');
    expect(amazonas).toContain('60.000 %');
    expect(amazonas).toContain('40.000 %');
    expect(amazonas).toContain('20.00 pts.');
    expect(amazonas).toContain('95.000 %');
    expect(amazonas).toContain('Electo: MOVIMIENTO A');
    // CUSCO: 50,000 – 48,000 with 10,000 out → no winner shown
    expect(await row('CUSCO').getAttribute('data-second')).toBe('open');
    expect(await row('CUSCO').textContent()).toContain('sin ganador aún');
    expect(await row('CUSCO').textContent()).not.toContain('Electo');
    const map = (r: string) => page.locator(`#erm-map path[data-region="${r}"]`);
    expect(await map('AMAZONAS').getAttribute('data-outcome')).toBe('winner');
    expect(await map('AMAZONAS').getAttribute('data-party')).toBe('MOVIMIENTO A');
    expect(await map('AMAZONAS').getAttribute('fill')).not.toBe('url(#erm-runoff)');
    expect(await map('CUSCO').getAttribute('fill')).toBe('url(#erm-runoff)');
    // the drill: the governor decided in the second round; runoffs are not listed as councils
    await map('AMAZONAS').click();
    await page.waitForFunction(
      () => document.querySelector('#erm-governor')?.textContent?.includes('segunda') === true,
    );
    expect(await page.textContent('#erm-governor')).toBe(
      'Gobernador: MOVIMIENTO A (decidido en la segunda elección)',
    );
    expect(await page.isHidden('#erm-councils-block')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'erm-runoff-fixture-es.png'), fullPage: true });
    await page.click('#lang');
    await page.waitForFunction(
      () =>
        document
          .querySelector('#erm-runoffs td[data-second="open"]')
          ?.textContent?.includes('no winner yet') === true,
    );
    expect(await row('AMAZONAS').textContent()).toContain('Elected: MOVIMIENTO A');
    expect(errors).toEqual([]);
    await page.close();
  });
});
