import {
  ACTA_STATES,
  actaCounts,
  bookedFigures,
  type Acta,
  type ActaState,
} from '../model/acta.js';
import type { Jurisdiction } from '../model/jurisdiction.js';
import type { ActaColumns } from '../tally/acta-columns.js';
import type { FrameGroup, FrameRegion, ProjectionFrame } from './frame.js';
import { meanRow, priorDesign, type PriorFigures } from './prior.js';
import { predict, ridgeSystem, solveRidge } from './regression.js';

/** One mesa of the universe: its place, its electors, and its figures once processed. */
export interface ProjectionMesa {
  /**
   * The model's three levels, from the jurisdiction: `district` is the mesa's place code (Peru:
   * the ubigeo), `province` its unit at the jurisdiction's projection-group level (Peru: the
   * province), `region` its electoral district (Peru: the circunscripción), named `regionName`.
   */
  readonly district: string;
  readonly province: string;
  readonly region: string;
  readonly regionName: string;
  readonly eligible: number;
  /** Votes per choice, then blank, then null (+ impugned); all zero when not installed; null while uncounted. */
  readonly figures: readonly number[] | null;
  /** The same mesa in the previous round (same mesa number): the covariates. */
  readonly prior?: PriorFigures | undefined;
}

export interface MesaModelOptions {
  /**
   * Loading of the common arrival-bias term, in units of the between-district sd, applied to the
   * uncounted mass of districts without data of their own. Calibrated (docs/projection.md).
   */
  readonly arrivalBias?: number;
  /** Multiplies every sd: 0 gives the deterministic central projection. */
  readonly varianceScale?: number;
  /** Use log10(electors of the district) as a covariate within provinces (default true). */
  readonly sizeCovariate?: boolean;
}

export const DEFAULT_ARRIVAL_BIAS = 0.8;

/**
 * What the projection needs of the jurisdiction: its levels, unit codes and region names (a loaded
 * jurisdiction's `unitName`, its place table's names too: the ruleset's districts are named so).
 */
export type ProjectionPlaces = Pick<
  Jurisdiction,
  'unitCoder' | 'unitName' | 'electoralDistricts' | 'projectionGroups'
>;

/** The place of a mesa in the model, by its place code (built once per place code). */
function placer(
  j: ProjectionPlaces,
): (place: string) => Pick<ProjectionMesa, 'district' | 'province' | 'region' | 'regionName'> {
  const group = j.unitCoder(j.projectionGroups);
  const region = j.unitCoder(j.electoralDistricts);
  return (place) => {
    const r = region(place);
    return {
      district: place,
      province: group(place),
      region: r,
      regionName: j.unitName(j.electoralDistricts, r) ?? r,
    };
  };
}

/**
 * One mesa as a literal of fixed shape (no spread): the fit reads every field of 86,488 of them,
 * and objects of one or two shapes keep those reads monomorphic.
 */
function projectionMesa(
  place: Pick<ProjectionMesa, 'district' | 'province' | 'region' | 'regionName'>,
  eligible: number,
  figures: readonly number[] | null,
  prior: PriorFigures | undefined,
): ProjectionMesa {
  const { district, province, region, regionName } = place;
  return prior === undefined
    ? { district, province, region, regionName, eligible, figures }
    : { district, province, region, regionName, eligible, figures, prior };
}

/** Actas as projection mesas: place, projection group and electoral district as region. */
export function mesasFromActas(
  actas: Iterable<Acta>,
  choices: number,
  jurisdiction: ProjectionPlaces,
  pendingFiguresCount = false,
  priors?: ReadonlyMap<string, PriorFigures>,
): ProjectionMesa[] {
  const out: ProjectionMesa[] = [];
  const placeOf = placer(jurisdiction);
  const places = new Map<string, ReturnType<typeof placeOf>>();
  for (const a of actas) {
    const counts = actaCounts(a, pendingFiguresCount);
    let figures: number[] | null = null;
    if (counts && a.votes !== null) {
      // an annulled acta's votes as null (bookedFigures), as the columns hold them
      const b = bookedFigures(a.state, a, choices);
      figures = new Array<number>(choices + 2);
      for (let i = 0; i < choices; i++) figures[i] = b.votes?.[i] ?? 0;
      figures[choices] = b.blank;
      figures[choices + 1] = b.null + b.impugned;
    } else if (a.state === 'not_installed' || counts) {
      figures = new Array<number>(choices + 2).fill(0);
    }
    let place = places.get(a.ubigeo);
    if (place === undefined) places.set(a.ubigeo, (place = placeOf(a.ubigeo)));
    out.push(projectionMesa(place, a.eligible, figures, priors?.get(a.mesa)));
  }
  return out;
}

