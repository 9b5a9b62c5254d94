import { assert } from '../assert.js';
import { addRatios, scaleRatio, type Ratio } from '../ratio.js';
import type { ThresholdCondition } from '../rules/threshold.js';
import { allocateDivisorInto, divisorTie } from './divisor.js';
import { divisorTable, type DivisorMethod } from './methods.js';

/**
 * The hot path for Monte Carlo and benchmarks: a whole election (valla + every district) on flat
 * typed arrays, allocating nothing per run. It gives exactly what computeSeats gives under the
 * "report" tie policy (differential test in seat-engine.test.ts): a district whose last seat is
 * tied keeps only its certain seats and is counted in the returned tie count.
 */
export interface SeatEngine {
  readonly districts: number;
  readonly parties: number;
  /**
   * votes[d·P + p] → out[d·P + p] seats. Returns the number of districts with a tie for the
   * last seat (plus 1 if the valla depended on a preliminary tie).
   */
  run(votes: Float64Array, out: Int32Array): number;
  /** After run: 1 for each party that passed the national valla in that run (all 1 without one). */
  readonly passed: Uint8Array;
}

export interface SeatEngineSpec {
  readonly districtNames: readonly string[];
  readonly seats: readonly number[];
  readonly methods: readonly DivisorMethod[];
  readonly parties: number;
  readonly threshold: ThresholdCondition | null;
  /** Members of each party's alliance (1 = not an alliance). */
  readonly allianceMembers?: readonly number[];
  /** Blank votes per district, for conditions whose base includes blank votes. */
  readonly blank?: readonly number[];
}

type ShareAlliance = Extract<ThresholdCondition, { kind: 'share' }>['alliance'];

type Node =
  | {
      kind: 'share-national';
      mask: Uint8Array;
      share: Ratio;
      withBlank: boolean;
      alliance: ShareAlliance;
    }
  | {
      kind: 'seats';
      min: number;
      minDistricts: number;
      among: 'all' | 'share-qualified';
      iterate: boolean;
    }
  | { kind: 'all' | 'any'; children: Node[] };

