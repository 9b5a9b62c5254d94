export interface CandidatePreferences {
  readonly candidate: string;
  /** Position on the list (shown as a placeholder order for ties, never used to break them). */
  readonly position: number;
  readonly votes: number;
}

export interface ElectedCandidates {
  /** Elected for sure, in preferential order. */
  readonly elected: readonly string[];
  /** Candidates tied for the last seat(s): to be settled by sorteo (LOE art. 31). */
  readonly tie: {
    readonly candidates: readonly string[];
    readonly seatsInContention: number;
  } | null;
  /** Seats the list won beyond its candidates. */
  readonly shortBy: number;
}

/**
 * Orders a list's candidates by preferential votes and gives its seats in that order
 * (LOE art. 31; art. 32: preferences never change a list's seats). Equal votes that straddle the
 * last seat are a tie for sorteo; list position is not a tie-break.
 */
export function electCandidates(
  candidates: readonly CandidatePreferences[],
  seats: number,
): ElectedCandidates {
  const sorted = [...candidates].sort((a, b) => b.votes - a.votes || a.position - b.position);
  const shortBy = Math.max(0, seats - sorted.length);
  const n = Math.min(seats, sorted.length);
  if (n === 0) return { elected: [], tie: null, shortBy };
  const cutVotes = (sorted[n - 1] as CandidatePreferences).votes;
  const above = sorted.filter((c) => c.votes > cutVotes);
  const atCut = sorted.filter((c) => c.votes === cutVotes);
  const contested = n - above.length;
  if (atCut.length === contested) {
    return { elected: sorted.slice(0, n).map((c) => c.candidate), tie: null, shortBy };
  }
  return {
    elected: above.map((c) => c.candidate),
    tie: { candidates: atCut.map((c) => c.candidate), seatsInContention: contested },
    shortBy,
  };
}
