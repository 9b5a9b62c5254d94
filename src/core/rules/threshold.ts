import { addRatios, reachesShare, scaleRatio, type Ratio } from '../ratio.js';
import { throwIllegalValue } from '../assert.js';
import { nameKey } from '../names.js';

/** Extra share an alliance must reach. */
export type AllianceSurcharge =
  /** The same extra for every alliance, whatever its size (LOP art. 13 as amended, 2026). */
  | { readonly kind: 'flat'; readonly extra: Ratio }
  /** `extra` for each member beyond the first (pre-2025 LOP: 6 % for two, +1 % per further party). */
  | { readonly kind: 'per-member'; readonly extra: Ratio }
  /** A share of its own per alliance size (e.g. Czechia: 2 parties 8 %, 3 or more 11 %). */
  | {
      readonly kind: 'by-size';
      readonly shares: readonly {
        readonly min: number;
        readonly max?: number;
        readonly share: Ratio;
      }[];
    };

/**
 * Where a condition is decided: national (the list's votes over `districts`, all when omitted),
 * district (in each district, for that district only), any-district (reached in at least one
 * district qualifies the list everywhere: Zurich's 5 % in one Wahlkreis).
 */
export type ThresholdScope = 'national' | 'district' | 'any-district';

/**
 * A threshold (valla) as declarative, composable conditions. Each condition is decided per list
 * and district; national conditions ignore the district.
 */
