// The words that name a body or a law come from the jurisdiction's file (places.json's
// `authorities`): Peru's reproduce its page's words exactly (the JEE, the JNE, ONPE, LOE art. 363),
// and a jurisdiction naming none gets neutral words with no body at all (an adopter's review,
// session 25). Failed on the old code: there was no such function, every page said Peru's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JurisdictionFileSchema } from '../src/core/model/jurisdiction.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { authorityStrings } from '../web/i18n.js';

const peru = JurisdictionFileSchema.parse(
  JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'data', 'jurisdictions', 'pe', 'jurisdiction.json'), 'utf8'),
  ),
).authorities;

describe("the bodies' words", () => {
  it("Peru's file gives Peru's words, in Spanish and English", () => {
    expect(peru).toBeDefined();
    const es = authorityStrings('es', peru ?? null);
    const en = authorityStrings('en', peru ?? null);
    expect([es['state:jee'], es['state:resolved'], es.atJee, es.tie]).toEqual([
      'En el JEE',
      'Resuelta por el JEE',
      'En el JEE',
      'Empate: decide el JNE',
    ]);
    expect(es.jeeVotes?.(1)).toBe('1 voto en actas observadas (JEE).');
    expect(es.actaAnnulled?.(90)).toBe(
      'Acta anulada: sus votos no cuentan para ninguna opción (votación de mesa anulada, LOE art. 363); sus 90 votantes se registran como votos nulos, como hace la ONPE.',
    );
    expect([en['state:jee'], en['state:resolved'], en.tie]).toEqual([
      'At the JEE',
      'Resolved by the JEE',
      'Tie: the JNE decides',
    ]);
    expect(en.jeeVotes?.(2)).toBe('2 votes in actas at the JEE.');
    expect(en.actaAnnulled?.(90)).toBe(
      "Annulled acta: its votes count for no choice (a mesa's vote annulled, LOE art. 363); its 90 voters are booked as null votes, as ONPE does.",
    );
  });

  it('a jurisdiction that names no body gets neutral words, none of Peru', () => {
    for (const lang of ['es', 'en'] as const) {
      const words = authorityStrings(lang, null);
      const text = Object.values(words)
        .map((w) => (typeof w === 'function' ? (w as (n: number) => string)(3) : String(w)))
        .join(' ');
      expect(text).not.toMatch(/JEE|JNE|ONPE|LOE/);
      expect(Object.keys(words).sort()).toEqual(
        ['actaAnnulled', 'atJee', 'jeeVotes', 'state:jee', 'state:resolved', 'tie'].sort(),
      );
    }
  });
});
