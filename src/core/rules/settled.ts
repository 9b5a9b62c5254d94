import type { Ratio } from '../ratio.js';
import {
  decidePresidentialRound,
  type CandidateVotes,
  type PresidentialOutcome,
} from './presidential.js';

/** Is a round's outcome a fact yet, and why. */
export type Settlement =
  | {
      readonly settled: true;
      /**
       * `complete`: the count is over and nothing is out; `decided`: the lead is larger than all
       * votes still to count (on a complete count: than the impugned votes awaiting the JEE and
       * the electors of the actas it leaves unresolved).
       */
      readonly by: 'complete' | 'decided';
      readonly outcome: PresidentialOutcome;
    }
  | {
      readonly settled: false;
      readonly by: null;
      readonly outcome: null;
      /** Why not yet: a stable code a wire or a screen can say (the summary schema describes each). */
      readonly openReason: OpenReason;
    };

/**
 * Why a round is not settled: `remaining_unknown`, the votes still to count are not bounded (an
 * aggregate release that gives % counted only): nothing is settled before the count is complete;
 * `lead_within_remaining`, the leader's lead is not larger than the votes still out;
 * `share_within_reach`, a first round's leader could still pass the winner's share;
 * `second_place_within_remaining`, a first round's second place could still change hands;
 * `unitemised_may_lead`, candidates the source does not itemise may hold as many votes as one named;
 * `impugned_at_jee`, every acta is processed, but the impugned votes awaiting the JEE's ruling could
 * still change the outcome (the lead, the winner's share or the second place is within them);
 * `unresolved_actas`, a final count leaves actas unresolved (EN PROCESO) whose electors, with any
 * impugned votes, could still change the outcome.
 */
export const OPEN_REASONS = [
  'remaining_unknown',
  'lead_within_remaining',
  'share_within_reach',
  'second_place_within_remaining',
  'unitemised_may_lead',
  'impugned_at_jee',
  'unresolved_actas',
] as const;
export type OpenReason = (typeof OPEN_REASONS)[number];

const open = (openReason: OpenReason): Settlement => ({
  settled: false,
  by: null,
  outcome: null,
  openReason,
});

/** The first-round rule (CONST art. 111 by default: strictly more than half of the valid votes). */
export interface WinnerRule {
  readonly share: Ratio;
  readonly strict: boolean;
  readonly base: 'valid' | 'emitted';
}

const HALF_OF_VALID: WinnerRule = {
  share: { numerator: 1, denominator: 2 },
  strict: true,
  base: 'valid',
};

/**
 * Whether a lead stands whatever the votes still out: all `remaining` of them could go to the
 * one behind, so the lead must be larger (a tie would leave it to the tie rule, not the figures).
 * Shared by every "decided by the figures" check (a runoff, a first-round pair, a mayor).
 */
export function leadHolds(ahead: number, behind: number, remaining: number): boolean {
  return ahead - behind > remaining;
}

/** What a count (or one unit of it) still has out, as its figures give it. */
export interface StillOut {
  /** Electors of the actas not in yet (null or absent: unknown). */
  readonly eligibleRemaining: number | null | undefined;
  /** Impugned votes of the actas in, counted apart until the JEE rules (null or absent: unknown). */
  readonly impugned: number | null | undefined;
  /** Pending actas whose figures count provisionally (an election with pendingFiguresCount). */
  readonly pendingWithFigures?: number | null | undefined;
}

/**
 * The votes still out of a count: the one bound the presidential "decided by the figures" checks
 * read (the national summary, a runoff, the map's units, the headline's "up to N"; ERM councils
 * keep their source's bound, contest-decided.ts, whose actas with impugned votes wait uncounted). The electors of the actas not in, plus the
 * impugned votes awaiting the JEE's ruling: each may yet become a vote of any list (or null), so
 * all of them may go to the one behind. Pending actas whose figures count provisionally can still
 * change by more than their votes (a vote moved from the leader counts twice) and the sums do not
 * say how many electors they hold: with any of them, as with an unknown figure, nothing bounds it.
 *
 * @see LOE arts. 282, 311–312 (impugned ballots go to the JEE, which rules on them)
 * @see R-0837-2025 arts. 7, 16 (actas with impugned votes are resolved by the JEE)
 */
