import { assert } from '../assert.js';
import { issue, type Issue } from '../issues.js';
import type { ContestKind } from '../model/contests-manifest.js';
import { nameKey } from '../names.js';
import { seatsFromBands } from '../rules/apportion.js';
import { decidePresidentialRound, type PresidentialResult } from '../rules/presidential.js';
import { settlePresidentialRound } from '../rules/settled.js';
import { decidedOf, decidedPlurality, type Decided } from './contest-decided.js';
import { councilSeatsDecided } from './contest-seats-decided.js';
import type { ListRuleset, PresidentialRuleset } from '../rulesets/ruleset.js';
import {
  computePreparedSeats,
  prepareSeats,
  type DistrictResult,
  type PreparedSeats,
  type SeatOptions,
  type TieReport,
  type UnallocatedReason,
} from './seats.js';

/** One contest's votes: a governor race, or a council (sized by seats or by population). */
export interface ContestInput {
  /** Unique within its set: a region name, or a ubigeo. */
  readonly key: string;
  readonly name: string;
  readonly region: string;
  /** The region's code (a ubigeo's first two digits), when the source gives one. */
  readonly regionCode?: string | undefined;
  readonly lists: readonly { readonly party: string; readonly votes: number }[];
  readonly seats?: number | undefined;
  readonly population?: number | undefined;
  /** An upper bound of the votes still to count (a provisional count); unknown when absent. */
  readonly remaining?: number | undefined;
  /** The source says this contest's own count is over (100 % of its actas), whatever the set's status. */
  readonly final?: boolean | undefined;
}

export type ContestSetInput =
  | {
      readonly kind: ContestKind;
      readonly ruleset: PresidentialRuleset;
      readonly contests: readonly ContestInput[];
      /**
       * True: the source says the set's count is over (a final status); false: it may still
       * change, and a contest is decided only by its own 100 % or by the votes still out.
       */
      readonly complete?: boolean | undefined;
    }
  | {
      readonly kind: ContestKind;
      readonly ruleset: ListRuleset;
      readonly contests: readonly ContestInput[];
      readonly complete?: boolean | undefined;
    };

interface ContestBase {
  /** `<kind>/<key>`: the contest's id in the API. */
  readonly id: string;
  readonly kind: ContestKind;
  readonly key: string;
  readonly name: string;
  readonly region: string;
  readonly rules: string;
  readonly votes: readonly { readonly party: string; readonly votes: number }[];
  /**
   * Whether the outcome is a fact yet (src/core/pipeline/contest-decided.ts): a governor's
   * winner or runoff pair, a council's head (its mayor); null: only the standing.
   */
  readonly decided: Decided;
}

export interface SingleWinnerContest extends ContestBase {
  readonly type: 'single-winner';
  /** The standing on the votes counted so far (the outcome once `decided`). */
  readonly result: PresidentialResult;
  /** A first round that went to a runoff: the second round's contest and its settled winner. */
  readonly secondRound: { readonly id: string; readonly winner: string | null } | null;
}

/** The contest kind that holds a kind's second round (Ley 27683 art. 5: the governor's). */
export const SECOND_ROUND: Partial<Record<ContestKind, ContestKind>> = {
  governor: 'governor-runoff',
};

/** The winner of a single-winner contest once decided, else null. */
export function settledWinner(c: SingleWinnerContest): string | null {
  const o = c.result.outcome;
  return c.decided !== null && o.kind === 'winner' ? o.winner : null;
}

/** A contest's winner once decided (a governor, a council's head: its mayor), else null. */
export function decidedWinner(c: ContestResult): string | null {
  if (c.type === 'single-winner') return c.secondRound?.winner ?? settledWinner(c);
  return c.decided !== null ? c.head : null;
}

/** The list ahead on the votes counted so far; null: nothing counted, or two level at the top. */
export function leaderOf(c: ContestResult): string | null {
  const [a, b] = c.votes;
  return a !== undefined && a.votes > 0 && (b === undefined || a.votes > b.votes) ? a.party : null;
}

