// Which two choices the count's course draws: the last update's first two by votes, not by
// ballot order (a first round's P1 and P2 are rarely the race). Pure, for a node test.
import { leadersOf, type LeaderChoices } from '../src/results/leaders.js';

export interface CourseVotes {
  readonly id: string;
  readonly label: string;
  readonly votes: number;
}

/**
 * The last update's leader and runner-up (ties: the earlier in ballot order first), or null: the
 * leader rule of the summary (leaders.ts), so "Otras listas" is never drawn as a contender.
 */
export function coursePair(
  def: LeaderChoices,
  last: readonly CourseVotes[],
): readonly [CourseVotes, CourseVotes] | null {
  const [a, b] = leadersOf(def, last);
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
