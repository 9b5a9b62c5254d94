import {
  allocateSeats,
  settleTie,
  type Draw,
  type ListVotes,
  type SeatAllocation,
  type TieBreakPolicy,
} from '../allocation/allocate.js';
import type { AllocationMethod } from '../allocation/methods.js';
import { compareQuotients } from '../allocation/divisor-exact.js';
import type { KieswetStep } from '../allocation/kieswet.js';
import type { Issue } from '../issues.js';
import type { Ratio } from '../ratio.js';
import { quotaOf } from '../allocation/methods.js';
import type { Rng } from '../random.js';
import type {
  AbsoluteMajorityTier,
  ApparentmentTier,
  MajorityBonusTier,
} from '../rulesets/ruleset.js';

/** A tie met while allocating a district, and how it ended. */
export interface DistrictTie {
  /** `most-voted`: the tie for the most-voted list (its head's office and the majority bonus). */
  readonly stage: 'allocation' | 'apparentment' | 'most-voted';
  readonly candidates: readonly string[];
  readonly seatsInContention: number;
  readonly resolution: SeatAllocation['tie'] extends infer T
    ? T extends { resolution: infer R }
      ? R
      : never
    : never;
  readonly group?: string;
}

/** What a clause of the ruleset did in this district (bonus, majority seat). */
export interface ClauseNote {
  readonly clause: 'majority-bonus' | 'absolute-majority';
  readonly party: string;
  /** Seats the list had before the clause, and after. */
  readonly before: number;
  readonly after: number;
  /** The list that gave up a seat (absolute majority). */
  readonly from?: string;
}

export interface DistrictAllocation {
  readonly seats: Map<string, number>;
  readonly unallocated: number;
  readonly ties: readonly DistrictTie[];
  readonly draws: readonly (Draw & {
    readonly stage: DistrictTie['stage'];
    readonly group?: string;
  })[];
  readonly capped: readonly { readonly party: string; readonly seatsLost: number }[];
  readonly vacant: number;
  readonly clauses: readonly ClauseNote[];
  /** Warnings the method raised (kieswet), paths relative to the district. */
  readonly issues: readonly Issue[];
  /** The Kieswet procedure's quota and steps, for an explanation (kieswet only). */
  readonly kieswet?: KieswetRecord;
  /**
   * The most-voted list, when the ruleset names one (a head office, a majority bonus): its head
   * takes the office and it gets the bonus; null while a tie for it is unresolved.
   */
  readonly mostVoted?: string | null;
}

export interface KieswetRecord {
  readonly quota: Ratio | null;
  readonly steps: readonly KieswetStep[];
}

export interface DistrictContext {
  readonly lists: readonly ListVotes[];
  readonly seats: number;
  readonly method: AllocationMethod;
  readonly tieBreak: TieBreakPolicy;
  readonly rng: Rng | undefined;
  readonly seed: number | undefined;
  readonly caps: ReadonlyMap<string, number> | undefined;
  /** Apparentment group of each list (absent: none). */
  readonly groups: ReadonlyMap<string, string>;
  readonly apparentment: ApparentmentTier | null;
  readonly bonus: MajorityBonusTier | null;
  /** The ruleset has a head office (a mayor): the most-voted list is named. */
  readonly head: boolean;
  /** Whether the bonus condition holds for a list (null condition: always). */
  readonly bonusApplies: (party: string) => boolean;
  readonly absoluteMajority: AbsoluteMajorityTier | null;
}

