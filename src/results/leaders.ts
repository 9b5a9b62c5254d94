// Who leads a count: the one rule of the summary, the count's course, the dashboard's bars and
// map, and `cifra results` (review 7, M1: three copies, one of which let "Otras listas" lead).
// Pure, so the dashboard bundles it as it is.
import { leadHolds, votesStillOut, type StillOut } from '../core/rules/settled.js';

/** A choice as the rule reads it: its id and votes. */
interface Counted {
  readonly id: string;
  readonly votes: number;
}

/** What the rule reads of an election: which choices stand for several lists (`remainder`). */
export interface LeaderChoices {
  readonly choices: readonly { readonly id: string; readonly remainder?: boolean | undefined }[];
}

/**
 * The itemised choices by votes, most first, level ones in the order given (ballot order): a
 * remainder that stands for several lists or candidates ("Otras listas", "OTROS 29 CANDIDATOS")
 * is no contender, so it leads nothing however many votes it holds together.
 */
export function leadersOf<C extends Counted>(def: LeaderChoices, choices: readonly C[]): C[] {
  const remainder = new Set(def.choices.filter((c) => c.remainder === true).map((c) => c.id));
  return choices.filter((c) => !remainder.has(c.id)).sort((a, b) => b.votes - a.votes);
}

/**
 * Who is ahead and by how much over the next: nobody when the first two are level or nobody has a
 * vote (a tie is a result, never broken by ballot order); a lone choice leads by all its votes.
 */
export function leadOf<C extends Counted>(
  def: LeaderChoices,
  choices: readonly C[],
): { leader: C | null; runnerUp: C | null; margin: number } {
  const [first, second] = leadersOf(def, choices);
  const margin = (first?.votes ?? 0) - (second?.votes ?? 0);
  return { leader: margin > 0 ? (first ?? null) : null, runnerUp: second ?? null, margin };
}

/**
 * Whether a unit's leader stands whatever its votes still out (`votesStillOut`: the electors of
 * its actas not in and its impugned votes awaiting the JEE): every one of them could go to the
 * runner-up, so the lead must be larger — the bound the national `settledBy: 'decided'` uses
 * (core/rules/settled.ts). Never where the votes still out are unknown (a published aggregate,
 * figures that count provisionally) or a remainder holds votes (one of the lists it stands for may
 * be ahead). Says who leads for good, not who won: a unit's plurality elects no one.
 */
export function unitLeadHolds(
  def: LeaderChoices,
  choices: readonly Counted[],
  out: StillOut,
): boolean {
  const remaining = votesStillOut(out);
  if (remaining === null) return false;
  const remainder = new Set(def.choices.filter((c) => c.remainder === true).map((c) => c.id));
  if (choices.some((c) => remainder.has(c.id) && c.votes > 0)) return false;
  const { leader, runnerUp } = leadOf(def, choices);
  return leader !== null && leadHolds(leader.votes, runnerUp?.votes ?? 0, remaining);
}

/**
 * The votes held at the review body (Peru: the JEE) beside the leader's margin: how many, and
 * whether they alone reach it, so that they could tie or reverse the first two (arithmetic, never
 * a prediction). The one rule of `cifra results` and the dashboard's unit (they disagreed on a
 * runner-up at 0 votes). null where none are held; `reaches` null where no second contender
 * stands or nobody has a vote (no leader, no margin). A runner-up at 0 votes stands: the held
 * votes can carry it past a leader they outnumber. Level first two: the margin is 0, so any held
 * vote reaches it (it could decide who leads).
 */
export function jeeHeld(
  def: LeaderChoices,
  choices: readonly Counted[],
  jeeVoters: number | null | undefined,
): { readonly voters: number; readonly reaches: boolean | null } | null {
  if (jeeVoters === null || jeeVoters === undefined || jeeVoters === 0) return null;
  const [first, second] = leadersOf(def, choices);
  const none = first === undefined || second === undefined || first.votes === 0;
  return { voters: jeeVoters, reaches: none ? null : jeeVoters >= first.votes - second.votes };
}

/**
 * What jeeHeld's `reaches` says, in both languages: the one wording of `cifra results` and the
 * dashboard's unit (the CLI's dictionary and web/i18n.ts held a copy each).
 */
export const JEE_REACH_WORDS = {
  reaches: {
    es: 'Por sí solos alcanzan la ventaja del primero: podrían igualar o invertir el orden de los dos primeros.',
    en: "Alone they reach the leader's margin: they could tie or reverse the order of the first two.",
  },
  short: {
    es: 'Por sí solos no alcanzan la ventaja del primero: no pueden cambiar el orden de los dos primeros.',
    en: "Alone they fall short of the leader's margin: they cannot change the order of the first two.",
  },
} as const;

/** Whether the votes held at review alone reach the leader's margin (jeeHeld); null: no answer. */
export function jeeReach(
  def: LeaderChoices,
  choices: readonly Counted[],
  jeeVoters: number | null | undefined,
): boolean | null {
  return jeeHeld(def, choices, jeeVoters)?.reaches ?? null;
}

/**
 * The leader's margin over the next contender as a unit shows it: a runner-up at 0 votes stands
 * (the margin is the leader's votes, as jeeHeld reads it); none without two contenders or a vote.
 */
export function marginOf(def: LeaderChoices, choices: readonly Counted[]): number | null {
  const [first, second] = leadersOf(def, choices);
  if (first === undefined || second === undefined || first.votes === 0) return null;
  return first.votes - second.votes;
}
