/// <reference lib="dom" />
// Seats a partial count does not settle, drawn and said as open (rings, "N escaños aún abiertos")
// in every hemicycle of the Congress view, by one rule (web/undecided.ts seatsOpen): the what-if's
// on the same votes as the main one's, the third party's Deputies composition allocated on ~86 %
// of actas (provisional, not official, its source named), and cifra's seats on a third party's
// votes short of 100 % of actas. A final count keeps filled dots. Screenshots go to test-artifacts/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import {
  DISTRICTS,
  LISTS,
  VOTES,
  putListElection,
  thirdPartySeats,
  writeStyleRuleset,
} from '../list-election.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

/** Small list elections of 14 seats on the same votes, each with its source's status and %. */
const LIST_ELECTIONS = [
  { id: 'test-provisional-60', status: 'provisional', pctCounted: '60.000' },
  { id: 'test-third-party-70', status: 'third-party', pctCounted: '70.000' },
  { id: 'test-third-party-100', status: 'third-party', pctCounted: '100.000' },
] as const;

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-open-seats-');
  const store = new SqliteStore(join(dir, 'o.db'));
  await store.migrate();
  for (const id of ['pe-2026-diputados', 'pe-2026-senado', 'es-2023-congreso'])
    expect((await putPublishedElection(store, id)).ok, id).toBe(true);
  const ruleset = writeStyleRuleset(dir);
  // a third party's seats table alone (no computation of cifra's), allocated on 80 % of actas
  await putListElection(store, {
    id: 'test-seats-table-80',
    status: 'third-party',
    pctCounted: '80.000',
    seats: thirdPartySeats('80.000'),
    ruleset,
    districts: DISTRICTS,
    lists: LISTS,
    votes: VOTES,
  });
  for (const e of LIST_ELECTIONS)
    await putListElection(store, {
      ...e,
      ruleset,
      districts: DISTRICTS,
      lists: LISTS,
      votes: VOTES,
    });
  return store;
});

// console errors too on the bundled elections (the test ones have no manifest: a document 404s)
const open = (path: string, width: number): Promise<{ page: Page; errors: string[] }> =>
  openPage(env.browser, `${env.base}${path}`, width, { consoleErrors: !path.includes('=test-') });

/** A hemicycle's marks: seats drawn as rings (open) and as filled dots (decided). */
const marks = (page: Page, svg: string): Promise<{ rings: number; filled: number }> =>
  page.$eval(svg, (s) => {
    const seats = Array.from(s.querySelectorAll('circle.seat:not(.undecided)'));
    const rings = seats.filter(
      (c) => c.getAttribute('fill') === '#ffffff' && c.hasAttribute('stroke'),
    );
    return { rings: rings.length, filled: seats.length - rings.length };
  });

const WORDS = {
  es: { open: (n: number) => `${n} escaños aún abiertos`, still: 'aún abierto' },
  en: { open: (n: number) => `${n} seats still open`, still: 'still open' },
} as const;

/** Runs the what-if the URL asks for on load and waits for its hemicycle. */
async function whatIf(page: Page): Promise<void> {
  await page.waitForSelector('#wi-table tbody tr');
  await page.waitForSelector('#wi-hemicycle circle.seat');
}

