import { assert } from '../assert.js';
import { addRatios, scaleRatio, type Ratio } from '../ratio.js';
import type { ThresholdCondition } from '../rules/threshold.js';
import type { DistrictRunner } from './seat-engine-district.js';
import type { SeatEngineSpec } from './seat-engine-spec.js';

/** The SeatEngine's valla, compiled: evaluated per run without allocating. */
export interface Valla {
  /**
   * Writes 1 (passes) or 0 per party into `eligible`. Returns true when a party's fate depended
   * on a tie of the preliminary allocation.
   */
  national(votes: Float64Array, eligible: Uint8Array): boolean;
  /**
   * A district-level share (only as the whole condition): writes the parties of district d that
   * pass it and the national valla into `districtList`, returns how many. Null without one.
   */
  readonly district: ((votes: Float64Array, d: number, eligible: Uint8Array) => number) | null;
  readonly districtList: Int32Array;
  /**
   * The common valla, one share of the national votes: the engine sums and marks it through
   * sumLeaf and markPassing itself (a call fewer through a closure per run). Null otherwise.
   */
  readonly leaf: ShareLeaf | null;
  readonly blank: readonly number[];
}

type ShareCondition = Extract<ThresholdCondition, { kind: 'share' }>;

/** A share of votes: per-party required ratios (alliance surcharges applied) as flat arrays. */
export interface ShareLeaf {
  /** 1 for each district whose votes count. */
  readonly mask: Uint8Array;
  readonly everyDistrict: boolean;
  readonly withBlank: boolean;
  readonly strict: boolean;
  readonly numerator: Float64Array;
  readonly denominator: Float64Array;
  /** Per run: each party's votes in the masked districts, and their total (with blank). */
  readonly sums: Float64Array;
  total: number;
}

type Node =
  | { readonly kind: 'share'; readonly leaf: ShareLeaf }
  | {
      readonly kind: 'seats';
      readonly min: number;
      readonly minDistricts: number;
      readonly among: 'all' | 'share-qualified';
      readonly iterate: boolean;
      readonly pool: Uint8Array;
      readonly poolList: Int32Array;
    }
  | { readonly kind: 'all' | 'any'; readonly children: readonly Node[]; readonly tmp: Uint8Array };

interface Compiled {
  readonly spec: SeatEngineSpec;
  readonly members: readonly number[];
  readonly leaves: ShareLeaf[];
}

function shareLeaf(c: ShareCondition, x: Compiled, mask: Uint8Array): ShareLeaf {
  assert(c.quotas !== true, 'engine: shares of a quota run through computeSeats');
  assert(c.base !== 'registered', 'engine: shares of registered electors run through computeSeats');
  const P = x.spec.parties;
  const numerator = new Float64Array(P);
  const denominator = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const r = required(c, x.members[p] ?? 1);
    numerator[p] = r.numerator;
    denominator[p] = r.denominator;
  }
  const leaf: ShareLeaf = {
    mask,
    everyDistrict: mask.every((m) => m === 1),
    withBlank: c.base === 'valid-and-blank',
    strict: c.strict === true,
    numerator,
    denominator,
    sums: new Float64Array(P),
    total: 0,
  };
  x.leaves.push(leaf);
  return leaf;
}

/** The share a party must reach: the condition's, plus its alliance surcharge. */
function required(c: ShareCondition, members: number): Ratio {
  const alliance = c.alliance;
  if (members < 2 || alliance === undefined) return c.share;
  assert(alliance.kind !== 'by-size', 'engine: alliance shares by size run through computeSeats');
  return alliance.kind === 'flat'
    ? addRatios(c.share, alliance.extra)
    : addRatios(c.share, scaleRatio(alliance.extra, members - 1));
}

function compileNode(c: ThresholdCondition, x: Compiled): Node {
  const P = x.spec.parties;
  const D = x.spec.seats.length;
  switch (c.kind) {
    case 'share': {
      assert(c.scope === 'national', 'engine: district shares only at the top level');
      const mask = new Uint8Array(D);
      if (c.districts === undefined) mask.fill(1);
      else
        for (const n of c.districts) {
          const i = x.spec.districtNames.indexOf(n);
          if (i >= 0) mask[i] = 1;
        }
      return { kind: 'share', leaf: shareLeaf(c, x, mask) };
    }
    case 'preliminary-seats':
      return {
        kind: 'seats',
        min: c.min,
        minDistricts: c.minDistricts ?? 0,
        among: c.among,
        iterate: c.iterate,
        pool: new Uint8Array(P),
        poolList: new Int32Array(P),
      };
    case 'all':
    case 'any':
      return {
        kind: c.kind,
        children: c.conditions.map((k) => compileNode(k, x)),
        tmp: new Uint8Array(P),
      };
    case 'votes':
    case 'exempt':
      throw new Error(`engine: ${c.kind} conditions run through computeSeats`);
  }
}