export function votesStillOut(u: StillOut): number | null {
  const { eligibleRemaining, impugned } = u;
  if (eligibleRemaining === null || eligibleRemaining === undefined) return null;
  if (impugned === null || impugned === undefined) return null;
  if ((u.pendingWithFigures ?? 0) > 0) return null;
  return eligibleRemaining + impugned;
}

/** votes / total against the rule's share: more than it (strict) or at least it. */
export function wins(votes: number, total: number, rule: WinnerRule): boolean {
  const lhs = votes * rule.share.denominator;
  const rhs = total * rule.share.numerator;
  return rule.strict ? lhs > rhs : lhs >= rhs;
}

/**
 * Whether a presidential round is settled by the count so far. On complete results the rules
 * decide it, a tie included (`decidePresidentialRound`). Before that it is settled only when no
 * way of adding the votes still to count — at most `remaining`, every one of them for the same
 * rival — could change it: a runoff's lead larger than `remaining`; a first-round winner above
 * the share even if all of `remaining` went to others, with a lead over the second larger than
 * `remaining`; a runoff pair when nobody could still
 * reach the share and the second's lead over the third (or over any candidate hidden in
 * `unitemised`) is larger than `remaining`. With `remaining` unknown (null) nothing is settled
 * before the count is complete. A complete count with impugned votes still before the JEE, or
 * actas it leaves unresolved, is settled only as one still going whose `remaining` are those
 * votes and those actas' electors (`by: 'decided'`).
 *
 * @see CONST art. 111 (more than half of the valid votes, else a runoff of the two highest)
 * @see LOE arts. 17–18
 */
export function settlePresidentialRound(input: {
  readonly round: 'first' | 'runoff';
  /** The itemised candidates' votes. */
  readonly candidates: readonly CandidateVotes[];
  /** Votes of candidates the source does not itemise (a remainder): one of them may hold all. */
  readonly unitemised?: number;
  /**
   * At most this many votes for any one of the unitemised (the source ranks them all below the
   * itemised: the fewest votes of an itemised candidate); default: all of `unitemised`.
   */
  readonly unitemisedEach?: number;
  /** Valid votes (default: the candidates' and the unitemised votes). */
  readonly valid?: number;
  readonly emitted?: number;
  readonly winner?: WinnerRule;
  /** The count is over (the status says final, or every acta is processed). */
  readonly complete: boolean;
  /** An upper bound of the votes still to count (`votesStillOut`), or null. */
  readonly remaining: number | null;
  /**
   * Impugned votes awaiting the JEE's ruling (null or absent: unknown, as on a published
   * aggregate): on a complete count votes still out, with the unresolved actas' electors.
   */
  readonly impugned?: number | null | undefined;
  /**
   * Electors of the actas a complete count leaves out, unresolved (a final release's actas EN
   * PROCESO): an acta's electors bound its votes. Null or absent: unknown (a published aggregate
   * with no per-acta figures), and only the impugned votes bound it, as before this was read.
   */
  readonly unresolved?: number | null | undefined;
  /** The rules' outcome on these same figures, when the caller has decided it (not decided twice). */
  readonly decided?: PresidentialOutcome;
}): Settlement {
  const valid =
    input.valid ?? input.candidates.reduce((a, c) => a + c.votes, 0) + (input.unitemised ?? 0);
  // the most one candidate not itemised may hold
  const hidden = Math.min(input.unitemised ?? 0, input.unitemisedEach ?? Infinity);
  if (input.complete) return settleComplete(input, valid, hidden);
  const r = input.remaining;
  if (r === null) return open('remaining_unknown');
  return settleByBound(input, valid, hidden, r);
}

type RoundInput = Parameters<typeof settlePresidentialRound>[0];

