import { allocateSeats, REPORT_TIES } from '../allocation/allocate.js';
import { allocateBig } from '../allocation/exact-big.js';
import { fullQuotas } from '../allocation/largest-remainder.js';
import type { AllocationMethod } from '../allocation/methods.js';
import { lowerApportionment } from '../allocation/biproportional.js';
import { issue, type Issue } from '../issues.js';
import { evaluateThreshold, type ThresholdOutcome } from '../rules/threshold.js';
import type {
  BiproportionalTier,
  CompensationTier,
  ListRuleset,
  RemainderPoolingTier,
} from '../rulesets/ruleset.js';
import type { PreparedInput } from './seat-input.js';
import type { UnallocatedReason } from './unallocated-reason.js';
import { districtCounted, notCountedIssue } from './district-counted.js';

/** What an upper tier did, for the result's `tiers`. */
export type TierReport =
  | {
      readonly kind: 'compensation';
      /** Compensation seats per list. */
      readonly seats: Record<string, number>;
      /** The whole house shared on national votes among the qualifying lists. */
      readonly entitlement: Record<string, number>;
      /** Lists that won more district seats than their entitlement: left out, the rest recomputed. */
      readonly overhang: readonly string[];
      readonly qualifying: readonly string[];
    }
  | {
      readonly kind: 'remainder-pooling';
      /** Pooled seats per list (in `districts` too when they are placed). */
      readonly seats: Record<string, number>;
      /** Votes each list did not use for full-quota seats, summed over the districts (exact: "n/d"). */
      readonly remainders: Record<string, string>;
      /** Whether the pooled seats were placed back in the districts. */
      readonly placed: boolean;
    }
  | {
      readonly kind: 'biproportional';
      /** Upper apportionment: seats per list on the whole election. */
      readonly upper: Record<string, number>;
      readonly upperVotes: Record<string, number>;
      /** The divisors of the lower apportionment (a cell's seats: its votes ÷ both, rounded). */
      readonly districtDivisors: Record<string, number>;
      readonly partyDivisors: Record<string, number>;
    };

type DistrictLike = {
  readonly district: string;
  readonly totalSeats: number;
  readonly seats: Record<string, number>;
  readonly unallocated: number;
  readonly unallocatedReason: UnallocatedReason | null;
  readonly pooledSeats?: number;
};

function positive(m: ReadonlyMap<string, number> | Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of m instanceof Map ? m : Object.entries(m)) if (v > 0) out[k] = v;
  return out;
}

function nationalVotes(prep: PreparedInput): number[] {
  return prep.parties.map((_, p) => prep.votes.reduce((a, r) => a + (r[p] as number), 0));
}

function eligibleAnywhere(t: ThresholdOutcome, p: number): boolean {
  return t.eligible.some((row) => row[p] === true);
}

/**
 * Compensation (levelling) seats: the whole house is shared on national votes among the lists
 * that qualify for the upper tier (the house less the district seats of the others); a list's
 * compensation seats are its entitlement less its district seats. A list with more district
 * seats than its entitlement keeps them and leaves; the rest is recomputed without it.
 * @see e.g. Norway's Election Act § 11-6; Denmark's Folketing Elections Act §§ 76–77.
 */
