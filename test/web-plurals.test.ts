// Counts on the dashboard take their noun's number (review of 2026-12-01: "local de votación
// (1 mesas)"): every interface string that interpolates, in both languages, is called with a
// count of 1 (as a number and formatted, "1") and with 2, and read for a noun in the wrong number.
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../web/i18n.js';

/** Plural nouns that a count of 1 must not take, and singular ones that 2 must not. */
const PLURAL =
  /(?<![\d.,])1 (mesas|votos|votes|listas|lists|actas|regiones|regions|circunscripciones|districts|escaños|seats|unidades|units|cambios|changes|electores|electors|votantes|voters)\b/;
const SINGULAR =
  /(?<![\d.,])2 (mesa|voto|vote|lista|list|acta|región|region|circunscripción|district|escaño|seat|unidad|unit|cambio|change|elector|voter|votante)\b(?! (?:of|de)\b)/;

const calls = (f: (...a: never[]) => unknown, n: number | string): string =>
  String((f as (...a: (number | string)[]) => unknown)(...Array<number | string>(6).fill(n)));

describe('counts in the interface strings', () => {
  for (const [lang, strings] of Object.entries(STRINGS))
    it(`${lang}: 1 takes the singular, 2 the plural`, () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const [key, value] of Object.entries(strings)) {
        if (typeof value !== 'function') continue;
        checked++;
        for (const n of [1, '1']) {
          const text = calls(value as (...a: never[]) => unknown, n);
          if (PLURAL.test(text)) wrong.push(`${key}(${JSON.stringify(n)}): ${text}`);
        }
        const two = calls(value as (...a: never[]) => unknown, 2);
        if (SINGULAR.test(two)) wrong.push(`${key}(2): ${two}`);
      }
      expect(checked).toBeGreaterThan(30);
      expect(wrong).toEqual([]);
    });
});
