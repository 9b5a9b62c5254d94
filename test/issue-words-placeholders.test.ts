// A sentence the reader sees names no internal field: "the first row (details.keptRow) is kept"
// reached `cifra quarantine`, the ingest line and the mesa document (review s35). Every code's
// sentence, and every case sentence built from details, is held to that.
import { describe, expect, it } from 'vitest';
import { issueSentence, MESSAGES } from '../src/core/issue-words.js';
import { issue, ISSUE_CODES } from '../src/core/issues.js';

const INTERNAL = /details\.|\bkeptRow\b|\bsameFigures\b|\{[a-z]+\}/;

describe('issue sentences', () => {
  it('no code sentence has an unfilled placeholder or a detail name', () => {
    const bad = ISSUE_CODES.flatMap((c) =>
      (['en', 'es'] as const)
        .filter((l) => INTERNAL.test(MESSAGES[c][l]))
        .map((l) => `${c}/${l}: ${MESSAGES[c][l]}`),
    );
    expect(bad).toEqual([]);
  });

  it('duplicate_acta says the kept row by its number, with or without sameFigures', () => {
    const cases = [
      { mesa: '000031', keptRow: 4, sameFigures: true },
      { mesa: '000031', keptRow: 4, sameFigures: false },
      { mesa: '000031', keptRow: 4 },
    ];
    for (const d of cases)
      for (const lang of ['en', 'es'] as const) {
        const s = issueSentence(issue('duplicate_acta', ['row', 9], d), lang);
        expect(s).toContain(lang === 'en' ? '(row 4)' : '(fila 4)');
        expect(s).not.toMatch(INTERNAL);
      }
    expect(issueSentence(issue('duplicate_acta', ['row', 9], cases[0]), 'en')).toBe(
      'the same acta appears twice in the file: the first row (row 4) is kept; this one is quarantined (same figures)',
    );
  });

  it('every code with details of numbers and strings reads without a detail name', () => {
    const details = { keptRow: 2, sameFigures: true, reason: 'duplicate_code', rows: [3, 5] };
    const bad = ISSUE_CODES.flatMap((c) =>
      (['en', 'es'] as const)
        .map((l) => issueSentence(issue(c, ['x'], details), l))
        .filter((s) => INTERNAL.test(s)),
    );
    expect(bad).toEqual([]);
  });
});