export type ThresholdCondition =
  | {
      readonly kind: 'share';
      readonly scope: ThresholdScope;
      /** The share to reach; with `quotas`, a multiple of the scope's Hare quota (1/seats). */
      readonly share: Ratio;
      readonly quotas?: boolean;
      /** Denominator: valid votes, valid plus blank (Spain, LOREG art. 163.1.a), or registered electors. */
      readonly base: 'valid' | 'valid-and-blank' | 'registered';
      /** Strictly more than the share (default: at least the share, as LOE art. 20 says). */
      readonly strict?: boolean;
      readonly districts?: readonly string[];
      readonly alliance?: AllianceSurcharge;
      readonly source: string;
    }
  | {
      readonly kind: 'votes';
      readonly scope: ThresholdScope;
      readonly min: number;
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
  | {
      /** Passes for the lists named or tagged (e.g. national-minority lists). */
      readonly kind: 'exempt';
      readonly parties: readonly string[];
      readonly tags: readonly string[];
      readonly source: string;
    }
  | { readonly kind: 'all'; readonly conditions: readonly ThresholdCondition[] }
  | { readonly kind: 'any'; readonly conditions: readonly ThresholdCondition[] };

type ShareCondition = Extract<ThresholdCondition, { kind: 'share' }>;

/** What the evaluator needs to know about the election. Votes are [district][party]. */
export interface ThresholdContext {
  readonly districts: readonly string[];
  readonly parties: readonly string[];
  readonly votes: readonly (readonly number[])[];
  /** Seats per district (quota shares). */
  readonly seats?: readonly number[];
  /** Blank votes per district (required when a condition's base includes blank votes). */
  readonly blank: readonly (number | undefined)[];
  /** Registered electors per district (required for the base `registered`). */
  readonly registered?: readonly (number | undefined)[];
  /** Members of each party's alliance (1 = not an alliance). */
  readonly allianceMembers: readonly number[];
  /** Tags of each party (e.g. `minority`), for exemptions. */
  readonly tags?: readonly (readonly string[])[];
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
      /** The district where the list came closest, for district scopes. */
      readonly district?: string;
    }
  | { readonly reason: 'below_votes'; readonly votes: number; readonly required: number }
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

function requiredShare(c: ShareCondition, members: number): Ratio {
  if (members < 2 || c.alliance === undefined) return c.share;
  const a = c.alliance;
  switch (a.kind) {
    case 'flat':
      return addRatios(c.share, a.extra);
    case 'per-member':
      return addRatios(c.share, scaleRatio(a.extra, members - 1));
    case 'by-size':
      return (
        a.shares.find((s) => members >= s.min && (s.max === undefined || members <= s.max))
          ?.share ?? c.share
      );
    default:
      return throwIllegalValue(a, 'alliance surcharge');
  }
}

/** votes / total reaches r: at least it, or strictly more when the condition is strict. */
function reaches(c: ShareCondition, votes: number, total: number, r: Ratio): boolean {
  return c.strict === true
    ? votes * r.denominator > total * r.numerator
    : reachesShare(votes, total, r);
}

/** The share as a ratio of the base: a quota multiple q over S seats is q/S. */
function shareOver(c: ShareCondition, members: number, seats: number): Ratio {
  const r = requiredShare(c, members);
  if (!c.quotas) return r;
  return { numerator: r.numerator, denominator: r.denominator * Math.max(1, seats) };
}

type Matrix = boolean[][];

/** The evaluator of one election: every condition kind, with the reasons each party failed. */
class Evaluator {
  readonly D: number;
  readonly P: number;
  readonly reasons: ExclusionReason[][];
  preliminarySeats: number[] | null = null;
  readonly tieDependent = new Set<number>();
  private readonly districtIndex: Map<string, number>;

  constructor(private readonly ctx: ThresholdContext) {
    this.D = ctx.districts.length;
    this.P = ctx.parties.length;
    this.reasons = ctx.parties.map(() => []);
    this.districtIndex = new Map(ctx.districts.map((d, i) => [d, i]));
  }

  private row(d: number): readonly number[] {
    return this.ctx.votes[d] as readonly number[];
  }

  /** The base of district d under a condition's base. */
  private baseOf(d: number, base: ShareCondition['base']): number {
    if (base === 'registered') return this.ctx.registered?.[d] ?? 0;
    let total = 0;
    for (const v of this.row(d)) total += v;
    return base === 'valid-and-blank' ? total + (this.ctx.blank[d] ?? 0) : total;
  }

  private scopeDistricts(names: readonly string[] | undefined): number[] {
    return names
      ? names.map((n) => this.districtIndex.get(n)).filter((x): x is number => x !== undefined)
      : [...Array(this.D).keys()];
  }

  private everywhere(pass: readonly boolean[]): Matrix {
    return this.ctx.districts.map(() => pass.slice());
  }

  /** Share conditions. `record`: keep reasons (off in the pre-pass that only sizes the pool). */
  share(c: ShareCondition, record = true): Matrix {
    const seats = (ds: readonly number[]): number =>
      ds.reduce((a, d) => a + (this.ctx.seats?.[d] ?? 0), 0);
    const members = (p: number): number => this.ctx.allianceMembers[p] ?? 1;
    if (c.scope === 'national') {
      const ds = this.scopeDistricts(c.districts);
      const S = seats(ds);
      // one pass over the rows gives each list's votes and the valid total (integers: any order
      // sums the same); this runs for every computeSeats
      const sums = new Array<number>(this.P).fill(0);
      let total = 0;
      for (const d of ds) {
        const row = this.row(d);
        for (let p = 0; p < this.P; p++) sums[p] = (sums[p] as number) + (row[p] ?? 0);
        total += c.base === 'valid' ? 0 : this.baseOf(d, c.base);
      }
      if (c.base === 'valid') for (const v of sums) total += v;
      const pass = new Array<boolean>(this.P);
      for (let p = 0; p < this.P; p++) {
        const votes = sums[p] as number;
        const required = shareOver(c, members(p), S);
        const ok = reaches(c, votes, total, required);
        if (!ok && record) this.reasons[p]?.push({ reason: 'below_share', votes, total, required });
        pass[p] = ok;
      }
      return this.everywhere(pass);
    }
    const byDistrict = this.ctx.districts.map((_, d) => {
      const total = this.baseOf(d, c.base);
      return this.ctx.parties.map((_, p) =>
        reaches(c, this.row(d)[p] ?? 0, total, shareOver(c, members(p), this.ctx.seats?.[d] ?? 0)),
      );
    });
    for (let p = 0; p < this.P; p++) {
      if (!record || byDistrict.some((r) => r[p] === true)) continue;
      const best = this.closestDistrict(p, c.base);
      if (best !== null) {
        const required = shareOver(c, members(p), this.ctx.seats?.[best.d] ?? 0);
        this.reasons[p]?.push({
          reason: 'below_share',
          votes: best.votes,
          total: best.total,
          required,
          district: this.ctx.districts[best.d] as string,
        });
      }
    }
    if (c.scope === 'district') return byDistrict;
    return this.everywhere(this.ctx.parties.map((_, p) => byDistrict.some((r) => r[p] === true)));
  }

  /** The district where the party's share of the base is highest (compared exactly). */
  private closestDistrict(
    p: number,
    base: ShareCondition['base'],
  ): { d: number; votes: number; total: number } | null {
    let best: { d: number; votes: number; total: number } | null = null;
    for (let d = 0; d < this.D; d++) {
      const votes = this.row(d)[p] ?? 0;
      const total = this.baseOf(d, base);
      if (total === 0) continue;
      if (best === null || votes * best.total > best.votes * total) best = { d, votes, total };
    }
    return best;
  }

  votes(c: Extract<ThresholdCondition, { kind: 'votes' }>): Matrix {
    const byDistrict = this.ctx.districts.map((_, d) =>
      this.ctx.parties.map((_, p) => (this.row(d)[p] ?? 0) >= c.min),
    );
    if (c.scope === 'district') return byDistrict;
    const pass = this.ctx.parties.map((_, p) => {
      const national = this.ctx.votes.reduce((a, r) => a + (r[p] ?? 0), 0);
      const ok = c.scope === 'national' ? national >= c.min : byDistrict.some((r) => r[p] === true);
      if (!ok) this.reasons[p]?.push({ reason: 'below_votes', votes: national, required: c.min });
      return ok;
    });
    return this.everywhere(pass);
  }

  exempt(c: Extract<ThresholdCondition, { kind: 'exempt' }>): Matrix {
    const named = new Set(c.parties.map(nameKey));
    const pass = this.ctx.parties.map(
      (name, p) =>
        named.has(nameKey(name)) || (this.ctx.tags?.[p] ?? []).some((t) => c.tags.includes(t)),
    );
    return this.everywhere(pass);
  }

  preliminary(
    c: Extract<ThresholdCondition, { kind: 'preliminary-seats' }>,
    among: readonly boolean[],
  ): Matrix {
    let pool = c.among === 'all' ? this.ctx.parties.map(() => true) : among.slice();
    let passes: boolean[] = [];
    let won: number[] = [];
    let total: number[] = [];
    for (let round = 0; round <= this.P; round++) {
      const prelim = this.ctx.preliminary(pool);
      total = this.ctx.parties.map((_, p) => prelim.seats.reduce((a, row) => a + (row[p] ?? 0), 0));
      won = this.ctx.parties.map((_, p) => prelim.seats.filter((row) => (row[p] ?? 0) > 0).length);
      const minD = c.minDistricts ?? 0;
      passes = this.ctx.parties.map(
        (_, p) => (total[p] as number) >= c.min && (won[p] as number) >= minD,
      );
      this.preliminarySeats = total;
      for (let p = 0; p < this.P; p++) {
        const extra = prelim.contested[p] ?? 0;
        if (!passes[p] && extra > 0 && (total[p] as number) + extra >= c.min)
          this.tieDependent.add(p);
      }
      const next = pool.map((inPool, p) => inPool && (passes[p] as boolean));
      if (!c.iterate || next.every((x, p) => x === pool[p])) break;
      pool = next;
    }
    for (let p = 0; p < this.P; p++) {
      if (passes[p]) continue;
      this.reasons[p]?.push({
        reason: 'below_seats',
        seats: total[p] ?? 0,
        districtsWon: won[p] ?? 0,
        required: c.min,
        requiredDistricts: c.minDistricts ?? 0,
      });
    }
    return this.everywhere(passes);
  }

  evaluate(c: ThresholdCondition, among: readonly boolean[]): Matrix {
    switch (c.kind) {
      case 'share':
        return this.share(c);
      case 'votes':
        return this.votes(c);
      case 'exempt':
        return this.exempt(c);
      case 'preliminary-seats':
        return this.preliminary(c, among);
      case 'all':
      case 'any': {
        const parts = c.conditions.map((x) => this.evaluate(x, among));
        return this.ctx.districts.map((_, d) =>
          this.ctx.parties.map((_, p) =>
            c.kind === 'all'
              ? parts.every((m) => (m[d] as boolean[])[p] === true)
              : parts.some((m) => (m[d] as boolean[])[p] === true),
          ),
        );
      }
      default:
        return throwIllegalValue(c, 'threshold condition');
    }
  }
}

/** Whether a tree has a preliminary allocation among the `share-qualified` lists. */
function sharePoolNeeded(c: ThresholdCondition): boolean {
  if (c.kind === 'preliminary-seats') return c.among === 'share-qualified';
  if (c.kind === 'all' || c.kind === 'any') return c.conditions.some(sharePoolNeeded);
  return false;
}

/** The national share conditions of a tree: they decide the pool of `share-qualified`. */
function nationalShares(c: ThresholdCondition): ShareCondition[] {
  if (c.kind === 'share' && c.scope === 'national') return [c];
  if (c.kind === 'all' || c.kind === 'any') return c.conditions.flatMap(nationalShares);
  return [];
}

/**
 * Decides which lists take part in the seat allocation of each district.
 * @see LOE art. 20 (Peru, valla), LOREG art. 163.1.a (Spain, 3 % per province).
 */
export function evaluateThreshold(
  condition: ThresholdCondition | null,
  ctx: ThresholdContext,
): ThresholdOutcome {
  if (condition === null) {
    return {
      eligible: ctx.votes.map((row) => row.map((v) => v > 0)),
      reasons: ctx.parties.map(() => []),
      preliminarySeats: null,
      tieDependent: [],
    };
  }
  const ev = new Evaluator(ctx);
  // the pool of `share-qualified`, evaluated only when a seat condition draws on it
  const shares = sharePoolNeeded(condition)
    ? nationalShares(condition).map((c) => ev.share(c, false))
    : [];
  const shareQualified = ctx.parties.map((_, p) => shares.every((m) => m[0]?.[p] === true));
  const eligible = ev.evaluate(condition, shareQualified);
  const anywhere = new Array<boolean>(ctx.parties.length).fill(false);
  eligible.forEach((row, d) => {
    const votes = ctx.votes[d] as readonly number[];
    for (let p = 0; p < row.length; p++) {
      row[p] = row[p] === true && (votes[p] ?? 0) > 0;
      if (row[p]) anywhere[p] = true;
    }
  });
  // reasons only for parties that are eligible nowhere, and only the failed conditions
  const reasons = ctx.parties.map((_, p) =>
    anywhere[p] ? [] : dedupeReasons(ev.reasons[p] ?? []),
  );
  return {
    eligible,
    reasons,
    preliminarySeats: ev.preliminarySeats,
    tieDependent: [...ev.tieDependent].sort((a, b) => a - b),
  };
}

function dedupeReasons(rs: readonly ExclusionReason[]): ExclusionReason[] {
  if (rs.length < 2) return [...rs]; // the usual case: no key to build
  const seen = new Set<string>();
  return rs.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
