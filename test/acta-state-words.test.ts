// The acta states' words are one table (src/core/model/acta-state-words.ts): the CLI's acta text
// and the dashboard's badges must say each state alike, in Spanish and in English.
import { afterEach, describe, expect, it } from 'vitest';
import { renderActa } from '../src/cli/commands/actas.js';
import { useTableLanguage } from '../src/cli/format.js';
import { ACTA_STATES } from '../src/core/model/acta.js';
import { STRINGS } from '../web/i18n.js';
import { fixtureElection } from './helpers.js';

const def = fixtureElection('pe-2021-presidencial-segunda');

describe('acta state words', () => {
  afterEach(() => useTableLanguage('en'));

  it('the CLI says in a sentence the word the dashboard shows, for every state and language', () => {
    for (const lang of ['es', 'en'] as const) {
      useTableLanguage(lang);
      for (const state of ACTA_STATES) {
        const text = renderActa(
          {
            election: def.id,
            mesa: '000001',
            place: null,
            current: {
              election: def.id,
              mesa: '000001',
              ubigeo: '010101',
              state,
              stateLabel: 'LABEL',
              counts: false,
              eligible: 300,
              voters: null,
              votes: null,
              blank: 0,
              null: 0,
              impugned: 0,
              version: 1,
              conflict: false,
              warnings: [],
            },
            history: [],
            quarantined: [],
          },
          def,
        );
        const word = STRINGS[lang][`state:${state}`];
        expect(word, `${lang} ${state}`).not.toBe(`state:${state}`);
        const inSentence = word.charAt(0).toLowerCase() + word.slice(1);
        expect(text, `${lang} ${state}`).toContain(` ${inSentence} (LABEL)`);
      }
    }
  });

  // Session 30: a conflict's reason, as the document records it, in the same words on both
  it("the CLI's history table says each conflict's reason as the dashboard does", () => {
    for (const lang of ['es', 'en'] as const) {
      useTableLanguage(lang);
      for (const reason of ['earlier_state', 'figures'] as const) {
        const version = {
          version: 2,
          kind: 'conflict' as const,
          conflict: reason,
          acta: {
            ...{ election: def.id, mesa: '000001', ubigeo: '010101', state: 'pending' as const },
            ...{ stateLabel: 'LABEL', eligible: 300, voters: null, votes: null },
            ...{ blank: null, null: null, impugned: null },
          },
          ...{ importId: 2, file: 'a.csv', sha256: 'ab'.repeat(32), row: 1 },
          ...{ recordedAt: '2026-12-04T00:00:00.000Z', warnings: [], current: false },
          ...{ figuresHash: 'cd'.repeat(32), resolution: null, author: null, caughtUp: null },
        };
        const text = renderActa(
          {
            election: def.id,
            mesa: '000001',
            place: null,
            current: null,
            history: [version],
            quarantined: [],
          },
          def,
        );
        const word = STRINGS[lang][`conflict:${reason}`];
        expect(word, `${lang} ${reason}`).toMatch(/^confl/);
        expect(text, `${lang} ${reason}`).toContain(`│ ${word} `);
      }
    }
  });

  it('names the six states apart in each language', () => {
    for (const lang of ['es', 'en'] as const)
      expect(new Set(ACTA_STATES.map((s) => STRINGS[lang][`state:${s}`])).size).toBe(6);
  });
});
