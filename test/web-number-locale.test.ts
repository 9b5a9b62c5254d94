/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The dashboard writes every decimal as the election's jurisdiction does (session 28): Spain
// es-ES 50,13 beside 8.836.380 votes, Peru es-PE 50.13 beside 8,836,380. The projection's
// intervals, the course's axis, the headline's probabilities and the status line's % wrote a dot
// whatever the locale (toFixed); they now go through the one formatter (web/ui.ts fmt).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statusLine } from '../web/figures-status.js';
import { probText } from '../web/headline.js';
import { decimalText, fmt, state } from '../web/ui.js';
import type { Places, Summary } from '../web/api-client.js';

/** The page's state as an election of a jurisdiction with this locale leaves it. */
const inLocale = (locale: string): void => {
  state.places = { jurisdiction: { locale } } as unknown as Places;
};

afterEach(() => {
  state.places = null;
  state.lang = 'es';
});

describe("fmt: a figure's decimals in the jurisdiction's locale", () => {
  it('es-ES: a decimal comma, grouped with points', () => {
    inLocale('es-ES');
    expect(fmt(50.126, 2)).toBe('50,13');
    expect(fmt(62.5, 1)).toBe('62,5');
    expect(fmt(8836380)).toBe('8.836.380');
    expect(fmt(12681.25, 2)).toBe('12.681,25');
  });

  it('es-PE: a decimal point, grouped with commas', () => {
    inLocale('es-PE');
    expect(fmt(50.126, 2)).toBe('50.13');
    expect(fmt(8836380)).toBe('8,836,380');
    expect(fmt(12681.25, 2)).toBe('12,681.25');
  });

  it("fixed digits pad, and round the decimal as written (half up), in the locale's separator", () => {
    inLocale('es-ES');
    expect(fmt(50, 2)).toBe('50,00');
    expect(fmt(0.05, 1)).toBe('0,1');
    // Intl rounds the shortest decimal "49.995" (toFixed rounded the binary 49.99499…: 49.99)
    expect(fmt(49.995, 2)).toBe('50,00');
    expect(fmt(-0.004, 2)).toBe('-0,00');
  });

  it('builds one formatter per locale and digits, not one per figure (session 29)', () => {
    inLocale('es-ES');
    fmt(1, 2);
    fmt(1);
    const made = vi.spyOn(Intl, 'NumberFormat');
    try {
      for (let i = 0; i < 50; i++) expect(fmt(i + 0.5, 2)).toBe(`${i},50`);
      expect(fmt(1234)).toBe('1234');
      expect(made).not.toHaveBeenCalled();
      // a cached formatter is its locale's and digits' only
      inLocale('es-PE');
      expect(fmt(1.5, 2)).toBe('1.50');
      expect(fmt(12345.5)).toBe('12,345.5');
      inLocale('es-ES');
      expect(fmt(1.5, 1)).toBe('1,5');
    } finally {
      made.mockRestore();
    }
  });

  it("without a jurisdiction's locale: the page language's (es-PE, en-US)", () => {
    expect(fmt(50.126, 2)).toBe('50.13');
    state.lang = 'en';
    expect(fmt(1234.5, 1)).toBe('1,234.5');
  });
});

describe("the dashboard's figures that wrote toFixed", () => {
  it('a probability: es-ES 62,5 %, es-PE 62.5 %; the bounds keep their words', () => {
    inLocale('es-ES');
    expect(probText(0.625)).toBe('62,5 %');
    expect(probText(0.995)).toBe('> 99 %');
    inLocale('es-PE');
    expect(probText(0.625)).toBe('62.5 %');
  });

  it("the status line's % counted: the document's decimal in the jurisdiction's locale", () => {
    inLocale('es-ES');
    const st = {
      kind: 'provisional',
      pctCounted: '62.500',
      pctOf: 'actas-counted',
      source: 'Ministerio',
      note: null,
      rehearsal: null,
    } as unknown as Summary['status'];
    expect(statusLine(st, null, undefined, 'es', decimalText)).toBe(
      'Resultados provisionales · 62,500 % de actas contabilizadas · Fuente: Ministerio',
    );
    // the pure line without a locale keeps the document's decimal as it is
    expect(statusLine(st, null, undefined, 'es')).toContain('62.500 %');
  });
});
