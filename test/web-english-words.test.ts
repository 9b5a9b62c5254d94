// The English dashboard as a foreign adopter reads it (review of round 26): Peru's terms keep
// their glossary name but are glossed where the page first says them ("Actas (tally sheets)",
// "Mesa (polling table)"), a circunscripción is an "electoral district" inside an English sentence,
// and a time is said in the reader's language: no English city name inside a Spanish sentence.
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../web/i18n.js';
import { zoneLabel } from '../web/zone-label.js';

/** Each English string, a function's with placeholder arguments. */
const english = Object.entries(STRINGS.en).map(([k, v]): [string, string] => [
  k,
  typeof v === 'string' ? v : String((v as (...a: unknown[]) => unknown)('1', '2', '3')),
]);

describe("the English dashboard's words", () => {
  it('glosses actas and mesas where the count strip and the search first say them', () => {
    expect(STRINGS.en.actasProcessed).toBe('Actas (tally sheets) processed');
    expect(STRINGS.en.actasBySource).toBe('Actas (tally sheets) counted, as the source states');
    expect(STRINGS.en.searchPlaceholder).toBe('Mesa (polling table) number or name');
  });

  it('says "electoral district", never "circunscripción", in an English sentence', () => {
    expect(english.filter(([, s]) => /circunscrip/i.test(s))).toEqual([]);
    expect(STRINGS.en.seatsUnplaced('A', 1, 'X / Y')).toContain(
      'pooled seat in no electoral district',
    );
  });
});

describe('the zone a time is said in', () => {
  const at = new Date('2026-05-02T12:00:00Z');

  it("Spanish names a city in Spanish, or the zone's id when cifra has no Spanish name for it", () => {
    expect(zoneLabel('Europe/Vienna', at, 'es')).toBe('hora de Viena');
    expect(zoneLabel('America/Lima', at, 'es')).toBe('hora de Lima');
    expect(zoneLabel('Asia/Kolkata', at, 'es')).toBe('hora de Asia/Kolkata');
    expect(zoneLabel('UTC', at, 'es')).toBe('UTC');
  });

  it('English keeps the city of the zone id', () => {
    expect(zoneLabel('Europe/Vienna', at, 'en')).toBe('Vienna time');
    expect(zoneLabel('Asia/Kolkata', at, 'en')).toBe('Kolkata time');
  });
});
