// The dashboard's live announcement (web/news.ts newsOf): only what a new revision changed is
// said, once; a first draw or a redraw with the same figures says nothing.
import { describe, expect, it } from 'vitest';
import { newsOf } from '../web/news.js';

const parts = (actas: string, lead: string) => ({ actas, lead });

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
});
