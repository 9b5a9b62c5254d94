// The English dashboard as a foreign adopter reads it (review of round 26): Peru's terms keep
// their glossary name but are glossed where the page first says them ("Actas (tally sheets)",
// "Mesa (polling table)"), a circunscripción is an "electoral district" inside an English sentence,
// and a time is said in the reader's language: no English city name inside a Spanish sentence.
import { afterEach, describe, expect, it } from 'vitest';
import { STRINGS } from '../web/i18n.js';
import { zoneTime } from '../web/live.js';
import { state } from '../web/ui.js';

/** Each English string, a function's with placeholder arguments. */
const english = Object.entries(STRINGS.en).map(([k, v]) => [
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
  afterEach(() => {
    state.lang = 'es';
  });
  const at = '2026-05-02T12:00:00Z';

  it("Spanish names a city in Spanish, or the zone's id when cifra has no Spanish name for it", () => {
    state.lang = 'es';
    expect(zoneTime(at, 'Europe/Vienna')).toMatch(/14:00 \(hora de Viena\)$/);
    expect(zoneTime(at, 'America/Lima')).toMatch(/07:00 \(hora de Lima\)$/);
    expect(zoneTime(at, 'Asia/Kolkata')).toMatch(/17:30 \(hora de Asia\/Kolkata\)$/);
    expect(zoneTime(at, 'UTC')).toMatch(/12:00 \(UTC\)$/);
  });

  it('English keeps the city of the zone id', () => {
    state.lang = 'en';
    expect(zoneTime(at, 'Europe/Vienna')).toBe('2 May 2026, 14:00 (Vienna time)');
    expect(zoneTime(at, 'Asia/Kolkata')).toBe('2 May 2026, 17:30 (Kolkata time)');
  });
});
