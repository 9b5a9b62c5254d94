/// <reference lib="dom" />
// An unresolved tie on the dashboard (Quetzalia, test/fixtures/xq: 12 seats, the last of Este
// tied between A and B with equal votes, no lot drawn): the chamber keeps its 12 seats and its
// majority of 7, the undecided seat is drawn and said as such, the district table says which
// seat is tied and between whom; the what-if panel alike. Spanish and English, phone and desktop.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/io/paths.js';
import { tempDir } from '../helpers.js';
import { manifestStore } from '../xf-fixture.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const XQ = join(PROJECT_ROOT, 'test', 'fixtures', 'xq');
const ELECTION = 'xq-2026-parlamento';

const env = useDashboard(() =>
  manifestStore(
    join(tempDir('cifra-browser-tie-'), 'xq.db'),
    join(XQ, 'xq-2026.json'),
    join(XQ, 'jurisdictions'),
  ),
);

interface SeatsDoc {
  result: {
    totalSeats: number;
    seats: Record<string, number>;
    districts: { district: string; unallocated: number }[];
    ties: { district: string; candidates: string[]; resolution: string }[];
  };
}

const WORDS = {
  es: { tie: 'Empate: Partido A / Partido B — escaño sin asignar', majority: 'mayoría: 7' },
  en: { tie: 'Tie: Partido A / Partido B — seat not allocated', majority: 'majority: 7' },
} as const;

describe('an unresolved tie', () => {
  it('the API reports it as the fixture works it by hand: 11 of 12 seats, Este tied A / B', async () => {
    const doc = (await (
      await fetch(`${env.base}/api/v1/seats?election=${ELECTION}`)
    ).json()) as SeatsDoc;
    expect(doc.result.totalSeats).toBe(12);
    expect(doc.result.seats).toEqual({ 'Partido A': 4, 'Partido B': 4, 'Partido C': 3 });
    expect(doc.result.ties).toMatchObject([
      { district: 'Este', candidates: ['Partido A', 'Partido B'], resolution: 'unresolved' },
    ]);
    expect(doc.result.districts.find((d) => d.district === 'Este')?.unallocated).toBe(1);
  });

  for (const lang of ['es', 'en'] as const)
    for (const width of [390, 1280])
      it(`${lang}, ${width} px: 12 seats with one hatched, majority 7, the tie in words and in the district table`, async () => {
        const { page, errors } = await openPage(
          env.browser,
          `${env.base}/?election=${ELECTION}&lang=${lang}`,
          width,
          { consoleErrors: true, timeout: 60_000 },
        );
        await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
        const w = WORDS[lang];
        // the chamber of its legal size: 11 seats allocated, 1 undecided, majority 7 of 12
        expect(await page.locator('#hemicycle circle.seat').count()).toBe(12);
        expect(await page.locator('#hemicycle circle.seat.undecided').count()).toBe(1);
        expect(await page.getAttribute('#hemicycle line.majority', 'data-majority')).toBe('7');
        expect(await page.textContent('#hemicycle text.majority-label')).toBe(w.majority);
        expect(await page.textContent('#hemicycle text.total')).toBe('12');
        expect(await page.textContent('#hemicycle g.undecided title')).toBe(`${w.tie} (Este)`);
        expect(await page.getAttribute('#hemicycle', 'aria-label')).toContain(w.tie);
        // the seats table adds up to 12: a row for the undecided seat
        expect(await page.textContent('#seats-table tr.undecided .seats-cifra')).toBe('1');
        expect(await page.textContent('#seats-table tr.undecided')).toContain(w.tie);
        // said in words beside the hemicycle
        expect(await page.isVisible('#seats-ties')).toBe(true);
        expect(await page.textContent('#seats-ties')).toContain(`${w.tie} (Este)`);
        // the district table: Este's third seat, tied between A and B; the others allocated
        await page.click('#by-district summary');
        const este = page.locator('#seats-by-district tr[data-district="Este"] td.unallocated');
        expect(await este.textContent()).toBe(w.tie);
        const norte = page.locator('#seats-by-district tr[data-district="Norte"] td.unallocated');
        expect(await norte.textContent()).toBe('');
        if (width < 500) expect(await noSideScroll(page)).toBe(true);
        await page.screenshot({
          path: join(ARTIFACTS, `tie-${lang}-${width}.png`),
          fullPage: true,
        });
        expect(errors).toEqual([]);
      }, 120_000);

  it('the what-if panel under the same rules draws the same 12 seats and says the tie', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=${ELECTION}`, 390, {
      consoleErrors: true,
      timeout: 60_000,
    });
    await page.waitForSelector('#what-if:not([hidden])');
    await page.click('#what-if-form button[type="submit"]');
    await page.waitForSelector('#wi-hemicycle circle.seat');
    expect(await page.locator('#wi-hemicycle circle.seat').count()).toBe(12);
    expect(await page.locator('#wi-hemicycle circle.seat.undecided').count()).toBe(1);
    expect(await page.getAttribute('#wi-hemicycle line.majority', 'data-majority')).toBe('7');
    expect(await page.textContent('#wi-ties')).toContain(`${WORDS.es.tie} (Este)`);
    expect(await noSideScroll(page)).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);
});
