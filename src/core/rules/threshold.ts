import { addRatios, reachesShare, scaleRatio, type Ratio } from '../ratio.js';
import { throwIllegalValue } from '../assert.js';

/** Extra share an alliance must reach. */
export type AllianceSurcharge =
  /** The same extra for every alliance, whatever its size (LOP art. 13 as amended, 2026). */
  | { readonly kind: 'flat'; readonly extra: Ratio }
  /** `extra` for each member beyond the first (pre-2025 LOP: 6 % for two, +1 % per further party). */
  | { readonly kind: 'per-member'; readonly extra: Ratio };

/**
 * A threshold (valla) as declarative, composable conditions. Each condition is decided per list
 * and district; national conditions ignore the district.
 */
export type ThresholdCondition =
  | {
      readonly kind: 'share';
      /** national: the list's votes summed over `districts` (all when omitted); district: in each district. */
      readonly scope: 'national' | 'district';
      readonly share: Ratio;
      /** Denominator: valid votes, or valid votes plus blank votes (Spain, LOREG art. 163.1.a). */
      readonly base: 'valid' | 'valid-and-blank';
      readonly districts?: readonly string[];
      readonly alliance?: AllianceSurcharge;
      readonly source: string;
    }
  | {
      readonly kind: 'preliminary-seats';
      /** Seats won in a preliminary allocation in every district, run only to count. */
      readonly min: number;
      /** …won in at least this many districts (2021: "in more than one circunscripción"). */
      readonly minDistricts?: number;
      /** Which lists take part in the preliminary allocation. */
      readonly among: 'all' | 'share-qualified';
      /** Repeat the preliminary allocation among the lists still in the running until stable. */
      readonly iterate: boolean;
      readonly source: string;
    }
  | { readonly kind: 'all'; readonly conditions: readonly ThresholdCondition[] }
  | { readonly kind: 'any'; readonly conditions: readonly ThresholdCondition[] };

/** What the evaluator needs to know about the election. Votes are [district][party]. */
export interface ThresholdContext {
  readonly districts: readonly string[];
  readonly parties: readonly string[];
  readonly votes: readonly (readonly number[])[];
  /** Blank votes per district (required when a condition's base includes blank votes). */
  readonly blank: readonly (number | undefined)[];
  /** Members of each party's alliance (1 = not an alliance). */
  readonly allianceMembers: readonly number[];
  /**
   * Preliminary seats per [district][party], allocating among the lists where `among[p]` is true.
   * Returns certain seats and, per party, seats it could still get from an unresolved tie.
   */
  readonly preliminary: (among: readonly boolean[]) => {
    readonly seats: readonly (readonly number[])[];
    readonly contested: readonly number[];
  };
}

export type ExclusionReason =
  | {
      readonly reason: 'below_share';
      readonly votes: number;
      readonly total: number;
      readonly required: Ratio;
    }
  | {
      readonly reason: 'below_seats';
      readonly seats: number;
      readonly districtsWon: number;
      readonly required: number;
      readonly requiredDistricts: number;
    };

export interface ThresholdOutcome {
  /** eligible[d][p]: the list of party p takes part in the allocation of district d. */
  readonly eligible: readonly (readonly boolean[])[];
  /** Why each party failed, for the parties eligible nowhere; empty arrays for others. */
  readonly reasons: readonly (readonly ExclusionReason[])[];
  /** Preliminary seats per party, when a seat condition was evaluated. */
  readonly preliminarySeats: readonly number[] | null;
  /** Parties whose outcome depends on a tie in the preliminary allocation. */
  readonly tieDependent: readonly number[];
}

function requiredShare(c: Extract<ThresholdCondition, { kind: 'share' }>, members: number): Ratio {
  if (members < 2 || c.alliance === undefined) return c.share;
  switch (c.alliance.kind) {
    case 'flat':
      return addRatios(c.share, c.alliance.extra);
    case 'per-member':
      return addRatios(c.share, scaleRatio(c.alliance.extra, members - 1));
    default:
      return throwIllegalValue(c.alliance, 'alliance surcharge');
  }
}

/**
 * Decides which lists take part in the seat allocation of each district.
 * @see LOE art. 20 (Peru, valla), LOREG art. 163.1.a (Spain, 3 % per province).
 */
