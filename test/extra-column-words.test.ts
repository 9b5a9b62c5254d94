// Review s36: an extra vote column said "not in the candidate map", and docs/errors.md "add the
// column to the candidate map": a manifest's maintainer has no candidate map. The sentence names
// the column and the manifest's fix, in both languages, for each reader that raises the code.
import { describe, expect, it } from 'vitest';
import { issueSentence } from '../src/core/issue-words.js';
import { issue } from '../src/core/issues.js';

const say = (details: Record<string, unknown>, lang: 'en' | 'es'): string =>
  issueSentence(issue('unknown_party_column', ['file'], details), lang);

describe('unknown_party_column', () => {
  it("a cifra CSV's extra column: add a choice with its id, or remove it", () => {
    expect(say({ columns: ['P'], header: ['mesa', 'P'] }, 'en')).toBe(
      'column "P" is no choice of the election\'s manifest: add a choice with id "P" to its "choices", or remove the column from the file',
    );
    expect(say({ columns: ['P'] }, 'es')).toBe(
      'la columna "P" no es ninguna opción del manifiesto de la elección: agregue al manifiesto una opción con id "P", o quite la columna del archivo',
    );
    expect(say({ columns: ['P', 'Q'] }, 'en')).toMatch(/^columns "P", "Q" are no choice/);
  });

  it("an ONPE file's VOTOS_Pk: a choice's column, or more choices", () => {
    const en = say({ columns: ['VOTOS_P19'], choices: 18 }, 'en');
    expect(en).toContain('give a choice "column": "VOTOS_P19"');
    expect(say({ columns: ['VOTOS_P19'], choices: 18 }, 'es')).toContain(
      'dé a una opción "column": "VOTOS_P19"',
    );
  });

  it('a JSON acta names choices by id', () => {
    expect(say({ choices: ['S'] }, 'en')).toContain('add a choice with id "S"');
  });

  it('no sentence says a candidate map', () => {
    for (const d of [{ columns: ['P'] }, { choices: ['S'] }, {}, { reason: 'x', choices: ['S'] }])
      for (const lang of ['en', 'es'] as const)
        expect(say(d, lang)).not.toMatch(/candidate map|mapa de candidatos/);
  });
});
