// `cifra president` names who settles a tie in the ruleset's jurisdiction's words
// (core/authority-words.ts): Peru's JNE for a Peruvian ruleset, neutral words for another one —
// a Ruritanian tie said "requires a JNE decision", session 26. And `cifra seats` of a Ruritania
// store names none of Peru's bodies or laws.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';
import { copyRt, rtCliStore } from './rt-fixture.js';

const PERU = /JEE|JNE|ONPE|LOE/;
const dir = tempDir('cifra-cli-president-words-');
const tie = join(dir, 'tie.csv');
const rtRules = join(dir, 'rt-president.json');
const db = join(dir, 'rt.db');

beforeAll(async () => {
  writeFileSync(tie, 'candidate,votes\nA,10\nB,10\n');
  // Ruritania's runoff: Peru's runoff ruleset with Ruritania's id and jurisdiction, no nullity
  const pe = JSON.parse(
    readFileSync('data/rulesets/pe-2021-presidencial-segunda.json', 'utf8'),
  ) as Record<string, unknown>;
  delete pe['nullity'];
  delete pe['options'];
  writeFileSync(rtRules, JSON.stringify({ ...pe, id: 'rt-president', jurisdiction: 'rt' }));
  await rtCliStore(copyRt(join(dir, 'rt')), db);
});

describe("who settles a tie, in the jurisdiction's words", () => {
  for (const lang of ['en', 'es'] as const)
    it(`${lang}: a Ruritanian tie names no JNE; a Peruvian one does`, async () => {
      const rt = await cli('president', '--rules', rtRules, '--votes', tie, '--lang', lang);
      expect(rt.code).toBe(1);
      expect(`${rt.out}\n${rt.err}`).not.toMatch(PERU);
      expect(rt.out).toContain(
        lang === 'en'
          ? 'Tie: for the electoral authority to resolve — runoff round: A, B'
          : 'Empate: lo resuelve la autoridad electoral — segunda vuelta: A, B',
      );
      const pe = await cli(
        'president',
        ...['--rules', 'pe-2026-presidencial-segunda', '--votes', tie, '--lang', lang],
      );
      expect(pe.out).toContain(lang === 'en' ? 'Tie: the JNE decides' : 'Empate: decide el JNE');
    });

  it("cifra seats of a Ruritania store: none of Peru's bodies or laws", async () => {
    for (const lang of ['en', 'es']) {
      const r = await cli('seats', '--election', 'rt-2026-parlament', '--db', db, '--lang', lang);
      expect(r.code, r.err).toBe(0);
      expect(`${r.out}\n${r.err}`).not.toMatch(PERU);
    }
  });

  it("cifra demo: Spain's section in Spain's words and grouping, Peru's in Peru's", async () => {
    const r = await cli('demo');
    expect(r.code, r.err).toBe(0);
    const [peru = '', spain = ''] = r.out.split('=== Spain 2023');
    // Spain 2023: PP 8,160,837 votes, 33.327 % (data/spain/2023, votes_congreso_2023.csv summed)
    expect(spain).toMatch(/│ PP +│ 8\.160\.837 │ 33,327 +│ 137 +│/);
    expect(spain).not.toMatch(PERU);
    // Peru 2021: 14,400,630 valid votes (ONPE's open data by mesa, data/peru/2021)
    expect(peru).toContain('valid votes 14,400,630');
  });
});