/** Each leaf's per-party sums and total over its districts (with blank votes when its base has them). */
export function sumLeaf(leaf: ShareLeaf, votes: Float64Array, blank: readonly number[]): void {
  const sums = leaf.sums;
  const P = sums.length;
  const D = leaf.mask.length;
  let total = 0;
  if (leaf.everyDistrict) sumColumns(votes, D * P, P, sums);
  else {
    sums.fill(0);
    for (let d = 0, base = 0; d < D; d++, base += P) {
      if (leaf.mask[d] === 0) continue;
      for (let p = 0; p < P; p++) sums[p] = (sums[p] as number) + (votes[base + p] as number);
    }
  }
  if (leaf.withBlank)
    for (let d = 0; d < D; d++) if (leaf.mask[d] === 1) total += blank[d] as number;
  for (let p = 0; p < P; p++) total += sums[p] as number;
  leaf.total = total;
}

/**
 * sums[p] = Σ_d m[d·P + p]: eight columns at a time in registers (the profile's hottest line was
 * this sum as a row-by-row loop storing into `sums`, at 2.5× the time). Votes are integers, so
 * the order of the additions does not change the sums.
 */
export function sumColumns(m: Float64Array, n: number, P: number, sums: Float64Array): void {
  let p = 0;
  for (; p + 8 <= P; p += 8) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let i = p; i < n; i += P) {
      s0 += m[i] as number;
      s1 += m[i + 1] as number;
      s2 += m[i + 2] as number;
      s3 += m[i + 3] as number;
      s4 += m[i + 4] as number;
      s5 += m[i + 5] as number;
      s6 += m[i + 6] as number;
      s7 += m[i + 7] as number;
    }
    sums[p] = s0;
    sums[p + 1] = s1;
    sums[p + 2] = s2;
    sums[p + 3] = s3;
    sums[p + 4] = s4;
    sums[p + 5] = s5;
    sums[p + 6] = s6;
    sums[p + 7] = s7;
  }
  for (; p < P; p++) {
    let s = 0;
    for (let i = p; i < n; i += P) s += m[i] as number;
    sums[p] = s;
  }
}

/** eligible[p] = 1 where party p reaches the leaf's share, 0 elsewhere. */
export function markPassing(leaf: ShareLeaf, eligible: Uint8Array): void {
  const { sums, numerator, denominator, total, strict } = leaf;
  const P = sums.length;
  for (let p = 0; p < P; p++) {
    const lhs = (sums[p] as number) * (denominator[p] as number);
    const rhs = total * (numerator[p] as number);
    eligible[p] = (strict ? lhs > rhs : lhs >= rhs) ? 1 : 0;
  }
}

/**
 * markPassing and the passing parties listed in `list` in the same loop (the engine's common
 * valla: one pass over the parties fewer per run). Returns how many passed.
 */
export function markPassingList(leaf: ShareLeaf, eligible: Uint8Array, list: Int32Array): number {
  const { sums, numerator, denominator, total, strict } = leaf;
  const P = sums.length;
  let n = 0;
  for (let p = 0; p < P; p++) {
    const lhs = (sums[p] as number) * (denominator[p] as number);
    const rhs = total * (numerator[p] as number);
    if (strict ? lhs > rhs : lhs >= rhs) {
      eligible[p] = 1;
      list[n++] = p;
    } else eligible[p] = 0;
  }
  return n;
}

function passesLeaf(leaf: ShareLeaf, p: number): boolean {
  const lhs = (leaf.sums[p] as number) * (leaf.denominator[p] as number);
  const rhs = leaf.total * (leaf.numerator[p] as number);
  return leaf.strict ? lhs > rhs : lhs >= rhs;
}

/** Evaluates a compiled condition tree; the preliminary allocations run through the runner. */
class TreeEvaluator {
  /** Set when a party's fate depended on a preliminary tie. */
  prelimTie = false;
  private readonly prelimSeats: Int32Array;
  private readonly prelimWon: Int32Array;
  private readonly prelimContested: Int32Array;

  constructor(
    private readonly P: number,
    private readonly D: number,
    private readonly runner: DistrictRunner,
  ) {
    this.prelimSeats = new Int32Array(P);
    this.prelimWon = new Int32Array(P);
    this.prelimContested = new Int32Array(P);
  }

  eval(n: Node, votes: Float64Array, out: Uint8Array, shareQualified: Uint8Array): void {
    const P = this.P;
    switch (n.kind) {
      case 'share':
        for (let p = 0; p < P; p++) out[p] = passesLeaf(n.leaf, p) ? 1 : 0;
        return;
      case 'seats':
        return this.seats(n, votes, out, shareQualified);
      case 'all':
      case 'any': {
        out.fill(n.kind === 'all' ? 1 : 0);
        for (const c of n.children) {
          this.eval(c, votes, n.tmp, shareQualified);
          for (let p = 0; p < P; p++)
            out[p] =
              n.kind === 'all'
                ? (out[p] as number) & (n.tmp[p] as number)
                : (out[p] as number) | (n.tmp[p] as number);
        }
        return;
      }
    }
  }