describe('the what-if hemicycle says what the main one says of open seats', () => {
  for (const [id, lang, width, seats] of [
    // cifra's seats from ONPE's votes at 85.991 % of actas (computed-by-cifra)
    ['pe-2026-diputados', 'es', 1400, 130],
    ['pe-2026-diputados', 'en', 390, 130],
    // a count under way at 60 %
    ['test-provisional-60', 'es', 390, 14],
    ['test-provisional-60', 'en', 1400, 14],
  ] as const)
    it(`${id} (${lang}, ${width} px): ${seats} rings in both, "${WORDS[lang].open(seats)}" under and in the name`, async () => {
      const { page, errors } = await open(`/?election=${id}&lang=${lang}&valla=4&min=0`, width);
      await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
      await whatIf(page);
      const main = await marks(page, '#hemicycle');
      const wi = await marks(page, '#wi-hemicycle');
      expect(main).toEqual({ rings: seats, filled: 0 });
      // the old panel drew the what-if as a full parliament: 0 rings, every seat filled
      expect(wi).toEqual({ rings: seats, filled: 0 });
      const words = WORDS[lang].open(seats);
      expect(await page.textContent('#wi-result-cap')).toContain(words);
      expect(await page.locator('#wi-result-cap .ring').count()).toBe(1);
      expect(await page.getAttribute('#wi-hemicycle', 'aria-label')).toContain(words);
      expect(await noSideScroll(page)).toBe(true);
      await page
        .locator('#wi-result-figure')
        .screenshot({ path: join(ARTIFACTS, `what-if-open-${id}-${lang}-${width}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);

  it('a final count: the what-if keeps filled dots and says nothing of open seats', async () => {
    const { page, errors } = await open('/?election=es-2023-congreso&valla=5', 1400);
    await whatIf(page);
    expect(await marks(page, '#wi-hemicycle')).toEqual({ rings: 0, filled: 350 });
    expect(await page.textContent('#wi-result-cap')).toBe('Con las reglas cambiadas');
    expect(await page.getAttribute('#wi-hemicycle', 'aria-label')).not.toContain('abierto');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe("the third party's Deputies composition at ~86 % of actas cannot be read as final", () => {
  for (const [lang, width, status, official, source] of [
    [
      'es',
      1400,
      'provisional: reparto sobre el 85.991 % de actas',
      'no es un resultado oficial',
      'Fuente: un simulador público de escaños',
    ],
    [
      'en',
      390,
      'provisional: allocated on 85.991 % of actas',
      'not an official result',
      'Source: a public seat simulator',
    ],
  ] as const)
    it(`${lang}, ${width} px: 130 rings, "${status}", "${official}", its source`, async () => {
      const doc = (await (
        await fetch(`${env.base}/api/v1/seats?election=pe-2026-diputados`)
      ).json()) as { reported: { kind: string; pctCounted?: string } };
      expect(doc.reported).toMatchObject({ kind: 'third-party', pctCounted: '85.991' });
      const { page, errors } = await open(`/?election=pe-2026-diputados&lang=${lang}`, width);
      await page.waitForSelector('#hemi-reported:not([hidden]) #hemicycle-reported circle.seat');
      expect(await marks(page, '#hemicycle-reported')).toEqual({ rings: 130, filled: 0 });
      const cap = (await page.textContent('#hemi-reported-cap')) ?? '';
      for (const words of [status, official, source, WORDS[lang].open(130)])
        expect(cap).toContain(words);
      expect(await page.locator('#hemi-reported-cap small.source').isVisible()).toBe(true);
      const name = (await page.getAttribute('#hemicycle-reported', 'aria-label')) ?? '';
      for (const words of [status, official, WORDS[lang].open(130)]) expect(name).toContain(words);
      expect(await noSideScroll(page)).toBe(true);
      await page
        .locator('#congress .hemicycles')
        .screenshot({ path: join(ARTIFACTS, `congress-reported-open-${lang}-${width}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});

describe("cifra's seats on a third party's votes: open below 100 % of actas, decided at 100 %", () => {
  for (const [id, lang, width, rings] of [
    ['test-third-party-70', 'es', 1400, 14],
    ['test-third-party-70', 'en', 390, 14],
    ['test-third-party-100', 'es', 390, 0],
  ] as const)
    it(`${id} (${lang}, ${width} px): ${rings} rings of 14`, async () => {
      const doc = (await (await fetch(`${env.base}/api/v1/seats?election=${id}`)).json()) as {
        status: { kind: string; pctCounted: string | null };
      };
      expect(doc.status.kind).toBe('third-party');
      const { page, errors } = await open(`/?election=${id}&lang=${lang}`, width);
      await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
      expect(await marks(page, '#hemicycle')).toEqual({ rings, filled: 14 - rings });
      const cap = (await page.textContent('#hemi-main-cap')) ?? '';
      const name = (await page.getAttribute('#hemicycle', 'aria-label')) ?? '';
      if (rings > 0) {
        expect(cap).toContain(WORDS[lang].open(rings));
        expect(name).toContain(WORDS[lang].open(rings));
      } else {
        expect(cap).not.toContain(WORDS[lang].still);
        expect(name).not.toContain(WORDS[lang].still);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});

describe("a third party's seats table alone, allocated on 80 % of actas", () => {
  for (const [lang, width, status] of [
    ['es', 390, 'provisional: reparto sobre el 80.000 % de actas'],
    ['en', 1400, 'provisional: allocated on 80.000 % of actas'],
  ] as const)
    it(`${lang}, ${width} px: 14 rings, "${status}" in its status line`, async () => {
      const doc = (await (
        await fetch(`${env.base}/api/v1/seats?election=test-seats-table-80`)
      ).json()) as { kind: string; result: { pctCounted?: string } };
      expect(doc).toMatchObject({ kind: 'third-party', result: { pctCounted: '80.000' } });
      const { page, errors } = await open(`/?election=test-seats-table-80&lang=${lang}`, width);
      await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
      expect(await marks(page, '#hemicycle')).toEqual({ rings: 14, filled: 0 });
      expect(await page.textContent('#seats-status')).toContain(status);
      expect(await page.textContent('#hemi-main-cap')).toContain(WORDS[lang].open(14));
      expect(await page.getAttribute('#hemicycle', 'aria-label')).toContain(WORDS[lang].open(14));
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});

describe("a circunscripción's seats in the drill carry the national seats' status (review s34)", () => {
  // the unit view said "Escaños: 32" and nothing else while the hemicycle said all 130 were open
  for (const [id, code, lang, width, n, words, pct] of [
    [
      'pe-2026-diputados',
      '15',
      'es',
      1400,
      32,
      '32 escaños aún abiertos',
      '85.991 % de actas contabilizadas',
    ],
    ['pe-2026-senado', '23', 'en', 390, 1, '1 seat still open', '85.920 % of actas counted'],
    [
      'test-third-party-70',
      '15',
      'es',
      390,
      7,
      '7 escaños aún abiertos',
      '70.000 % de actas contabilizadas',
    ],
  ] as const)
    it(`${id} circunscripción ${code} (${lang}, ${width} px): "${words}", on ${pct}`, async () => {
      const doc = (await (await fetch(`${env.base}/api/v1/seats?election=${id}`)).json()) as {
        open: boolean;
        status: { pctCounted: string };
      };
      // the premise: the seats document itself says they are open, on that % of actas
      expect(doc.open).toBe(true);
      expect(pct).toContain(doc.status.pctCounted);
      const { page, errors } = await open(
        `/?election=${id}&level=circunscripcion&code=${code}&lang=${lang}`,
        width,
      );
      await page.waitForSelector('#unit-seats-open');
      const facts = (await page.textContent('#unit-facts')) ?? '';
      expect(facts).toContain(lang === 'es' ? `Escaños: ${n}` : `Seats: ${n}`);
      const line = (await page.textContent('#unit-seats-open')) ?? '';
      // the national hemicycle's words for open seats, with the % of actas they rest on
      expect(line).toContain(words);
      expect(line).toContain(pct);
      expect(line).toContain(lang === 'es' ? 'según lo contado' : 'on the votes counted');
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);

  for (const [id, level, code] of [
    ['test-third-party-100', 'circunscripcion', '15'],
    ['es-2023-congreso', 'province', '28'],
  ] as const)
    it(`${id}: seats at 100 % of actas or final are not called open in the drill`, async () => {
      const { page, errors } = await open(`/?election=${id}&level=${level}&code=${code}`, 1400);
      await page.waitForFunction(() =>
        document.querySelector('#unit-facts')?.textContent?.includes('Escaños:'),
      );
      expect(await page.locator('#unit-seats-open').count()).toBe(0);
      expect(await page.textContent('#unit')).not.toContain('abierto');
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});
