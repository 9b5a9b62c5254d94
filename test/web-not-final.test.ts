// The headline's "not a result" (web/headline.ts): the present while a count is being ingested,
// the past only of an archived capture (night review 1: `cifra ingest --cut` then `cifra serve`
// said "at the cut the count was under way" of a count still going on).
import { describe, expect, it } from 'vitest';
import { notFinalWord } from '../web/headline.js';
import { STRINGS } from '../web/i18n.js';

describe('notFinalWord', () => {
  it('a count being ingested, its cut an import’s, goes on: the present', () => {
    const st = { cut: '2021-06-06T23:30:00-05:00', cutImport: 3 };
    expect(notFinalWord(st)).toBe('notFinal');
    expect(STRINGS.es[notFinalWord(st)]).toBe('Aún no es un resultado: el conteo sigue.');
    expect(STRINGS.en[notFinalWord(st)]).toBe('Not a result yet: the count goes on.');
  });
  it('an archived capture, its cut the manifest’s or the source’s: the past', () => {
    const st = { cut: '2026-06-10T06:24:16Z' };
    expect(notFinalWord(st)).toBe('notFinalAtCut');
    expect(STRINGS.es[notFinalWord(st)]).toBe('No era un resultado: al corte, el conteo seguía.');
  });
  it('a count without a cut: the present', () => {
    expect(notFinalWord({ cut: null })).toBe('notFinal');
  });
});
