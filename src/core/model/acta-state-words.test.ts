import { describe, expect, it } from 'vitest';
import { labelAfter } from './acta-state-words.js';

describe("the source's label after cifra's word for an acta state", () => {
  it('keeps a label that says something the word does not', () => {
    expect(labelAfter({ state: 'counted', stateLabel: 'CONTABILIZADA' }, 'en')).toBe(
      ' (CONTABILIZADA)',
    );
    expect(labelAfter({ state: 'jee', stateLabel: 'OBSERVADA' }, 'es')).toBe(' (OBSERVADA)');
  });

  it('drops a label that is the word itself, whatever its case and accents', () => {
    // the old code printed "Contabilizada (CONTABILIZADA)"
    expect(labelAfter({ state: 'counted', stateLabel: 'CONTABILIZADA' }, 'es')).toBe('');
    expect(labelAfter({ state: 'annulled', stateLabel: 'anulada' }, 'es')).toBe('');
    expect(labelAfter({ state: 'counted', stateLabel: 'counted' }, 'en')).toBe('');
  });

  it("compares with a jurisdiction's own word where it gives one", () => {
    expect(labelAfter({ state: 'jee', stateLabel: 'En revisión' }, 'es', 'En revisión')).toBe('');
  });
});