export interface CouncilContest extends ContestBase {
  readonly type: 'council';
  /** Regidores or consejeros; null when its size is unknown (no seats, no population band). */
  readonly totalSeats: number | null;
  /** The allocation on the votes counted so far (the seats won once `seatsDecided`). */
  readonly seats: Readonly<Record<string, number>>;
  /**
   * Seats no list holds yet, and the seat engine's reason (DistrictResult.unallocatedReason): no
   * vote counted (`not_counted`), no list may take part, or a lot not drawn (`tie`: under the
   * majority bonus a tie for the most-voted list holds back every seat). 0 and null otherwise.
   */
  readonly unallocated: number;
  readonly unallocatedReason: UnallocatedReason | null;
  /**
   * Whether no vote still out can change the seats (src/core/pipeline/contest-seats-decided.ts);
   * null: they are only the allocation of the votes counted. Of the allocated seats: on a final
   * count a lot not drawn for a last seat leaves them decided, its own seats unallocated.
   */
  readonly seatsDecided: Decided;
  /** The list whose head takes the office (a mayor): null on an unresolved tie or no head office. */
  readonly head: string | null;
  /** The majority bonus, when it changed the winning list's seats. */
  readonly bonus: {
    readonly party: string;
    readonly before: number;
    readonly after: number;
  } | null;
  readonly ties: readonly TieReport[];
  /** The council's own seed for its lots (contestSeed); null without a seed. */
  readonly drawSeed: number | null;
}

export type ContestResult = SingleWinnerContest | CouncilContest;

export interface ContestsResult {
  readonly contests: readonly ContestResult[];
  readonly issues: readonly Issue[];
}

/** A council read and validated once, to be allocated many times (seeds, what-ifs). */
interface PreparedCouncil {
  readonly c: ContestInput;
  /** Null: its size is unknown (reported, not allocated). */
  readonly prepared: PreparedSeats | null;
}

type PreparedSet =
  | {
      readonly kind: ContestKind;
      readonly ruleset: PresidentialRuleset;
      readonly contests: readonly ContestInput[];
      readonly complete: boolean;
    }
  | {
      readonly kind: ContestKind;
      readonly ruleset: ListRuleset;
      readonly councils: readonly PreparedCouncil[];
      readonly issues: readonly Issue[];
      readonly complete: boolean;
    };

/** The contests of an election prepared once: each council's input validated and resolved. */
export interface PreparedContests {
  readonly sets: readonly PreparedSet[];
}

/** Validation, names and each council's vote matrix, done once (computeContests' first half). */
export function prepareContests(sets: readonly ContestSetInput[]): PreparedContests {
  return {
    sets: sets.map((set): PreparedSet => {
      if (set.ruleset.kind === 'presidential')
        return {
          kind: set.kind,
          ruleset: set.ruleset,
          contests: set.contests,
          complete: set.complete ?? true,
        };
      const rs = set.ruleset;
      const issues: Issue[] = [];
      const councils = set.contests.map((c) => {
        const seats = councilSize(rs, c);
        if (seats === undefined) {
          issues.push(
            issue('invalid_seats', ['contests', `${set.kind}/${c.key}`], {
              district: c.name,
              value: null,
              population: c.population ?? null,
              problem: 'council size unknown: no seats and no population',
            }),
          );
          return { c, prepared: null };
        }
        const votes = c.lists.map((l) => ({ district: c.key, party: l.party, votes: l.votes }));
        return {
          c,
          prepared: prepareSeats(rs, { votes, districts: [{ district: c.key, seats }] }),
        };
      });
      return { kind: set.kind, ruleset: rs, councils, issues, complete: set.complete ?? true };
    }),
  };
}

/**
 * Every contest of a multi-contest election in one pass: single-winner rounds one by one, and each
 * council on its own (its majority bonus and most-voted list are its own). Pure: the seed is the
 * only randomness, and each council draws its lots from its own seed (`contestSeed`), so its
 * sorteo replays alone from (seed, contest id), whatever the other councils and their order.
 */
export function computeContests(
  sets: readonly ContestSetInput[],
  options: { readonly seed?: number | undefined; readonly path?: SeatOptions['path'] } = {},
): ContestsResult {
  return computePreparedContests(prepareContests(sets), options);
}

/** computeContests on prepared contests: the same result. */
export function computePreparedContests(
  prepared: PreparedContests,
  options: { readonly seed?: number | undefined; readonly path?: SeatOptions['path'] } = {},
): ContestsResult {
  const contests: ContestResult[] = [];
  const issues: Issue[] = [];
  for (const set of prepared.sets) {
    if ('contests' in set) {
      for (const c of set.contests)
        contests.push(singleWinner(set.kind, set.ruleset, c, set.complete));
      continue;
    }
    issues.push(...set.issues);
    for (const { c, prepared: p } of set.councils) {
      const id = `${set.kind}/${c.key}`;
      if (p === null) {
        contests.push(councilOf(set, c, undefined, [], null));
        continue;
      }
      const seed = options.seed === undefined ? undefined : contestSeed(options.seed, id);
      const r = computePreparedSeats(p, { seed, path: options.path });
      issues.push(...r.issues);
      contests.push(councilOf(set, c, r.districts[0], r.ties, seed ?? null));
    }
  }
  const linked = withSecondRounds(contests);
  return { contests: linked.contests, issues: [...issues, ...linked.issues] };
}

