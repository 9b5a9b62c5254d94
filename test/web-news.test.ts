// The dashboard's live announcement (web/news.ts newsOf): only what a new revision changed is
// said, once; a first draw or a redraw with the same figures says nothing.
import { describe, expect, it } from 'vitest';
import { heardAfter, newsOf, type NewsOdds } from '../web/news.js';

const parts = (actas: string, lead: string, projection: NewsOdds | null = null) => ({
  actas,
  lead,
  projection,
});
const odds = (favourite: string, probability: number): NewsOdds => ({
  favourite,
  probability,
  text: `Proyección: ${favourite} gana con probabilidad ${(100 * probability).toFixed(1)} %`,
});

describe('newsOf', () => {
  it('says nothing on the first draw: the page itself is read then', () => {
    expect(newsOf(null, parts('Actas procesadas: 1 / 5', 'A lidera por 3 votos sobre B'))).toBe('');
  });

  it('says nothing when the figures are the same (a redraw, the clock moving)', () => {
    const p = parts('Actas procesadas: 1 / 5', 'A lidera por 3 votos sobre B');
    expect(newsOf(p, { ...p })).toBe('');
  });

  it('says only the part that changed, as a sentence', () => {
    const before = parts('Actas procesadas: 1 / 5', 'A lidera por 3 votos sobre B');
    expect(newsOf(before, parts('Actas procesadas: 2 / 5', before.lead))).toBe(
      'Actas procesadas: 2 / 5.',
    );
    expect(newsOf(before, parts(before.actas, 'B lidera por 1 voto sobre A'))).toBe(
      'B lidera por 1 voto sobre A.',
    );
    expect(newsOf(before, parts('Actas procesadas: 5 / 5', 'Gana en primera vuelta: A'))).toBe(
      'Actas procesadas: 5 / 5. Gana en primera vuelta: A.',
    );
  });

  // review 22 M1: the headline said the projection, the announcement never did
  it('says the projection when it is news: first shown, a new favourite, odds moved five points', () => {
    const a = 'Actas procesadas: 1 / 5';
    const lead = 'A lidera por 3 votos sobre B. Aún no es un resultado: el conteo sigue.';
    const none = parts(a, lead);
    expect(newsOf(none, parts(a, lead, odds('B', 0.86)))).toBe(
      'Proyección: B gana con probabilidad 86.0 %.',
    );
    const heard = parts(a, lead, odds('B', 0.86));
    // a tenth or four points: not said again (the count itself is)
    expect(newsOf(heard, parts(a, lead, odds('B', 0.857)))).toBe('');
    expect(newsOf(heard, parts(a, lead, odds('B', 0.82)))).toBe('');
    // five points exactly (0.86 − 0.81 is 0.0499… in binary floating point)
    expect(newsOf(heard, parts(a, lead, odds('B', 0.81)))).toBe(
      'Proyección: B gana con probabilidad 81.0 %.',
    );
    expect(newsOf(heard, parts(a, lead, odds('B', 0.755)))).toBe(
      'Proyección: B gana con probabilidad 75.5 %.',
    );
    expect(newsOf(heard, parts(a, lead, odds('A', 0.55)))).toBe(
      'Proyección: A gana con probabilidad 55.0 %.',
    );
  });

  it('measures the odds against the last ones said, so a slow drift is said once it adds up', () => {
    const a = 'Actas procesadas: 1 / 5';
    let heard = parts(a, 'L', odds('B', 0.86));
    const said: string[] = [];
    for (const p of [0.84, 0.82, 0.8, 0.78]) {
      const next = parts(a, 'L', odds('B', p));
      said.push(newsOf(heard, next));
      heard = heardAfter(heard, next);
    }
    // 86 → 80: said at the third step (six points from the last said), not again at 78
    expect(said).toEqual(['', '', 'Proyección: B gana con probabilidad 80.0 %.', '']);
  });
});