function fromAllocation(
  a: SeatAllocation,
  stage: DistrictTie['stage'],
  group?: string,
): DistrictAllocation {
  const g = group === undefined ? {} : { group };
  const ties = a.ties ?? (a.tie ? [a.tie] : []);
  const draws = a.draws ?? (a.draw ? [a.draw] : []);
  return {
    seats: new Map(a.seats),
    unallocated: a.unallocated,
    ties: ties.map((t) => ({
      stage,
      candidates: t.candidates,
      seatsInContention: t.seatsInContention,
      resolution: t.resolution,
      ...g,
    })),
    draws: draws.map((d) => ({ ...d, stage, ...g })),
    capped: a.capped,
    vacant: a.vacant,
    clauses: [],
    issues: a.issues ?? [],
    ...(a.kieswet ? { kieswet: { quota: a.kieswet.quota, steps: a.kieswet.steps } } : {}),
  };
}

function plain(
  ctx: DistrictContext,
  lists: readonly ListVotes[],
  seats: number,
  method = ctx.method,
): SeatAllocation {
  return allocateSeats({
    lists,
    seats,
    method,
    tieBreak: ctx.tieBreak,
    rng: ctx.rng,
    seed: ctx.seed,
    caps: ctx.caps,
  });
}

/**
 * Surplus-vote agreements: each group first takes seats as one list (its members' votes summed),
 * then shares them among its members by the inner method.
 * @see e.g. Swiss Federal Act on Political Rights (BPR) arts. 31, 42; Israel's Knesset Elections Law art. 81.
 */
function withApparentment(ctx: DistrictContext, tier: ApparentmentTier): DistrictAllocation {
  const members = new Map<string, ListVotes[]>();
  const units: ListVotes[] = [];
  for (const l of ctx.lists) {
    const g = ctx.groups.get(l.party);
    if (g === undefined) units.push(l);
    else members.set(g, [...(members.get(g) ?? []), l]);
  }
  const unitName = (g: string): string => `\u0000group:${g}`;
  for (const [g, ls] of members)
    units.push({
      party: unitName(g),
      votes: ls.reduce((a, l) => a + l.votes, 0),
      position: Math.min(...ls.map((l) => l.position ?? Number.POSITIVE_INFINITY)),
    });
  const outer = fromAllocation(plain({ ...ctx, caps: undefined }, units, ctx.seats), 'allocation');
  const seats = new Map<string, number>();
  const ties = [...outer.ties];
  const draws = [...outer.draws];
  const capped = [...outer.capped];
  const issues = [...outer.issues];
  let unallocated = outer.unallocated;
  let vacant = outer.vacant;
  for (const [name, s] of outer.seats) {
    if (!name.startsWith('\u0000group:')) {
      seats.set(name, s);
      continue;
    }
    const g = name.slice('\u0000group:'.length);
    const inner = fromAllocation(
      plain(ctx, members.get(g) ?? [], s, tier.inner),
      'apparentment',
      g,
    );
    for (const [p, n] of inner.seats) seats.set(p, n);
    ties.push(...inner.ties);
    draws.push(...inner.draws);
    capped.push(...inner.capped);
    issues.push(...inner.issues);
    unallocated += inner.unallocated;
    vacant += inner.vacant;
  }
  const renamed = ties.map((t) => ({
    ...t,
    candidates: t.candidates.map((c) => (c.startsWith('\u0000group:') ? `group ${c.slice(7)}` : c)),
  }));
  return { seats, unallocated, ties: renamed, draws, capped, vacant, clauses: [], issues };
}

/** The most-voted list and how a tie for it ended (recorded as stage `most-voted`). */
interface MostVoted {
  readonly party: string | null;
  readonly ties: readonly DistrictTie[];
  readonly draws: DistrictAllocation['draws'];
}

/**
 * The list with the most votes in the district; lists level at the top go to the tie steps (a
 * recorded lot with a seed): the winner's head takes the office and it gets the majority bonus.
 * @see Ley 26864 arts. 23 (the mayor: the most-voted list) and 26.6 (ties by sorteo).
 */