/**
 * A complete count: the rules' outcome, unless what is still out could change it — the impugned
 * votes before the JEE and the electors of the actas left unresolved may yet become votes of
 * anyone, so they bound it as votes still to count do (`by: 'decided'` once the bound holds;
 * `complete` only when nothing is out). Unresolved electors unknown: the impugned votes alone.
 * @see LOE arts. 282, 311–312; R-0837-2025 arts. 7, 16 (the JEE rules on the impugned votes)
 */
function settleComplete(input: RoundInput, valid: number, hidden: number): Settlement {
  const outcome =
    input.decided ??
    decidePresidentialRound({
      round: input.round,
      candidates: input.candidates,
      valid,
      emitted: input.emitted,
      winner: input.winner,
    }).outcome;
  // someone not itemised may hold as many votes as a member of the pair: these figures do not
  // say who goes to the runoff (a winner over half the valid votes stands whoever is hidden)
  if (outcome.kind !== 'winner' && !beatsHidden(input.candidates, outcome, hidden))
    return open('unitemised_may_lead');
  // actas observadas go to the JEE and count once it rules (LOE art. 301; R-0837-2025 art. 15(f))
  const unresolved = input.unresolved ?? 0;
  const bound = (input.impugned ?? 0) + unresolved;
  if (bound === 0) return { settled: true, by: 'complete', outcome };
  const reason = unresolved > 0 ? 'unresolved_actas' : 'impugned_at_jee';
  // a tie on these figures is open while votes that could break it are still out
  if (outcome.kind === 'tie') return open(reason);
  const s = settleByBound(input, valid, hidden, bound);
  if (s.settled) return { settled: true, by: 'decided', outcome };
  return s.openReason === 'unitemised_may_lead' ? s : open(reason);
}

/** Settled before the end only if no way of adding `r` more votes could change the outcome. */
function settleByBound(input: RoundInput, valid: number, hidden: number, r: number): Settlement {
  const sorted = [...input.candidates].sort((a, b) => b.votes - a.votes);
  const [first, second, third] = sorted;
  // nobody to compare, or someone not itemised may be ahead
  if (first === undefined || second === undefined) return open('lead_within_remaining');
  if (hidden >= first.votes) return open('unitemised_may_lead');
  if (input.round === 'runoff')
    return leadHolds(first.votes, Math.max(second.votes, hidden), r)
      ? { settled: true, by: 'decided', outcome: winner(first, 'runoff') }
      : open('lead_within_remaining');
  const rule = input.winner ?? HALF_OF_VALID;
  const base = (rule.base === 'emitted' ? (input.emitted ?? valid) : valid) + r;
  // above the share even with every vote to come for others, and out of reach of the second: a
  // share below one half (a governor's 30 %, Ley 27683 art. 5) can be passed by two
  if (wins(first.votes, base, rule) && leadHolds(first.votes, Math.max(second.votes, hidden), r))
    return { settled: true, by: 'decided', outcome: winner(first, 'first') };
  // the leader (so anyone) could still pass the share with every vote to come
  if (wins(first.votes + r, base, rule)) return open('share_within_reach');
  const rival = Math.max(third?.votes ?? 0, hidden);
  if (leadHolds(second.votes, rival, r))
    return {
      settled: true,
      by: 'decided',
      outcome: { kind: 'runoff', pair: [first.candidate, second.candidate] },
    };
  return open(
    hidden > (third?.votes ?? 0) ? 'unitemised_may_lead' : 'second_place_within_remaining',
  );
}

/** Every candidate the outcome names has more votes than one not itemised may hold. */
function beatsHidden(
  candidates: readonly CandidateVotes[],
  outcome: PresidentialOutcome,
  hidden: number,
): boolean {
  if (hidden === 0) return true;
  const named = new Set(
    outcome.kind === 'runoff' ? outcome.pair : outcome.kind === 'tie' ? outcome.candidates : [],
  );
  return candidates.filter((c) => named.has(c.candidate)).every((c) => c.votes > hidden);
}

function winner(c: CandidateVotes, round: 'first' | 'runoff'): PresidentialOutcome {
  return { kind: 'winner', winner: c.candidate, round };
}
