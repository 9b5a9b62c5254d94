/**
 * The words that name an election's bodies — who rules on an observed acta, who settles a tie,
 * who counts — and the rule an annulled acta's votes follow, from its jurisdiction's file
 * (`authorities`: Peru's JEE, JNE, ONPE, LOE art. 363), else neutral words: one table for the
 * CLI and the dashboard, so another country's screens never name Peru's bodies (an adopter's
 * review, session 25). No imports, so the dashboard's bundle takes nothing else from the core.
 */

/** A body as a sentence names it ("el JEE" / "the JEE"), and its short name ("JEE"). */
interface BodyName {
  readonly es: string;
  readonly en: string;
  readonly short: string;
}

/** The bodies a jurisdiction's file names (its `authorities`, as places.json carries them). */
export interface AuthorityNames {
  readonly review: BodyName;
  readonly ties: BodyName;
  readonly tally: BodyName;
  readonly annulledActa: { readonly es: string; readonly en: string };
}

/**
 * Peru's bodies as data/jurisdictions/pe names them (a test keeps the two equal): the words a
 * dashboard says before its election's places are read, and the acta states' table
 * (acta-state-words.ts), whose `jee` and `resolved` are Peru's.
 */
export const PERU_AUTHORITIES: AuthorityNames = {
  review: { es: 'el JEE', en: 'the JEE', short: 'JEE' },
  ties: { es: 'el JNE', en: 'the JNE', short: 'JNE' },
  tally: { es: 'la ONPE', en: 'ONPE', short: 'ONPE' },
  annulledActa: {
    es: 'votación de mesa anulada, LOE art. 363',
    en: "a mesa's vote annulled, LOE art. 363",
  },
};

/** The phrases that name a body, sentence case (a sentence lowers the first letter: inSentence). */
export interface AuthorityWords {
  /** Where an observed acta waits: "At the JEE", "Under review". */
  readonly atReview: string;
  /** An acta its review settled: "Resolved by the JEE", "Resolved after review". */
  readonly resolved: string;
  /** The review in a narrow column header: "JEE", "review". */
  readonly reviewShort: string;
  /** An unresolved tie: "Tie: the JNE decides", "Tie: for the electoral authority to resolve". */
  readonly tie: string;
  /** An annulled acta with its voters (a figure already written), without a full stop. */
  readonly annulled: (voters: string) => string;
}

/** An annulled acta's voters booked as null votes, in the number their figure takes ("1 votante"). */
const votersEs = (n: string): string =>
  n === '1'
    ? 'su 1 votante se registra como voto nulo'
    : `sus ${n} votantes se registran como votos nulos`;
const votersEn = (n: string): string =>
  n === '1' ? 'its 1 voter is booked as a null vote' : `its ${n} voters are booked as null votes`;

/** The words of `lang` for a jurisdiction's bodies, neutral where it names none. */
export function authorityWords(
  lang: 'es' | 'en',
  a: AuthorityNames | null | undefined,
): AuthorityWords {
  if (lang === 'es')
    return a
      ? {
          atReview: `En ${a.review.es}`,
          resolved: `Resuelta por ${a.review.es}`,
          reviewShort: a.review.short,
          tie: `Empate: decide ${a.ties.es}`,
          annulled: (n) =>
            `Acta anulada: sus votos no cuentan para ninguna opción (${a.annulledActa.es}); ${votersEs(n)}, como hace ${a.tally.es}`,
        }
      : {
          atReview: 'En revisión',
          resolved: 'Resuelta tras revisión',
          reviewShort: 'revisión',
          tie: 'Empate: lo resuelve la autoridad electoral',
          annulled: (n) => `Acta anulada: sus votos no cuentan para ninguna opción; ${votersEs(n)}`,
        };
  return a
    ? {
        atReview: `At ${a.review.en}`,
        resolved: `Resolved by ${a.review.en}`,
        reviewShort: a.review.short,
        tie: `Tie: ${a.ties.en} decides`,
        annulled: (n) =>
          `Annulled acta: its votes count for no choice (${a.annulledActa.en}); ${votersEn(n)}, as ${a.tally.en} does`,
      }
    : {
        atReview: 'Under review',
        resolved: 'Resolved after review',
        reviewShort: 'review',
        tie: 'Tie: for the electoral authority to resolve',
        annulled: (n) => `Annulled acta: its votes count for no choice; ${votersEn(n)}`,
      };
}

/** A phrase inside a sentence: its first letter lowered ("at the JEE", "under review"). */
export function inSentence(phrase: string): string {
  return phrase.charAt(0).toLowerCase() + phrase.slice(1);
}
