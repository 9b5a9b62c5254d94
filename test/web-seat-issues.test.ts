// The seats panel's words for the issues of a seat computation (web/congress.ts seatIssueText): a
// district's own sentence where the code has one, else the CLI's sentence with the district named.
import { afterEach, describe, expect, it } from 'vitest';
import { seatIssueText } from '../web/congress.js';
import { state } from '../web/ui.js';

const issue = (
  code: 'district_without_votes' | 'district_without_seats' | 'unknown_district',
  path: (string | number)[],
  details?: Record<string, unknown>,
) => ({
  code,
  severity: code === 'district_without_seats' ? ('warning' as const) : ('error' as const),
  path,
  ...(details === undefined ? {} : { details }),
});

afterEach(() => {
  state.lang = 'es';
});

describe('seatIssueText', () => {
  for (const [lang, noVotes, noSeats, unknown] of [
    [
      'es',
      'Lumen no tiene votos',
      'Lumen tiene votos pero no escaños',
      'circunscripción desconocida (Ultramar)',
    ],
    [
      'en',
      'Lumen has no votes',
      'Lumen has votes but no seats',
      'district not in the ruleset or districts file (or a published unit no district of the ruleset) (Ultramar)',
    ],
  ] as const)
    it(`says each issue in ${lang}, with the district it is about`, () => {
      state.lang = lang;
      expect(
        seatIssueText(issue('district_without_votes', ['district', 'Lumen'], { seats: 3 })),
      ).toBe(noVotes);
      expect(
        seatIssueText(issue('district_without_seats', ['district', 'Lumen'], { votes: 9 })),
      ).toBe(noSeats);
      // a vote row's district is in its details, not its path
      expect(
        seatIssueText(
          issue('unknown_district', ['votes', 4, 'district'], { district: 'Ultramar', party: 'A' }),
        ),
      ).toBe(unknown);
    });
});
