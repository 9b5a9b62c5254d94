/// <reference lib="dom" />
// The dashboard in a real browser: Debian's Chromium driven by playwright-core (.ci/run installs
// it with apt when missing). Opens the page on the real 2021 data, checks the national numbers
// against the API, drills from the map to an acta, switches language, and saves screenshots to
// test-artifacts/ (look at them).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay2021, tempDir } from '../helpers.js';
import { ARTIFACTS, noSideScroll, openPage, storeWithCount, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const store = await storeWithCount(
    join(tempDir('cifra-browser-'), 'b.db'),
    [
      'pe-2021-congreso',
      'pe-2026-presidencial-distritos',
      'pe-2026-presidencial-segunda',
      'pe-2026-presidencial-segunda-2026-06-10',
    ],
    'pe-2021-presidencial',
  );
  // election night rehearsed: the same file replayed urban-first up to 50 %, with projections
  const rp = await replay2021(store, 'replay-2021', 0.5);
  expect(rp.ok).toBe(true);
  return store;
}, 300_000);

describe('dashboard', () => {
  it('shows the national numbers the API gives, drills from the map to an acta, and switches language', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=pe-2021-presidencial`,
      1400,
    );
    const api = (await (
      await fetch(`${env.base}/api/v1/results?election=pe-2021-presidencial&level=national`)
    ).json()) as {
      units: {
        valid: number;
        emitted: number;
        participation: string;
        choices: { id: string; votes: number; pctValid: string }[];
      }[];
    };
    const n = api.units[0];
    const castillo = n?.choices.find((c) => c.id === 'P16');
    expect(await page.getAttribute('li[data-choice="P16"] .votes', 'data-votes')).toBe(
      String(castillo?.votes),
    );
    expect(await page.textContent('li[data-choice="P16"] .pct')).toBe(`${castillo?.pctValid} %`);
    expect((await page.textContent('#total-valid'))?.replace(/\D/g, '')).toBe(String(n?.valid));
    expect((await page.textContent('#total-emitted'))?.replace(/\D/g, '')).toBe(String(n?.emitted));
    expect(await page.textContent('#participation')).toBe(`${n?.participation} %`);
    expect(await page.textContent('#outcome')).toContain('JOSE PEDRO CASTILLO TERRONES');
    expect(await page.locator('#map path').count()).toBe(26);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-national-es.png'), fullPage: true });

    // map → department (Cusco: RENIEC 07, INEI 08) → province → district → mesa → acta
    await page.click('#map path[data-level="department"][data-code="07"]');
    // the national list of departments is gone at once: nothing stale to click while Cusco loads
    expect(await page.locator('#children button[data-code="07"]').count()).toBe(0);
    await page.waitForFunction(() =>
      document.querySelector('#unit-name')?.textContent?.includes('CUSCO'),
    );
    await page.waitForFunction(
      () =>
        (document.querySelector('#children button[data-code]')?.getAttribute('data-code') ?? '')
          .length === 4,
    );
    await page.click('#children button[data-code^="07"]');
    await page.waitForFunction(
      () =>
        (document.querySelector('#children button[data-code]')?.getAttribute('data-code') ?? '')
          .length === 6,
    );
    await page.click('#children button[data-code^="07"]');
    await page.waitForSelector('#children button[data-mesa]');
    const mesa = await page.getAttribute('#children button[data-mesa]', 'data-mesa');
    await page.click('#children button[data-mesa]');
    await page.waitForSelector('#acta-title');
    expect(await page.textContent('#acta-title')).toContain(mesa ?? 'x');
    const acta = (await (
      await fetch(`${env.base}/api/v1/actas/${mesa}?election=pe-2021-presidencial`)
    ).json()) as {
      current: { stateLabel: string };
    };
    // the source's label where it adds to cifra's word: ONPE's CONTABILIZADA is the es word itself
    expect(acta.current.stateLabel).toBe('CONTABILIZADA');
    expect(await page.textContent('#acta-state')).toContain('Contabilizada');
    expect(await page.textContent('#acta-state')).not.toContain('(CONTABILIZADA)');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-acta.png'), fullPage: true });

    // Lima Metropolitana is its own shape, apart from Lima Provincias and Callao
    await page.click('#map path[data-level="circunscripcion"][data-code="15"]');
    await page.waitForFunction(() =>
      document.querySelector('#unit-name')?.textContent?.startsWith('LIMA'),
    );

    await page.click('#lang');
    await page.waitForFunction(
      () => document.querySelector('#summary-title')?.textContent === 'National result',
    );
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-national-en.png'), fullPage: true });

    // the official 2021 Congress: hemicycle of 130 seats and the valla; the 2026 runoff: provisional
    await page.click('#lang');
    await page.selectOption('#election', 'pe-2021-congreso');
    await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
    const seats = await page.$$eval('#hemicycle g[data-party]', (gs) =>
      gs.reduce((a, g) => a + Number(g.getAttribute('data-seats')), 0),
    );
    expect(seats).toBe(130);
    expect(await page.locator('#hemicycle circle.seat').count()).toBe(130);
    expect(await page.textContent('#seats-status')).toContain('autoridad electoral');
    expect(await page.textContent('#valla')).toContain('0602-2021');
    // a final result's valla is a fact: no "por ahora" (that is an open count's word)
    expect(await page.textContent('#seats-table')).toContain('sí');
    expect(await page.textContent('#seats-table')).not.toContain('por ahora');
    expect(await page.locator('#seats-by-district tr').count()).toBe(27);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-congress-2021.png'), fullPage: true });
    await page.selectOption('#election', 'pe-2026-presidencial-segunda-2026-06-10');
    await page.waitForFunction(
      () => document.querySelector('#provisional')?.textContent?.includes('provisionales') === true,
    );
    expect(await page.textContent('#provisional')).toContain('provisionales');
    // the count is not over: who leads and by how much, never a winner as a fact (issue #13)
    await page.waitForFunction(() =>
      document.querySelector('#outcome')?.textContent?.includes('lidera por'),
    );
    // a capture's cut is past: what was true at it, not "the count goes on" (new user's review)
    expect(await page.textContent('#outcome')).toContain(
      'No era un resultado: al corte, el conteo seguía.',
    );
    expect(await page.locator('#outcome-fact').count()).toBe(0);
    // the source's cut in Lima time (the 10 June capture, 06:24 UTC)
    expect(await page.textContent('#source-cut')).toContain('hora de Lima');
    // a snapshot without the vote abroad says so, as missing, not as zero
    expect(await page.textContent('#abroad-missing')).toContain('faltan');
    // … and the headline's % is said to be of the actas in Peru only, not the country's
    expect(await page.textContent('#lead')).toContain('actas en el Perú');
    // the status line gives the cut in Lima time too, not the raw UTC instant
    expect(await page.textContent('#provisional')).toMatch(
      /Corte: 10 jun\.? 2026, 01:24 \(hora de Lima\)/,
    );
    expect(await page.textContent('#provisional')).not.toContain('06:24:16Z');
    await page.screenshot({
      path: join(ARTIFACTS, 'dashboard-runoff-2026-provisional.png'),
      fullPage: true,
    });
    // the 2026 runoff at 100 %: final (not "official"), its source; blank and null only together;
    // the count's course with the lead changing hands
    await page.selectOption('#election', 'pe-2026-presidencial-segunda');
    await page.waitForSelector('#course:not([hidden]) #course-chart path.margin');
    expect(await page.textContent('#provisional')).toContain('Resultado final');
    expect(await page.textContent('#provisional')).toContain('iannblack');
    expect(await page.textContent('#provisional')).not.toContain('oficial');
    expect(await page.textContent('#provisional')).not.toContain('T03:16:49Z');
    expect(await page.locator('#lead').count()).toBe(0);
    expect(await page.textContent('#total-blank-null')).toBe('1,286,232');
    expect(await page.locator('#course-chart circle.lead-change').count()).toBeGreaterThan(0);
    // a finished count's map says who had the most votes in a unit, not who "leads" (review 20 L6)
    const tips = async (): Promise<string[]> =>
      page
        .locator('#map path[data-code]')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label') ?? ''));
    expect((await tips()).filter((x) => x.includes('con más votos')).length).toBeGreaterThan(20);
    expect((await tips()).filter((x) => x.includes(' lidera '))).toEqual([]);
    expect(await page.textContent('#about')).toContain('1625-2026-JNE');
    await page.screenshot({
      path: join(ARTIFACTS, 'dashboard-runoff-2026-final.png'),
      fullPage: true,
    });

    // the projection panel on a count under way: apart from the official count, labelled, with
    // the API's numbers and the history of the night
    await page.selectOption('#election', 'replay-2021');
    await page.waitForSelector(
      '#projection:not([hidden]) #projection-history-figure:not([hidden])',
    );
    const proj = (await (
      await fetch(`${env.base}/api/v1/projection?election=replay-2021`)
    ).json()) as {
      pctCounted: number;
      choices: { choice: string; median: number; lo90: number; hi90: number }[];
    };
    const lead = proj.choices[0];
    expect(
      await page.textContent(`#projection-bars li[data-choice="${lead?.choice}"] .interval-text`),
    ).toBe(`${lead?.median.toFixed(2)} % [${lead?.lo90.toFixed(2)}–${lead?.hi90.toFixed(2)}]`);
    expect(await page.textContent('#projection .disclaimer')).toContain(
      'no es un resultado oficial',
    );
    expect(await page.locator('#projection-history path[data-choice]').count()).toBe(3);
    expect(await page.locator('#projection-odds tr').count()).toBeGreaterThan(0);
    await page
      .locator('#projection')
      .screenshot({ path: join(ARTIFACTS, 'dashboard-projection.png') });
    // the official count of the same store is still the count, not the projection
    expect(await page.textContent('#progress')).toContain('50');
    // a rehearsal's slices are cut by the replay (cifra replay), said as the rehearsal's cut
    expect(await page.textContent('#source-cut')).toMatch(
      /^Corte del ensayo \(simulado por cifra\): 25 nov\.? 2026, 19:00 \(hora de Lima\)$/,
    );
    // a count of actas lacks no unit: abroad's mesas are pending, not missing (night review)
    expect(await page.locator('#abroad-missing').count()).toBe(0);
    expect(await page.textContent('#lead')).not.toContain('actas en el Perú');
    // a first round's headline gives the race that decides the pair: second against third
    const sum = (await (
      await fetch(`${env.base}/api/v1/elections/replay-2021/summary.json`)
    ).json()) as { leaders: { label: string }[]; runoffMargin: number };
    expect(sum.runoffMargin).toBeGreaterThan(0);
    expect(await page.textContent('#lead')).toContain(
      `Por el 2.º lugar, ${sum.leaders[1]?.label} supera a ${sum.leaders[2]?.label} por ${sum.runoffMargin.toLocaleString('en-US')} votos`,
    );
    // the count's course: this replay's first two (López Aliaga, De Soto) were the first two at
    // every update with votes, so the chart is their signed margin, with no leader legend
    // (test/browser/course-leaders.test.ts draws a course whose leaders were others)
    const course = (await (
      await fetch(`${env.base}/api/v1/count-course?election=replay-2021`)
    ).json()) as { points: { valid: number; votes: { id: string; votes: number }[] }[] };
    const topTwo = (p: (typeof course.points)[number]): string =>
      [...p.votes]
        .sort((a, b) => b.votes - a.votes)
        .slice(0, 2)
        .map((v) => v.id)
        .sort()
        .join();
    const counted = course.points.filter((p) => p.valid > 0);
    expect(new Set(counted.map(topTwo)).size).toBe(1);
    await page.waitForSelector(
      `#course:not([hidden]) #course-chart path.margin[data-points="${course.points.length}"]`,
    );
    expect(await page.getAttribute('#course-chart', 'data-kind')).toBe('pair');
    expect(await page.locator('#course-legend li').count()).toBe(0);
    await page.locator('#course').screenshot({ path: join(ARTIFACTS, 'dashboard-course-r1.png') });
    // while the count runs, the map's units are led, not won
    expect(
      (
        await page
          .locator('#map path[data-code]')
          .evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label') ?? ''))
      ).filter((x) => x.includes(' lidera ')).length,
    ).toBeGreaterThan(20);
    expect(await page.textContent('#projection-title')).toBe(
      'Proyección del resultado final (nacional)',
    );
    // a rehearsal says so in its status line (review 20 M1), and when it was updated in Lima time (M2)
    expect(await page.textContent('#provisional')).toMatch(/^ENSAYO: repetición del conteo/);
    expect(await page.textContent('#updated-ago')).toMatch(/\(hora de Lima\)/);

    // on a phone
    const { page: phone } = await openPage(env.browser, `${env.base}/`, 390);
    // with no election asked for, the latest final presidential result: the 2026 runoff
    expect(await phone.inputValue('#election')).toBe('pe-2026-presidencial-segunda');
    expect(await phone.textContent('#provisional')).toContain('Resultado final');
    expect(await noSideScroll(phone)).toBe(true);
    await phone.screenshot({ path: join(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 300_000);
});
