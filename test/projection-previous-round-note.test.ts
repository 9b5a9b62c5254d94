// The projection document's note on the previous round per mesa (API, CLI and dashboard show
// it as written): its figures as the election's jurisdiction writes them, not en-US always, and
// each count with its noun's number ("1 mesa", not "1 mesas").
import { describe, expect, it } from 'vitest';
import { figureLocales } from '../src/jurisdictions/figure-locale.js';
import { previousRoundNote } from '../src/results/projection.js';

const R1 = { election: 'r1', stored: true };

describe('the previous-round note', () => {
  it("groups Peru's figures Peru's way in both languages", () => {
    const n = previousRoundNote(R1, { mesas: 86_488, fitted: 21_345 }, figureLocales('pe'));
    expect(n.es).toContain('(r1, la misma numeración de mesas; 86,488 mesas)');
    expect(n.es).toContain('que muestran las 21,345 mesas contadas.');
    expect(n.en).toContain('(r1, the same mesa numbers; 86,488 mesas)');
    expect(n.en).toContain('that the 21,345 counted mesas show.');
  });

  it("groups Spain's with dots (es-ES), in English too", () => {
    const n = previousRoundNote(R1, { mesas: 60_123, fitted: 12_000 }, figureLocales('es'));
    expect(n.es).toContain('; 60.123 mesas)');
    expect(n.es).toContain('las 12.000 mesas contadas');
    expect(n.en).toContain('; 60.123 mesas)');
  });

  it('says one mesa in the singular', () => {
    const n = previousRoundNote(R1, { mesas: 1, fitted: 1 }, figureLocales('pe'));
    expect(n.es).toContain('; 1 mesa)');
    expect(n.es).toContain('con las transferencias entre vueltas que muestra la 1 mesa contada.');
    expect(n.en).toContain('; 1 mesa)');
    expect(n.en).toContain('between rounds that the 1 counted mesa shows.');
  });

  it('a jurisdiction that states no locale: each language its own', () => {
    expect(figureLocales('/nonexistent/jurisdiction')).toEqual({ es: 'es-PE', en: 'en-US' });
  });
});