/** `mesasFromActas` on the columnar snapshot the results service keeps (same mesas, same order). */
export function mesasFromColumns(
  cols: ActaColumns,
  jurisdiction: ProjectionPlaces,
  pendingFiguresCount = false,
  priors?: ReadonlyMap<string, PriorFigures>,
): ProjectionMesa[] {
  const C = cols.choices;
  // place codes once per ubigeo, not once per mesa
  const places = cols.ubigeos.map(placer(jurisdiction));
  const out: ProjectionMesa[] = [];
  for (let i = 0; i < cols.length; i++) {
    const state = ACTA_STATES[cols.state[i] as number] as ActaState;
    const hasFigures = cols.hasFigures[i] === 1;
    const counts = actaCounts({ state, votes: hasFigures ? [] : null }, pendingFiguresCount);
    let figures: number[] | null = null;
    if (counts && hasFigures) {
      figures = new Array<number>(C + 2);
      for (let k = 0; k < C; k++) figures[k] = cols.votes[i * C + k] as number;
      figures[C] = cols.blank[i] as number;
      figures[C + 1] = (cols.null[i] as number) + (cols.impugned[i] as number);
    } else if (state === 'not_installed' || counts) {
      figures = new Array<number>(C + 2).fill(0);
    }
    const place = places[cols.ubigeoOf[i] as number] as (typeof places)[number];
    out.push(
      projectionMesa(
        place,
        cols.eligible[i] as number,
        figures,
        priors?.get(cols.mesa[i] as string),
      ),
    );
  }
  return out;
}

/** A unit's actas the universe expects that the store does not hold yet, and their electors. */
export interface UnitToCome {
  /** A place code inside the unit (Peru: the department's code padded, "140000"). */
  readonly place: string;
  readonly actas: number;
  readonly eligible: number;
  /** Those mesas' previous round together (the covariates each of them carries), when known. */
  readonly prior?: PriorFigures | undefined;
}

/** Per state index (ACTA_STATES), whether an acta in it with figures counts. */
function countingStates(pendingFiguresCount: boolean): boolean[] {
  return ACTA_STATES.map((state) => actaCounts({ state, votes: [] }, pendingFiguresCount));
}

/** An acta's previous-round figures from a columnar snapshot: null when it did not count then. */
function priorAt(cols: ActaColumns, i: number, counting: readonly boolean[]): PriorFigures | null {
  if (cols.hasFigures[i] !== 1 || counting[cols.state[i] as number] !== true) return null;
  const C = cols.choices;
  const votes = new Array<number>(C);
  let emitted = (cols.blank[i] as number) + (cols.null[i] as number) + (cols.impugned[i] as number);
  for (let k = 0; k < C; k++) emitted += votes[k] = cols.votes[i * C + k] as number;
  return { votes, eligible: cols.eligible[i] as number, emitted };
}

/**
 * A previous round per mesa (a runoff's first round: ONPE reuses the mesa numbers), from the
 * store's columnar snapshot of it: every mesa that counted then, by mesa number.
 */
export function priorsByMesa(
  cols: ActaColumns,
  pendingFiguresCount = false,
): Map<string, PriorFigures> {
  const counting = countingStates(pendingFiguresCount);
  const out = new Map<string, PriorFigures>();
  for (let i = 0; i < cols.length; i++) {
    const p = priorAt(cols, i, counting);
    if (p !== null) out.set(cols.mesa[i] as string, p);
  }
  return out;
}

/**
 * Per unit, the previous round of its mesas the current count does not hold yet, summed: what
 * its mesas to come carry as covariates (their votes then, electors and votes emitted). One map
 * per unit coder (a level and its fallback), from one pass that sums per place first.
 */
export function priorsToCome(
  previous: ActaColumns,
  unitsOf: readonly ((place: string) => string)[],
  held: (mesa: string) => boolean,
  pendingFiguresCount = false,
): Map<string, PriorFigures>[] {
  const C = previous.choices;
  const places = previous.ubigeos.length;
  const votes = new Float64Array(places * C);
  const eligible = new Float64Array(places);
  const emitted = new Float64Array(places);
  const some = new Uint8Array(places);
  const counting = countingStates(pendingFiguresCount);
  for (let i = 0; i < previous.length; i++) {
    if (held(previous.mesa[i] as string)) continue;
    const p = priorAt(previous, i, counting);
    if (p === null) continue;
    const u = previous.ubigeoOf[i] as number;
    some[u] = 1;
    for (let k = 0; k < C; k++)
      votes[u * C + k] = (votes[u * C + k] as number) + (p.votes[k] as number);
    eligible[u] = (eligible[u] as number) + (p.eligible ?? 0);
    emitted[u] = (emitted[u] as number) + (p.emitted ?? 0);
  }
  return unitsOf.map((unitOf) => {
    const sums = new Map<string, { votes: number[]; eligible: number; emitted: number }>();
    for (let u = 0; u < places; u++) {
      if (some[u] !== 1) continue;
      const unit = unitOf(previous.ubigeos[u] as string);
      let s = sums.get(unit);
      if (s === undefined)
        sums.set(unit, (s = { votes: new Array<number>(C).fill(0), eligible: 0, emitted: 0 }));
      for (let k = 0; k < C; k++)
        s.votes[k] = (s.votes[k] as number) + (votes[u * C + k] as number);
      s.eligible += eligible[u] as number;
      s.emitted += emitted[u] as number;
    }
    return sums;
  });
}

/**
 * Mesas the universe expects but the store lacks, as uncounted mesas of their unit: its electors
 * spread over them in whole electors (the first ones take the remainder), so that the projection
 * covers the whole election, not only the actas loaded so far.
 */
