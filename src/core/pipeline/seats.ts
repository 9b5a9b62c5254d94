import { allocateSeats, drawsLots, REPORT_TIES, type Draw } from '../allocation/allocate.js';
import { hasErrors, issue, type Issue } from '../issues.js';
import { percentHalfUp, ratioPercent, type Ratio } from '../ratio.js';
import { createRng, shuffled, type Rng } from '../random.js';
import { checkNullity, type NullityReport } from '../rules/nullity.js';
import { electCandidates } from '../rules/preferential.js';
import {
  evaluateThreshold,
  type ExclusionReason,
  type ThresholdOutcome,
} from '../rules/threshold.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import {
  allocateDistrict,
  type ClauseNote,
  type DistrictAllocation,
  type KieswetRecord,
} from './district-seats.js';
import { kernelDistrict, kernelPlan, type KernelPlan } from './seats-kernel.js';
import { prepareSeatInput, type PreparedInput, type SeatInput } from './seat-input.js';
import type { UnallocatedReason } from './unallocated-reason.js';
import { districtCounted, notCountedIssue } from './district-counted.js';
import {
  biproportionalSeats,
  compensationSeats,
  poolRemainders,
  type TierReport,
  type UnplacedSeats,
} from './tiers.js';

export type { CandidateRow, DistrictRow, SeatInput, VoteRow } from './seat-input.js';
export type { TierReport, UnplacedSeats } from './tiers.js';

/**
 * How a tie was resolved: `unresolved`, a lot not drawn (no seed); a rule's step (`more-votes`,
 * `fewer-votes`, `ballot-position`); `lot`, drawn by cifra's seed. The one list the type and the
 * API's schema (results/contests.ts) are built from.
 */
export const TIE_RESOLUTIONS = [
  'unresolved',
  'more-votes',
  'fewer-votes',
  'ballot-position',
  'lot',
] as const;
export type TieResolution = (typeof TIE_RESOLUTIONS)[number];

export interface TieReport {
  readonly stage:
    | 'allocation'
    | 'preliminary'
    | 'preferential'
    | 'single-seat-candidate'
    | 'apparentment'
    | 'most-voted';
  readonly district: string;
  readonly party?: string;
  readonly candidates: readonly string[];
  readonly seatsInContention: number;
  readonly resolution: TieResolution;
}

export interface DrawRecord extends Draw {
  readonly stage: TieReport['stage'];
  readonly district: string;
  readonly party?: string;
}

export { UNALLOCATED_REASONS, type UnallocatedReason } from './unallocated-reason.js';

export interface DistrictResult {
  readonly district: string;
  readonly totalSeats: number;
  readonly seats: Record<string, number>;
  readonly unallocated: number;
  /** Why `unallocated` is not 0 (one reason: they never meet in one district); null when it is 0. */
  readonly unallocatedReason: UnallocatedReason | null;
  readonly elected?: Record<string, readonly string[]>;
  readonly vacant?: number;
  /** Clauses that changed this district's seats (majority bonus, absolute majority). */
  readonly clauses?: readonly ClauseNote[];
  /** Seats of this district left to the national remainder pool. */
  readonly pooledSeats?: number;
  /** The Kieswet procedure's quota and steps (method kieswet): which rule gave each seat. */
  readonly kieswet?: KieswetRecord;
  /**
   * The ruleset's head office (a mayor) and the list whose first candidate takes it: the
   * most-voted list (null while a tie for it is unresolved).
   */
  readonly head?: {
    readonly office: { readonly es: string; readonly en: string };
    readonly party: string | null;
  };
}

/** An exclusion reason as the report states it: a share's required ratio as text ("5 %"). */
type ExclusionReasonJson = ExclusionReason extends infer R
  ? R extends { readonly reason: 'below_share'; readonly required: Ratio }
    ? Omit<R, 'required'> & { readonly required: string }
    : R
  : never;

