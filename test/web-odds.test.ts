// The headline's and the ticker's odds (web/headline.ts) only from the share of actas the
// calibration measured them at (core ODDS_CALIBRATED_FROM, 1/10): below it, a sentence in their
// place and nothing for the live announcement to say (web/news.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { oddsWithinCalibration } from '../src/core/projection/model-parameters.js';
import type { Places, Projection } from '../web/api-client.js';
import { projectionOdds, uncalibratedText } from '../web/headline.js';
import { newsOf } from '../web/news.js';
import { state } from '../web/ui.js';

/** A runoff projection at `processed` of `total` actas, its odds flagged as the core would. */
const projection = (processed: number, total: number): Projection =>
  ({
    actasProcessed: processed,
    actasTotal: total,
    winner: [
      { choice: 'PEDRO CASTILLO TERRONES', probability: 0.771 },
      { choice: 'KEIKO SOFIA FUJIMORI HIGUCHI', probability: 0.229 },
    ],
    odds: {
      calibratedFrom: { numerator: 1, denominator: 10 },
      withinCalibration: oddsWithinCalibration(processed, total),
    },
  }) as unknown as Projection;

afterEach(() => {
  state.places = null;
  state.lang = 'es';
});

describe('the odds below the calibrated range', () => {
  it('40 actas of 86,488 (0.046 %): no probability, the sentence instead (es, en)', () => {
    state.places = { jurisdiction: { locale: 'es-PE' } } as unknown as Places;
    const p = projection(40, 86_488);
    expect(projectionOdds(p)).toBeNull();
    expect(uncalibratedText(p)).toBe(
      'Probabilidades desde el 10 % de actas contabilizadas (ahora 0.046 %): con menos, cifra no ha medido si aciertan.',
    );
    state.lang = 'en';
    expect(uncalibratedText(p)).toBe(
      'Odds from 10 % of actas counted (now 0.046 %): with fewer, cifra has not measured whether they hold.',
    );
  });

  it('just below 10 % reads below it, never a rounded "10.000"', () => {
    state.places = { jurisdiction: { locale: 'es-ES' } } as unknown as Places;
    expect(uncalibratedText(projection(99_999, 1_000_000))).toContain('(ahora 9,999 %)');
  });

  it('at 10 % exactly and above: the probability, no sentence (es, en)', () => {
    state.places = { jurisdiction: { locale: 'es-PE' } } as unknown as Places;
    for (const p of [projection(8_649, 86_488), projection(86_000, 86_488)]) {
      expect(uncalibratedText(p)).toBeNull();
      expect(projectionOdds(p)?.text).toBe(
        'Proyección de cifra (estimación): PEDRO CASTILLO TERRONES gana con probabilidad 77.1 %.',
      );
    }
    state.lang = 'en';
    expect(projectionOdds(projection(8_649, 86_488))?.text).toBe(
      "cifra's projection (an estimate): PEDRO CASTILLO TERRONES wins with probability 77.1 %.",
    );
  });

  it('the live announcement says no odds below the floor, and the odds once they are reached', () => {
    const at = (processed: number) => ({
      actas: `Actas procesadas: ${processed} / 86,488`,
      lead: 'A lidera',
      projection: projectionOdds(projection(processed, 86_488)),
    });
    expect(newsOf(at(40), at(8_000))).toBe('Actas procesadas: 8000 / 86,488.');
    expect(newsOf(at(8_000), at(8_649))).toBe(
      'Actas procesadas: 8649 / 86,488. Proyección de cifra (estimación): PEDRO CASTILLO TERRONES gana con probabilidad 77.1 %.',
    );
  });
});
