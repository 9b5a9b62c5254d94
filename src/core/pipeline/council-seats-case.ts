// Which case a council's (or a district's) seats are in, named once for every surface: the CLI
// (`cifra contests`) and the dashboard switch on it and only translate it into words.
import {
  lotHoldsEverySeat,
  noEligibleListWhy,
  type UnallocatedSeats,
} from './unallocated-reason.js';

/**
 * What a council contest carries, in the core (CouncilContest) and in the API (ContestSchema):
 * its unallocated seats and the engine's reason, its lists' votes, its ties (TieReport's fields
 * read here) and whether its allocated seats are decided (contest-seats-decided.ts).
 */
export interface SeatsCaseInput extends UnallocatedSeats {
  readonly votes: readonly { readonly votes: number }[];
  readonly ties: readonly {
    readonly stage: string;
    readonly candidates: readonly string[];
    readonly resolution: string;
  }[];
  readonly seatsDecided: string | null;
}

/** A lot: not drawn (no seed: the official sorteo decides it), or drawn by cifra's seed. */
export type LotState = 'open' | 'seeded';

/**
 * The case a council's seats are in, not words:
 * - `unknown-size`: the engine could not size it, no seat to speak of;
 * - `not-counted`: no vote counted yet, every seat waits on the count;
 * - `valla` / `blank-or-null`: no list may take a seat (`noEligibleListWhy`);
 * - `lot-holds-all`: a lot not drawn for the most-voted list holds every seat (the bonus is the
 *   list's it names);
 * - `last-seat-lot`: a lot for some seats, not drawn (`seats` wait on it; `othersDecided`: the
 *   allocated ones are decided whichever way it goes, `lotKeepsAllocated`) or drawn by the seed;
 * - `most-voted-lot`: a lot for the most-voted list (the mayor) that holds back no seat, not drawn
 *   (no bonus, or the what-if without it) or drawn by the seed;
 * - `allocated`: every seat allocated, no lot in it.
 */
export type SeatsCase =
  | { readonly kind: 'unknown-size' }
  | { readonly kind: 'not-counted'; readonly seats: number }
  | { readonly kind: 'valla'; readonly seats: number }
  | { readonly kind: 'blank-or-null'; readonly seats: number }
  | {
      readonly kind: 'lot-holds-all';
      readonly seats: number;
      readonly candidates: readonly string[];
    }
  | {
      readonly kind: 'last-seat-lot';
      readonly lot: 'open';
      readonly seats: number;
      readonly candidates: readonly string[];
      readonly othersDecided: boolean;
    }
  | {
      readonly kind: 'last-seat-lot';
      readonly lot: 'seeded';
      readonly candidates: readonly string[];
    }
  | {
      readonly kind: 'most-voted-lot';
      readonly lot: LotState;
      readonly candidates: readonly string[];
    }
  | { readonly kind: 'allocated' };

/**
 * The case a council's seats are in, from the seat engine's reason and ties, never the votes read
 * again (nothing counted is not a tie; every vote blank or null is counted: `no_eligible_list`).
 * A lot not drawn first (it leaves seats unallocated, or the mayor), then one drawn by the seed:
 * the most-voted list's before a last seat's. Throws on a reason a council never carries.
 */
export function seatsCase(c: SeatsCaseInput): SeatsCase {
  if (c.totalSeats === null) return { kind: 'unknown-size' };
  const seats = c.unallocated;
  const open = c.ties.filter((t) => t.resolution === 'unresolved');
  const names = (ts: typeof c.ties): readonly string[] => ts[0]?.candidates ?? [];
  if (seats > 0) {
    if (c.unallocatedReason === 'not_counted') return { kind: 'not-counted', seats };
    if (c.unallocatedReason === 'no_eligible_list')
      return { kind: noEligibleListWhy(c.votes), seats };
    if (c.unallocatedReason !== 'tie')
      throw new Error(`unallocated seats with reason ${String(c.unallocatedReason)}`);
    if (lotHoldsEverySeat(c)) return { kind: 'lot-holds-all', seats, candidates: names(open) };
    const last = open.filter((t) => t.stage !== 'most-voted');
    return {
      kind: 'last-seat-lot',
      lot: 'open',
      seats,
      candidates: names(last.length > 0 ? last : open),
      othersDecided: c.seatsDecided !== null,
    };
  }
  // no seat held back: a most-voted tie alone (no bonus to wait on), or lots the seed drew
  const mostVoted = (ts: typeof c.ties): typeof c.ties =>
    ts.filter((t) => t.stage === 'most-voted');
  if (mostVoted(open).length > 0)
    return { kind: 'most-voted-lot', lot: 'open', candidates: names(mostVoted(open)) };
  const drawn = c.ties.filter((t) => t.resolution === 'lot');
  if (mostVoted(drawn).length > 0)
    return { kind: 'most-voted-lot', lot: 'seeded', candidates: names(mostVoted(drawn)) };
  if (drawn.length > 0) return { kind: 'last-seat-lot', lot: 'seeded', candidates: names(drawn) };
  return { kind: 'allocated' };
}