function mostVotedList(ctx: DistrictContext): MostVoted {
  if (ctx.lists.length === 0) return { party: null, ties: [], draws: [] };
  const top = Math.max(...ctx.lists.map((l) => l.votes));
  const leaders = ctx.lists.filter((l) => l.votes === top).map((l) => l.party);
  if (leaders.length === 1) return { party: leaders[0] as string, ties: [], draws: [] };
  const s = settleTie(leaders, 1, {
    lists: ctx.lists,
    tieBreak: ctx.tieBreak,
    rng: ctx.rng,
    seed: ctx.seed,
  });
  return {
    party: s.resolution === 'unresolved' ? null : (s.winners[0] as string),
    ties: [
      {
        stage: 'most-voted',
        candidates: [...leaders].sort(),
        seatsInContention: 1,
        resolution: s.resolution,
      },
    ],
    draws: s.draw ? [{ ...s.draw, stage: 'most-voted' }] : [],
  };
}

/** Seats the majority bonus guarantees in a district of n seats: ⌈n/2⌉ + 1, or a share rounded up. */
export function bonusSeats(seats: MajorityBonusTier['seats'], n: number): number {
  if (seats === 'half-plus-one') return Math.min(n, Math.ceil(n / 2) + 1);
  return Math.min(n, Math.ceil((n * seats.share.numerator) / seats.share.denominator));
}

/**
 * The most-voted list takes max(its seats, the bonus); the other lists share the rest.
 * @see Ley 26864 (Elecciones Municipales) art. 25 (text of Ley 27734): "la cifra repartidora o la mitad más uno de los cargos de Regidores … lo que más le favorezca", rounded up.
 */
function withBonus(
  ctx: DistrictContext,
  tier: MajorityBonusTier,
  base: DistrictAllocation,
  winner: string | null,
): DistrictAllocation {
  if (winner === null || ctx.seats === 0) return base;
  const before = base.seats.get(winner) ?? 0;
  const bonus = bonusSeats(tier.seats, ctx.seats);
  if (!ctx.bonusApplies(winner) || before >= bonus) return base;
  const others = ctx.lists.filter((l) => l.party !== winner);
  // the method's ties the winner was in: with a `rest` of the bonus's own, each one that could have
  // given it the bonus's seats by the method decided the others' seats (won: theirs by the method,
  // lost: by `rest`). Without `rest` they decide none (`methodAllocation`) and go with the method's
  // allocation. A tie the winner won is in `before` already: counting it again only keeps a tie.
  const decisive = tier.rest === null ? [] : base.ties.filter((t) => t.candidates.includes(winner));
  const carried = decisive.length > 0 && before + decisive.length >= bonus;
  const open = carried && decisive.some((t) => t.resolution === 'unresolved');
  const rest = fromAllocation(
    plain(
      open ? { ...ctx, rng: undefined } : ctx,
      others,
      ctx.seats - bonus,
      tier.rest ?? ctx.method,
    ),
    'allocation',
  );
  if (open) return eitherWay(ctx, base, rest, winner, bonus, decisive);
  const seats = new Map(rest.seats);
  seats.set(winner, bonus);
  const drawn = carried ? base.draws.filter((d) => d.candidates.includes(winner)) : [];
  return {
    ...rest,
    seats,
    ties: carried ? [...decisive, ...rest.ties] : rest.ties,
    draws: [...drawn, ...rest.draws],
    clauses: [{ clause: 'majority-bonus', party: winner, before, after: bonus }],
  };
}

/**
 * A lot not drawn for the winner's bonus-th seat under a bonus with its own `rest`: won, the method
 * gives the winner the bonus's seats and the others theirs by the method (`base`); lost, the bonus
 * gives the winner the same seats and the others theirs by `rest`. So the winner holds the bonus's
 * seats, each other list the fewer of its two counts (a seat of both outcomes is its whatever the
 * lot names), and the rest wait on the lot: that tie is reported with them in contention (a tie
 * within `rest` may not survive the lot, so it is not one yet, as in `waitingOnLot`).
 */