export function compensationSeats(
  tier: CompensationTier,
  prep: PreparedInput,
  lower: ReadonlyMap<string, number>,
  threshold: ThresholdOutcome,
  issues: Issue[],
): { report: Extract<TierReport, { kind: 'compensation' }> } {
  const votes = nationalVotes(prep);
  const upper =
    tier.threshold === null
      ? threshold
      : evaluateThreshold(tier.threshold, {
          districts: prep.districts.map((d) => d.name),
          parties: prep.parties,
          votes: prep.votes,
          seats: prep.districts.map((d) => d.seats),
          blank: prep.districts.map((d) => d.blank),
          registered: prep.districts.map((d) => d.electorate),
          allianceMembers: prep.allianceMembers,
          tags: prep.tags,
          preliminary: () => ({
            seats: prep.districts.map(() => prep.parties.map(() => 0)),
            contested: [],
          }),
        });
  const qualifying = prep.parties.filter(
    (_, p) => eligibleAnywhere(upper, p) && (votes[p] as number) > 0,
  );
  const districtTotal = prep.districts.reduce((a, d) => a + d.seats, 0);
  let house = districtTotal + tier.seats;
  for (const p of prep.parties) if (!qualifying.includes(p)) house -= lower.get(p) ?? 0;
  let inPlay = [...qualifying];
  const overhang: string[] = [];
  let entitlement = new Map<string, number>();
  for (;;) {
    const a = allocateSeats({
      lists: inPlay.map((party) => ({
        party,
        votes: votes[prep.parties.indexOf(party)] as number,
      })),
      seats: Math.max(0, house),
      method: tier.method,
      tieBreak: REPORT_TIES,
    });
    if (a.tie !== null)
      issues.push(
        issue('tie_unresolved', ['tiers', 'compensation'], {
          candidates: a.tie.candidates,
          seats: a.tie.seatsInContention,
        }),
      );
    entitlement = new Map(a.seats);
    const over = inPlay.filter((p) => (lower.get(p) ?? 0) > (entitlement.get(p) ?? 0));
    if (over.length === 0) break;
    for (const p of over) {
      overhang.push(p);
      house -= lower.get(p) ?? 0;
    }
    inPlay = inPlay.filter((p) => !over.includes(p));
  }
  const seats = new Map(inPlay.map((p) => [p, (entitlement.get(p) ?? 0) - (lower.get(p) ?? 0)]));
  return {
    report: {
      kind: 'compensation',
      seats: positive(seats),
      entitlement: positive(entitlement),
      overhang: overhang.sort(),
      qualifying,
    },
  };
}

function gcdBig(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcdBig(b, a % b);
}

/** A fraction as text: "398" when whole, "816074183/7800" otherwise (reduced). */
function fractionText(n: bigint, d: bigint): string {
  const g = gcdBig(n < 0n ? -n : n, d) || 1n;
  return d / g === 1n ? String(n / g) : `${n / g}/${d / g}`;
}

interface PooledDistrict {
  readonly name: string;
  readonly lists: readonly string[];
  readonly full: readonly number[];
  /** Unused votes of each list, times `den`. */
  readonly unused: readonly number[];
  readonly den: number;
  readonly pooled: number;
  /** No vote counted there (`districtCounted`): every seat unallocated, `not_counted`. */
  readonly notCounted?: true;
}

/** Full quotas in every district (over-awards taken back), with each list's unused votes. */
function districtQuotas(
  ruleset: ListRuleset,
  prep: PreparedInput,
  threshold: ThresholdOutcome,
  issues: Issue[],
): PooledDistrict[] {
  const m = ruleset.method;
  const quota = m.kind === 'largest-remainder' ? m.quota : 'hare';
  return prep.districts.map((d, di) => {
    // nothing counted: its seats wait on the count, none goes to the pool (plain path's rule)
    if (d.seats > 0 && !districtCounted(prep, di)) {
      issues.push(notCountedIssue(d.name, d.seats));
      return { name: d.name, lists: [], full: [], unused: [], den: 1, pooled: 0, notCounted: true };
    }
    const row = prep.votes[di] as readonly number[];
    const lists = prep.parties.filter(
      (_, p) => threshold.eligible[di]?.[p] === true && (row[p] as number) > 0,
    );
    const votes = lists.map((p) => row[prep.parties.indexOf(p)] as number);
    const f = fullQuotas(votes, d.seats, quota);
    if (f.tie !== null)
      issues.push(
        issue('tie_unresolved', ['district', d.name], {
          candidates: f.tie.candidates.map((i) => lists[i]),
          seats: f.tie.seatsInContention,
        }),
      );
    const given = f.seats.reduce((a, b) => a + b, 0);
    return {
      name: d.name,
      lists,
      full: f.seats,
      unused: f.rem,
      den: f.qd,
      pooled: d.seats - given,
    };
  });
}

/**
 * Seats of the national remainder pool that no district holds, because a tie left them open:
 * - pool: the lists tie for the last pooled seat(s), no list's seat yet;
 * - placement: seats a list won in the pool, tied between districts for where they go (the
 *   list's seats all the same: its national total counts them, no district does).
 */
export type UnplacedSeats =
  | { readonly stage: 'pool'; readonly seats: number; readonly lists: readonly string[] }
  | {
      readonly stage: 'placement';
      readonly seats: number;
      readonly party: string;
      readonly districts: readonly string[];
    };

