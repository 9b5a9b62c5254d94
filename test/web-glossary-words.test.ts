// The dashboard's words for the places of the vote, as the glossary has them: a mesa is "mesa" in
// both languages (the glossary's term, as the CLI and the acta's issue words say it; "polling
// table" is only its gloss, in brackets after it), a local de votación a "polling place"; never
// "polling station".
import { describe, expect, it } from 'vitest';
import { MESA } from '../src/core/model/jurisdiction.js';
import { listJurisdictions, requireJurisdiction } from '../src/jurisdictions/load.js';
import { STRINGS } from '../web/i18n.js';

/** Each string of a language, a function's with placeholder arguments. */
function texts(lang: 'es' | 'en'): Map<string, string> {
  return new Map(
    Object.entries(STRINGS[lang]).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : String((v as (...a: unknown[]) => unknown)('1', '2', '3')),
    ]),
  );
}

describe('the words for mesas and polling places', () => {
  const es = texts('es');
  const en = texts('en');

  it('English names no "polling station", "polling table" or "voting table" (but the gloss)', () => {
    const odd = [...en].filter(([, s]) =>
      /polling (station|table|cent)|voting (table|station)/i.test(
        s.replace(/\bmesa \(polling table\)/gi, ''),
      ),
    );
    expect(odd).toEqual([]);
  });

  it('a string that says "mesa" in Spanish says "mesa" in English too', () => {
    const lost = [...es]
      .filter(([, s]) => /\bmesas?\b/i.test(s))
      .filter(([k]) => !/\bmesas?\b/i.test(en.get(k) ?? ''))
      .map(([k]) => k);
    expect(lost).toEqual([]);
  });

  it('"local de votación" is "polling place"', () => {
    const lost = [...es]
      .filter(([, s]) => /locales? de votación/i.test(s))
      .filter(([k]) => !/polling places?/i.test(en.get(k) ?? ''))
      .map(([k]) => k);
    expect(lost).toEqual([]);
    expect([...es].filter(([, s]) => /local de sufragio|centro de votación/i.test(s))).toEqual([]);
  });

  it('every jurisdiction\'s mesa level is labelled "Mesa" in both languages (places.json, the CLI)', () => {
    for (const j of listJurisdictions())
      expect(requireJurisdiction(j).levels.find((l) => l.id === MESA)?.labels).toEqual({
        es: 'Mesa',
        en: 'Mesa',
      });
  });
});