function eitherWay(
  ctx: DistrictContext,
  base: DistrictAllocation,
  rest: DistrictAllocation,
  winner: string,
  bonus: number,
  decisive: readonly DistrictTie[],
): DistrictAllocation {
  const seats = new Map<string, number>([[winner, bonus]]);
  for (const l of ctx.lists)
    if (l.party !== winner)
      seats.set(l.party, Math.min(base.seats.get(l.party) ?? 0, rest.seats.get(l.party) ?? 0));
  const held = [...seats.values()].reduce((a, b) => a + b, 0);
  const unallocated = ctx.seats - held - rest.vacant;
  return {
    ...rest,
    seats,
    unallocated,
    ties: decisive.map((t) =>
      t.resolution === 'unresolved' ? { ...t, seatsInContention: unallocated } : t,
    ),
    draws: [...base.draws, ...rest.draws],
    clauses: [],
  };
}

/**
 * The list that won the last seat under the method (other than `except`): for divisor methods
 * the smallest awarded quotient, for quota methods the smallest remainder that won a seat.
 * Null when two lists share it (the rule then needs the JEE or a lot).
 */
function lastSeatHolder(
  ctx: DistrictContext,
  seats: ReadonlyMap<string, number>,
  except: string,
): string | null {
  const holders = ctx.lists.filter((l) => l.party !== except && (seats.get(l.party) ?? 0) > 0);
  const m = ctx.method;
  if (holders.length === 0 || m.kind === 'kieswet') return null;
  const cmp = (a: ListVotes, b: ListVotes): number => {
    const sa = seats.get(a.party) ?? 0;
    const sb = seats.get(b.party) ?? 0;
    if (m.kind === 'divisor') return compareQuotients(m, a.votes, sa - 1, b.votes, sb - 1);
    const total = ctx.lists.reduce((x, l) => x + l.votes, 0);
    const [qn, qd] = quotaOf(m.quota, total, ctx.seats);
    // the remainder of a list's last seat: v·qd − (s−1)·qn, smaller = won later
    return a.votes * qd - (sa - 1) * qn - (b.votes * qd - (sb - 1) * qn);
  };
  const sorted = [...holders].sort(cmp);
  const first = sorted[0] as ListVotes;
  const second = sorted[1];
  if (second !== undefined && cmp(first, second) === 0) return null;
  return first.party;
}

/**
 * A list with more than half of the valid votes that won no more than half of the seats takes one
 * more seat from the list that won the last seat. Not applied on top of the Kieswet method, which
 * includes P 9 in its own procedure (with its lot and its place before P 10).
 * @see Kieswet (Netherlands) art. P 9.
 */
function withAbsoluteMajority(ctx: DistrictContext, base: DistrictAllocation): DistrictAllocation {
  if (ctx.method.kind === 'kieswet') return base;
  const total = ctx.lists.reduce((a, l) => a + l.votes, 0);
  const major = ctx.lists.find((l) => 2 * l.votes > total);
  if (major === undefined || base.unallocated > 0) return base;
  const before = base.seats.get(major.party) ?? 0;
  if (2 * before > ctx.seats) return base;
  const from = lastSeatHolder(ctx, base.seats, major.party);
  if (from === null) return base;
  const seats = new Map(base.seats);
  seats.set(from, (seats.get(from) ?? 0) - 1);
  seats.set(major.party, before + 1);
  return {
    ...base,
    seats,
    clauses: [
      ...base.clauses,
      { clause: 'absolute-majority', party: major.party, before, after: before + 1, from },
    ],
  };
}

/**
 * A district's seats under the ruleset: the method, then apparentments, the most-voted list (its
 * head's office, the bonus), the bonus and the majority clause.
 */