/** Each list's pooled seats placed in the districts by `method` on its unused votes there. */
function placePooled(
  districts: readonly PooledDistrict[],
  won: ReadonlyMap<string, number>,
  L: bigint,
  method: AllocationMethod,
  issues: Issue[],
): { placed: Map<string, Map<string, number>>; unplaced: UnplacedSeats[] } {
  const placed = new Map<string, Map<string, number>>(districts.map((d) => [d.name, new Map()]));
  const unplaced: UnplacedSeats[] = [];
  for (const [party, k] of won) {
    const votes = districts.map((d) => {
      const i = d.lists.indexOf(party);
      return i < 0 ? 0n : BigInt(d.unused[i] as number) * (L / BigInt(d.den));
    });
    const a = allocateBig(votes, k, method);
    if (a.tie !== null) {
      const tied = a.tie.candidates.map((i) => districts[i]?.name as string);
      issues.push(
        issue('tie_unresolved', ['tiers', 'remainder-pooling', 'placement'], {
          party,
          districts: tied,
          seats: a.tie.seatsInContention,
        }),
      );
      unplaced.push({ stage: 'placement', seats: a.tie.seatsInContention, party, districts: tied });
    }
    a.seats.forEach((s, i) => {
      if (s > 0) placed.get(districts[i]?.name as string)?.set(party, s);
    });
  }
  return { placed, unplaced };
}

/**
 * Remainder pooling: each district gives only full-quota seats (any quota; an over-award is taken
 * back); the seats left over are shared nationally by the tier's method on the votes each list did
 * not use, summed exactly (fractions brought to one denominator); with `placement`, each list's
 * pooled seats then go back to the districts where its unused votes are largest.
 * A tie left open in the pool or in the placement is reported as `unplaced` seats (no district
 * holds them; a placed list's national total still counts its own).
 * @see e.g. the Czech Chamber of Deputies (Act 247/1995 Coll. §§ 50–51; with placement in the
 *   regions by the list's remainders, § 51 as amended by Act 189/2021 Coll.); Pukelsheim (2017), §6.4.
 */
export function poolRemainders(
  ruleset: ListRuleset,
  tier: RemainderPoolingTier,
  prep: PreparedInput,
  threshold: ThresholdOutcome,
  issues: Issue[],
): { districts: DistrictLike[]; tiers: TierReport[]; unplaced: UnplacedSeats[] } {
  const ds = districtQuotas(ruleset, prep, threshold, issues);
  const L = ds.reduce((l, d) => (l / gcdBig(l, BigInt(d.den))) * BigInt(d.den), 1n);
  const pooledVotes = new Map<string, bigint>();
  for (const d of ds)
    d.lists.forEach((p, i) =>
      pooledVotes.set(
        p,
        (pooledVotes.get(p) ?? 0n) + BigInt(d.unused[i] as number) * (L / BigInt(d.den)),
      ),
    );
  const parties = [...pooledVotes.keys()].sort();
  const pool = ds.reduce((a, d) => a + d.pooled, 0);
  const a = allocateBig(
    parties.map((p) => pooledVotes.get(p) ?? 0n),
    pool,
    tier.method,
  );
  const unplaced: UnplacedSeats[] = [];
  if (a.tie !== null) {
    const lists = a.tie.candidates.map((i) => parties[i] as string);
    issues.push(
      issue('tie_unresolved', ['tiers', 'remainder-pooling'], {
        candidates: lists,
        seats: a.tie.seatsInContention,
      }),
    );
    unplaced.push({ stage: 'pool', seats: a.tie.seatsInContention, lists });
  }
  const won = new Map(
    parties.flatMap((p, i) =>
      (a.seats[i] as number) > 0 ? [[p, a.seats[i] as number] as const] : [],
    ),
  );
  const placing = tier.placement === null ? null : placePooled(ds, won, L, tier.placement, issues);
  const placed = placing?.placed ?? null;
  if (placing !== null) unplaced.push(...placing.unplaced);
  const districts = ds.map((d): DistrictLike => {
    const seats = new Map(d.lists.map((p, i) => [p, d.full[i] as number]));
    for (const [p, s] of placed?.get(d.name) ?? []) seats.set(p, (seats.get(p) ?? 0) + s);
    const total = prep.districts.find((x) => x.name === d.name)?.seats ?? 0;
    return {
      district: d.name,
      totalSeats: total,
      seats: positive(seats),
      unallocated: d.notCounted ? total : 0,
      unallocatedReason: d.notCounted ? 'not_counted' : null,
      pooledSeats: d.pooled,
    };
  });
  const remainders = Object.fromEntries(
    parties.map((p) => [p, fractionText(pooledVotes.get(p) ?? 0n, L)]),
  );
  const report: TierReport = {
    kind: 'remainder-pooling',
    seats: positive(won),
    remainders,
    placed: placed !== null,
  };
  return { districts, tiers: [report], unplaced };
}

