// The night review: a count of actas under way with no abroad acta counted yet (a 2021 replay)
// read "esta fuente no trae el voto en el extranjero": its abroad mesas are pending, not missing.
import { describe, expect, it } from 'vitest';
import { lacksAbroad } from '../web/abroad.js';

describe('lacksAbroad', () => {
  const source = { es: 'ONPE, captura del 10 jun', en: 'ONPE, 10 Jun capture' };
  it('is true for a published source with Peru and no abroad unit', () => {
    expect(lacksAbroad(source, ['PERU'])).toBe(true);
  });
  it('is false for a count of actas (no source), whatever is counted yet', () => {
    expect(lacksAbroad(null, ['PERU'])).toBe(false);
  });
  it('is false when abroad is there, or the source does not split by ámbito', () => {
    expect(lacksAbroad(source, ['PERU', 'EXTRANJERO'])).toBe(false);
    expect(lacksAbroad(source, [])).toBe(false);
  });
});
