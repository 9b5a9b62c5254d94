/// <reference lib="dom" />
// A pending mesa on the page: its acta says "por contabilizar"/"to be counted" (pending) and that
// it has no figures yet, never a table of zeros — the page reads the acta (the mesa-level results it matches say null:
// test/results-mesa-pending.test.ts). An annulled acta and a mesa not installed say their state's
// meaning in words, no table of zeros either (test/results-mesa-states.test.ts). In Spanish and
// English, on a phone.
import { describe, expect, it } from 'vitest';
import { nightJsonStore } from '../night-csv.js';
import { openPage, useDashboard } from './harness.js';

const acta = (mesa: string, counted: boolean): string =>
  JSON.stringify({
    mesa,
    ubigeo: '010101',
    state: counted ? 'counted' : 'pending',
    eligible: 300,
    voters: counted ? 105 : null,
    votes: counted ? { FP: 60, JP: 40 } : null,
    blank: counted ? 3 : 0,
    null: counted ? 2 : 0,
  });
// an annulled acta as ONPE books it (its voters as null votes, each list at 0), and a mesa not
// installed as ONPE's open data gives it (zeros): neither a count of zero on the page
const zeros = (mesa: string, state: string, nul: number): string =>
  JSON.stringify({
    mesa,
    ubigeo: '010101',
    state,
    eligible: 300,
    voters: nul,
    votes: { FP: 0, JP: 0 },
    blank: 0,
    null: nul,
  });

const env = useDashboard(() =>
  nightJsonStore('cifra-browser-mesa-pending-', [
    [
      acta('000001', true),
      acta('000003', false),
      zeros('000002', 'annulled', 90),
      zeros('000004', 'not_installed', 0),
    ],
  ]),
);

describe('a pending mesa on the page', () => {
  for (const [lang, state, none] of [
    ['es', 'por contabilizar', 'sin cifras: esta acta aún no trae votos'],
    ['en', 'to be counted', 'no figures: this acta carries no votes yet'],
  ] as const)
    it(`says ${state}, no zeros (${lang})`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=night&mesa=000003&lang=${lang}`,
        390,
      );
      await page.waitForSelector('#acta-state');
      expect((await page.textContent('#acta-state'))?.toLowerCase()).toContain(state);
      expect((await page.textContent('#acta-no-figures'))?.toLowerCase()).toContain(none);
      expect(await page.locator('#acta > table').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});

describe('an annulled acta and a mesa not installed on the page', () => {
  for (const [lang, mesa, words] of [
    [
      'es',
      '000002',
      'acta anulada: sus votos no cuentan para ninguna opción (votación de mesa anulada, loe art. 363); sus 90 votantes',
    ],
    [
      'en',
      '000002',
      "annulled acta: its votes count for no choice (a mesa's vote annulled, loe art. 363); its 90 voters",
    ],
    ['es', '000004', 'mesa no instalada: aquí nadie votó, así que no hay votos (no son ceros)'],
    ['en', '000004', 'mesa not installed: nobody voted here, so there are no votes (not zeros)'],
  ] as const)
    it(`mesa ${mesa} says its state in words, no table of zeros (${lang})`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=night&mesa=${mesa}&lang=${lang}`,
        390,
      );
      await page.waitForSelector('#acta-state-note');
      expect((await page.textContent('#acta-state-note'))?.toLowerCase()).toContain(words);
      expect(await page.locator('#acta > table').count()).toBe(0);
      expect(await page.locator('#acta-no-figures').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});
