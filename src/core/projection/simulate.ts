import { compileSeatEngine, type SeatEngine } from '../allocation/seat-engine.js';
import type { DivisorMethod } from '../allocation/methods.js';
import { nameKey } from '../names.js';
import { computeSeats } from '../pipeline/seats.js';
import { districtIndex } from '../pipeline/seat-input.js';
import { createRng } from '../random.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import type { ThresholdCondition } from '../rules/threshold.js';
import { shareDims, type ProjectionFrame, type UnitBasis } from './frame.js';
import { ODDS_CALIBRATED_FROM, oddsWithinCalibration } from './model-parameters.js';

export type ContestKind = 'first-round' | 'runoff' | 'list';

export interface SimulateOptions {
  readonly sims: number;
  readonly seed: number;
  readonly kind: ContestKind;
  /** For list contests: the rules that turn district votes into seats (valla + D'Hondt). */
  readonly ruleset?: ListRuleset | undefined;
  /**
   * Seats per simulation through the typed-array SeatEngine when the ruleset allows it (default),
   * or always through the general computeSeats (the reference the engine is tested against).
   */
  readonly seatPath?: 'auto' | 'general';
}

export interface Interval {
  readonly median: number;
  readonly lo80: number;
  readonly hi80: number;
  readonly lo90: number;
  readonly hi90: number;
}

export interface ProjectedChoice extends Interval {
  readonly choice: string;
  /** Central projection (no noise), % of valid votes. */
  readonly central: number;
  /** Projected final votes. */
  readonly votes: Interval;
}

/**
 * Why a list contest's seats are not projected: regions of the model no district of the ruleset
 * is named after (`unknown_district`: their votes would reach no district), or districts no
 * region reaches (`district_without_votes`: a Senate's national list, voted on its own ballot).
 */
export interface SeatsUnavailable {
  readonly reason: 'unknown_district' | 'district_without_votes';
  /** The regions named after no district (unknown_district), else none. */
  readonly regions: readonly string[];
  /** The districts no region reaches (district_without_votes), else none. */
  readonly districts: readonly string[];
}

export interface ProjectionResult {
  readonly seed: number;
  readonly sims: number;
  readonly actasProcessed: number;
  readonly actasTotal: number;
  /** % of actas processed, 3 decimals. */
  readonly pctCounted: number;
  /** Final % of valid votes per choice, most voted first. */
  readonly choices: readonly ProjectedChoice[];
  /** Projected blank and null votes and valid votes. */
  readonly blank: Interval;
  readonly null: Interval;
  readonly valid: Interval;
  /** Per region (circunscripción, or snapshot unit): final % of valid votes and final votes. */
  readonly regions: readonly {
    readonly code: string;
    readonly label: string;
    readonly choices: readonly ProjectedChoice[];
  }[];
  /** First rounds: P(each pair goes to the runoff), P(outright win: > 50 % of valid votes). */
  readonly runoffPairs?: readonly {
    readonly choices: readonly [string, string];
    readonly probability: number;
  }[];
  readonly outright?: readonly { readonly choice: string; readonly probability: number }[];
  /** Runoffs (and single-winner contests): P(each choice wins). */
  readonly winner?: readonly { readonly choice: string; readonly probability: number }[];
  /** List contests: seats per party and P(passing the valla). */
  readonly seats?: {
    readonly rules: string;
    readonly totalSeats: number;
    readonly parties: readonly {
      readonly party: string;
      readonly median: number;
      readonly lo90: number;
      readonly hi90: number;
      readonly mean: number;
      readonly pValla: number;
    }[];
    /** Simulations where a last seat was tied (reported, not settled). */
    readonly tiedSimulations: number;
  };
  /** List contests whose seats the model cannot place (never a table of 0 seats). */
  readonly seatsUnavailable?: SeatsUnavailable;
  readonly unitsWithoutData: readonly string[];
  /** Snapshot projections: what each unit's uncounted part is projected from. */
  readonly unitBasis?: readonly UnitBasis[];
  /**
   * While actas remain: the bounds every probability is kept within (a simulated certainty is
   * reported as a bound; the dashboard shows "> 99 %"); null once every acta is counted.
   */
  readonly probabilityBounds: { readonly min: number; readonly max: number } | null;
  /**
   * Whether the probabilities above are within the range the calibration measured
   * (model-parameters.ts ODDS_CALIBRATED_FROM): they are computed and kept for the audit, and shown
   * only where `withinCalibration`.
   */
  readonly odds: {
    readonly calibratedFrom: { readonly numerator: number; readonly denominator: number };
    readonly withinCalibration: boolean;
  };
}

