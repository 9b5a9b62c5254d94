// The shapes of a seat allocation: its input, its tie rule and its outcome. allocate.ts computes
// them and re-exports them; kieswet-seats.ts reads them from here (no import cycle back).
import type { Issue } from '../issues.js';
import type { Rng } from '../random.js';
import type { KieswetAssignment } from './kieswet.js';
import type { AllocationMethod } from './methods.js';

export interface ListVotes {
  readonly party: string;
  readonly votes: number;
  /** Position on the ballot (1 = first), for the `ballot-position` tie step. */
  readonly position?: number | undefined;
}

/**
 * One step of a tie-break rule, tried in order until the tie is settled:
 * - more-votes / fewer-votes: the tied list with more (fewer) total votes wins;
 * - ballot-position: the list earlier on the ballot wins;
 * - lot: a seeded, recorded draw of lots among the lists still tied;
 * - report: stop; the seats in contention stay unallocated and the tie is reported.
 */
export const TIE_STEPS = ['more-votes', 'fewer-votes', 'ballot-position', 'lot', 'report'] as const;
export type TieStep = (typeof TIE_STEPS)[number];

/** How a tie for the last seat(s) is settled, chosen per ruleset: its tie steps, in order. */
export interface TieBreakPolicy {
  readonly steps: readonly TieStep[];
}

/** The policy that settles nothing: the seats in contention stay open and the tie is reported. */
export const REPORT_TIES: TieBreakPolicy = { steps: ['report'] };

export interface Tie {
  readonly kind: 'tie';
  /** Tied lists, sorted by name (never by input order). */
  readonly candidates: readonly string[];
  readonly seatsInContention: number;
  /** The step that settled it, or 'unresolved' when the seats stay unallocated. */
  readonly resolution: 'unresolved' | Exclude<TieStep, 'report'>;
}

export interface Draw {
  readonly seed: number;
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly winners: readonly string[];
}

export interface SeatAllocation {
  readonly kind: 'allocated' | 'tie';
  /** Seats per list (lists with 0 seats included); contested seats of an unresolved tie excluded. */
  readonly seats: ReadonlyMap<string, number>;
  readonly unallocated: number;
  readonly tie: Tie | null;
  readonly draw: Draw | null;
  /** Seats no list could take: every list with votes ran out of candidates. */
  readonly vacant: number;
  /** Lists capped by their number of candidates, with the seats they could not take. */
  readonly capped: readonly { readonly party: string; readonly seatsLost: number }[];
  /** Every tie and every draw, in order, for a method that may meet several (kieswet). */
  readonly ties?: readonly Tie[];
  readonly draws?: readonly Draw[];
  /** Warnings the method itself raises (kieswet: seats_unassigned, absolute_majority_with_exhaustion). */
  readonly issues?: readonly Issue[];
  /** The Kieswet procedure's record: quota, standings and every step (kieswet only). */
  readonly kieswet?: KieswetAssignment;
}

export interface AllocateSeatsInput {
  readonly lists: readonly ListVotes[];
  readonly seats: number;
  readonly method: AllocationMethod;
  readonly tieBreak: TieBreakPolicy;
  /** Needed only for a draw; without it a tie under 'lot' stays unresolved. */
  readonly rng?: Rng | undefined;
  readonly seed?: number | undefined;
  /** Maximum seats a list can take (its number of candidates). */
  readonly caps?: ReadonlyMap<string, number> | undefined;
}

/** Seats per list index, and the lists tied for the last seat(s) with the seats they contest. */
export interface RawOutcome {
  seats: number[];
  tie: { candidates: number[]; seatsInContention: number } | null;
}