export interface SeatResult {
  readonly rules: string;
  readonly options: Readonly<Record<string, string>>;
  readonly totalSeats: number;
  readonly seats: Record<string, number>;
  readonly districts: readonly DistrictResult[];
  readonly passed: readonly string[];
  readonly excluded: readonly ({ readonly party: string } & ExclusionReasonJson)[];
  readonly ties: readonly TieReport[];
  readonly draws: readonly DrawRecord[];
  readonly votes: readonly {
    readonly party: string;
    readonly votes: number;
    /** null: no valid votes (no share of nothing). */
    readonly pctValid: string | null;
  }[];
  readonly preliminarySeats: Record<string, number> | null;
  readonly nullity: NullityReport | null;
  /** What each tier of the ruleset did (compensation, remainder pool, biproportional). */
  readonly tiers?: readonly TierReport[];
  /**
   * Seats of the remainder pool no district holds, left open by a tie (absent when none): the
   * districts' seats and these add up to the house.
   */
  readonly unplaced?: readonly UnplacedSeats[];
  /** Requirements on the candidate lists (quotas): reported, not checked by cifra. */
  readonly listQuotas?: readonly {
    readonly group: { readonly es: string; readonly en: string };
    readonly share: string;
    readonly where?: string;
    readonly source: string;
  }[];
  readonly issues: readonly Issue[];
}

