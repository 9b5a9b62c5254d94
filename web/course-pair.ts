// Which two choices the count's course draws: the last update's first two by votes, not by
// ballot order (a first round's P1 and P2 are rarely the race). Pure, for a node test.

export interface CourseVotes {
  readonly id: string;
  readonly label: string;
  readonly votes: number;
}

/** The last update's leader and runner-up (ties: the earlier in ballot order first), or null. */
export function coursePair(
  last: readonly CourseVotes[],
): readonly [CourseVotes, CourseVotes] | null {
  const ranked = last
    .map((v, i) => [v, i] as const)
    .sort((x, y) => y[0].votes - x[0].votes || x[1] - y[1])
    .map(([v]) => v);
  const [a, b] = ranked;
  return a === undefined || b === undefined ? null : [a, b];
}

/** An update's margin of `a` over `b` (above zero, a leads), by id. */
export function pairMargin(
  votes: readonly CourseVotes[],
  pair: readonly [CourseVotes, CourseVotes],
): number {
  const of = (id: string): number => votes.find((v) => v.id === id)?.votes ?? 0;
  return of(pair[0].id) - of(pair[1].id);
}
