// The CLI names the bodies of the election's jurisdiction (its file's `authorities`, the
// dashboard's words: core/authority-words.ts), neutral words where it names none: a Ruritania
// store's `cifra results` and `cifra acta` name no JEE, JNE, ONPE nor LOE (they did, session 26).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { copyRt, rtCliStore } from './rt-fixture.js';

const PERU = /JEE|JNE|ONPE|LOE/;
const dir = tempDir('cifra-cli-authority-words-');
let run: (...argv: string[]) => Promise<string>;

beforeAll(async () => {
  const rt = copyRt(join(dir, 'rt'), {
    // Ruritania's sources send an acta to review (REVIEW) as Peru's do to the JEE
    jurisdiction: (j) => ({ ...j, states: { ...(j['states'] as object), REVIEW: 'jee' } }),
    moreActas: [
      '0002,101,REVIEW,800,700,5,3,0,300,200,100,50,42',
      '0003,101,ANNULLED,800,600,0,0,0,0,0,0,0,0',
    ],
  });
  run = await rtCliStore(rt, join(dir, 'rt.db'));
});

describe('cifra results and acta in the words of a jurisdiction that names no bodies', () => {
  for (const lang of ['en', 'es'] as const)
    it(`${lang}: a unit, a level and two actas name none of Peru's bodies or laws`, async () => {
      const unit = await run('results', '--level', 'municipality', '--code', '101', '--lang', lang);
      const level = await run('results', '--level', 'municipality', '--lang', lang);
      const review = await run('acta', '0002', '--lang', lang);
      const annulled = await run('acta', '0003', '--lang', lang);
      for (const text of [unit, level, review, annulled]) expect(text).not.toMatch(PERU);
      if (lang === 'en') {
        expect(unit).toContain('under review: 700 voters of its actas');
        expect(level).toContain('voters under review');
        expect(review).toContain('state under review (REVIEW)');
        expect(annulled).toContain(
          'annulled acta: its votes count for no choice; its 600 voters are booked as null votes',
        );
      } else {
        expect(unit).toContain('en revisión: 700 votantes de sus actas');
        expect(review).toContain('En revisión (REVIEW)');
      }
    });
});