export function mesasToCome(
  units: readonly UnitToCome[],
  jurisdiction: ProjectionPlaces,
): ProjectionMesa[] {
  const placeOf = placer(jurisdiction);
  const out: ProjectionMesa[] = [];
  for (const u of units) {
    if (u.actas <= 0) continue;
    const place = placeOf(u.place);
    const base = Math.floor(u.eligible / u.actas);
    const extra = u.eligible - base * u.actas;
    for (let i = 0; i < u.actas; i++)
      out.push(projectionMesa(place, base + (i < extra ? 1 : 0), null, u.prior));
  }
  return out;
}

interface Node {
  readonly parent: number;
  /** Σ y, Σ y², n over the node's own observations, per dimension. */
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  readonly n: Float64Array;
  /** Bottom-up: data mean and its variance (NaN when the node has no data). */
  readonly m: Float64Array;
  readonly v: Float64Array;
}

function node(parent: number, dims: number): Node {
  return {
    parent,
    s1: new Float64Array(dims),
    s2: new Float64Array(dims),
    n: new Float64Array(dims),
    m: new Float64Array(dims).fill(Number.NaN),
    v: new Float64Array(dims).fill(Number.NaN),
  };
}

const FLOOR = 1e-6;
/** The variance of a share uniform on [0, 1]. */
const UNIFORM_VARIANCE = 1 / 12;
/** Regions with data needed before their spread is estimated (as run 15 for snapshots: six). */
const MIN_REGIONS_FOR_SPREAD = 6;
const MIN_REGIONS_FOR_SLOPE = 10;

/**
 * Fits the hierarchical normal model (mesa → district → province → region → national) by
 * empirical Bayes — method-of-moments variance components per level and dimension, then
 * precision-weighted means bottom-up — and reduces it to one FrameGroup per province with
 * uncounted mesas. Pure and deterministic.
 */
export function frameFromMesas(
  mesas: readonly ProjectionMesa[],
  choiceNames: readonly string[],
  options: MesaModelOptions = {},
): ProjectionFrame {
  const K = choiceNames.length;
  const S = K + 2; // share dimensions
  const D = S + 1; // + turnout
  const gamma = options.arrivalBias ?? DEFAULT_ARRIVAL_BIAS;
  const scale = options.varianceScale ?? 1;
  // With a previous round per mesa, the model works on what it does not predict (residuals).
  const predicted = priorPredictions(mesas, S);
  const pred = predicted?.out ?? null;
  // the choices' spread between regions while too few report: of a share, or of a residual
  // (a pass over every mesa, made only when some dimension has too few regions: run 21)
  let fewRegionsVar: Float64Array | null | undefined;
  const fewVarOf = (k: number): number => {
    fewRegionsVar ??= predicted === null ? null : predictionSpread(mesas, predicted.out, D, K);
    return fewRegionsVar === null ? UNIFORM_VARIANCE : (fewRegionsVar[k] as number);
  };
  const tree = mesaTree(mesas, S, pred);
  const shape: FitShape = {
    K,
    S,
    D,
    hasPrior: pred !== null,
    sizeCovariate: options.sizeCovariate ?? true,
    fewVarOf,
  };
  const fit = fitLevels(tree, shape);
  const frameRegions = regionPosteriors(tree, fit, D, scale);
  const groups = remainderGroups(tree, fit, D, gamma, scale);
  const withRemainder = new Set(groups.map((g) => g.region));

  return {
    choices: choiceNames,
    regions: frameRegions,
    groups,
    rateMax: 1,
    actasProcessed: tree.processed,
    actasTotal: mesas.length,
    ...(predicted === null
      ? {}
      : {
          mesaPrior: {
            mesas: mesas.reduce((n, m) => n + (m.prior === undefined ? 0 : 1), 0),
            fitted: predicted.fitted,
          },
        }),
    // regions still to report with nothing counted yet
    unitsWithoutData: frameRegions
      .filter((r, i) => r.counted.every((x) => x === 0) && withRemainder.has(i))
      .map((r) => r.code),
  };
}

/** The mesas as a region → province → district tree, with what each district has still to count. */
interface MesaTree {
  readonly regions: Node[];
  readonly provinces: Node[];
  readonly districts: Node[];
  readonly regionLabel: string[];
  readonly regionCode: string[];
  readonly regionCounted: Float64Array[];
  /** Per district: all eligible, known in advance (the covariate). */
  readonly districtElectors: number[];
  /** Per district: eligible of uncounted mesas, and Σ eligible² of them. */
  readonly districtRemaining: number[];
  readonly districtRemainingSq: number[];
  /** Per district and dimension: Σ eligible × prediction of uncounted mesas. */
  readonly districtPrior: number[];
  readonly processed: number;
}

