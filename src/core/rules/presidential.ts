import type { z } from 'zod';
import type { RoundOutcomeSchema } from '../model/outcome.js';
import { percentHalfUp, type Ratio } from '../ratio.js';

export interface CandidateVotes {
  readonly candidate: string;
  readonly votes: number;
}

/** Winner, runoff pair, or a tie no legal rule settles (LOE has none for presidential ties: the JNE decides). */
export type PresidentialOutcome = Readonly<z.infer<typeof RoundOutcomeSchema>>;

export interface PresidentialResult {
  readonly outcome: PresidentialOutcome;
  readonly valid: number;
  readonly candidates: readonly {
    readonly candidate: string;
    readonly votes: number;
    /** null: no valid votes (no share of nothing). */
    readonly pctValid: string | null;
  }[];
  /** LOE art. 322: highest vote ≥ one third of emitted votes (informational; art. 111 governs). */
  readonly art322: { readonly emitted: number; readonly reached: boolean } | null;
}

/**
 * Decides a single-winner round (a president, a regional governor). First round: a formula wins
 * outright with the ruleset's share — strictly more than half of the valid votes for the
 * president (CONST art. 111; LOE art. 17), at least 30 % for a regional governor (Ley 27683
 * art. 5) — otherwise the two highest go to a runoff (LOE art. 18). Runoff: more valid votes
 * wins. Ties are reported, never settled by order: two formulas level at the top of a first round
 * that reaches the share (possible below one half) are a `first-place` tie.
 */
export function decidePresidentialRound(input: {
  readonly candidates: readonly CandidateVotes[];
  readonly round: 'first' | 'runoff';
  readonly emitted?: number | undefined;
  /**
   * Valid votes when some are not itemised per candidate (a source that details only the top
   * candidates): the shares are of this total. Default: the sum of the candidates.
   */
  readonly valid?: number | undefined;
  /** The first-round rule: share, strictly more or at least, of valid or emitted votes (default > 1/2 of valid). */
  readonly winner?:
    | {
        readonly share: Ratio;
        readonly strict: boolean;
        readonly base: 'valid' | 'emitted';
      }
    | undefined;
}): PresidentialResult {
  const sorted = [...input.candidates].sort(
    (a, b) =>
      b.votes - a.votes || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0),
  );
  const valid = input.valid ?? sorted.reduce((a, c) => a + c.votes, 0);
  const candidates = sorted.map((c) => ({ ...c, pctValid: percentHalfUp(c.votes, valid) }));
  const first = sorted[0];
  const art322 =
    input.emitted !== undefined && first !== undefined
      ? { emitted: input.emitted, reached: 3 * first.votes >= input.emitted }
      : null;
  const result = (outcome: PresidentialOutcome): PresidentialResult => ({
    outcome,
    valid,
    candidates,
    art322,
  });
  if (first === undefined) return result({ kind: 'tie', stage: 'first-place', candidates: [] });
  const tiedWith = (v: number): string[] =>
    sorted.filter((c) => c.votes === v).map((c) => c.candidate);
  if (input.round === 'runoff') {
    const top = tiedWith(first.votes);
    return top.length > 1
      ? result({ kind: 'tie', stage: 'runoff', candidates: top })
      : result({ kind: 'winner', winner: first.candidate, round: 'runoff' });
  }
  // CONST art. 111: more than half of the valid votes (blank and null not counted); other
  // single-winner contests set their own share (e.g. regional governors: 30 %, Ley 27683 art. 5).
  const rule = input.winner ?? {
    share: { numerator: 1, denominator: 2 },
    strict: true,
    base: 'valid',
  };
  const base = rule.base === 'emitted' ? (input.emitted ?? valid) : valid;
  const lhs = first.votes * rule.share.denominator;
  const rhs = base * rule.share.numerator;
  const top = tiedWith(first.votes);
  // a share below one half can be reached by two formulas level at the top: no one has won alone
  if (rule.strict ? lhs > rhs : lhs >= rhs)
    return top.length > 1
      ? result({ kind: 'tie', stage: 'first-place', candidates: top })
      : result({ kind: 'winner', winner: first.candidate, round: 'first' });
  if (top.length > 2) return result({ kind: 'tie', stage: 'first-place', candidates: top });
  if (top.length === 2)
    return result({ kind: 'runoff', pair: [top[0] as string, top[1] as string] });
  const second = sorted[1];
  if (second === undefined)
    return result({ kind: 'winner', winner: first.candidate, round: 'first' });
  const seconds = tiedWith(second.votes);
  if (seconds.length > 1)
    return result({ kind: 'tie', stage: 'second-place', candidates: seconds });
  return result({ kind: 'runoff', pair: [first.candidate, second.candidate] });
}
