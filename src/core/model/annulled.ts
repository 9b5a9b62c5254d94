// An annulled acta's null votes, apart from acta.ts (its zod schemas): the dashboard's bundle
// imports this, and zod would triple it.

/**
 * The null votes an annulled acta books (`bookedFigures`): its voters when it states them — its
 * arithmetic may not hold (its errors are warnings, validate-acta.ts) — else the sum of its cells,
 * the election's choices only (cells past them are none, as a counted acta's are read).
 */
export function annulledNullVotes(
  f: {
    readonly voters: number | null;
    readonly votes: { readonly length: number; readonly [k: number]: number };
    readonly blank: number;
    readonly null: number;
    readonly impugned: number;
  },
  choices: number,
): number {
  if (f.voters !== null) return f.voters;
  const n = Math.min(choices, f.votes.length);
  let all = f.blank + f.null + f.impugned;
  for (let k = 0; k < n; k++) all += f.votes[k] as number;
  return all;
}

/**
 * `annulledNullVotes` of an acta as a document gives it (a cell may be unknown): null when it
 * states no voters and any cell is unknown. The CLI's and the dashboard's annulled sentence.
 */
export function annulledNullOf(
  c: {
    readonly voters: number | null;
    readonly votes: readonly number[] | null;
    readonly blank: number | null;
    readonly null: number | null;
    readonly impugned: number | null;
  },
  choices: number,
): number | null {
  if (c.voters !== null) return c.voters;
  const { votes, blank, impugned } = c;
  if (votes === null || blank === null || c.null === null || impugned === null) return null;
  return annulledNullVotes({ voters: null, votes, blank, null: c.null, impugned }, choices);
}
