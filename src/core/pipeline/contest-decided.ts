import { leadHolds, type Settlement } from '../rules/settled.js';

/**
 * Whether a contest's outcome is a fact yet, and who says so: `source-final`, the source's own
 * count of the contest is over (a final status, or 100 % of its actas counted); `mathematically`,
 * no way of adding the votes still to count — at most the bound given — could change it; null,
 * neither (a provisional count whose remaining votes the data do not bound, or a lead too small):
 * the outcome is only the standing, and a screen says who leads, never who is elected.
 */
export type Decided = 'source-final' | 'mathematically' | null;

/** How much of a contest's count is still out, as its source gives it. */
export interface CountProgress {
  /** The source says this contest's count is over. */
  readonly final: boolean;
  /** At most this many actas not counted yet; null: the source does not say. */
  readonly actasOut: number | null;
}

/**
 * A contest's progress from the source's actas counted and its percentage of actas counted (a
 * decimal as printed: "99.4362", "100.0000", ".0000"). The percentage is rounded, and the source
 * does not say how, so the total is bounded for any rounding (down, nearest or up): the true share
 * is above pct − one unit of its last digit, so total < counted · 100 / (pct − 1 unit). Integer
 * arithmetic throughout. A printed 100 % is the source's word that the count is over (rounded up
 * from below it would take some two million actas in one contest at 4 decimals); a percentage of
 * one unit or less (or nothing counted) bounds nothing.
 */
export function progressFromActas(counted: number | null, pct: string): CountProgress | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(pct.trim());
  if (m === null || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const decimals = (m[2] ?? '').length;
  const units = Number(`${m[1] ?? ''}${m[2] ?? ''}` || '0');
  const whole = 100 * 10 ** decimals;
  if (!Number.isSafeInteger(units) || units > whole) return null;
  if (units === whole) return { final: true, actasOut: 0 };
  if (counted === null || counted <= 0 || units <= 1) return { final: false, actasOut: null };
  // the largest whole total strictly below counted · whole / (units − 1), in exact integers
  const total = Number((BigInt(counted) * BigInt(whole) - 1n) / BigInt(units - 1));
  if (!Number.isSafeInteger(total) || total < counted) return { final: false, actasOut: null };
  return { final: false, actasOut: total - counted };
}

/**
 * An upper bound of the votes still to count: every acta not counted holds at most a mesa's
 * electors. LOE art. 52: a mesa has at most 300 ciudadanos hábiles; LOE art. 315: votes above an
 * acta's electores hábiles are annulled, so no acta adds more valid votes than that.
 */
export function votesOutBound(actasOut: number, mesaElectorsMax: number): number {
  return actasOut * mesaElectorsMax;
}

/** A single-winner round's settlement (src/core/rules/settled.ts) said as who decided it. */
export function decidedOf(s: Settlement): Decided {
  if (!s.settled) return null;
  return s.by === 'complete' ? 'source-final' : 'mathematically';
}

/**
 * Whether the most-voted list is decided (a mayor: the head of the most-voted list, Ley 26864
 * art. 25, plurality, no runoff). On a final count it is the source's, unless two lead level (a
 * lot then decides, not the figures); before that, only when its lead over the second is larger
 * than every vote still to count (all of them could go to the second); without a bound, never.
 */
export function decidedPlurality(
  votes: readonly number[],
  progress: { readonly final: boolean; readonly remaining: number | null },
): Decided {
  const [first = 0, second = 0] = [...votes].sort((a, b) => b - a);
  if (first === 0 || first === second) return null;
  if (progress.final) return 'source-final';
  if (progress.remaining === null) return null;
  return leadHolds(first, second, progress.remaining) ? 'mathematically' : null;
}
