/// <reference lib="dom" />
// An acta checked against its paper copy (a poll-watcher's review, session 23): the acta shows its
// impugned votes (VOTOS_VI) as a row; its warnings in words with their figures (an acta at the
// JEE whose votes fall short of its voters says both numbers); a quarantined row's issues the
// same; the state in the page's language with ONPE's label after it; a version's time said as
// cifra's recording. Failed on the old code: no impugned row, no warnings, bare codes,
// "OBSERVADA" alone on the English page, an unlabelled time.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nightCsvStore } from '../night-csv.js';
import { openPage, useDashboard } from './harness.js';

// cifra's CSV (docs/ingest.md, NIGHT_HEADER): its states may be the source's labels, as ONPE
// writes them.
/** 230 voters written, 201 votes (120 + 75 + 4 + 2). */
const offBy29 = (mesa: string, state: string): string =>
  `${mesa},010101,${state},300,230,4,2,0,120,75`;

// 25 impugned among 130 voters; at the JEE an acta's arithmetic is a warning, counted the same
// figures are quarantined
const env = useDashboard(() =>
  nightCsvStore('cifra-browser-acta-words-', [
    {
      name: 'night.csv',
      rows: [
        '000001,010101,CONTABILIZADA,300,130,3,2,25,60,40',
        offBy29('000002', 'OBSERVADA'),
        offBy29('000003', 'CONTABILIZADA'),
      ],
    },
  ]),
);

const open = async (mesa: string, lang: 'es' | 'en'): Promise<{ page: Page; errors: string[] }> => {
  const o = await openPage(
    env.browser,
    `${env.base}/?election=night&mesa=${mesa}&lang=${lang}`,
    390,
  );
  await o.page.waitForSelector('#acta-title');
  return o;
};

const texts = (page: Page, css: string): Promise<string[]> => page.locator(css).allTextContents();

describe('an acta checked against its paper copy', () => {
  for (const [lang, row, warning, state] of [
    ['es', 'Votos impugnados25', 'El acta tiene votos impugnados pendientes: 25', 'Contabilizada'],
    [
      'en',
      'Impugned votes25',
      'The acta has impugned votes pending a ruling: 25',
      'Counted (CONTABILIZADA)',
    ],
  ] as const)
    it(`shows its impugned votes and their warning in words (${lang})`, async () => {
      const { page, errors } = await open('000001', lang);
      expect(await texts(page, '#acta > table tr[data-figure="impugned"]')).toEqual([row]);
      expect(await texts(page, '#acta-warnings li')).toEqual([warning]);
      expect(await page.textContent('#acta-state')).toBe(state);
      // the version's time is cifra's import, said so
      const version = (await texts(page, '#acta-history summary')).join('\n');
      expect(version).toContain(lang === 'es' ? 'registrada por cifra' : 'recorded by cifra');
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

  for (const [lang, warning, state] of [
    ['es', 'Los votos no suman el total de votantes: 201 frente a 230', 'En el JEE (OBSERVADA)'],
    [
      'en',
      'Votes do not add up to the voters (lists + blank + null + impugned ≠ voters): 201 against 230',
      'At the JEE (OBSERVADA)',
    ],
  ] as const)
    it(`an acta at the JEE: its state in the page's language, its arithmetic in words (${lang})`, async () => {
      const { page, errors } = await open('000002', lang);
      expect(await page.textContent('#acta-state')).toBe(state);
      expect(await texts(page, '#acta-warnings li')).toEqual([warning]);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

  it('a quarantined row says its issue in words with its figures, beside its code', async () => {
    const { page, errors } = await open('000003', 'es');
    await page.waitForSelector('#acta-quarantine');
    expect(await texts(page, '#acta-quarantine .issue[data-code="sheet_sum_mismatch"]')).toEqual([
      'sheet_sum_mismatch Los votos no suman el total de votantes: 201 frente a 230',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