/**
 * Each first round that went to a runoff, linked to its second round's contest (same key). A
 * second round between other lists than the first round's two most-voted (Ley 27683 art. 5), or
 * without a first-round runoff, is kept as published and reported.
 */
function withSecondRounds(contests: readonly ContestResult[]): {
  contests: ContestResult[];
  issues: Issue[];
} {
  const byId = new Map(contests.map((c) => [c.id, c]));
  const issues: Issue[] = [];
  const firstOf = new Map(Object.entries(SECOND_ROUND).map(([k, v]) => [v, k]));
  for (const r of contests) {
    const first = firstOf.get(r.kind);
    if (first === undefined) continue;
    const f = byId.get(`${first}/${r.key}`);
    const pair =
      f?.type === 'single-winner' && f.result.outcome.kind === 'runoff'
        ? f.result.outcome.pair
        : null;
    const lists = r.votes.map((v) => nameKey(v.party)).sort();
    const want = pair ? pair.map(nameKey).sort() : [];
    if (pair === null || lists.length !== 2 || lists.some((p, i) => p !== want[i]))
      issues.push(
        issue(
          'runoff_pair_mismatch',
          ['contests', r.id],
          { firstRound: pair ?? null, secondRound: r.votes.map((v) => v.party) },
          'warning',
        ),
      );
  }
  const linked = contests.map((c) => {
    const next = SECOND_ROUND[c.kind];
    if (c.type !== 'single-winner' || next === undefined || c.result.outcome.kind !== 'runoff')
      return c;
    const r = byId.get(`${next}/${c.key}`);
    if (r === undefined || r.type !== 'single-winner') return c;
    return { ...c, secondRound: { id: r.id, winner: settledWinner(r) } };
  });
  return { contests: linked, issues };
}

/**
 * A council's own seed for its lots: FNV-1a (32 bits, mod 10^9) of the election's seed and the contest id,
 * so that a council's draws depend on nothing else (`cifra seats --seed` with it replays them).
 */
