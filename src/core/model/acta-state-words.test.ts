import { describe, expect, it } from 'vitest';
import { actaStateWithLabel } from './acta-state-words.js';

describe('an acta state in words with the source label', () => {
  it('keeps a label that says something the word does not', () => {
    expect(actaStateWithLabel({ state: 'counted', stateLabel: 'CONTABILIZADA' }, 'en')).toBe(
      'Counted (CONTABILIZADA)',
    );
    expect(actaStateWithLabel({ state: 'jee', stateLabel: 'OBSERVADA' }, 'es')).toMatch(
      /\(OBSERVADA\)$/,
    );
  });

  it('drops a label that is the word itself, whatever its case and accents', () => {
    // the old code printed "Contabilizada (CONTABILIZADA)"
    expect(actaStateWithLabel({ state: 'counted', stateLabel: 'CONTABILIZADA' }, 'es')).toBe(
      'Contabilizada',
    );
    expect(actaStateWithLabel({ state: 'annulled', stateLabel: 'anulada' }, 'es')).toBe('Anulada');
    expect(actaStateWithLabel({ state: 'counted', stateLabel: 'counted' }, 'en')).toBe('Counted');
  });
});