function lcm(xs: readonly number[]): number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return xs.filter((x) => x > 0).reduce((l, x) => (l / gcd(l, x)) * x, 1);
}

/** Upper-apportionment votes per list: raw, or each district's votes per seat (exact or rounded). */
function upperVotes(tier: BiproportionalTier, prep: PreparedInput, issues: Issue[]): number[] {
  const seats = prep.districts.map((d) => d.seats);
  const L = tier.votes === 'per-seat' ? lcm(seats) : 1;
  return prep.parties.map((_, p) =>
    prep.votes.reduce((a, row, d) => {
      const v = row[p] as number;
      const s = seats[d] as number;
      if (s === 0) return a;
      if (tier.votes === 'raw') return a + v;
      // per-seat, rounded half up (Zurich's Wählerzahl until 2021): ⌊(2v + s) / 2s⌋
      if (tier.votes === 'per-seat-rounded') return a + Math.floor((2 * v + s) / (2 * s));
      const scaled = v * (L / s);
      if (!Number.isSafeInteger(scaled))
        issues.push(
          issue('invalid_votes', ['tiers', 'biproportional'], {
            problem: 'votes per seat too large to scale exactly',
          }),
        );
      return a + scaled;
    }, 0),
  );
}

/**
 * Biproportional apportionment: the upper apportionment gives each list its seats on the whole
 * election, the lower apportionment places them in the districts so that every district gets its
 * seats (district and party divisors).
 * @see Zürich Gesetz über die politischen Rechte (GPR, LS 161) §§ 102–105; Pukelsheim (2017), ch. 14.
 */
export function biproportionalSeats(
  ruleset: ListRuleset,
  tier: BiproportionalTier,
  prep: PreparedInput,
  threshold: ThresholdOutcome,
  issues: Issue[],
): { districts: DistrictLike[]; tiers: TierReport[] } {
  const { counted, inCount } = countedPart(prep, issues);
  const r = apportionCounted(ruleset, tier, inCount, threshold, issues);
  // a district with nothing counted waits on the count; the others are the counted ones', in order
  let at = 0;
  const districts = prep.districts.map((d, di): DistrictLike => {
    if (counted[di] === true) return r.districts[at++] as DistrictLike;
    return {
      district: d.name,
      totalSeats: d.seats,
      seats: {},
      unallocated: d.seats,
      unallocatedReason: 'not_counted',
    };
  });
  return { districts, tiers: r.tiers };
}

/**
 * The districts with a vote counted (or no seat), apart: the apportionment runs on them and on
 * their seats alone, as each plain district is allocated on the votes counted; one with nothing
 * counted would leave the lower apportionment unable to settle (no cell may take its seats), and
 * it says `not_counted` with a warning, as on the plain path.
 */
function countedPart(
  prep: PreparedInput,
  issues: Issue[],
): { counted: boolean[]; inCount: PreparedInput } {
  const counted = prep.districts.map((d, di) => d.seats === 0 || districtCounted(prep, di));
  prep.districts.forEach((d, di) => {
    if (counted[di] !== true) issues.push(notCountedIssue(d.name, d.seats));
  });
  if (counted.every(Boolean)) return { counted, inCount: prep };
  const keep = <T>(xs: readonly T[]): T[] => xs.filter((_, di) => counted[di] === true);
  return {
    counted,
    inCount: { ...prep, districts: keep(prep.districts), votes: keep(prep.votes) },
  };
}