export function contestSeed(seed: number, id: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}\u0000${id}`) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 1_000_000_000; // below 10^9, as `cifra seats --seed` takes it
}

function base(kind: ContestKind, rules: string, c: ContestInput): Omit<ContestBase, 'decided'> {
  return {
    id: `${kind}/${c.key}`,
    kind,
    key: c.key,
    name: c.name,
    region: c.region,
    rules,
    votes: [...c.lists].sort((a, b) => b.votes - a.votes || (a.party < b.party ? -1 : 1)),
  };
}

function singleWinner(
  kind: ContestKind,
  rs: PresidentialRuleset,
  c: ContestInput,
  complete: boolean,
): SingleWinnerContest {
  const candidates = c.lists.map((l) => ({ candidate: l.party, votes: l.votes }));
  const winner = { share: rs.winnerShare, strict: rs.strict, base: rs.base };
  const result = decidePresidentialRound({ candidates, round: rs.round, winner });
  // a provisional count settles only when no way of adding the votes still out could change it
  const s = settlePresidentialRound({
    round: rs.round,
    candidates,
    winner,
    complete: complete || c.final === true,
    remaining: c.remaining ?? null,
    decided: result.outcome,
  });
  return {
    ...base(kind, rs.id, c),
    type: 'single-winner',
    result,
    decided: decidedOf(s),
    secondRound: null,
  };
}

/** A council's size: its seats, else the ruleset's population bands (Ley 26864 art. 24). */
function councilSize(rs: ListRuleset, c: ContestInput): number | undefined {
  if (c.seats !== undefined) return c.seats;
  if (rs.seatBands === null || c.population === undefined) return undefined;
  return seatsFromBands(rs.seatBands, c.name, c.population);
}

function councilOf(
  set: { readonly kind: ContestKind; readonly ruleset: ListRuleset; readonly complete: boolean },
  c: ContestInput,
  d: DistrictResult | undefined,
  ties: readonly TieReport[],
  drawSeed: number | null,
): CouncilContest {
  const bonus = d?.clauses?.find((x) => x.clause === 'majority-bonus');
  // the head (the mayor) is the most-voted list's: decided when no vote still out could change it
  const final = set.complete || c.final === true;
  const remaining = c.remaining ?? null;
  const decided = decidedPlurality(
    c.lists.map((l) => l.votes),
    { final, remaining },
  );
  const seatsDecided =
    d === undefined
      ? null
      : councilSeatsDecided(set.ruleset, {
          votes: c.lists,
          seats: d.seats,
          totalSeats: d.totalSeats,
          headDecided: decided,
          final,
          remaining,
          ties,
        });
  return {
    ...base(set.kind, set.ruleset.id, c),
    decided: d?.head ? decided : null,
    type: 'council',
    totalSeats: d?.totalSeats ?? null,
    seatsDecided,
    seats: d?.seats ?? {},
    unallocated: d?.unallocated ?? 0,
    unallocatedReason: d?.unallocatedReason ?? null,
    head: d?.head?.party ?? null,
    bonus: bonus ? { party: bonus.party, before: bonus.before, after: bonus.after } : null,
    ties,
    drawSeed,
  };
}

/** Posts one organisation won: offices decided, and the runoffs it is in. */
export interface OrganisationPosts {
  readonly party: string;
  readonly type: 'party' | 'regional-movement';
  /** Offices decided, by contest kind: a governor, a mayor (the council's head). */
  readonly heads: Readonly<Partial<Record<ContestKind, number>>>;
  /** Seats decided, by contest kind (regidores, consejeros): no vote still out can move them. */
  readonly seats: Readonly<Partial<Record<ContestKind, number>>>;
  /** Seats on the votes counted in councils whose seats are not decided: they can change. */
  readonly seatsOpen: Readonly<Partial<Record<ContestKind, number>>>;
  /** Runoffs it is in, once the pair is decided. */
  readonly runoffs: number;
  /** Offices it leads on the votes counted that are not decided yet, by contest kind. */
  readonly leading: Readonly<Partial<Record<ContestKind, number>>>;
}

export interface NationalPicture {
  readonly organisations: readonly OrganisationPosts[];
  /** The same, summed by type: national parties against regional movements. */
  readonly byType: readonly {
    readonly type: OrganisationPosts['type'];
    readonly organisations: number;
    readonly heads: number;
    readonly seats: number;
    readonly seatsOpen: number;
    readonly runoffs: number;
    readonly leading: number;
  }[];
  /**
   * Contests not decided: runoffs, unresolved ties, unknown sizes, nothing counted, votes still
   * out (a council: its head or its seats).
   */
  readonly open: readonly string[];
  /**
   * Council seats neither decided nor on the count, so that every seat is accounted for: those a
   * lot not drawn (no seed) holds back, those of councils with no vote counted yet, and those of
   * councils where no list may take part (the seat engine's unallocatedReason).
   */
  readonly unassigned: Unassigned;
  /** Every council seat of a known size: decided + on the count + unassigned. */
  readonly seatsTotal: number;
}

export interface Unassigned {
  readonly lot: { readonly seats: number; readonly councils: number };
  /** Councils with no vote counted yet (ERM 2022: 3 at 0 % of actas): nothing settles who fills them. */
  readonly notCounted: { readonly seats: number; readonly councils: number };
  readonly noEligibleList: { readonly seats: number; readonly councils: number };
  /** Councils whose size is unknown (invalid_seats): their seats cannot be counted. */
  readonly unknownSizeCouncils: number;
}

/**
 * Posts won per organisation over every contest, and parties against regional movements: an
 * organisation is a party when the manifest names it one (matched by name key).
 */
export function nationalPicture(
  contests: readonly ContestResult[],
  nationalParties: readonly string[],
): NationalPicture {
  const parties = new Set(nationalParties.map(nameKey));
  const orgs = new Map<
    string,
    {
      heads: Record<string, number>;
      seats: Record<string, number>;
      seatsOpen: Record<string, number>;
      runoffs: number;
      leading: Record<string, number>;
    }
  >();
  const at = (p: string) => {
    const o = orgs.get(p) ?? { heads: {}, seats: {}, seatsOpen: {}, runoffs: 0, leading: {} };
    orgs.set(p, o);
    return o;
  };
  const add = (r: Record<string, number>, k: string, n: number): void =>
    void (r[k] = (r[k] ?? 0) + n);
  const open: string[] = [];
  for (const c of contests) {
    if (c.type === 'single-winner') {
      const first = Object.entries(SECOND_ROUND).find(([, v]) => v === c.kind)?.[0];
      if (first !== undefined) {
        // a second round's winner holds the first round's office (the governor)
        const w = settledWinner(c);
        const l = leaderOf(c);
        if (w !== null) add(at(w).heads, first, 1);
        else open.push(c.id);
        if (w === null && l !== null) add(at(l).leading, first, 1);
        continue;
      }
      const o = c.result.outcome;
      // only what the figures settle is counted as won; an open lead is counted as a lead
      if (c.decided === null) {
        // a first round with a second round of its own: that contest counts its leader
        const l = leaderOf(c);
        if (l !== null && c.secondRound === null) add(at(l).leading, c.kind, 1);
      } else if (o.kind === 'winner') add(at(o.winner).heads, c.kind, 1);
      else if (o.kind === 'runoff') for (const p of o.pair) at(p).runoffs += 1;
      const won = c.decided !== null && o.kind === 'winner';
      if (!won && (c.secondRound?.winner ?? null) === null) open.push(c.id);
      continue;
    }
    const head = decidedWinner(c);
    if (head !== null) add(at(head).heads, c.kind, 1);
    else if (c.head !== null) add(at(c.head).leading, c.kind, 1);
    // seats the figures do not settle are counted apart, never as won
    for (const [p, n] of Object.entries(c.seats))
      if (n > 0) add(c.seatsDecided !== null ? at(p).seats : at(p).seatsOpen, c.kind, n);
    if (councilUndecided(c, head)) open.push(c.id);
  }
  const organisations = [...orgs]
    .map(([party, o]): OrganisationPosts => ({
      party,
      type: parties.has(nameKey(party)) ? 'party' : 'regional-movement',
      heads: o.heads,
      seats: o.seats,
      seatsOpen: o.seatsOpen,
      runoffs: o.runoffs,
      leading: o.leading,
    }))
    .sort(
      (a, b) =>
        total(b.heads) - total(a.heads) ||
        total(b.seats) - total(a.seats) ||
        total(b.seatsOpen) - total(a.seatsOpen) ||
        (a.party < b.party ? -1 : 1),
    );
  return {
    organisations,
    byType: byType(organisations),
    open,
    ...unassignedSeats(contests),
  };
}

/**
 * A council not decided: its size unknown, its head or its seats not decided, or a seat waiting on
 * a lot (on a final count its allocated seats may be decided, the lot's seat is not).
 */
const councilUndecided = (c: CouncilContest, head: string | null): boolean =>
  c.totalSeats === null || head === null || c.seatsDecided === null || c.unallocated > 0;

/** Every council seat, and those neither decided nor on the count, with why. */
function unassignedSeats(contests: readonly ContestResult[]): {
  unassigned: Unassigned;
  seatsTotal: number;
} {
  const lot = { seats: 0, councils: 0 };
  const notCounted = { seats: 0, councils: 0 };
  const noEligibleList = { seats: 0, councils: 0 };
  const reasons: Partial<Record<UnallocatedReason, typeof lot>> = {
    tie: lot,
    not_counted: notCounted,
    no_eligible_list: noEligibleList,
  };
  let unknownSizeCouncils = 0;
  let seatsTotal = 0;
  for (const c of contests) {
    if (c.type !== 'council') continue;
    if (c.totalSeats === null) {
      unknownSizeCouncils += 1;
      continue;
    }
    seatsTotal += c.totalSeats;
    if (c.unallocated === 0 || c.unallocatedReason === null) continue;
    // the seat engine says why: a lot not drawn, nothing counted yet, no list may take part
    const why = reasons[c.unallocatedReason];
    // a council is one district: a biproportional apportionment never runs on it
    assert(why !== undefined, `council ${c.id}: ${c.unallocatedReason}`);
    why.seats += c.unallocated;
    why.councils += 1;
  }
  return { unassigned: { lot, notCounted, noEligibleList, unknownSizeCouncils }, seatsTotal };
}

const total = (r: Readonly<Record<string, number | undefined>>): number =>
  Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);

function byType(orgs: readonly OrganisationPosts[]): NationalPicture['byType'] {
  return (['party', 'regional-movement'] as const).map((type) => {
    const of = orgs.filter((o) => o.type === type);
    return {
      type,
      organisations: of.length,
      heads: of.reduce((a, o) => a + total(o.heads), 0),
      seats: of.reduce((a, o) => a + total(o.seats), 0),
      seatsOpen: of.reduce((a, o) => a + total(o.seatsOpen), 0),
      runoffs: of.reduce((a, o) => a + o.runoffs, 0),
      leading: of.reduce((a, o) => a + total(o.leading), 0),
    };
  });
}
