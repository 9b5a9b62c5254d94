/// <reference lib="dom" />
// The votes at the JEE beside the margin (a poll-watcher's request, session 24): a unit's summary
// says how many votes its actas at the JEE hold and whether they alone reach the leader's margin,
// as arithmetic, never as a prediction (test/jee-night.ts). Failed on the old page: no such line.
import { describe, expect, it } from 'vitest';
import { jeeNightStore } from '../jee-night.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const env = useDashboard(() => jeeNightStore('cifra-browser-jee-margin-'));

describe("a unit's votes at the JEE beside its margin", () => {
  for (const [lang, code, line, reaches] of [
    [
      'es',
      '010101',
      '25 votos en actas observadas (JEE). Por sí solos alcanzan la ventaja del primero: podrían igualar o invertir el orden de los dos primeros.',
      'true',
    ],
    [
      'en',
      '010102',
      "10 votes in actas at the JEE. Alone they fall short of the leader's margin: they cannot change the order of the first two.",
      'false',
    ],
  ] as const)
    it(`${lang}, district ${code}: the votes held and whether they reach the margin`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=night&level=district&code=${code}&lang=${lang}`,
        390,
        { consoleErrors: true },
      );
      await page.waitForSelector('#unit-jee');
      expect(await page.textContent('#unit-jee')).toBe(line);
      expect(await page.getAttribute('#unit-jee', 'data-reaches')).toBe(reaches);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

  it('the nation: the votes held in every district, short of its margin', async () => {
    const { page, errors } = await openPage(env.browser, `${env.base}/?election=night`, 390);
    await page.waitForSelector('#unit-facts');
    // the nation: 35 held at the JEE against a margin of 70
    expect(await page.textContent('#unit-jee')).toContain('35 votos');
    expect(await page.getAttribute('#unit-jee', 'data-reaches')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