/** One pass over the mesas: builds the tree, observes each counted one, sums the uncounted. */
function mesaTree(
  mesas: readonly ProjectionMesa[],
  S: number,
  pred: Float64Array | null,
): MesaTree {
  const D = S + 1;
  const T = S; // turnout index
  const idx = { region: new Map<string, number>(), province: new Map<string, number>() };
  const districtIdx = new Map<string, number>();
  const t: TreeBuilder = {
    regions: [],
    provinces: [],
    districts: [],
    regionLabel: [],
    regionCode: [],
    regionCounted: [],
    districtElectors: [],
    districtRemaining: [],
    districtRemainingSq: [],
    districtPrior: [],
  };
  let processed = 0;
  // mesas come grouped by place: a mesa with its predecessor's three codes has its nodes too
  let last: ProjectionMesa | null = null;
  let r = -1;
  let d = -1;
  for (let i = 0; i < mesas.length; i++) {
    const mesa = mesas[i] as ProjectionMesa;
    if (
      last === null ||
      mesa.district !== last.district ||
      mesa.province !== last.province ||
      mesa.region !== last.region
    ) {
      ({ r, d } = nodesOf(t, idx, districtIdx, mesa, S));
      last = mesa;
    }
    const dn = t.districts[d] as Node;
    t.districtElectors[d] = (t.districtElectors[d] as number) + mesa.eligible;
    const f = mesa.figures;
    if (f === null) {
      t.districtRemaining[d] = (t.districtRemaining[d] as number) + mesa.eligible;
      t.districtRemainingSq[d] =
        (t.districtRemainingSq[d] as number) + mesa.eligible * mesa.eligible;
      if (pred !== null)
        for (let k = 0; k < D; k++)
          t.districtPrior[d * D + k] =
            (t.districtPrior[d * D + k] as number) + mesa.eligible * (pred[i * D + k] as number);
      continue;
    }
    processed++;
    const counted = t.regionCounted[r] as Float64Array;
    let emitted = 0;
    for (let k = 0; k < S; k++) {
      const x = f[k] ?? 0;
      counted[k] = (counted[k] as number) + x;
      emitted += x;
    }
    const at = i * D; // this mesa's predictions, when it has a previous round
    if (mesa.eligible > 0)
      observe(
        dn,
        T,
        Math.min(1, emitted / mesa.eligible) - (pred === null ? 0 : (pred[at + T] as number)),
      );
    if (emitted > 0)
      for (let k = 0; k < S; k++)
        observe(dn, k, (f[k] ?? 0) / emitted - (pred === null ? 0 : (pred[at + k] as number)));
  }
  return { ...t, processed };
}

/** The tree while it is built (the count of processed mesas comes last). */
type TreeBuilder = Omit<MesaTree, 'processed'>;
interface TreeIndex {
  readonly region: Map<string, number>;
  readonly province: Map<string, number>;
}

/** The mesa's region, province and district nodes, each created on its first mesa. */
function nodesOf(
  t: TreeBuilder,
  idx: TreeIndex,
  districtIdx: Map<string, number>,
  mesa: ProjectionMesa,
  S: number,
): { r: number; d: number } {
  const D = S + 1;
  const r = regionOf(t, idx, mesa, S);
  const p = provinceOf(t, idx, mesa, r, D);
  let d = districtIdx.get(mesa.district);
  if (d === undefined) {
    d = t.districts.length;
    districtIdx.set(mesa.district, d);
    t.districts.push(node(p, D));
    t.districtElectors.push(0);
    t.districtRemaining.push(0);
    t.districtRemainingSq.push(0);
    for (let k = 0; k < D; k++) t.districtPrior.push(0);
  }
  return { r, d };
}

/** The mesa's region node, created on its first mesa (the order of first appearance is kept). */
function regionOf(t: TreeBuilder, idx: TreeIndex, mesa: ProjectionMesa, S: number): number {
  let r = idx.region.get(mesa.region);
  if (r === undefined) {
    r = t.regions.length;
    idx.region.set(mesa.region, r);
    t.regions.push(node(-1, S + 1));
    t.regionLabel.push(mesa.regionName);
    t.regionCode.push(mesa.region);
    t.regionCounted.push(new Float64Array(S));
  }
  return r;
}

/** The mesa's province node under region r, created on its first mesa. */
function provinceOf(
  t: TreeBuilder,
  idx: TreeIndex,
  mesa: ProjectionMesa,
  r: number,
  D: number,
): number {
  let p = idx.province.get(mesa.province);
  if (p === undefined) {
    p = t.provinces.length;
    idx.province.set(mesa.province, p);
    t.provinces.push(node(r, D));
  }
  return p;
}

/** The covariate per node: log10 of a district's electors (larger is more urban); above, means. */
interface SizeCovariates {
  readonly xD: readonly number[];
  readonly xP: Float64Array;
  readonly xR: Float64Array;
}

// The covariate, known before any acta arrives: log10 of a district's electors (larger is more
// urban); for a province, the mean over its districts. Its slope is fitted within parents.
function sizeCovariates(tree: MesaTree): SizeCovariates {
  const { regions, provinces, districts } = tree;
  const xD = tree.districtElectors.map((e) => Math.log10(Math.max(1, e)));
  const xP = new Float64Array(provinces.length);
  const nP = new Float64Array(provinces.length);
  districts.forEach((dn, d) => {
    xP[dn.parent] = (xP[dn.parent] as number) + (xD[d] as number);
    nP[dn.parent] = (nP[dn.parent] as number) + 1;
  });
  for (let p = 0; p < provinces.length; p++)
    xP[p] = (xP[p] as number) / Math.max(1, nP[p] as number);
  const xR = new Float64Array(regions.length);
  const nR = new Float64Array(regions.length);
  provinces.forEach((pn, p) => {
    xR[pn.parent] = (xR[pn.parent] as number) + (xP[p] as number) * (nP[p] as number);
    nR[pn.parent] = (nR[pn.parent] as number) + (nP[p] as number);
  });
  for (let r = 0; r < regions.length; r++) xR[r] = (xR[r] as number) / Math.max(1, nR[r] as number);
  return { xD, xP, xR };
}

