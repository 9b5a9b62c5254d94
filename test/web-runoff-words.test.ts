// The runoff pair in words (review 4: English read "Runoff between X · Y"): joined by the
// language's "and", Spanish's «y» turning «e» before an /i/ sound.
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../web/i18n.js';

describe('the runoff pair', () => {
  it('reads "X and Y" / «X y Y», never a middle dot', () => {
    expect(STRINGS.en.runoff('KEIKO FUJIMORI', 'PEDRO CASTILLO')).toBe(
      'Runoff between KEIKO FUJIMORI and PEDRO CASTILLO',
    );
    expect(STRINGS.es.runoff('KEIKO FUJIMORI', 'PEDRO CASTILLO')).toBe(
      'Segunda vuelta entre KEIKO FUJIMORI y PEDRO CASTILLO',
    );
  });

  it('«e» before an /i/ sound (IDEAS, HILDA), «y» before a diphthong (HIERRO)', () => {
    expect(STRINGS.es.runoff('A', 'IDEAS')).toBe('Segunda vuelta entre A e IDEAS');
    expect(STRINGS.es.runoff('A', 'HILDA')).toBe('Segunda vuelta entre A e HILDA');
    expect(STRINGS.es.runoff('A', 'HIERRO')).toBe('Segunda vuelta entre A y HIERRO');
  });
});
