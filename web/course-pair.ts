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

/** One update as the course draws it: its votes, and who led it by how much (count-course.ts). */
export interface CourseUpdate {
  readonly votes: readonly CourseVotes[];
  readonly leader: string | null;
  readonly margin: number;
}

/**
 * What the course's chart may truthfully draw.
 * - `pair`: the last update's two were the first two at every update (no third choice ever above
 *   either), so the signed margin a − b says who led at each point: above zero a, below b.
 * - `lead`: someone else led or came second at some update (a first round's early count), so the
 *   chart draws each update's leader's lead over its runner-up, by leader, never a − b under
 *   halves labelled "a leads" / "b leads" that a third choice in fact led (review 20 H1).
 */
export type CourseSeries =
  | {
      readonly kind: 'pair';
      readonly pair: readonly [CourseVotes, CourseVotes];
      readonly ys: readonly number[];
    }
  | {
      readonly kind: 'lead';
      readonly pair: readonly [CourseVotes, CourseVotes];
      readonly ys: readonly number[];
      readonly leaders: readonly (string | null)[];
    };

export function courseSeries(
  def: LeaderChoices,
  updates: readonly CourseUpdate[],
): CourseSeries | null {
  const last = updates.at(-1);
  const pair = last === undefined ? null : coursePair(def, last.votes);
  if (pair === null) return null;
  const twoAhead = updates.every((u) => pairAhead(def, u.votes, pair));
  return twoAhead
    ? { kind: 'pair', pair, ys: updates.map((u) => pairMargin(u.votes, pair)) }
    : {
        kind: 'lead',
        pair,
        ys: updates.map((u) => u.margin),
        leaders: updates.map((u) => u.leader),
      };
}

/** No choice other than the pair (a remainder such as "Otras listas" aside) has more votes than either. */
function pairAhead(
  def: LeaderChoices,
  votes: readonly CourseVotes[],
  pair: readonly [CourseVotes, CourseVotes],
): boolean {
  const of = (id: string): number => votes.find((v) => v.id === id)?.votes ?? 0;
  const floor = Math.min(of(pair[0].id), of(pair[1].id));
  const others = leadersOf(def, votes).filter((v) => v.id !== pair[0].id && v.id !== pair[1].id);
  return others.every((v) => v.votes <= floor);
}