/** What the fit needs to know besides the tree: dimensions, the prior, the options. */
interface FitShape {
  readonly K: number;
  readonly S: number;
  readonly D: number;
  readonly hasPrior: boolean;
  readonly sizeCovariate: boolean;
  /** The between-region variance of dimension k while too few regions report. */
  readonly fewVarOf: (k: number) => number;
}

/** The fitted levels, per dimension; adj*: the covariate's effect per node, to add back. */
interface LevelFit {
  readonly sigma2: Float64Array; // mesas within a district
  readonly tauD: Float64Array; // districts within a province
  readonly tauP: Float64Array; // provinces within a region
  readonly tauR: Float64Array; // regions within the nation
  readonly national: Float64Array;
  readonly nationalVar: Float64Array;
  readonly adjR: Float64Array;
  readonly adjD: Float64Array;
  readonly adjP: Float64Array;
}

/** Variance components by method of moments, per dimension, from the mesas up to the nation. */
function fitLevels(tree: MesaTree, shape: FitShape): LevelFit {
  const { D } = shape;
  const cov = sizeCovariates(tree);
  const fit: LevelFit = {
    adjR: new Float64Array(tree.regions.length * D),
    adjD: new Float64Array(tree.districts.length * D),
    adjP: new Float64Array(tree.provinces.length * D),
    sigma2: new Float64Array(D),
    tauD: new Float64Array(D),
    tauP: new Float64Array(D),
    tauR: new Float64Array(D),
    nationalVar: new Float64Array(D),
    national: new Float64Array(D),
  };
  for (let k = 0; k < D; k++) {
    poolToRegions(tree, cov, fit, shape, k);
    nationalLevel(tree, cov, fit, shape, k);
  }
  return fit;
}

/** Dimension k from the mesas to the regions: σ² within districts, then each level's τ and pool. */
function poolToRegions(
  tree: MesaTree,
  cov: SizeCovariates,
  fit: LevelFit,
  shape: FitShape,
  k: number,
): void {
  const { regions, provinces, districts } = tree;
  const { D, sizeCovariate } = shape;
  let ss = 0;
  let df = 0;
  for (const dn of districts) {
    const n = dn.n[k] as number;
    if (n < 2) continue;
    const s1 = dn.s1[k] as number;
    ss += (dn.s2[k] as number) - (s1 * s1) / n;
    df += n - 1;
  }
  const s2m = df > 0 ? Math.max(ss / df, FLOOR) : 0.01;
  fit.sigma2[k] = s2m;
  for (const dn of districts) {
    const n = dn.n[k] as number;
    if (n > 0) {
      dn.m[k] = (dn.s1[k] as number) / n;
      dn.v[k] = s2m / n;
    }
  }
  if (sizeCovariate) adjust(districts, provinces.length, cov.xD, k, D, fit.adjD);
  fit.tauD[k] = between(districts, provinces, k);
  pool(districts, provinces, k, fit.tauD[k] as number);
  if (sizeCovariate) adjust(provinces, regions.length, cov.xP, k, D, fit.adjP);
  fit.tauP[k] = between(provinces, regions, k);
  pool(provinces, regions, k, fit.tauP[k] as number);
}

/** Dimension k across the regions: their slope and spread, and the nation's weighted mean. */
function nationalLevel(
  tree: MesaTree,
  cov: SizeCovariates,
  fit: LevelFit,
  shape: FitShape,
  k: number,
): void {
  const { regions } = tree;
  const { K, S, D } = shape;
  const T = S; // turnout index
  const { tauR } = fit;
  // the regions with data at this dimension (the slope's adjustment keeps which they are)
  const reporting = regions.filter((rn) => !Number.isNaN(rn.m[k] as number)).length;
  // Across regions only when enough of them have data: a slope through two or three
  // departments is noise (calibration: whole-department arrival order).
  if (shape.sizeCovariate && reporting >= MIN_REGIONS_FOR_SLOPE)
    adjust(regions, 1, cov.xR, k, D, fit.adjR, true);
  // a spread from fewer than MIN_REGIONS_FOR_SPREAD regions with data is not an estimate (Lima's
  // two circunscripciones spoke for the nation): the spread of a share known only to lie in
  // [0, 1] (1/12) until enough regions report; of a residual, how far apart the regions'
  // previous rounds predict them (run 21)
  // (the choices only: blank, null and turnout keep their estimates)
  const few = k < K && reporting < MIN_REGIONS_FOR_SPREAD;
  const fewVar = few ? shape.fewVarOf(k) : 0;
  tauR[k] = few ? fewVar : between(regions, null, k);
  // National level: precision-weighted mean of the regions with data.
  let sw = 0;
  let swm = 0;
  for (const rn of regions) {
    const m = rn.m[k] as number;
    if (Number.isNaN(m)) continue;
    const w = 1 / ((tauR[k] as number) + (rn.v[k] as number));
    sw += w;
    swm += w * m;
  }
  fit.national[k] = sw > 0 ? swm / sw : shape.hasPrior ? 0 : k === T ? 0.75 : 1 / S;
  // with too few regions the level common to those with nothing counted is as unknown as
  // their spread (run 20, variant Q); with six or more, no common term: the model as it was
  fit.nationalVar[k] = few ? fewVar : 0;
}