export function evaluateThreshold(
  condition: ThresholdCondition | null,
  ctx: ThresholdContext,
): ThresholdOutcome {
  const D = ctx.districts.length;
  const P = ctx.parties.length;
  const ran = (d: number, p: number): boolean => ((ctx.votes[d] as readonly number[])[p] ?? 0) > 0;
  if (condition === null) {
    return {
      eligible: ctx.votes.map((row) => row.map((v) => v > 0)),
      reasons: ctx.parties.map(() => []),
      preliminarySeats: null,
      tieDependent: [],
    };
  }
  const reasons: ExclusionReason[][] = ctx.parties.map(() => []);
  let preliminarySeats: number[] | null = null;
  const tieDependent = new Set<number>();

  const districtIndex = new Map(ctx.districts.map((d, i) => [d, i]));
  const shareLeaves: Extract<ThresholdCondition, { kind: 'share' }>[] = [];
  const collect = (c: ThresholdCondition): void => {
    if (c.kind === 'share' && c.scope === 'national') shareLeaves.push(c);
    if (c.kind === 'all' || c.kind === 'any') c.conditions.forEach(collect);
  };
  collect(condition);

  const nationalShare = (c: Extract<ThresholdCondition, { kind: 'share' }>, p: number): boolean => {
    const ds = c.districts
      ? c.districts.map((n) => districtIndex.get(n)).filter((x): x is number => x !== undefined)
      : [...Array(D).keys()];
    let votes = 0;
    let total = 0;
    for (const d of ds) {
      const row = ctx.votes[d] as readonly number[];
      votes += row[p] ?? 0;
      for (const v of row) total += v;
      if (c.base === 'valid-and-blank') total += ctx.blank[d] ?? 0;
    }
    const req = requiredShare(c, ctx.allianceMembers[p] ?? 1);
    const okShare = reachesShare(votes, total, req);
    if (!okShare) reasons[p]?.push({ reason: 'below_share', votes, total, required: req });
    return okShare;
  };

  // evaluate: returns eligible[d][p]
  const evalCond = (c: ThresholdCondition, among: readonly boolean[]): boolean[][] => {
    switch (c.kind) {
      case 'share': {
        if (c.scope === 'national') {
          const pass = ctx.parties.map((_, p) => nationalShare(c, p));
          return ctx.districts.map(() => pass.slice());
        }
        return ctx.districts.map((_, d) => {
          const row = ctx.votes[d] as readonly number[];
          let total = row.reduce((a, b) => a + b, 0);
          if (c.base === 'valid-and-blank') total += ctx.blank[d] ?? 0;
          return ctx.parties.map((_, p) =>
            reachesShare(row[p] ?? 0, total, requiredShare(c, ctx.allianceMembers[p] ?? 1)),
          );
        });
      }
      case 'preliminary-seats': {
        let pool = c.among === 'all' ? ctx.parties.map(() => true) : among.slice();
        let passes: boolean[] = [];
        let won: number[] = [];
        for (let round = 0; round <= P; round++) {
          const prelim = ctx.preliminary(pool);
          const total = ctx.parties.map((_, p) =>
            prelim.seats.reduce((a, row) => a + (row[p] ?? 0), 0),
          );
          won = ctx.parties.map((_, p) => prelim.seats.filter((row) => (row[p] ?? 0) > 0).length);
          const minD = c.minDistricts ?? 0;
          passes = ctx.parties.map(
            (_, p) => (total[p] as number) >= c.min && (won[p] as number) >= minD,
          );
          preliminarySeats = total;
          for (let p = 0; p < P; p++) {
            const extra = prelim.contested[p] ?? 0;
            if (!passes[p] && extra > 0 && (total[p] as number) + extra >= c.min)
              tieDependent.add(p);
          }
          const next = pool.map((inPool, p) => inPool && (passes[p] as boolean));
          if (!c.iterate || next.every((x, p) => x === pool[p])) break;
          pool = next;
        }
        for (let p = 0; p < P; p++) {
          if (!passes[p]) {
            reasons[p]?.push({
              reason: 'below_seats',
              seats: preliminarySeats?.[p] ?? 0,
              districtsWon: won[p] ?? 0,
              required: c.min,
              requiredDistricts: c.minDistricts ?? 0,
            });
          }
        }
        return ctx.districts.map(() => passes.slice());
      }
      case 'all':
      case 'any': {
        const parts = c.conditions.map((x) => evalCond(x, among));
        return ctx.districts.map((_, d) =>
          ctx.parties.map((_, p) =>
            c.kind === 'all'
              ? parts.every((m) => (m[d] as boolean[])[p] === true)
              : parts.some((m) => (m[d] as boolean[])[p] === true),
          ),
        );
      }
      default:
        return throwIllegalValue(c, 'threshold condition');
    }
  };

  const shareQualified = ctx.parties.map((_, p) => shareLeaves.every((c) => nationalShare(c, p)));
  for (const r of reasons) r.length = 0; // the pre-pass above only decides the pool
  const eligibleRaw = evalCond(condition, shareQualified);
  const eligible = eligibleRaw.map((row, d) => row.map((e, p) => e && ran(d, p)));
  // reasons only for parties that are eligible nowhere, and only the failed conditions
  const finalReasons = ctx.parties.map((_, p) =>
    eligible.some((row) => row[p] === true) ? [] : dedupeReasons(reasons[p] ?? []),
  );
  return {
    eligible,
    reasons: finalReasons,
    preliminarySeats,
    tieDependent: [...tieDependent].sort((a, b) => a - b),
  };
}

function dedupeReasons(rs: readonly ExclusionReason[]): ExclusionReason[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
