// The ERM view's colours (regional and municipal elections): a national party keeps its colour of
// every election (the party table's, served with the organisation); the regional movements, most
// with no colour of their own, take the palette by rank. Pure: the colour test
// (test/party-colors-distinct.test.ts) runs it as the page does.
import { deltaE as deltaE00, DISTINCT_PALETTE } from '../src/core/color-difference.js';

/** The palette the regional movements take by rank (src/core/color-difference.ts). */
export const ERM_PALETTE = DISTINCT_PALETTE;

/** The organisations past the palette: one grey, named beside it wherever it is drawn. */
export const ERM_OTHERS = '#9aa0a6';
/** A map shape with no result. */
export const ERM_NONE = '#e5e5e5';
/** How many organisations the national table lists. */
export const ERM_TOP = 15;

/** The least ΔE00 between a palette colour and a party's own shown on the same page. */
const APART = 15;

/** What the colours are ranked by: offices won by contest kind, seats by contest kind. */
export interface RankedOrg {
  readonly party: string;
  /** The party's own colour (the jurisdiction's table); null: none, it takes the palette's. */
  readonly color: string | null;
  readonly heads: Readonly<Record<string, number>>;
  readonly seats: Readonly<Record<string, number>>;
  /** Offices it leads, not decided, by contest kind: the maps draw them too, pale, in its colour. */
  readonly leading?: Readonly<Record<string, number>>;
}

const sum = (r: Readonly<Record<string, number>>): number =>
  Object.values(r).reduce((a, b) => a + b, 0);

/** The national table's organisations: most offices, then most seats, then most leads. */
export function ermTop<T extends RankedOrg>(orgs: readonly T[]): T[] {
  return [...orgs]
    .sort(
      (a, b) =>
        sum(b.heads) - sum(a.heads) ||
        sum(b.seats) - sum(a.seats) ||
        sum(b.leading ?? {}) - sum(a.leading ?? {}),
    )
    .slice(0, ERM_TOP);
}

/**
 * Each organisation's colour: its own, else the palette's that no own colour of this election is
 * near, by rank (the governors first and then the capitals' mayors, won or led, so that both maps
 * draw their winners and leaders apart, then by offices won, then led); grey past the palette.
 */
export function ermColors(orgs: readonly RankedOrg[]): Map<string, string> {
  const own = orgs.flatMap((o) => (o.color === null ? [] : [[o.party, o.color] as const]));
  const free = ERM_PALETTE.filter((c) => own.every(([, x]) => deltaE00(c, x) >= APART));
  // a map draws a lead as well as a win in the organisation's colour
  const of = (o: RankedOrg, k: string): number => (o.heads[k] ?? 0) + (o.leading?.[k] ?? 0);
  const ranked = orgs
    .filter((o) => o.color === null)
    .sort(
      (a, b) =>
        of(b, 'governor') - of(a, 'governor') ||
        of(b, 'provincial-council') - of(a, 'provincial-council') ||
        sum(b.heads) - sum(a.heads) ||
        sum(b.leading ?? {}) - sum(a.leading ?? {}) ||
        (a.party < b.party ? -1 : 1),
    );
  return new Map([
    ...own,
    ...ranked.slice(0, free.length).map((o, i) => [o.party, free[i] ?? ERM_OTHERS] as const),
  ]);
}