/** Regions: posterior of θ_r given all data. */
function regionPosteriors(tree: MesaTree, fit: LevelFit, D: number, scale: number): FrameRegion[] {
  const { tauR, adjR, national } = fit;
  return tree.regions.map((rn, r) => {
    const mean = new Float64Array(D);
    const sd = new Float64Array(D);
    for (let k = 0; k < D; k++) {
      const tau = tauR[k] as number;
      const m = rn.m[k] as number;
      const adj = adjR[r * D + k] as number;
      if (Number.isNaN(m)) {
        mean[k] = (national[k] as number) + adj;
        sd[k] = Math.sqrt(tau) * scale;
      } else {
        const v = rn.v[k] as number;
        const lambda = tau / (tau + v);
        mean[k] = lambda * m + (1 - lambda) * (national[k] as number) + adj;
        sd[k] = Math.sqrt(lambda * v) * scale;
      }
    }
    return {
      code: tree.regionCode[r] as string,
      label: tree.regionLabel[r] as string,
      counted: tree.regionCounted[r] as Float64Array,
      mean,
      sd,
    };
  });
}

/** Groups: one per province with uncounted mesas, its districts folded in, in region order. */
function remainderGroups(
  tree: MesaTree,
  fit: LevelFit,
  D: number,
  gamma: number,
  scale: number,
): FrameGroup[] {
  const groupsByProvince = new Map<number, number[]>();
  tree.districts.forEach((dn, d) => {
    if ((tree.districtRemaining[d] as number) <= 0) return;
    let ds = groupsByProvince.get(dn.parent);
    if (ds === undefined) {
      ds = [];
      groupsByProvince.set(dn.parent, ds);
    }
    ds.push(d);
  });
  const groups: FrameGroup[] = [];
  for (const [p, ds] of groupsByProvince)
    groups.push(provinceGroup(tree, fit, p, ds, D, gamma, scale));
  groups.sort((x, y) => x.region - y.region);
  return groups;
}

/** Province p's remainder, per dimension: c0 + c1·θ_region, its own noise and common terms. */
function provinceGroup(
  tree: MesaTree,
  fit: LevelFit,
  p: number,
  ds: readonly number[],
  D: number,
  gamma: number,
  scale: number,
): FrameGroup {
  const pn = tree.provinces[p] as Node;
  const c0 = new Float64Array(D);
  const c1 = new Float64Array(D);
  const sd = new Float64Array(D);
  const cb = new Float64Array(D);
  const cp = new Float64Array(D);
  let base = 0;
  for (const d of ds) base += tree.districtRemaining[d] as number;
  for (let k = 0; k < D; k++) {
    const { a, b, vIndep, bNoData } = districtsBlend(tree, fit, p, ds, D, k);
    const mp = pn.m[k] as number;
    const tp = fit.tauP[k] as number;
    let lp = 0;
    let vp = 0;
    if (!Number.isNaN(mp)) {
      const v = pn.v[k] as number;
      lp = tp / (tp + v);
      vp = lp * v;
    } else vp = tp;
    c0[k] = a + b * (lp * (Number.isNaN(mp) ? 0 : mp) + (fit.adjP[p * D + k] as number));
    c1[k] = b * (1 - lp);
    sd[k] = Math.sqrt(b * b * vp + vIndep) * scale;
    cb[k] = gamma * Math.sqrt(fit.tauD[k] as number) * bNoData * scale;
    // a region with nothing counted shares that common level's error with the others, so it
    // does not average out over them (review 4: Lima alone gave Fujimori > 99 %)
    if (Number.isNaN(tree.regions[pn.parent]?.m[k] as number))
      cp[k] = (c1[k] as number) * Math.sqrt(fit.nationalVar[k] as number) * scale;
  }
  return {
    region: pn.parent,
    base,
    c0,
    c1,
    sd,
    cb,
    ...(cp.some((x) => x !== 0) ? { cp } : {}),
  };
}

/**
 * Dimension k of a province's districts' remainders, mass-weighted: district d's remainder is
 * λ_d ȳ_d + (1 − λ_d) θ_p + noise; θ_p = λ_p m_p + (1 − λ_p) θ_r + noise. a: the known part,
 * b: θ_p's weight, vIndep: the districts' own variance, bNoData: θ_p's weight from no data.
 */