/** A required share as the report prints it ("5.000%"). */
function requiredText(r: Ratio): string {
  return `${ratioPercent(r, 3)}%`;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The valla: which lists take part in each district, with a preliminary allocation to count seats. */
function applyThreshold(
  ruleset: ListRuleset,
  prep: PreparedInput,
  shape: DistrictShape,
  issues: Issue[],
): ThresholdOutcome {
  const P = prep.parties.length;
  // the fields named, not spread: a spread into a literal with more keys builds a slow object
  const outcome = evaluateThreshold(ruleset.threshold, {
    districts: shape.districts,
    seats: shape.seats,
    blank: shape.blank,
    registered: shape.registered,
    parties: prep.parties,
    votes: prep.votes,
    allianceMembers: prep.allianceMembers,
    tags: prep.tags,
    preliminary: (among) => {
      const contested = new Array<number>(P).fill(0);
      const seats = prep.districts.map((d, di) => {
        const row = prep.votes[di] as readonly number[];
        const lists = prep.parties.flatMap((party, p) =>
          among[p] === true && (row[p] as number) > 0 ? [{ party, votes: row[p] as number }] : [],
        );
        const a = allocateSeats({
          lists,
          seats: d.seats,
          method: d.method,
          tieBreak: REPORT_TIES,
        });
        if (a.tie !== null)
          for (const c of a.tie.candidates) contested[prep.parties.indexOf(c)]! += 1;
        return prep.parties.map((p) => a.seats.get(p) ?? 0);
      });
      return { seats, contested };
    },
  });
  for (const p of outcome.tieDependent)
    issues.push(
      issue('threshold_tie', ['party', prep.parties[p] as string], {
        preliminarySeats: outcome.preliminarySeats?.[p],
      }),
    );
  return outcome;
}

interface RunState {
  readonly ruleset: ListRuleset;
  readonly prep: PreparedInput;
  readonly kernel: KernelPlan | null;
  readonly threshold: ThresholdOutcome;
  readonly rng: Rng | undefined;
  readonly seed: number | undefined;
  readonly issues: Issue[];
  readonly ties: TieReport[];
  readonly draws: DrawRecord[];
}

function listsOf(st: RunState, di: number): { party: string; votes: number; position?: number }[] {
  const row = st.prep.votes[di] as readonly number[];
  const eligible = st.threshold.eligible[di] as readonly boolean[];
  return st.prep.parties.flatMap((party, p) => {
    if (eligible[p] !== true || (row[p] as number) <= 0) return [];
    const position = st.prep.positions[p];
    // a list without a ballot position has no key (not one set to undefined)
    return [
      position === undefined
        ? { party, votes: row[p] as number }
        : { party, votes: row[p] as number, position },
    ];
  });
}

/** Whether any list takes part in district di (listsOf without building it). */
function hasEligibleList(st: RunState, di: number): boolean {
  const row = st.prep.votes[di] as readonly number[];
  const eligible = st.threshold.eligible[di] as readonly boolean[];
  for (let p = 0; p < row.length; p++)
    if (eligible[p] === true && (row[p] as number) > 0) return true;
  return false;
}

function candidatesOf(st: RunState, di: number, party: string) {
  const p = st.prep.parties.indexOf(party);
  return st.prep.candidates?.get(`${di}|${p}`) ?? [];
}

/** Records a district allocation's ties, draws and warnings. */
function recordDistrict(st: RunState, district: string, a: DistrictAllocation): void {
  // one issue per unresolved tie between the same lists: a council whose most-voted lists tie
  // (the mayor, stage most-voted) ties them again for its last seat (allocation); both stay in ties
  const reported = new Set<string>();
  for (const t of a.ties) {
    st.ties.push({
      stage: t.stage,
      district,
      ...(t.group === undefined ? {} : { party: `group ${t.group}` }),
      candidates: t.candidates,
      seatsInContention: t.seatsInContention,
      resolution: t.resolution,
    });
    const key = JSON.stringify([...t.candidates].sort());
    if (t.resolution === 'unresolved' && !reported.has(key)) {
      reported.add(key);
      st.issues.push(
        issue('tie_unresolved', ['district', district], {
          candidates: t.candidates,
          seats: t.seatsInContention,
          policy: st.ruleset.tieBreak.steps,
        }),
      );
    }
  }
  for (const d of a.draws) st.draws.push({ ...d, district });
  for (const i of a.issues) st.issues.push({ ...i, path: ['district', district, ...i.path] });
  for (const c of a.capped)
    st.issues.push(
      issue(
        'insufficient_candidates',
        ['district', district, 'party', c.party],
        { seatsLost: c.seatsLost, rule: st.ruleset.exhaustedList },
        'warning',
      ),
    );
}

/** One district under the ruleset's method and per-district clauses. */
function districtAllocation(st: RunState, di: number): DistrictAllocation {
  const d = st.prep.districts[di] as PreparedInput['districts'][number];
  const lists = listsOf(st, di);
  const tier = <K extends ListRuleset['tiers'][number]['kind']>(k: K) =>
    (st.ruleset.tiers.find((t) => t.kind === k) ?? null) as Extract<
      ListRuleset['tiers'][number],
      { kind: K }
    > | null;
  const groups = new Map<string, string>();
  st.prep.parties.forEach((p, i) => {
    const g = st.prep.groups[di]?.[i];
    if (g !== undefined) groups.set(p, g);
  });
  const caps =
    st.prep.candidates !== null && st.ruleset.exhaustedList === 'next-quotient'
      ? new Map(lists.map((l) => [l.party, candidatesOf(st, di, l.party).length]))
      : undefined;
  const bonus = tier('majority-bonus');
  return allocateDistrict({
    lists,
    seats: d.seats,
    method: d.method,
    tieBreak: st.ruleset.tieBreak,
    rng: st.rng,
    seed: st.seed,
    caps,
    groups,
    apparentment: tier('apparentment'),
    bonus,
    head: st.ruleset.head !== null,
    bonusApplies: (party) => {
      const condition = bonus?.condition ?? null;
      if (condition === null) return true;
      const p = st.prep.parties.indexOf(party);
      const one = evaluateThreshold(condition, {
        districts: [d.name],
        parties: st.prep.parties,
        votes: [st.prep.votes[di] as readonly number[]],
        seats: [d.seats],
        blank: [d.blank],
        registered: [d.electorate],
        allianceMembers: st.prep.allianceMembers,
        tags: st.prep.tags,
        preliminary: () => ({ seats: [st.prep.parties.map(() => 0)], contested: [] }),
      });
      return one.eligible[0]?.[p] === true;
    },
    absoluteMajority: tier('absolute-majority'),
  });
}

/** Names the elected candidates of a district (preferential votes), ties by recorded lot. */
function electDistrict(
  st: RunState,
  di: number,
  seats: Record<string, number>,
): { elected: Record<string, readonly string[]>; vacant: number } {
  const district = (st.prep.districts[di] as PreparedInput['districts'][number]).name;
  const elected: Record<string, readonly string[]> = {};
  let vacant = 0;
  for (const [party, s] of Object.entries(seats)) {
    const e = electCandidates(candidatesOf(st, di, party), s);
    let names = [...e.elected];
    if (e.tie !== null) {
      const cands = [...e.tie.candidates].sort(byName);
      const winners = lot(st, cands, e.tie.seatsInContention);
      st.ties.push({
        stage: 'preferential',
        district,
        party,
        candidates: cands,
        seatsInContention: e.tie.seatsInContention,
        resolution: winners ? 'lot' : 'unresolved',
      });
      if (winners) {
        st.draws.push({
          seed: st.seed ?? 0,
          candidates: cands,
          seats: e.tie.seatsInContention,
          winners,
          stage: 'preferential',
          district,
          party,
        });
        names = [...names, ...winners];
      } else {
        st.issues.push(
          issue('preferential_tie', ['district', district, 'party', party], {
            candidates: e.tie.candidates,
            seats: e.tie.seatsInContention,
          }),
        );
      }
    }
    if (e.shortBy > 0) {
      vacant += e.shortBy;
      st.issues.push(
        issue(
          'insufficient_candidates',
          ['district', district, 'party', party],
          { seatsLost: e.shortBy, rule: 'vacant' },
          'warning',
        ),
      );
    }
    elected[party] = names;
  }
  return { elected, vacant };
}

/**
 * Candidates tied on votes: only a lot can part them, and only if the ruleset's steps reach one
 * before a report (`drawsLots`, as a tie between lists is settled) and a seed was given.
 */
function lot(st: RunState, cands: readonly string[], seats: number): string[] | null {
  if (st.rng === undefined || !drawsLots({ tieBreak: st.ruleset.tieBreak, rng: st.rng }))
    return null;
  return shuffled([...cands], st.rng)
    .slice(0, seats)
    .sort(byName);
}

/**
 * Single-seat districts under reading B (`singleSeatWinner: candidate`): the most-voted candidate
 * of the qualifying lists wins; a tie goes to a recorded lot.
 */
function singleSeatByCandidate(st: RunState, di: number): DistrictResult {
  const district = (st.prep.districts[di] as PreparedInput['districts'][number]).name;
  const all = listsOf(st, di).flatMap((l) =>
    candidatesOf(st, di, l.party).map((c) => ({ party: l.party, ...c })),
  );
  const best = Math.max(-1, ...all.map((c) => c.votes));
  const top = all.filter((c) => c.votes === best).sort((a, b) => byName(a.candidate, b.candidate));
  let winner = top.length === 1 ? top[0] : undefined;
  if (top.length > 1) {
    const names = top.map((c) => c.candidate);
    const drawn = lot(st, names, 1)?.[0] ?? null;
    if (drawn !== null) {
      winner = top.find((c) => c.candidate === drawn);
      st.draws.push({
        seed: st.seed ?? 0,
        candidates: names,
        seats: 1,
        winners: [drawn],
        stage: 'single-seat-candidate',
        district,
      });
    } else
      st.issues.push(
        // a candidate's tie is always the lot's (whatever the list steps): it waits on the seed
        issue('tie_unresolved', ['district', district], {
          candidates: names,
          seats: 1,
          policy: ['lot'],
        }),
      );
    st.ties.push({
      stage: 'single-seat-candidate',
      district,
      candidates: names,
      seatsInContention: 1,
      resolution: drawn ? 'lot' : 'unresolved',
    });
  }
  if (winner === undefined && top.length > 1)
    return { district, totalSeats: 1, seats: {}, unallocated: 1, unallocatedReason: 'tie' };
  if (winner === undefined) {
    // no candidate on any eligible list: no one can take the seat (a list short of candidates)
    st.issues.push(
      issue(
        'insufficient_candidates',
        ['district', district],
        { seatsLost: 1, rule: 'vacant' },
        'warning',
      ),
    );
    return {
      district,
      totalSeats: 1,
      seats: {},
      unallocated: 0,
      unallocatedReason: null,
      vacant: 1,
    };
  }
  return {
    district,
    totalSeats: 1,
    seats: { [winner.party]: 1 },
    unallocated: 0,
    unallocatedReason: null,
    elected: { [winner.party]: [winner.candidate] },
  };
}

/** Every district's seats (the lower tier), with the remainder pool when the ruleset has one. */
function allDistricts(st: RunState): {
  districts: DistrictResult[];
  tiers: TierReport[];
  unplaced?: UnplacedSeats[];
} {
  const bipro = st.ruleset.tiers.find((t) => t.kind === 'biproportional');
  if (bipro !== undefined)
    return biproportionalSeats(st.ruleset, bipro, st.prep, st.threshold, st.issues);
  const pooling = st.ruleset.tiers.find((t) => t.kind === 'remainder-pooling');
  if (pooling !== undefined)
    return poolRemainders(st.ruleset, pooling, st.prep, st.threshold, st.issues);
  const districts = st.prep.districts.map((d, di): DistrictResult => {
    if (d.seats > 0 && !hasEligibleList(st, di)) {
      // nothing counted is no valla's doing: the count, not the lists, holds its seats
      const counted = districtCounted(st.prep, di);
      st.issues.push(
        counted
          ? issue('no_eligible_list', ['district', d.name], { seats: d.seats })
          : notCountedIssue(d.name, d.seats),
      );
      return {
        district: d.name,
        totalSeats: d.seats,
        seats: {},
        unallocated: d.seats,
        unallocatedReason: counted ? 'no_eligible_list' : 'not_counted',
      };
    }
    if (d.seats === 1 && st.ruleset.singleSeatWinner === 'candidate')
      return singleSeatByCandidate(st, di);
    const eligible = st.threshold.eligible[di] as readonly boolean[];
    const fast = st.kernel && kernelDistrict(st.kernel, st.prep.parties, eligible, di);
    if (fast)
      return {
        district: d.name,
        totalSeats: d.seats,
        seats: fast,
        unallocated: 0,
        unallocatedReason: null,
      };
    const a = districtAllocation(st, di);
    recordDistrict(st, d.name, a);
    const seats: Record<string, number> = {};
    for (const [p, s] of a.seats) if (s > 0) seats[p] = s;
    // the Kieswet's nomination (P 15–P 19) is not cifra's open-list order: candidates are caps only
    const named =
      st.prep.candidates === null || d.method.kind === 'kieswet'
        ? null
        : electDistrict(st, di, seats);
    const vacant = a.vacant + (named?.vacant ?? 0);
    return {
      district: d.name,
      totalSeats: d.seats,
      seats,
      unallocated: a.unallocated,
      // a district's allocation leaves seats open only on an unresolved tie (allocateSeats)
      unallocatedReason: a.unallocated > 0 ? 'tie' : null,
      ...(named === null ? {} : { elected: named.elected }),
      ...(vacant > 0 ? { vacant } : {}),
      ...(a.clauses.length > 0 ? { clauses: a.clauses } : {}),
      ...(a.kieswet ? { kieswet: a.kieswet } : {}),
      ...(st.ruleset.head !== null && a.mostVoted !== undefined
        ? { head: { office: st.ruleset.head.office, party: a.mostVoted } }
        : {}),
    };
  });
  return { districts, tiers: [] };
}

/** The lists eligible in at least one district (one pass over the rows). */
function passedLists(parties: readonly string[], eligible: ThresholdOutcome['eligible']): string[] {
  const any = new Array<boolean>(parties.length).fill(false);
  for (const row of eligible) for (let p = 0; p < parties.length; p++) if (row[p]) any[p] = true;
  return parties.filter((_, p) => any[p]);
}

function voteSummary(prep: PreparedInput) {
  // one pass over the rows, not a reduce per party
  const national = new Array<number>(prep.parties.length).fill(0);
  for (const row of prep.votes)
    for (let p = 0; p < national.length; p++)
      national[p] = (national[p] as number) + (row[p] as number);
  const valid = national.reduce((a, b) => a + b, 0);
  return {
    valid,
    rows: prep.parties
      .map((party, p) => ({
        party,
        votes: national[p] as number,
        pctValid: percentHalfUp(national[p] as number, valid),
      }))
      .sort((a, b) => b.votes - a.votes || byName(a.party, b.party)),
  };
}

function nullityOf(ruleset: ListRuleset, prep: PreparedInput, valid: number): NullityReport | null {
  const ds = prep.districts;
  if (ruleset.nullity === null || !ds.every((d) => d.blank !== undefined && d.null !== undefined))
    return null;
  const blank = ds.reduce((a, d) => a + (d.blank ?? 0), 0);
  const nul = ds.reduce((a, d) => a + (d.null ?? 0), 0);
  return checkNullity({ valid, blank, null: nul }, ruleset.nullity);
}

/**
 * Votes → seats for a list-PR ruleset: validate the input, apply the valla, allocate every
 * district (apparentments, majority clauses), then the upper tiers (compensation, pooled
 * remainders, biproportional), and name the elected candidates when preferential votes are
 * given (not under the Kieswet method, whose candidates only cap the seats, P 10). Pure: same input and seed, same output; list order in the input never matters.
 * @see LOE arts. 20, 29–31 (Peru); LOREG arts. 162–163 (Spain); Kieswet arts. P 5–P 10 (Netherlands); docs/rulesets.md.
 */
export function computeSeats(
  ruleset: ListRuleset,
  input: SeatInput,
  options: SeatOptions = {},
): SeatResult {
  return computePreparedSeats(prepareSeats(ruleset, input), options);
}

export interface SeatOptions {
  readonly seed?: number | undefined;
  /** 'general' skips the district kernel (for the differential test); the result is the same. */
  readonly path?: 'auto' | 'general' | undefined;
}

/** An input validated and resolved once for a ruleset, to compute its seats many times. */
export interface PreparedSeats {
  readonly ruleset: ListRuleset;
  readonly prep: PreparedInput;
  readonly kernel: KernelPlan | null;
  readonly shape: DistrictShape;
  /** Each party's index in prep.parties, by its display name. */
  readonly indexOf: ReadonlyMap<string, number>;
}

/** The districts' names, seats, blank votes and electors as the valla reads them. */
interface DistrictShape {
  readonly districts: readonly string[];
  readonly seats: readonly number[];
  readonly blank: readonly (number | undefined)[];
  readonly registered: readonly (number | undefined)[];
}

/** Validation, names and the vote matrix, done once (computeSeats' first half). */
export function prepareSeats(ruleset: ListRuleset, input: SeatInput): PreparedSeats {
  const prep = prepareSeatInput(ruleset, input);
  return {
    ruleset,
    prep,
    kernel: hasErrors(prep.issues) ? null : kernelPlan(ruleset, prep),
    shape: {
      districts: prep.districts.map((d) => d.name),
      seats: prep.districts.map((d) => d.seats),
      blank: prep.districts.map((d) => d.blank),
      registered: prep.districts.map((d) => d.electorate),
    },
    indexOf: new Map(prep.parties.map((p, i) => [p, i])),
  };
}

/**
 * computeSeats on a prepared input: the same result, issues and report; districts where only
 * the divisor method applies run through the SeatEngine's exact kernel (a tie goes back to the
 * general path, which applies the ruleset's tie rule).
 */
export function computePreparedSeats(
  prepared: PreparedSeats,
  options: SeatOptions = {},
): SeatResult {
  const { ruleset, prep } = prepared;
  const issues = [...prep.issues];
  const summary = voteSummary(prep);
  const districtSeats = prep.districts.reduce((a, d) => a + d.seats, 0);
  const compensation = ruleset.tiers.find((t) => t.kind === 'compensation');
  const totalSeats = districtSeats + (compensation?.seats ?? 0);
  const base = { rules: ruleset.id, options: ruleset.options, totalSeats, votes: summary.rows };
  if (hasErrors(issues))
    return {
      ...base,
      seats: {},
      districts: [],
      passed: [],
      excluded: [],
      ties: [],
      draws: [],
      preliminarySeats: null,
      nullity: null,
      issues,
    };
  const st: RunState = {
    ruleset,
    prep,
    kernel: options.path === 'general' ? null : prepared.kernel,
    threshold: applyThreshold(ruleset, prep, prepared.shape, issues),
    rng: options.seed === undefined ? undefined : createRng(options.seed),
    seed: options.seed,
    issues,
    ties: [],
    draws: [],
  };
  const lower = allDistricts(st);
  const { seats, tiers } = partySeats(st, prepared.indexOf, lower, compensation);
  const prelim = st.threshold.preliminarySeats;
  return {
    ...base,
    seats,
    districts: lower.districts,
    passed: passedLists(prep.parties, st.threshold.eligible),
    excluded: excludedLists(prep.parties, st.threshold.reasons),
    ties: st.ties,
    draws: st.draws,
    preliminarySeats:
      prelim === null ? null : Object.fromEntries(prep.parties.map((p, i) => [p, prelim[i] ?? 0])),
    nullity: nullityOf(ruleset, prep, summary.valid),
    ...(tiers.length > 0 ? { tiers } : {}),
    ...(lower.unplaced !== undefined && lower.unplaced.length > 0
      ? { unplaced: lower.unplaced }
      : {}),
    ...listQuotasOf(ruleset),
    issues,
  };
}

/**
 * Each list's seats over the tiers, most first (ties by name), from per-party counts: the parties
 * are in name order, so a stable sort by seats alone orders ties by name.
 */
function partySeats(
  st: RunState,
  indexOf: ReadonlyMap<string, number>,
  lower: {
    districts: readonly DistrictResult[];
    tiers: readonly TierReport[];
    unplaced?: readonly UnplacedSeats[];
  },
  compensation: Extract<ListRuleset['tiers'][number], { kind: 'compensation' }> | undefined,
): { seats: Record<string, number>; tiers: TierReport[] } {
  const parties = st.prep.parties;
  const totals = new Array<number>(parties.length).fill(0);
  const at = (party: string): number => {
    const i = indexOf.get(party);
    if (i === undefined) throw new Error(`seats for an unknown list: ${party}`);
    return i;
  };
  const add = (rec: Readonly<Record<string, number>>): void => {
    for (const p in rec) {
      const i = at(p);
      totals[i] = (totals[i] as number) + (rec[p] as number);
    }
  };
  for (const d of lower.districts) add(d.seats);
  const tiers = [...lower.tiers];
  const bipro = tiers.find((t) => t.kind === 'biproportional');
  // an unsettled lower apportionment places no seat in a district: the lists keep their totals
  if (bipro !== undefined && lower.districts.every((d) => d.unallocated === d.totalSeats))
    for (const p in bipro.upper) totals[at(p)] = bipro.upper[p] as number;
  for (const t of tiers) if (t.kind === 'remainder-pooling' && !t.placed) add(t.seats);
  // seats a list won in the pool whose district is tied are its seats still: no district has them
  for (const u of lower.unplaced ?? []) if (u.stage === 'placement') add({ [u.party]: u.seats });
  if (compensation !== undefined) {
    const held = new Map(parties.map((p, i) => [p, totals[i] as number]));
    const c = compensationSeats(compensation, st.prep, held, st.threshold, st.issues);
    tiers.push(c.report);
    add(c.report.seats);
  }
  const order: number[] = [];
  for (let p = 0; p < totals.length; p++) if ((totals[p] as number) > 0) order.push(p);
  order.sort((a, b) => (totals[b] as number) - (totals[a] as number));
  const seats: Record<string, number> = {};
  for (const p of order) seats[parties[p] as string] = totals[p] as number;
  return { seats, tiers };
}

/** The lists that failed the valla, each reason once, the share required as a percentage. */
function excludedLists(
  parties: readonly string[],
  reasons: ThresholdOutcome['reasons'],
): SeatResult['excluded'] {
  const out: SeatResult['excluded'][number][] = [];
  // most lists fail the same share (one Ratio object): its percentage is formatted once
  let last: Ratio | null = null;
  let lastText = '';
  for (let p = 0; p < parties.length; p++)
    for (const r of reasons[p] ?? []) {
      const party = parties[p] as string;
      if (r.reason !== 'below_share') {
        out.push({ party, ...r });
        continue;
      }
      if (r.required !== last) {
        last = r.required;
        lastText = requiredText(r.required);
      }
      const { votes, total, district } = r;
      out.push(
        district === undefined
          ? { party, reason: 'below_share', votes, total, required: lastText }
          : { party, reason: 'below_share', votes, total, required: lastText, district },
      );
    }
  return out;
}

function listQuotasOf(ruleset: ListRuleset): Pick<SeatResult, 'listQuotas'> {
  if (ruleset.listQuotas.length === 0) return {};
  return {
    listQuotas: ruleset.listQuotas.map((q) => ({
      group: q.group,
      share: q.share,
      ...(q.where === undefined ? {} : { where: q.where }),
      source: q.source,
    })),
  };
}
