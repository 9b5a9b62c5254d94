/// <reference lib="dom" />
// Another country's page names none of Peru's bodies or laws (an adopter's review, session 25:
// "At the JEE", "Resuelta por el JEE", "LOE art. 363 … as ONPE does" on Ruritania's page): the
// bodies come from the jurisdiction's file (`authorities`), and Freedonia's names none, so its
// acta under review and its annulled acta read in neutral words, in both languages. Peru's words
// are its file's (test/web-authority-words.test.ts). Failed on the old page: "At the JEE".
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { mappedXf, XF_DIR, XF_ELECTION, manifestStore } from '../xf-fixture.js';
import { openPage, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-authorities-');
  // Freedonia with a state for an acta under review (its sources' label), no bodies named
  const folder = mappedXf({
    states: { COUNTED: 'counted', PENDING: 'pending', ANNULLED: 'annulled', 'UNDER REVIEW': 'jee' },
  });
  const later = join(dir, 'later.csv');
  writeFileSync(
    later,
    [
      'mesa,ubigeo,state,eligible,voters,blank,null,impugned,A,B,C,D',
      '00007,0101,UNDER REVIEW,500,400,0,0,0,200,100,50,50',
      '00008,0101,ANNULLED,500,300,0,300,0,0,0,0,0',
    ].join('\n') + '\n',
  );
  return manifestStore(join(dir, 'xf.db'), join(XF_DIR, 'xf-2026.json'), dirname(folder), [later]);
});

const PERU = /JEE|JNE|ONPE|LOE/;

describe("a jurisdiction that names no bodies: neutral words, never Peru's", () => {
  for (const [lang, review, annulled] of [
    [
      'es',
      'En revisión',
      'Acta anulada: sus votos no cuentan para ninguna opción; sus 300 votantes se registran como votos nulos.',
    ],
    [
      'en',
      'Under review',
      'Annulled acta: its votes count for no choice; its 300 voters are booked as null votes.',
    ],
  ] as const)
    it(`the progress strip, an acta under review and an annulled acta (${lang})`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${XF_ELECTION}&lang=${lang}`,
        390,
      );
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.textContent('#at-jee')).toContain(`${review}: 1`);
      expect(await page.textContent('#progress')).not.toMatch(PERU);
      await page.goto(`${env.base}/?election=${XF_ELECTION}&mesa=00007&lang=${lang}`);
      await page.waitForSelector('#acta-state');
      // the source's label after cifra's word only where it adds something: in English "UNDER
      // REVIEW" is the word itself, in Spanish it is the label to find on paper
      expect(await page.textContent('#acta-state')).toBe(
        lang === 'es' ? `${review} (UNDER REVIEW)` : review,
      );
      expect(await page.textContent('#acta')).not.toMatch(PERU);
      await page.goto(`${env.base}/?election=${XF_ELECTION}&mesa=00008&lang=${lang}`);
      await page.waitForSelector('#acta-state-note');
      expect(await page.textContent('#acta-state-note')).toBe(annulled);
      expect(await page.textContent('#acta')).not.toMatch(PERU);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});