function districtsBlend(
  tree: MesaTree,
  fit: LevelFit,
  p: number,
  ds: readonly number[],
  D: number,
  k: number,
): { a: number; b: number; vIndep: number; bNoData: number } {
  const T = D - 1; // turnout index
  const pn = tree.provinces[p] as Node;
  const { tauD, adjD, adjP } = fit;
  const prior = tree.districtPrior;
  let a = 0;
  let b = 0;
  let vIndep = 0;
  let bNoData = 0;
  let massSum = 0;
  for (const d of ds) {
    const dn = tree.districts[d] as Node;
    // Mass: expected emitted votes for shares, eligible voters for turnout.
    const eu = tree.districtRemaining[d] as number;
    const mass =
      k === T
        ? eu
        : eu *
          Math.max(
            districtRate(dn, pn, T, tauD, fit.national) +
              (adjD[d * D + T] as number) +
              (adjP[p * D + T] as number) +
              (prior[d * D + T] as number) / eu,
            1e-3,
          );
    const adj = adjD[d * D + k] as number;
    a += mass * (adj + (prior[d * D + k] as number) / eu);
    const m = dn.m[k] as number;
    const tau = tauD[k] as number;
    let lambda = 0;
    let vPost = tau;
    if (!Number.isNaN(m)) {
      const v = dn.v[k] as number;
      lambda = tau / (tau + v);
      vPost = lambda * v;
      a += mass * lambda * m;
    }
    b += mass * (1 - lambda);
    bNoData += mass * (1 - lambda);
    const mesaNoise =
      ((fit.sigma2[k] as number) * (tree.districtRemainingSq[d] as number)) / (eu * eu);
    vIndep += mass * mass * (vPost + mesaNoise);
    massSum += mass;
  }
  return {
    a: a / massSum,
    b: b / massSum,
    vIndep: vIndep / (massSum * massSum),
    bNoData: bNoData / massSum,
  };
}

/**
 * Fits the slope of the children's data means on the covariate within their parents (pooled
 * least squares), then removes each child's covariate effect from its mean so the parent's level
 * is estimated at its children's mean covariate. The effect is kept in `adj` to be added back.
 */
function adjust(
  children: readonly Node[],
  parents: number,
  x: ArrayLike<number>,
  k: number,
  D: number,
  adj: Float64Array,
  flat = false,
): void {
  const parentOf = (c: Node): number => (flat ? 0 : c.parent);
  const sx = new Float64Array(parents);
  const sy = new Float64Array(parents);
  const n = new Float64Array(parents);
  const sxAll = new Float64Array(parents);
  const nAll = new Float64Array(parents);
  children.forEach((c, i) => {
    sxAll[parentOf(c)] = (sxAll[parentOf(c)] as number) + (x[i] as number);
    nAll[parentOf(c)] = (nAll[parentOf(c)] as number) + 1;
    const m = c.m[k] as number;
    if (Number.isNaN(m)) return;
    sx[parentOf(c)] = (sx[parentOf(c)] as number) + (x[i] as number);
    sy[parentOf(c)] = (sy[parentOf(c)] as number) + m;
    n[parentOf(c)] = (n[parentOf(c)] as number) + 1;
  });
  let sxy = 0;
  let sxx = 0;
  children.forEach((c, i) => {
    const m = c.m[k] as number;
    const np = n[parentOf(c)] as number;
    if (Number.isNaN(m) || np < 2) return;
    const dx = (x[i] as number) - (sx[parentOf(c)] as number) / np;
    sxy += dx * (m - (sy[parentOf(c)] as number) / np);
    sxx += dx * dx;
  });
  const beta = sxx > 0 ? sxy / sxx : 0;
  children.forEach((c, i) => {
    const np = n[parentOf(c)] as number;
    const xbar =
      np > 0
        ? (sx[parentOf(c)] as number) / np
        : (sxAll[parentOf(c)] as number) / (nAll[parentOf(c)] as number);
    const a = beta * ((x[i] as number) - xbar);
    adj[i * D + k] = a;
    if (!Number.isNaN(c.m[k] as number)) c.m[k] = (c.m[k] as number) - a;
  });
}

function observe(n: Node, k: number, y: number): void {
  n.s1[k] = (n.s1[k] as number) + y;
  n.s2[k] = (n.s2[k] as number) + y * y;
  n.n[k] = (n.n[k] as number) + 1;
}

/** Expected turnout of a district's remainder (posterior mean, no noise). */
function districtRate(
  dn: Node,
  pn: Node,
  t: number,
  tauD: Float64Array,
  national: Float64Array,
): number {
  const prior = Number.isNaN(pn.m[t] as number) ? (national[t] as number) : (pn.m[t] as number);
  const m = dn.m[t] as number;
  if (Number.isNaN(m)) return prior;
  const tau = tauD[t] as number;
  const lambda = tau / (tau + (dn.v[t] as number));
  return lambda * m + (1 - lambda) * prior;
}

/**
 * Between-child variance around each parent's mean of child means, minus the children's own
 * sampling variance (method of moments, floored). parents null: one parent, the nation.
 */
function between(children: readonly Node[], parents: readonly Node[] | null, k: number): number {
  const groups = new Map<number, number[]>();
  const sampling: number[] = [];
  children.forEach((c) => {
    const m = c.m[k] as number;
    if (Number.isNaN(m)) return;
    const key = parents === null ? 0 : c.parent;
    let list = groups.get(key);
    if (list === undefined) {
      list = [];
      groups.set(key, list);
    }
    list.push(m);
    sampling.push(c.v[k] as number);
  });
  let ss = 0;
  let df = 0;
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const mean = list.reduce((x, y) => x + y, 0) / list.length;
    for (const m of list) ss += (m - mean) * (m - mean);
    df += list.length - 1;
  }
  if (df === 0) return 0.01;
  const raw = ss / df;
  const meanSampling = sampling.reduce((x, y) => x + y, 0) / Math.max(1, sampling.length);
  return Math.max(raw - meanSampling, 0.1 * raw, FLOOR);
}