/** The upper and lower apportionments of `biproportionalSeats` on the districts given. */
function apportionCounted(
  ruleset: ListRuleset,
  tier: BiproportionalTier,
  prep: PreparedInput,
  threshold: ThresholdOutcome,
  issues: Issue[],
): { districts: DistrictLike[]; tiers: TierReport[] } {
  const inPlay = prep.parties.map((_, p) => eligibleAnywhere(threshold, p));
  const uv = upperVotes(tier, prep, issues);
  const up = upperApportionment(ruleset, tier, prep, inPlay, uv, issues);
  const partySeats = prep.parties.map((p) => up.seats.get(p) ?? 0);
  const lower = lowerApportionment({
    votes: prep.votes.map((row) => row.map((v, p) => (inPlay[p] ? v : 0))),
    districtSeats: prep.districts.map((d) => d.seats),
    partySeats,
    method: tier.lower,
  });
  if (!lower.converged)
    issues.push(
      issue('biproportional_unsettled', ['tiers', 'biproportional'], {
        iterations: lower.iterations,
      }),
    );
  for (const [d, p] of lower.ties)
    issues.push(
      issue('tie_unresolved', ['tiers', 'biproportional', 'lower'], {
        district: prep.districts[d]?.name,
        party: prep.parties[p],
      }),
    );
  // Seats that break a marginal are never published: without a settled apportionment the
  // districts' seats stay unallocated (the upper apportionment, per list, stands).
  const settled = lower.converged && lower.ties.length === 0;
  // an upper tie leaves the lists short of the house: the lower apportionment cannot settle then
  const upperTied = up.tie !== null && up.tie.resolution === 'unresolved';
  const why: UnallocatedReason | null = settled
    ? null
    : upperTied || lower.converged
      ? 'tie'
      : 'biproportional_unsettled';
  const districts = prep.districts.map((d, di): DistrictLike => ({
    district: d.name,
    totalSeats: d.seats,
    seats: settled
      ? positive(Object.fromEntries(prep.parties.map((p, pi) => [p, lower.seats[di]?.[pi] ?? 0])))
      : {},
    unallocated: settled ? 0 : d.seats,
    unallocatedReason: d.seats > 0 ? why : null,
  }));
  const report: TierReport = {
    kind: 'biproportional',
    upper: positive(up.seats),
    upperVotes: Object.fromEntries(
      prep.parties.flatMap((p, i) => (inPlay[i] ? [[p, uv[i] as number]] : [])),
    ),
    ...divisorsReport(prep, partySeats, lower),
  };
  return { districts, tiers: [report] };
}

/** The upper apportionment: the whole house among the lists in play, by their upper votes. */
function upperApportionment(
  ruleset: ListRuleset,
  tier: BiproportionalTier,
  prep: PreparedInput,
  inPlay: readonly boolean[],
  uv: readonly number[],
  issues: Issue[],
): ReturnType<typeof allocateSeats> {
  const up = allocateSeats({
    lists: prep.parties.flatMap((party, p) =>
      inPlay[p] && (uv[p] as number) > 0 ? [{ party, votes: uv[p] as number }] : [],
    ),
    seats: prep.districts.reduce((a, d) => a + d.seats, 0),
    method: tier.upper,
    tieBreak: ruleset.tieBreak,
  });
  if (up.tie !== null && up.tie.resolution === 'unresolved')
    issues.push(
      issue('tie_unresolved', ['tiers', 'biproportional', 'upper'], {
        candidates: up.tie.candidates,
        seats: up.tie.seatsInContention,
      }),
    );
  return up;
}

/** The lower apportionment's divisors as reported: each district's, each seated list's. */
function divisorsReport(
  prep: PreparedInput,
  partySeats: readonly number[],
  lower: ReturnType<typeof lowerApportionment>,
): { districtDivisors: Record<string, number>; partyDivisors: Record<string, number> } {
  return {
    districtDivisors: Object.fromEntries(
      prep.districts.map((d, i) => [d.name, lower.districtDivisors[i] as number]),
    ),
    partyDivisors: Object.fromEntries(
      prep.parties.flatMap((p, i) =>
        (partySeats[i] as number) > 0 ? [[p, lower.partyDivisors[i] as number]] : [],
      ),
    ),
  };
}