/** Compiles a ruleset's districts and valla into a SeatEngine; district-level shares only at the top. */
export function compileSeatEngine(spec: SeatEngineSpec): SeatEngine {
  const D = spec.seats.length;
  const P = spec.parties;
  assert(
    spec.methods.length === D && spec.districtNames.length === D,
    'engine: one method and name per district',
  );
  const maxSeats = Math.max(1, ...spec.seats);
  const tables = spec.methods.map((m) => divisorTable(m, maxSeats + P + 1)); // room for the jump start
  const lowerQuota = spec.methods.map((m) => m.respectsLowerQuota);
  const members = spec.allianceMembers ?? new Array<number>(P).fill(1);
  const blank = spec.blank ?? new Array<number>(D).fill(0);

  let districtShare: {
    share: Ratio;
    withBlank: boolean;
    alliance: Extract<ThresholdCondition, { kind: 'share' }>['alliance'];
  } | null = null;
  const compile = (c: ThresholdCondition): Node => {
    switch (c.kind) {
      case 'share': {
        assert(c.scope === 'national', 'engine: district shares only at the top level');
        const mask = new Uint8Array(D);
        if (c.districts === undefined) mask.fill(1);
        else
          for (const n of c.districts) {
            const i = spec.districtNames.indexOf(n);
            if (i >= 0) mask[i] = 1;
          }
        return {
          kind: 'share-national',
          mask,
          share: c.share,
          withBlank: c.base === 'valid-and-blank',
          alliance: c.alliance,
        };
      }
      case 'preliminary-seats':
        return {
          kind: 'seats',
          min: c.min,
          minDistricts: c.minDistricts ?? 0,
          among: c.among,
          iterate: c.iterate,
        };
      case 'all':
      case 'any':
        return { kind: c.kind, children: c.conditions.map(compile) };
      case 'votes':
      case 'exempt':
        throw new Error(`engine: ${c.kind} conditions run through computeSeats`);
    }
  };
  let root: Node | null = null;
  if (spec.threshold !== null) {
    if (spec.threshold.kind === 'share' && spec.threshold.scope === 'district') {
      districtShare = {
        share: spec.threshold.share,
        withBlank: spec.threshold.base === 'valid-and-blank',
        alliance: spec.threshold.alliance,
      };
    } else root = compile(spec.threshold);
  }
  const shareLeaves: Extract<Node, { kind: 'share-national' }>[] = [];
  const collect = (n: Node): void => {
    if (n.kind === 'share-national') shareLeaves.push(n);
    if (n.kind === 'all' || n.kind === 'any') n.children.forEach(collect);
  };
  if (root) collect(root);

  const required = (
    share: Ratio,
    alliance: Extract<ThresholdCondition, { kind: 'share' }>['alliance'],
    p: number,
  ): Ratio => {
    const m = members[p] ?? 1;
    if (m < 2 || alliance === undefined) return share;
    assert(alliance.kind !== 'by-size', 'engine: alliance shares by size run through computeSeats');
    return alliance.kind === 'flat'
      ? addRatios(share, alliance.extra)
      : addRatios(share, scaleRatio(alliance.extra, m - 1));
  };
  // per-party required ratios per share leaf, precomputed
  const leafReq = new Map(
    shareLeaves.map((l) => [
      l,
      Array.from({ length: P }, (_, p) => required(l.share, l.alliance, p)),
    ]),
  );
  const distReq = districtShare
    ? Array.from({ length: P }, (_, p) =>
        required(districtShare!.share, districtShare!.alliance, p),
      )
    : [];

  // scratch
  const idx = new Int32Array(P);
  const prelimSeats = new Int32Array(P);
  const prelimWon = new Int32Array(P);
  const prelimContested = new Int32Array(P);
  const scratch = new Int32Array(D * P);
  let prelimTie = false;

  const seatsOf = Int32Array.from(spec.seats);
  const distEligible = new Uint8Array(P);
  /** Allocates district d among the lists with votes whose flag in `eligible` is 1. */
  const eligibleList = new Int32Array(P);
  const poolList = new Int32Array(P);
  const distList = new Int32Array(P);
  const listOf = (flags: Uint8Array, list: Int32Array): number => {
    let n = 0;
    for (let p = 0; p < P; p++) if (flags[p] === 1) list[n++] = p;
    return n;
  };
  /** Allocates district d among the first n parties of `list` that have votes there. */
  const allocateDistrict = (
    votes: Float64Array,
    d: number,
    list: Int32Array,
    n: number,
    out: Int32Array,
  ): boolean => {
    const base = d * P;
    for (let p = base, end = base + P; p < end; p++) out[p] = 0;
    let k = 0;
    for (let j = 0; j < n; j++) {
      const at = base + (list[j] as number);
      if ((votes[at] as number) > 0) idx[k++] = at;
    }
    const seats = seatsOf[d] as number;
    if (k === 0 || seats === 0) return false;
    const table = tables[d] as Float64Array;
    const tied = allocateDivisorInto(votes, idx, k, seats, table, lowerQuota[d] as boolean, out);
    if (tied) {
      const t = divisorTie(votes, idx, k, out, table);
      for (const h of t.holders) out[h] = (out[h] as number) - 1;
      for (const h of [...t.holders, ...t.challengers]) prelimContested[h - base]! += 1;
    }
    return tied;
  };

  const shareOk = (
    leaf: Extract<Node, { kind: 'share-national' }>,
    votes: Float64Array,
    p: number,
  ): boolean => {
    let v = 0;
    let total = 0;
    for (let d = 0; d < D; d++) {
      if (leaf.mask[d] === 0) continue;
      const base = d * P;
      v += votes[base + p] as number;
      for (let q = 0; q < P; q++) total += votes[base + q] as number;
      if (leaf.withBlank) total += blank[d] as number;
    }
    const r = (leafReq.get(leaf) as Ratio[])[p] as Ratio;
    return v * r.denominator >= total * r.numerator;
  };

  const evalNode = (
    n: Node,
    votes: Float64Array,
    out: Uint8Array,
    shareQualified: Uint8Array,
  ): void => {
    switch (n.kind) {
      case 'share-national':
        for (let p = 0; p < P; p++) out[p] = shareOk(n, votes, p) ? 1 : 0;
        return;
      case 'seats': {
        const pool = new Uint8Array(P);
        if (n.among === 'all') pool.fill(1);
        else pool.set(shareQualified);
        for (let round = 0; round <= P; round++) {
          prelimSeats.fill(0);
          prelimWon.fill(0);
          prelimContested.fill(0);
          const poolN = listOf(pool, poolList);
          for (let d = 0; d < D; d++) {
            allocateDistrict(votes, d, poolList, poolN, scratch);
            const base = d * P;
            for (let p = 0; p < P; p++) {
              const s = scratch[base + p] as number;
              prelimSeats[p]! += s;
              if (s > 0) prelimWon[p]! += 1;
            }
          }
          let changed = false;
          for (let p = 0; p < P; p++) {
            const pass =
              (prelimSeats[p] as number) >= n.min && (prelimWon[p] as number) >= n.minDistricts;
            out[p] = pass ? 1 : 0;
            if (
              !pass &&
              (prelimContested[p] as number) > 0 &&
              (prelimSeats[p] as number) + (prelimContested[p] as number) >= n.min
            )
              prelimTie = true;
            if (n.iterate && pool[p] === 1 && !pass) {
              pool[p] = 0;
              changed = true;
            }
          }
          if (!n.iterate || !changed) break;
        }
        return;
      }
      case 'all':
      case 'any': {
        const tmp = new Uint8Array(P);
        out.fill(n.kind === 'all' ? 1 : 0);
        for (const c of n.children) {
          evalNode(c, votes, tmp, shareQualified);
          for (let p = 0; p < P; p++)
            out[p] =
              n.kind === 'all'
                ? (out[p] as number) & (tmp[p] as number)
                : (out[p] as number) | (tmp[p] as number);
        }
        return;
      }
    }
  };

  const eligibleNat = new Uint8Array(P);
  const natVotes = new Float64Array(P);
  const shareQualified = new Uint8Array(P);
  const simpleShare = root !== null && root.kind === 'share-national' ? root : null;

  return {
    districts: D,
    parties: P,
    passed: eligibleNat,
    run(votes: Float64Array, out: Int32Array): number {
      prelimTie = false;
      if (root === null) eligibleNat.fill(1);
      else if (simpleShare !== null) {
        // the common case (one national share): one pass of sums
        let total = 0;
        natVotes.fill(0);
        const mask = simpleShare.mask;
        const withBlank = simpleShare.withBlank;
        for (let d = 0, base = 0; d < D; d++, base += P) {
          if (mask[d] === 0) continue;
          for (let p = 0; p < P; p++)
            natVotes[p] = (natVotes[p] as number) + (votes[base + p] as number);
          if (withBlank) total += blank[d] as number;
        }
        for (let p = 0; p < P; p++) total += natVotes[p] as number;
        const req = leafReq.get(simpleShare) as Ratio[];
        for (let p = 0; p < P; p++) {
          const r = req[p] as Ratio;
          eligibleNat[p] = (natVotes[p] as number) * r.denominator >= total * r.numerator ? 1 : 0;
        }
      } else {
        for (let p = 0; p < P; p++)
          shareQualified[p] = shareLeaves.every((l) => shareOk(l, votes, p)) ? 1 : 0;
        evalNode(root, votes, eligibleNat, shareQualified);
      }
      let ties = prelimTie ? 1 : 0;
      const natN = listOf(eligibleNat, eligibleList);
      for (let d = 0; d < D; d++) {
        let list = eligibleList;
        let n = natN;
        if (districtShare !== null) {
          const base = d * P;
          let total = districtShare.withBlank ? (blank[d] as number) : 0;
          for (let p = 0; p < P; p++) total += votes[base + p] as number;
          for (let p = 0; p < P; p++) {
            const r = distReq[p] as Ratio;
            distEligible[p] =
              eligibleNat[p] === 1 &&
              (votes[base + p] as number) * r.denominator >= total * r.numerator
                ? 1
                : 0;
          }
          n = listOf(distEligible, distList);
          list = distList;
        }
        if (allocateDistrict(votes, d, list, n, out)) ties++;
      }
      return ties;
    },
  };
}