  /** Seats in a preliminary allocation (among all lists or the share-qualified, iterated or not). */
  private seats(
    n: Extract<Node, { kind: 'seats' }>,
    votes: Float64Array,
    out: Uint8Array,
    shareQualified: Uint8Array,
  ): void {
    const { P, runner, prelimSeats, prelimWon, prelimContested } = this;
    const pool = n.pool;
    if (n.among === 'all') pool.fill(1);
    else pool.set(shareQualified);
    for (let round = 0; round <= P; round++) {
      prelimSeats.fill(0);
      prelimWon.fill(0);
      prelimContested.fill(0);
      let poolN = 0;
      for (let p = 0; p < P; p++) if (pool[p] === 1) n.poolList[poolN++] = p;
      for (let d = 0; d < this.D; d++) {
        runner.allocate(votes, d, n.poolList, poolN, prelimContested);
        for (let j = 0; j < runner.k; j++) {
          const p = runner.at[j] as number;
          const s = runner.s[j] as number;
          prelimSeats[p]! += s;
          if (s > 0) prelimWon[p]! += 1;
        }
      }
      let changed = false;
      for (let p = 0; p < P; p++) {
        const seats = prelimSeats[p] as number;
        const pass = seats >= n.min && (prelimWon[p] as number) >= n.minDistricts;
        out[p] = pass ? 1 : 0;
        const contested = prelimContested[p] as number;
        if (!pass && contested > 0 && seats + contested >= n.min) this.prelimTie = true;
        if (n.iterate && pool[p] === 1 && !pass) {
          pool[p] = 0;
          changed = true;
        }
      }
      if (!n.iterate || !changed) break;
    }
  }
}

/** The valla of a SeatEngine: none, a district-level share, or a tree of national conditions. */
export function compileValla(spec: SeatEngineSpec, runner: DistrictRunner): Valla {
  const P = spec.parties;
  const D = spec.seats.length;
  const blank = spec.blank ?? new Array<number>(D).fill(0);
  const x: Compiled = {
    spec,
    members: spec.allianceMembers ?? new Array<number>(P).fill(1),
    leaves: [],
  };
  const districtList = new Int32Array(P);
  const t = spec.threshold;
  if (t === null) return { national: allPass, district: null, districtList, leaf: null, blank };
  if (t.kind === 'share' && t.scope === 'district')
    return { ...districtShare(t, x, blank, districtList), leaf: null, blank };
  const root = compileNode(t, x);
  const leaves = x.leaves;
  if (root.kind === 'share') {
    const leaf = root.leaf;
    return {
      national(votes, eligible) {
        sumLeaf(leaf, votes, blank);
        markPassing(leaf, eligible);
        return false;
      },
      district: null,
      districtList,
      leaf,
      blank,
    };
  }
  const tree = new TreeEvaluator(P, D, runner);
  const shareQualified = new Uint8Array(P);
  return {
    national(votes, eligible) {
      for (const l of leaves) sumLeaf(l, votes, blank);
      for (let p = 0; p < P; p++) {
        let all = 1;
        for (const l of leaves) if (!passesLeaf(l, p)) all = 0;
        shareQualified[p] = all;
      }
      tree.prelimTie = false;
      tree.eval(root, votes, eligible, shareQualified);
      return tree.prelimTie;
    },
    district: null,
    districtList,
    leaf: null,
    blank,
  };
}

function allPass(_votes: Float64Array, eligible: Uint8Array): boolean {
  eligible.fill(1);
  return false;
}

/** A share of each district's votes (with the national valla's eligible lists). */
function districtShare(
  c: ShareCondition,
  x: Compiled,
  blank: readonly number[],
  districtList: Int32Array,
): Omit<Valla, 'leaf' | 'blank'> {
  const P = x.spec.parties;
  const leaf = shareLeaf({ ...c, scope: 'national' }, x, new Uint8Array(0));
  return {
    national: allPass,
    district(votes, d, eligible) {
      const base = d * P;
      let total = leaf.withBlank ? (blank[d] as number) : 0;
      for (let p = 0; p < P; p++) total += votes[base + p] as number;
      let n = 0;
      for (let p = 0; p < P; p++) {
        const lhs = (votes[base + p] as number) * (leaf.denominator[p] as number);
        const rhs = total * (leaf.numerator[p] as number);
        if (eligible[p] === 1 && (leaf.strict ? lhs > rhs : lhs >= rhs)) districtList[n++] = p;
      }
      return n;
    },
    districtList,
  };
}
