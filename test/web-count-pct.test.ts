// One rendering of a count's % on the page (web/count-pct.ts, poll-watcher review s35): 42 of
// 86,488 actas read 0.049 % in the headline, 0.048 % in the odds sentence (cut) and 0.05 % in the
// projection panel. The rule is the status's: 3 decimals, half-up; cut only where rounding would
// reach a bound the page states beside it (the odds' 10 % floor).
import { afterEach, describe, expect, it } from 'vitest';
import type { Places, Projection } from '../web/api-client.js';
import { countPctText } from '../web/count-pct.js';
import { uncalibratedText } from '../web/headline.js';
import { state } from '../web/ui.js';

const inLocale = (locale: string): void => {
  state.places = { jurisdiction: { locale } } as unknown as Places;
};
const FLOOR = { numerator: 1, denominator: 10 };

afterEach(() => {
  state.places = null;
  state.lang = 'es';
});

describe('countPctText: 3 decimals, half-up, in the locale', () => {
  it('42 of 86,488 is 0.049 (0.04856…), as the status says it', () => {
    inLocale('es-PE');
    expect(countPctText(42, 86_488)).toBe('0.049');
    inLocale('es-ES');
    expect(countPctText(42, 86_488)).toBe('0,049');
  });

  it('half-up at the third decimal: 1 of 8,000 (0.0125) is 0.013; above 1 % still 3 decimals', () => {
    inLocale('es-PE');
    expect(countPctText(1, 8_000)).toBe('0.013');
    expect(countPctText(86_468, 86_488)).toBe('99.977');
  });

  it('never 100 while an acta is out; nothing for an empty universe', () => {
    inLocale('es-PE');
    expect(countPctText(299_999, 300_000)).toBe('99.999');
    expect(countPctText(0, 0)).toBeNull();
  });
});

describe('at a bound the page states: cut, never rounded up to it', () => {
  it('9.9996 % reads 9,999 beside "from 10 %", 10,000 without a bound', () => {
    inLocale('es-ES');
    expect(countPctText(99_996, 1_000_000, FLOOR)).toBe('9,999');
    expect(countPctText(99_996, 1_000_000)).toBe('10,000');
  });

  it('at the bound and above, half-up as everywhere', () => {
    inLocale('es-PE');
    expect(countPctText(100_000, 1_000_000, FLOOR)).toBe('10.000');
    expect(countPctText(8_649, 86_488, FLOOR)).toBe('10.000');
    // below the floor and not near it: the cut and the rounding differ only at the bound
    expect(countPctText(42, 86_488, FLOOR)).toBe('0.049');
  });
});

describe("the odds sentence's % is the headline's", () => {
  const projection = (processed: number, total: number): Projection =>
    ({
      actasProcessed: processed,
      actasTotal: total,
      odds: { calibratedFrom: FLOOR, withinCalibration: false },
    }) as unknown as Projection;

  it('42 of 86,488: "now 0.049 %" (es, en)', () => {
    inLocale('es-PE');
    expect(uncalibratedText(projection(42, 86_488))).toContain('(ahora 0.049 %)');
    state.lang = 'en';
    expect(uncalibratedText(projection(42, 86_488))).toContain('(now 0.049 %)');
  });

  it('9.9996 %: "9,999 %" beside "from 10 %", never "10,000"', () => {
    inLocale('es-ES');
    const text = uncalibratedText(projection(99_996, 1_000_000)) ?? '';
    expect(text).toContain('desde el 10 %');
    expect(text).toContain('(ahora 9,999 %)');
  });
});
