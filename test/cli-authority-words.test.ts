// The CLI names the bodies of the election's jurisdiction (its file's `authorities`, the
// dashboard's words: core/authority-words.ts), neutral words where it names none: a Ruritania
// store's `cifra results` and `cifra acta` name no JEE, JNE, ONPE nor LOE (they did, session 26).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { ingestRt } from './rt-store.js';

const RT = 'test/fixtures/rt';
const PERU = /JEE|JNE|ONPE|LOE/;
const dir = tempDir('cifra-cli-authority-words-');
const db = join(dir, 'rt.db');

beforeAll(async () => {
  cpSync(RT, join(dir, 'rt'), { recursive: true });
  // Ruritania's sources send an acta to review (REVIEW) as Peru's do to the JEE
  const file = join(dir, 'rt/jurisdictions/rt/jurisdiction.json');
  const j = JSON.parse(readFileSync(file, 'utf8')) as { states: Record<string, string> };
  writeFileSync(file, JSON.stringify({ ...j, states: { ...j.states, REVIEW: 'jee' } }));
  const actas = join(dir, 'rt/actas.csv');
  writeFileSync(
    actas,
    `${readFileSync(actas, 'utf8').trimEnd()}\n0002,101,REVIEW,800,700,5,3,0,300,200,100,50,42\n0003,101,ANNULLED,800,600,0,0,0,0,0,0,0,0\n`,
  );
  await ingestRt(dir, db);
});

const run = async (...argv: string[]): Promise<string> => {
  const r = await cli(...argv, '--db', db);
  expect(r.code, r.err).toBe(0);
  return r.out;
};

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