/** Precision-weighted mean of the children with data → the parent's data mean and variance. */
function pool(children: readonly Node[], parents: readonly Node[], k: number, tau: number): void {
  const sw = new Float64Array(parents.length);
  const swm = new Float64Array(parents.length);
  for (const c of children) {
    const m = c.m[k] as number;
    if (Number.isNaN(m)) continue;
    const w = 1 / (tau + (c.v[k] as number));
    sw[c.parent] = (sw[c.parent] as number) + w;
    swm[c.parent] = (swm[c.parent] as number) + w * m;
  }
  parents.forEach((p, i) => {
    const w = sw[i] as number;
    if (w > 0) {
      p.m[k] = (swm[i] as number) / w;
      p.v[k] = 1 / w;
    }
  });
}

/**
 * Per choice, the between-region variance of the previous round's prediction: each region's mean
 * prediction over all its mesas (counted or not), their variance over the regions (n − 1), at
 * most that of a share. A region may differ from what its previous round predicts by as much as
 * the regions differ in what their previous rounds predict (run 21).
 */
function predictionSpread(
  mesas: readonly ProjectionMesa[],
  pred: Float64Array,
  D: number,
  K: number,
): Float64Array {
  const at = new Map<string, number>();
  const sums: number[] = [];
  const counts: number[] = [];
  mesas.forEach((m, i) => {
    let r = at.get(m.region);
    if (r === undefined) {
      at.set(m.region, (r = counts.length));
      counts.push(0);
      for (let k = 0; k < K; k++) sums.push(0);
    }
    counts[r] = (counts[r] as number) + 1;
    for (let k = 0; k < K; k++)
      sums[r * K + k] = (sums[r * K + k] as number) + (pred[i * D + k] as number);
  });
  const R = counts.length;
  const out = new Float64Array(K).fill(UNIFORM_VARIANCE);
  if (R < 2) return out;
  for (let k = 0; k < K; k++) {
    const means = counts.map((n, r) => (sums[r * K + k] as number) / n);
    const mean = means.reduce((a, b) => a + b, 0) / R;
    const v = means.reduce((a, m) => a + (m - mean) * (m - mean), 0) / (R - 1);
    out[k] = Math.min(v, UNIFORM_VARIANCE);
  }
  return out;
}

/** Mesas with at least this many counted per coefficient before their priors are used. */
const MESAS_PER_COEFFICIENT = 20;

/**
 * Each mesa's shares and turnout as its previous round predicts them: one regression per
 * dimension on the counted mesas, the covariates being the mesa's shares of the previous round's
 * main choices and its turnout then (first round → runoff transfers, at the mesa). Mesas without
 * a prior take the mean covariates. Null when no mesa has a prior or too few have been counted.
 */
function priorPredictions(
  mesas: readonly ProjectionMesa[],
  S: number,
): { readonly out: Float64Array; readonly fitted: number } | null {
  if (!mesas.some((m) => m.prior !== undefined)) return null;
  const D = S + 1;
  const design = priorDesign(
    mesas.map((m) => m.prior),
    24,
    'emitted',
  );
  const J = design.covariates;
  const P = J + 1;
  const fallback = meanRow(design);
  let tSum = 0;
  let tN = 0;
  design.turnout.forEach((t) => {
    if (!Number.isNaN(t)) {
      tSum += Math.min(1, t);
      tN++;
    }
  });
  const tMean = tN > 0 ? tSum / tN : 0;
  const x = new Float64Array(mesas.length * P);
  mesas.forEach((_, i) => {
    for (let c = 0; c < J; c++)
      x[i * P + c] =
        design.has[i] === 1 ? (design.x[i * J + c] as number) : (fallback[c] as number);
    const t = design.turnout[i] as number;
    x[i * P + J] = Number.isNaN(t) ? tMean : Math.min(1, t);
  });
  const y = new Float64Array(mesas.length * D).fill(Number.NaN);
  const wShare = new Float64Array(mesas.length);
  const wTurnout = new Float64Array(mesas.length);
  mesas.forEach((m, i) => {
    const f = m.figures;
    if (f === null || design.has[i] !== 1) return;
    const emitted = f.reduce((a, b) => a + b, 0);
    if (emitted > 0) {
      wShare[i] = 1;
      for (let k = 0; k < S; k++) y[i * D + k] = (f[k] ?? 0) / emitted;
    }
    if (m.eligible > 0) {
      wTurnout[i] = 1;
      y[i * D + S] = Math.min(1, emitted / m.eligible);
    }
  });
  const counted = wShare.reduce((a, b) => a + b, 0);
  if (counted < MESAS_PER_COEFFICIENT * (P + 1)) return null;
  const shares = ridgeSystem(x, wShare, P, 1e-3);
  const turnout = ridgeSystem(x, wTurnout, P, 1e-3);
  if (shares === null || turnout === null) return null;
  const out = new Float64Array(mesas.length * D);
  const column = new Float64Array(mesas.length);
  for (let k = 0; k < D; k++) {
    mesas.forEach((_, i) => (column[i] = y[i * D + k] as number));
    const w = k === S ? wTurnout : wShare;
    const fit = solveRidge(k === S ? turnout : shares, x, column, w);
    mesas.forEach((_, i) => (out[i * D + k] = predict(fit, x, i * P)));
  }
  return { out, fitted: counted };
}