export function allocateDistrict(ctx: DistrictContext): DistrictAllocation {
  // the most-voted list first: its lot, if any, is the council's first draw
  const top = ctx.bonus !== null || ctx.head ? mostVotedList(ctx) : null;
  let a = methodAllocation(ctx, top?.party ?? null);
  if (top !== null && ctx.bonus !== null && bonusWaitsOnLot(ctx, ctx.bonus, top, a))
    return waitingOnLot(ctx, top);
  if (top !== null) {
    if (ctx.bonus !== null) a = withBonus(ctx, ctx.bonus, a, top.party);
    a = {
      ...a,
      ties: [...top.ties, ...a.ties],
      draws: [...top.draws, ...a.draws],
      mostVoted: top.party,
    };
  }
  if (ctx.absoluteMajority !== null) a = withAbsoluteMajority(ctx, a);
  return a;
}

/**
 * Whether a lot not drawn (no seed) for the most-voted list holds the council's seats back: one of
 * the tied lists would take the bonus over its seats by the method, so that allocation is not the
 * council's (Ley 26864 arts. 25 and 26.6: the bonus goes to the list the sorteo names).
 */
function bonusWaitsOnLot(
  ctx: DistrictContext,
  tier: MajorityBonusTier,
  top: MostVoted,
  method: DistrictAllocation,
): boolean {
  if (top.party !== null || ctx.seats === 0) return false;
  const tie = top.ties.find((t) => t.resolution === 'unresolved');
  if (tie === undefined) return false;
  const bonus = bonusSeats(tier.seats, ctx.seats);
  return tie.candidates.some((p) => ctx.bonusApplies(p) && (method.seats.get(p) ?? 0) < bonus);
}

/**
 * Every seat unallocated until the most-voted list's lot is drawn: only that tie is reported (a
 * tie in the method's allocation may not survive the bonus, so it is not one yet), with every
 * seat of the council in contention, since every one waits on it.
 */
function waitingOnLot(ctx: DistrictContext, top: MostVoted): DistrictAllocation {
  return {
    seats: new Map(),
    unallocated: ctx.seats,
    ties: top.ties.map((t) =>
      t.resolution === 'unresolved' ? { ...t, seatsInContention: ctx.seats } : t,
    ),
    draws: [],
    capped: [],
    vacant: 0,
    clauses: [],
    issues: [],
    mostVoted: null,
  };
}

/**
 * The method's allocation over all lists. Under a majority bonus a tie in it is drawn only when
 * the bonus test needs it: when the winner gets the bonus however the tie falls, that allocation
 * is replaced and its lot would only use up a draw (Ley 26864 art. 26.6: a sorteo settles a tie
 * that decides a seat).
 */
function methodAllocation(ctx: DistrictContext, winner: string | null): DistrictAllocation {
  if (ctx.apparentment !== null && ctx.groups.size > 0)
    return withApparentment(ctx, ctx.apparentment);
  const all = (c: DistrictContext): DistrictAllocation =>
    fromAllocation(plain(c, c.lists, c.seats), 'allocation');
  if (ctx.bonus === null || winner === null || ctx.rng === undefined) return all(ctx);
  const probe = all({ ...ctx, rng: undefined });
  if (probe.unallocated === 0) return probe; // no lot in it: the same allocation, no draw
  // a list has one quotient (or remainder) at a tie's value: at most one seat from each tie
  const contested = probe.ties.filter(
    (t) => t.resolution === 'unresolved' && t.candidates.includes(winner),
  ).length;
  const most = (probe.seats.get(winner) ?? 0) + contested;
  const bonus = bonusSeats(ctx.bonus.seats, ctx.seats);
  if (ctx.bonusApplies(winner) && most < bonus) return probe;
  // the winner's one tie is for its bonus-th seat: won, the method gives it the bonus's seats;
  // lost, the bonus does; the others share the rest by the method either way (no other `rest`),
  // so the lot would decide no seat and is not drawn (Ley 26864 art. 26.6; review 22 M1)
  if (ctx.bonusApplies(winner) && most === bonus && contested === 1 && ctx.bonus.rest === null)
    return probe;
  return all(ctx);
}
