// Peru's body words live once in code (core/authority-words.ts PERU_AUTHORITIES: a page's words
// before its places are read, and the acta states' `jee` and `resolved`); web/i18n.ts and
// acta-state-words.ts held copies of them, session 26. They stay Peru's jurisdiction file's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERU_AUTHORITIES } from '../src/core/authority-words.js';
import { ACTA_STATE_WORDS } from '../src/core/model/acta-state-words.js';
import { STRINGS } from '../web/i18n.js';

describe("Peru's body words: one source, the jurisdiction file's", () => {
  it('PERU_AUTHORITIES is data/jurisdictions/pe/jurisdiction.json authorities (but its source)', () => {
    const pe = JSON.parse(readFileSync('data/jurisdictions/pe/jurisdiction.json', 'utf8')) as {
      authorities: Record<string, unknown>;
    };
    expect({ ...PERU_AUTHORITIES, source: pe.authorities['source'] }).toEqual(pe.authorities);
  });

  it("the page's defaults and the acta states say them as before", () => {
    expect([STRINGS.es.atJee, STRINGS.en.atJee]).toEqual(['En el JEE', 'At the JEE']);
    expect([STRINGS.es.tie, STRINGS.en.tie]).toEqual([
      'Empate: decide el JNE',
      'Tie: the JNE decides',
    ]);
    expect(STRINGS.es.actaAnnulled(12)).toBe(
      'Acta anulada: sus votos no cuentan para ninguna opción (votación de mesa anulada, LOE art. 363); sus 12 votantes se registran como votos nulos, como hace la ONPE.',
    );
    expect(STRINGS.en.actaAnnulled(12)).toBe(
      "Annulled acta: its votes count for no choice (a mesa's vote annulled, LOE art. 363); its 12 voters are booked as null votes, as ONPE does.",
    );
    expect(ACTA_STATE_WORDS.jee).toEqual({ es: 'En el JEE', en: 'At the JEE' });
    expect(ACTA_STATE_WORDS.resolved).toEqual({
      es: 'Resuelta por el JEE',
      en: 'Resolved by the JEE',
    });
  });
});
