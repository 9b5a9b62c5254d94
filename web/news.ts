// What a new revision changed, said once in a short sentence for the page's one polite live
// region (#live-news): a screen reader hears a new count, not the whole strip again on every
// redraw, nor "hace 8 min" every 30 s. Pure, so a test can run it without a page.

/** The projection as a listener follows it: its favourite, the odds, the sentence. */
export interface NewsOdds {
  readonly favourite: string;
  readonly probability: number;
  readonly text: string;
}

/** The figures a listener follows, each as the page words it (in the page's language). */
export interface NewsParts {
  /** the actas processed ("Actas procesadas: 5 / 6") */
  readonly actas: string;
  /** who leads and by how much, or the outcome once settled ('' when neither applies) */
  readonly lead: string;
  /** the projection's likeliest outcome (null: no projection shown) */
  readonly projection: NewsOdds | null;
}

/**
 * How far the odds move before they are said again: a projection redrawn each revision moves by
 * tenths, and saying each would drown the count (five points: 86 % → 81 % is news, 86.0 → 85.7 not).
 */
export const ODDS_STEP = 0.05;

/** Whether the projection is news: a new favourite, one appearing, or odds moved by ODDS_STEP. */
function oddsNews(prev: NewsOdds | null, next: NewsOdds | null): boolean {
  if (next === null) return false;
  if (prev === null || prev.favourite !== next.favourite) return true;
  // in thousandths: 0.86 − 0.81 is 0.0499… in binary, and five points must count as five
  return Math.round(1000 * Math.abs(next.probability - prev.probability)) >= 1000 * ODDS_STEP;
}

/**
 * The parts that differ from the last ones heard, as sentences; '' on a first draw or no change.
 * `prev` is what was last *said* of each part (the odds: the last odds spoken).
 */
export function newsOf(prev: NewsParts | null, next: NewsParts): string {
  if (prev === null) return '';
  const said = [
    prev.actas === next.actas ? '' : next.actas,
    prev.lead === next.lead ? '' : next.lead,
    oddsNews(prev.projection, next.projection) ? (next.projection?.text ?? '') : '',
  ];
  return said
    .filter((s) => s !== '')
    .map((s) => (/[.!?]$/.test(s) ? s : `${s}.`))
    .join(' ');
}

/** What is heard after `next` was announced: the odds stay the last ones spoken until news. */
export function heardAfter(prev: NewsParts | null, next: NewsParts): NewsParts {
  if (prev === null || oddsNews(prev.projection, next.projection)) return next;
  return { ...next, projection: prev.projection };
}