/** Quantile (linear interpolation between order statistics) of a sorted array. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(n - 1, lo + 1)] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Moves the ks[from..to]-th smallest of a[lo..hi] to their places (ks ascending, inside lo..hi),
 * smaller ones before each: one Hoare partition (middle pivot) serves every order statistic on
 * its side, so the quantiles of thousands of simulations cost a few passes, not a sort.
 */
function selectAll(
  a: Float64Array,
  ks: readonly number[],
  from: number,
  to: number,
  lo: number,
  hi: number,
): void {
  while (from <= to && hi > lo) {
    const pivot = a[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // a[lo..j] <= pivot <= a[i..hi]; anything between j and i equals the pivot and is placed
    let left = from;
    while (left <= to && (ks[left] as number) <= j) left++;
    let right = to;
    while (right >= left && (ks[right] as number) >= i) right--;
    // the ks on the smaller side recursively, the larger side in this loop
    if (j - lo < hi - i) {
      selectAll(a, ks, from, left - 1, lo, j);
      from = right + 1;
      lo = i;
    } else {
      selectAll(a, ks, right + 1, to, i, hi);
      to = left - 1;
      hi = j;
    }
  }
}

const PROBS = [0.05, 0.1, 0.5, 0.9, 0.95] as const;

/**
 * While any acta remains uncounted no probability is 0 or 1: a simulated certainty is reported as
 * these bounds (the dashboard shows "> 99 %" / "< 1 %"). Once every acta is counted the
 * probabilities are the count's own, 0 or 1.
 */
export const PROBABILITY_BOUNDS = { min: 0.001, max: 0.999 } as const;

/** The order statistics the five quantiles need, per sample size (computed once per size). */
const PLANS = new Map<number, { h: number[]; lo: number[]; needed: number[] }>();
function plan(n: number): { h: number[]; lo: number[]; needed: number[] } {
  let p = PLANS.get(n);
  if (p === undefined) {
    const h = PROBS.map((x) => (n - 1) * x);
    const lo = h.map((x) => Math.floor(x));
    const needed = [...new Set(lo.flatMap((x) => [x, Math.min(n - 1, x + 1)]))].sort(
      (a, b) => a - b,
    );
    p = { h, lo, needed };
    PLANS.set(n, p);
  }
  return p;
}

/**
 * The five quantiles of an interval, linear between order statistics (as quantile()). Reorders
 * `values` in place (the simulation's own buffers, read once).
 */
export function interval(values: Float64Array, digits: number): Interval {
  const a = values;
  const n = a.length;
  const { h, lo, needed } = plan(n);
  selectAll(a, needed, 0, needed.length - 1, 0, n - 1);
  const at = (i: number): number => {
    const l = lo[i] as number;
    const x = a[l] as number;
    const y = a[Math.min(n - 1, l + 1)] as number;
    return round(x + ((h[i] as number) - l) * (y - x), digits);
  };
  return { lo90: at(0), lo80: at(1), median: at(2), hi80: at(3), hi90: at(4) };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The frame's coefficients in flat typed arrays (group-major, D per group), read once per
 * simulation: the loop then touches no object, closure or optional field.
 */
interface PackedFrame {
  readonly R: number;
  readonly S: number;
  readonly D: number;
  readonly G: number;
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly region: Int32Array;
  readonly base: Float64Array;
  readonly c0: Float64Array;
  readonly c1: Float64Array;
  readonly gsd: Float64Array;
  readonly cb: Float64Array;
  readonly cp: Float64Array;
  readonly hasCp: Uint8Array;
  /** Whether any group has the second common term (then D more normals are drawn). */
  readonly priorCommon: boolean;
  /** Standard normals one simulation takes, in the order they are drawn. */
  readonly normals: number;
}

function packFrame(frame: ProjectionFrame): PackedFrame {
  const S = shareDims(frame);
  const D = S + 1;
  const R = frame.regions.length;
  const G = frame.groups.length;
  const mean = new Float64Array(R * D);
  const sd = new Float64Array(R * D);
  frame.regions.forEach((r, i) => {
    for (let k = 0; k < D; k++) {
      mean[i * D + k] = r.mean[k] as number;
      sd[i * D + k] = r.sd[k] as number;
    }
  });
  const p = {
    region: new Int32Array(G),
    base: new Float64Array(G),
    c0: new Float64Array(G * D),
    c1: new Float64Array(G * D),
    gsd: new Float64Array(G * D),
    cb: new Float64Array(G * D),
    cp: new Float64Array(G * D),
    hasCp: new Uint8Array(G),
  };
  frame.groups.forEach((g, j) => {
    p.region[j] = g.region;
    p.base[j] = g.base;
    p.hasCp[j] = g.cp === undefined ? 0 : 1;
    for (let k = 0; k < D; k++) {
      p.c0[j * D + k] = g.c0[k] as number;
      p.c1[j * D + k] = g.c1[k] as number;
      p.gsd[j * D + k] = g.sd[k] as number;
      p.cb[j * D + k] = g.cb[k] as number;
      p.cp[j * D + k] = g.cp?.[k] ?? 0;
    }
  });
  const priorCommon = frame.groups.some((g) => g.cp !== undefined);
  const normals = R * D + D + (priorCommon ? D : 0) + G * D;
  return { R, S, D, G, mean, sd, ...p, priorCommon, normals };
}

/**
 * One simulated final count: region totals (choices, blank, null) into `out`. z: the
 * simulation's standard normals in draw order (regions' levels, the common terms, then one per
 * group and dimension), all zero for the central projection.
 */
function drawFinal(
  frame: ProjectionFrame,
  f: PackedFrame,
  z: Float64Array,
  theta: Float64Array,
  q: Float64Array,
  common: Float64Array,
  out: Float64Array,
): void {
  const { R, S, D, G, mean, sd, region, base, c0, c1, gsd, cb, cp, hasCp } = f;
  for (let i = 0; i < R; i++)
    out.set((frame.regions[i] as { counted: Float64Array }).counted, i * S);
  let j = 0;
  for (let i = 0; i < R * D; i++)
    theta[i] = (mean[i] as number) + (sd[i] as number) * (z[j++] as number);
  for (let k = 0; k < D; k++) common[k] = z[j++] as number;
  // the second common term only where a frame has it: other frames keep their random streams
  if (f.priorCommon) for (let k = 0; k < D; k++) common[D + k] = z[j++] as number;
  for (let g = 0; g < G; g++) {
    const r = region[g] as number;
    const tb = r * D;
    const gb = g * D;
    const withCp = hasCp[g] === 1;
    let sum = 0;
    for (let k = 0; k < D; k++) {
      let x =
        (c0[gb + k] as number) +
        (c1[gb + k] as number) * (theta[tb + k] as number) +
        (gsd[gb + k] as number) * (z[j++] as number) +
        (cb[gb + k] as number) * (common[k] as number);
      if (withCp) x += (cp[gb + k] as number) * (common[D + k] as number);
      if (x < 0) x = 0;
      q[k] = x;
      if (k < S) sum += x;
    }
    const rate = Math.min(q[S] as number, frame.rateMax);
    const emitted = (base[g] as number) * rate;
    if (sum <= 0 || emitted <= 0) continue;
    const at = r * S;
    for (let k = 0; k < S; k++)
      out[at + k] = (out[at + k] as number) + (emitted * (q[k] as number)) / sum;
  }
}

/** Draws final counts from a frame: the central one (every normal zero), or the next random one. */
function drawer(
  frame: ProjectionFrame,
  seed: number,
): { central(out: Float64Array): void; next(out: Float64Array): void } {
  const S = shareDims(frame);
  const R = frame.regions.length;
  const normal = createRng(seed).normal;
  const packed = packFrame(frame);
  const z = new Float64Array(packed.normals);
  const theta = new Float64Array(R * (S + 1));
  const q = new Float64Array(S + 1);
  const common = new Float64Array(2 * (S + 1));
  return {
    central(out) {
      z.fill(0);
      drawFinal(frame, packed, z, theta, q, common, out);
    },
    next(out) {
      for (let i = 0; i < z.length; i++) z[i] = normal();
      drawFinal(frame, packed, z, theta, q, common, out);
    },
  };
}

/** The central projection (no noise): final totals per region, choices then blank then null. */
export function centralTotals(frame: ProjectionFrame): Float64Array {
  const out = new Float64Array(frame.regions.length * shareDims(frame));
  drawer(frame, 0).central(out);
  return out;
}

/**
 * Every simulation's region totals back to back (`sims` × regions × (choices, blank, null)), as
 * `simulate` draws them for this seed: what its summaries are computed from.
 */
export function simulatedTotals(frame: ProjectionFrame, seed: number, sims: number): Float64Array {
  const n = frame.regions.length * shareDims(frame);
  const draw = drawer(frame, seed);
  const all = new Float64Array(sims * n);
  for (let s = 0; s < sims; s++) draw.next(all.subarray(s * n, (s + 1) * n));
  return all;
}

/**
 * Monte Carlo over the frame: `sims` final counts drawn with a seeded generator, summarised as
 * medians and 80 % / 90 % intervals of each choice's final % of valid votes, and — by contest —
 * runoff pairs, outright and runoff winners, or seats through the ruleset. Deterministic for a
 * given seed; pure.
 */
export function simulate(frame: ProjectionFrame, o: SimulateOptions): ProjectionResult {
  const K = frame.choices.length;
  const S = K + 2;
  const R = frame.regions.length;
  const draw = drawer(frame, o.seed);
  const one = new Float64Array(R * S);

  // Central projection.
  draw.central(one);
  const central = centralOf(one, K, S, R);

  const sims = Math.max(1, o.sims);
  const draws = drawTallies(K, S, R, sims);
  const rs = o.kind === 'list' ? o.ruleset : undefined;
  const places = rs === undefined ? null : districtsOfRegions(frame, rs);
  const seatPlan =
    rs !== undefined && places?.ok === true
      ? seatAccumulator(frame, rs, places.districtOfRegion, sims, o.seatPath ?? 'auto')
      : null;
  for (let s = 0; s < sims; s++) {
    draw.next(one);
    tallyDraw(frame, o.kind, draws, one, s, sims);
    seatPlan?.add(one, s);
  }

  // While actas remain nothing is certain: a simulated 0 or 1 is reported as the bound.
  const remaining = frame.actasProcessed < frame.actasTotal;
  const prob = (n: number): number =>
    remaining
      ? Math.min(PROBABILITY_BOUNDS.max, Math.max(PROBABILITY_BOUNDS.min, round(n / sims, 4)))
      : round(n / sims, 4);
  const result = summaryOf(frame, o.seed, sims, central, draws, remaining);
  if (o.kind === 'first-round' || o.kind === 'runoff')
    return { ...result, ...winnersOf(frame, o.kind, draws, sims, prob) };
  if (seatPlan !== null) return { ...result, seats: seatPlan.summary(prob) };
  if (places?.ok === false) return { ...result, seatsUnavailable: places.unavailable };
  return result;
}

/**
 * The ruleset's district each region's votes go to, by the region's name (the count's units are
 * the ruleset's districts by name, as an election's manifest is checked); a ruleset of one
 * district (a national list: Parlamento Andino) pools every region. Else why seats cannot be placed.
 */
export function districtsOfRegions(
  frame: Pick<ProjectionFrame, 'regions'>,
  ruleset: ListRuleset,
):
  | { readonly ok: true; readonly districtOfRegion: Int32Array }
  | { readonly ok: false; readonly unavailable: SeatsUnavailable } {
  const districtOfRegion = new Int32Array(frame.regions.length);
  if (ruleset.districts.length === 1) return { ok: true, districtOfRegion };
  const index = districtIndex(ruleset);
  const regions: string[] = [];
  const reached = new Set<number>();
  frame.regions.forEach((r, i) => {
    const d = index.get(nameKey(r.label));
    if (d === undefined) regions.push(r.label);
    else reached.add((districtOfRegion[i] = d));
  });
  if (regions.length > 0)
    return { ok: false, unavailable: { reason: 'unknown_district', regions, districts: [] } };
  const districts = ruleset.districts.filter((_, d) => !reached.has(d)).map((d) => d.name);
  if (districts.length > 0)
    return { ok: false, unavailable: { reason: 'district_without_votes', regions, districts } };
  return { ok: true, districtOfRegion };
}

/** The central projection's national totals and valid votes, and a copy of its region totals. */
interface Central {
  readonly national: Float64Array;
  readonly valid: number;
  readonly region: Float64Array;
}

/** Sums the central draw's regions (choices, blank, null per region) into the nation. */
function centralOf(one: Float64Array, K: number, S: number, R: number): Central {
  const national = new Float64Array(S);
  for (let i = 0; i < R * S; i++)
    national[i % S] = (national[i % S] as number) + (one[i] as number);
  return { national, valid: sumTo(national, K), region: one.slice() };
}

/** What each simulation leaves: per choice and region, % and votes; who ranked where. */
interface DrawTallies {
  readonly nationalPct: Float64Array[];
  readonly nationalVotes: Float64Array[];
  readonly validVotes: Float64Array;
  readonly regionPct: Float64Array[];
  readonly regionVotes: Float64Array[];
  /** The same region series back to back in one buffer each (series i at i × sims). */
  readonly regionPctAll: Float64Array;
  readonly regionVotesAll: Float64Array;
  readonly pairs: Map<string, number>;
  readonly outright: Float64Array;
  readonly wins: Float64Array;
  /** Scratch: the choices by rank, and the simulation's national totals. */
  readonly order: number[];
  readonly national: Float64Array;
}

/** `count` series of `sims` values, views of one buffer (one allocation, not thousands). */
function series(count: number, sims: number): { all: Float64Array; each: Float64Array[] } {
  const all = new Float64Array(count * sims);
  return {
    all,
    each: Array.from({ length: count }, (_, i) => all.subarray(i * sims, (i + 1) * sims)),
  };
}

/** Empty tallies for `sims` simulations, allocated once before the loop. */
function drawTallies(K: number, S: number, R: number, sims: number): DrawTallies {
  const regionPct = series(R * K, sims);
  const regionVotes = series(R * K, sims);
  return {
    nationalPct: series(K, sims).each,
    nationalVotes: series(S, sims).each,
    validVotes: new Float64Array(sims),
    regionPct: regionPct.each,
    regionVotes: regionVotes.each,
    regionPctAll: regionPct.all,
    regionVotesAll: regionVotes.all,
    pairs: new Map<string, number>(),
    outright: new Float64Array(K),
    wins: new Float64Array(K),
    order: Array.from({ length: K }, (_, i) => i),
    national: new Float64Array(S),
  };
}

/** Records simulation s's final count (region totals in `one`) in the tallies. */
function tallyDraw(
  frame: ProjectionFrame,
  kind: ContestKind,
  d: DrawTallies,
  one: Float64Array,
  s: number,
  sims: number,
): void {
  const K = frame.choices.length;
  const S = K + 2;
  const R = frame.regions.length;
  const { national, regionPctAll, regionVotesAll } = d;
  national.fill(0);
  for (let r = 0; r < R; r++) {
    let valid = 0;
    for (let k = 0; k < S; k++) {
      const v = one[r * S + k] as number;
      national[k] = (national[k] as number) + v;
      if (k < K) valid += v;
    }
    for (let k = 0; k < K; k++) {
      const v = one[r * S + k] as number;
      const at = (r * K + k) * sims + s;
      regionPctAll[at] = valid > 0 ? (100 * v) / valid : 0;
      regionVotesAll[at] = v;
    }
  }
  const valid = sumTo(national, K);
  d.validVotes[s] = valid;
  for (let k = 0; k < S; k++) (d.nationalVotes[k] as Float64Array)[s] = national[k] as number;
  for (let k = 0; k < K; k++)
    (d.nationalPct[k] as Float64Array)[s] = valid > 0 ? (100 * (national[k] as number)) / valid : 0;
  if (kind === 'first-round' || kind === 'runoff') rankDraw(frame, d, valid);
}

/** A simulation's ranking: who came first (and won outright), and the pair of the first two. */
function rankDraw(frame: ProjectionFrame, d: DrawTallies, valid: number): void {
  const { order, national, wins, outright, pairs } = d;
  // Ranked by rounded votes; an exact tie is ordered by choice name (reported as a pair either way).
  order.sort(
    (a, b) =>
      Math.round(national[b] as number) - Math.round(national[a] as number) ||
      ((frame.choices[a] as string) < (frame.choices[b] as string) ? -1 : 1),
  );
  const first = order[0] as number;
  const second = order[1];
  wins[first] = (wins[first] as number) + 1;
  // CONST art. 111: more than half of the valid votes wins in the first round.
  if (2 * Math.round(national[first] as number) > Math.round(valid))
    outright[first] = (outright[first] as number) + 1;
  if (second !== undefined) {
    const pair = [frame.choices[first] as string, frame.choices[second] as string]
      .sort()
      .join('\u0000');
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
}

/** The result every contest shares: choices and regions with central values and intervals. */
function summaryOf(
  frame: ProjectionFrame,
  seed: number,
  sims: number,
  central: Central,
  d: DrawTallies,
  remaining: boolean,
): ProjectionResult {
  const K = frame.choices.length;
  const S = K + 2;
  const choices: ProjectedChoice[] = frame.choices.map((choice, k) => ({
    choice,
    central: round(
      central.valid > 0 ? (100 * (central.national[k] as number)) / central.valid : 0,
      3,
    ),
    ...interval(d.nationalPct[k] as Float64Array, 3),
    votes: interval(d.nationalVotes[k] as Float64Array, 0),
  }));
  choices.sort((a, b) => b.median - a.median || (a.choice < b.choice ? -1 : 1));
  return {
    seed,
    sims,
    actasProcessed: frame.actasProcessed,
    actasTotal: frame.actasTotal,
    pctCounted: round(
      frame.actasTotal > 0 ? (100 * frame.actasProcessed) / frame.actasTotal : 0,
      3,
    ),
    choices,
    blank: interval(d.nationalVotes[K] as Float64Array, 0),
    null: interval(d.nationalVotes[K + 1] as Float64Array, 0),
    valid: interval(d.validVotes, 0),
    regions: frame.regions.map((r, i) => {
      const centralValidR = sumTo(central.region.subarray(i * S, i * S + S), K);
      return {
        code: r.code,
        label: r.label,
        choices: frame.choices.map((choice, k) => {
          return {
            choice,
            central: round(
              centralValidR > 0 ? (100 * (central.region[i * S + k] as number)) / centralValidR : 0,
              3,
            ),
            ...interval(d.regionPct[i * K + k] as Float64Array, 3),
            votes: interval(d.regionVotes[i * K + k] as Float64Array, 0),
          };
        }),
      };
    }),
    unitsWithoutData: frame.unitsWithoutData,
    ...(frame.basis === undefined ? {} : { unitBasis: frame.basis }),
    probabilityBounds: remaining ? PROBABILITY_BOUNDS : null,
    odds: {
      calibratedFrom: ODDS_CALIBRATED_FROM,
      withinCalibration: oddsWithinCalibration(frame.actasProcessed, frame.actasTotal),
    },
  };
}

/** First rounds: runoff pairs and outright winners; runoffs: each choice's chance to win. */
function winnersOf(
  frame: ProjectionFrame,
  kind: 'first-round' | 'runoff',
  d: DrawTallies,
  sims: number,
  prob: (n: number) => number,
): Pick<ProjectionResult, 'runoffPairs' | 'outright' | 'winner'> {
  const byProbability = <T extends { probability: number }>(xs: T[]): T[] =>
    xs.sort((a, b) => b.probability - a.probability);
  // a list of exclusive outcomes still sums to one once its certainties are bounded
  const exclusive = <T extends { probability: number }>(xs: T[], counts: number[]): T[] => {
    const excess =
      xs.reduce((a, x) => a + x.probability, 0) - counts.reduce((a, n) => a + n, 0) / sims;
    const sorted = byProbability(xs);
    const top = sorted[0];
    // ... but never back to a certainty while actas remain (a list of only the pairs seen)
    if (top !== undefined && Math.abs(excess) > 1e-9)
      sorted[0] = { ...top, probability: prob((top.probability - excess) * sims) };
    return sorted;
  };
  if (kind === 'runoff')
    return {
      winner: exclusive(
        frame.choices.map((choice, k) => ({ choice, probability: prob(d.wins[k] as number) })),
        [...d.wins],
      ),
    };
  return {
    runoffPairs: exclusive(
      [...d.pairs].map(([key, n]) => ({
        choices: key.split('\u0000') as [string, string],
        probability: prob(n),
      })),
      [...d.pairs.values()],
    ),
    outright: byProbability(
      frame.choices
        .filter((_, k) => (d.outright[k] as number) > 0)
        .map((choice) => ({
          choice,
          probability: prob(d.outright[frame.choices.indexOf(choice)] as number),
        })),
    ),
  };
}

function sumTo(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] as number;
  return s;
}

function engineCanRun(c: ThresholdCondition, top: boolean): boolean {
  switch (c.kind) {
    case 'share':
      return (
        c.base === 'valid' &&
        c.quotas !== true &&
        c.strict !== true &&
        c.alliance?.kind !== 'by-size' &&
        (c.scope === 'national' || (c.scope === 'district' && top))
      );
    case 'preliminary-seats':
      return true;
    case 'votes':
    case 'exempt':
      return false;
    case 'all':
    case 'any':
      return c.conditions.every((x) => engineCanRun(x, false));
  }
}

/** A draw's votes per district and choice (`into`): each region's rounded totals added to its district's. */
function districtVotes(
  regionTotals: Float64Array,
  districtOfRegion: Int32Array,
  K: number,
  into: Float64Array,
): void {
  into.fill(0);
  const S = K + 2;
  for (let r = 0; r < districtOfRegion.length; r++) {
    const base = (districtOfRegion[r] as number) * K;
    for (let k = 0; k < K; k++)
      into[base + k] = (into[base + k] as number) + Math.round(regionTotals[r * S + k] as number);
  }
}

/**
 * The typed-array engine for this frame and ruleset, when it applies: divisor methods, a valla
 * on valid votes (the regions' votes reach the districts by districtsOfRegions). Otherwise null:
 * the general computeSeats then runs.
 */
function engineFor(frame: ProjectionFrame, ruleset: ListRuleset): SeatEngine | null {
  const methods: DivisorMethod[] = [];
  for (const d of ruleset.districts) {
    const m = d.seats === 1 ? ruleset.singleSeatMethod : ruleset.method;
    if (m.kind !== 'divisor' || m.sequence.kind !== 'linear') return null;
    methods.push(m);
  }
  if (ruleset.tiers.length > 0) return null;
  const t = ruleset.threshold;
  // District-level shares are in the engine's scope only as the whole condition; shares of
  // valid and blank votes need the simulated blank votes, which the engine takes as fixed.
  const topDistrictShare = t !== null && t.kind === 'share' && t.scope === 'district';
  if (t !== null && !engineCanRun(t, topDistrictShare)) return null;
  return compileSeatEngine({
    districtNames: ruleset.districts.map((d) => d.name),
    seats: ruleset.districts.map((d) => d.seats),
    methods,
    parties: frame.choices.length,
    threshold: t,
  });
}

/** Seats per simulation through the ruleset (valla, D'Hondt per district, ties reported). */
function seatAccumulator(
  frame: ProjectionFrame,
  ruleset: ListRuleset,
  districtOfRegion: Int32Array,
  sims: number,
  path: 'auto' | 'general',
) {
  const K = frame.choices.length;
  const seats = new Map<string, Float64Array>(
    frame.choices.map((c) => [c, new Float64Array(sims)]),
  );
  const passed = new Map<string, number>(frame.choices.map((c) => [c, 0]));
  let tied = 0;
  const fast = path === 'auto' ? engineFor(frame, ruleset) : null;
  // each district's votes per choice: its regions' rounded totals summed (a national list pools them)
  const matrix = new Float64Array(ruleset.districts.length * K);
  const out = fast ? new Int32Array(fast.districts * K) : null;
  const seatArrays = frame.choices.map((c) => seats.get(c) as Float64Array);
  const passCount = new Float64Array(K);
  return {
    add(regionTotals: Float64Array, s: number): void {
      districtVotes(regionTotals, districtOfRegion, K, matrix);
      if (fast !== null && out !== null) {
        if (fast.run(matrix, out) > 0) tied++;
        for (let k = 0; k < K; k++) {
          let n = 0;
          for (let d = 0; d < fast.districts; d++) n += out[d * K + k] as number;
          (seatArrays[k] as Float64Array)[s] = n;
          passCount[k] = (passCount[k] as number) + (fast.passed[k] as number);
        }
        return;
      }
      const votes = ruleset.districts.flatMap((d, di) =>
        frame.choices.map((party, k) => ({
          district: d.name,
          party,
          votes: matrix[di * K + k] as number,
        })),
      );
      const res = computeSeats(ruleset, { votes });
      for (const [party, n] of Object.entries(res.seats)) {
        const arr = seats.get(party);
        if (arr) arr[s] = n;
      }
      for (const p of res.passed) passed.set(p, (passed.get(p) ?? 0) + 1);
      if (res.ties.length > 0) tied++;
    },
    summary(prob: (n: number) => number) {
      if (fast !== null) frame.choices.forEach((c, k) => passed.set(c, passCount[k] as number));
      const parties = frame.choices.map((party) => {
        const arr = seats.get(party) as Float64Array;
        const iv = interval(arr, 0);
        const mean = arr.reduce((x, y) => x + y, 0) / sims;
        return {
          party,
          median: iv.median,
          lo90: iv.lo90,
          hi90: iv.hi90,
          mean: round(mean, 2),
          pValla: prob(passed.get(party) ?? 0),
        };
      });
      parties.sort(
        (a, b) => b.mean - a.mean || b.pValla - a.pValla || (a.party < b.party ? -1 : 1),
      );
      return { rules: ruleset.id, totalSeats: ruleset.totalSeats, parties, tiedSimulations: tied };
    },
  };
}
