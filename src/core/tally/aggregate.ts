import { percentCounted, percentHalfUp } from '../ratio.js';
import {
  ACTA_STATES,
  actaCounts,
  bookedFigures,
  type Acta,
  type ActaState,
} from '../model/acta.js';
import { MESA, type Jurisdiction, type Level } from '../model/jurisdiction.js';
import type { ActaColumns } from './acta-columns.js';

export type { Level } from '../model/jurisdiction.js';

/** What tabulation needs of the election's jurisdiction: each level's place → unit code. */
export type UnitCoders = Pick<Jurisdiction, 'unitCoder'>;

export interface ActaCounts {
  readonly total: number;
  readonly counted: number;
  readonly resolved: number;
  readonly annulled: number;
  readonly notInstalled: number;
  readonly pending: number;
  readonly jee: number;
  /** Pending actas whose figures enter the totals (elections with pendingFiguresCount). */
  readonly pendingWithFigures: number;
}

/** An election's current actas counted by state, as a store counts them (no tally needed). */
export interface ActaStateCounts {
  readonly total: number;
  readonly states: Readonly<Record<ActaState, number>>;
  /** Pending actas that carry figures (they count where the election says so: pendingFiguresCount). */
  readonly pendingWithFigures: number;
}

/** Actas by state as a unit counts them: pending ones with figures only where they count. */
export function actaCountsOf(c: ActaStateCounts, pendingFiguresCount: boolean): ActaCounts {
  const s = c.states;
  return {
    total: c.total,
    counted: s.counted,
    resolved: s.resolved,
    annulled: s.annulled,
    notInstalled: s.not_installed,
    pending: s.pending,
    jee: s.jee,
    pendingWithFigures: pendingFiguresCount ? c.pendingWithFigures : 0,
  };
}

/** Processed actas: counted, resolved, annulled, not installed, and pending with figures. */
export function processedActas(a: ActaCounts): number {
  return a.counted + a.resolved + a.annulled + a.notInstalled + a.pendingWithFigures;
}

export interface UnitResult {
  readonly level: Level;
  readonly code: string;
  readonly votes: readonly number[];
  /** Preferential votes per choice and candidate position (null when the actas have none). */
  readonly preferential: readonly (readonly number[])[] | null;
  readonly blank: number;
  readonly null: number;
  readonly impugned: number;
  readonly valid: number;
  readonly emitted: number;
  /** Eligible voters of every mesa in the unit. */
  readonly eligible: number;
  /** Eligible voters of the mesas already processed (the base of participation). */
  readonly eligibleProcessed: number;
  readonly actas: ActaCounts;
  /** Processed actas: counted, resolved, annulled, not installed, and pending with figures. */
  readonly actasProcessed: number;
  /** Eligible voters of the mesas whose figures are not in yet: the votes that can still come. */
  readonly eligibleRemaining: number;
  /**
   * Voters of the unit's actas at the JEE (their electors where an acta states no voters): the
   * votes held there, not in the count (their electors are among `eligibleRemaining`).
   */
  readonly jeeVoters: number;
}

interface Acc {
  votes: Float64Array;
  /** Preferential votes per choice and candidate position, when actas carry them. */
  preferential: number[][] | null;
  blank: number;
  null: number;
  impugned: number;
  eligible: number;
  eligibleProcessed: number;
  eligibleRemaining: number;
  jeeVoters: number;
  states: Record<ActaState, number>;
  pendingWithFigures: number;
  total: number;
}

function newAcc(choices: number): Acc {
  return {
    votes: new Float64Array(choices),
    preferential: null,
    blank: 0,
    null: 0,
    impugned: 0,
    eligible: 0,
    eligibleProcessed: 0,
    eligibleRemaining: 0,
    jeeVoters: 0,
    states: { counted: 0, resolved: 0, annulled: 0, not_installed: 0, pending: 0, jee: 0 },
    pendingWithFigures: 0,
    total: 0,
  };
}

/**
 * Tabulates actas at the given levels in one pass: votes per choice, blank, null, impugned,
 * valid, emitted, eligible, participation, percentages with ONPE's rounding (3 decimals, half
 * up), actas by state and the eligible voters still to come.
 */
export function tabulate(
  actas: Iterable<Acta>,
  choices: number,
  units: UnitCoders,
  levels: readonly Level[],
  options: { readonly pendingFiguresCount?: boolean } = {},
): Map<Level, UnitResult[]> {
  const pendingFiguresCount = options.pendingFiguresCount ?? false;
  const accs = new Map<Level, Map<string, Acc>>(levels.map((l) => [l, new Map()]));
  // One pass over the actas into one accumulator per ubigeo (district); every coarser level is
  // a roll-up of those, so each acta is added once, not once per level.
  const byUbigeo = new Map<string, Acc>();
  const mesaUnits = levels.includes(MESA) ? (accs.get(MESA) as Map<string, Acc>) : null;
  for (const a of actas) {
    let acc = byUbigeo.get(a.ubigeo);
    if (acc === undefined) {
      acc = newAcc(choices);
      byUbigeo.set(a.ubigeo, acc);
    }
    add(acc, a, choices, pendingFiguresCount);
    if (mesaUnits !== null) {
      const m = newAcc(choices);
      mesaUnits.set(a.mesa, m);
      add(m, a, choices, pendingFiguresCount);
    }
  }
  for (const level of levels) {
    if (level === MESA) continue;
    const unitOf = units.unitCoder(level);
    const accsOfLevel = accs.get(level) as Map<string, Acc>;
    for (const [ubigeo, src] of byUbigeo) {
      const code = unitOf(ubigeo);
      let acc = accsOfLevel.get(code);
      if (acc === undefined) {
        acc = newAcc(choices);
        accsOfLevel.set(code, acc);
      }
      merge(acc, src, choices);
    }
  }
  const out = new Map<Level, UnitResult[]>();
  for (const [level, units] of accs) {
    const rows: UnitResult[] = [];
    for (const [code, acc] of [...units].sort((x, y) => compareCodes(x[0], y[0])))
      rows.push(finish(level, code, acc));
    out.set(level, rows);
  }
  return out;
}

/** Codes in natural order: circunscripción 2 before 10; ubigeos as strings. */
function compareCodes(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function merge(into: Acc, from: Acc, choices: number): void {
  for (let i = 0; i < choices; i++)
    into.votes[i] = (into.votes[i] as number) + (from.votes[i] as number);
  into.blank += from.blank;
  into.null += from.null;
  into.impugned += from.impugned;
  into.eligible += from.eligible;
  into.eligibleProcessed += from.eligibleProcessed;
  into.eligibleRemaining += from.eligibleRemaining;
  into.jeeVoters += from.jeeVoters;
  into.pendingWithFigures += from.pendingWithFigures;
  into.total += from.total;
  for (const k of Object.keys(from.states) as ActaState[]) into.states[k] += from.states[k];
  if (from.preferential) {
    const pref = (into.preferential ??= Array.from({ length: choices }, () => []));
    from.preferential.forEach((list, i) => {
      const target = pref[i] as number[];
      list.forEach((v, k) => (target[k] = (target[k] ?? 0) + v));
    });
  }
}

function add(acc: Acc, a: Acta, choices: number, pendingFiguresCount: boolean): void {
  const counts = actaCounts(a, pendingFiguresCount);
  acc.total++;
  acc.states[a.state]++;
  acc.eligible += a.eligible;
  if (counts && a.state === 'pending') acc.pendingWithFigures++;
  if (counts || a.state === 'not_installed') acc.eligibleProcessed += a.eligible;
  else acc.eligibleRemaining += a.eligible;
  if (a.state === 'jee') acc.jeeVoters += a.voters ?? a.eligible;
  if (counts && a.votes !== null) {
    // an annulled acta's votes as null (bookedFigures)
    const b = bookedFigures(a.state, a, choices);
    const v = acc.votes;
    const src = b.votes ?? [];
    for (let i = 0; i < choices; i++)
      v[i] = (v[i] as number) + ((src[i] as number | undefined) ?? 0);
    acc.blank += b.blank;
    acc.null += b.null;
    acc.impugned += b.impugned;
    if (b.preferential) {
      const pref = (acc.preferential ??= Array.from({ length: choices }, () => []));
      b.preferential.forEach((list, i) => {
        const into = pref[i] as number[];
        list.forEach((v, k) => (into[k] = (into[k] ?? 0) + v));
      });
    }
  }
}

function finish(level: Level, code: string, acc: Acc): UnitResult {
  const votes = Array.from(acc.votes);
  const valid = votes.reduce((x, y) => x + y, 0);
  const emitted = valid + acc.blank + acc.null + acc.impugned;
  // the accumulator kept pending actas with figures only where they count
  const actas = actaCountsOf(
    { total: acc.total, states: acc.states, pendingWithFigures: acc.pendingWithFigures },
    true,
  );
  return {
    level,
    code,
    votes,
    preferential: acc.preferential,
    blank: acc.blank,
    null: acc.null,
    impugned: acc.impugned,
    valid,
    emitted,
    eligible: acc.eligible,
    eligibleProcessed: acc.eligibleProcessed,
    actas,
    actasProcessed: processedActas(actas),
    eligibleRemaining: acc.eligibleRemaining,
    jeeVoters: acc.jeeVoters,
  };
}

/** Each null when its base is 0 (nothing processed, no valid votes): no share of nothing. */
export interface UnitPercentages {
  readonly participation: string | null;
  readonly pctValid: readonly (string | null)[];
  readonly pctEmitted: readonly (string | null)[];
  readonly blankPctEmitted: string | null;
  readonly nullPctEmitted: string | null;
  readonly pctActasProcessed: string | null;
}

/** ONPE's published percentages of a unit (3 decimals, half up), computed when shown. */
export function unitPercentages(u: UnitResult): UnitPercentages {
  return {
    participation: percentHalfUp(u.emitted, u.eligibleProcessed),
    pctValid: u.votes.map((v) => percentHalfUp(v, u.valid)),
    pctEmitted: u.votes.map((v) => percentHalfUp(v, u.emitted)),
    blankPctEmitted: percentHalfUp(u.blank, u.emitted),
    nullPctEmitted: percentHalfUp(u.null, u.emitted),
    pctActasProcessed: percentCounted(u.actasProcessed, u.actas.total),
  };
}

/**
 * `tabulate` on columns: the fast path of the results service (a differential test holds it
 * equal to `tabulate` on the same actas). One pass over the actas into typed per-ubigeo sums,
 * then each level as a roll-up of those. `only` restricts it to the actas at those indexes.
 */
export function tabulateColumns(
  cols: ActaColumns,
  units: UnitCoders,
  levels: readonly Level[],
  options: { readonly pendingFiguresCount?: boolean; readonly only?: readonly number[] } = {},
): Map<Level, UnitResult[]> {
  const only = options.only;
  const sel: Selection = {
    cols,
    only,
    n: only === undefined ? cols.length : only.length,
    pendingFiguresCount: options.pendingFiguresCount ?? false,
  };
  const out = new Map<Level, UnitResult[]>();
  const byUbigeo = levels.some((l) => l !== MESA)
    ? sumColumns(sel, cols.ubigeos.length, cols.ubigeoOf)
    : null;
  for (const level of levels) {
    if (level === MESA) out.set(level, mesaUnitsOf(sel));
    else out.set(level, rollUpUbigeos(sel, byUbigeo as Sums, level, units.unitCoder(level)));
  }
  return out;
}

/** The actas `tabulateColumns` reads: all of `cols`, or those at the indexes of `only`. */
interface Selection {
  readonly cols: ActaColumns;
  readonly only: readonly number[] | undefined;
  /** How many actas are selected. */
  readonly n: number;
  readonly pendingFiguresCount: boolean;
}

/**
 * Sums per group, as flat typed arrays (the hot loop of `tabulateColumns`): `groupOf[i]` is acta
 * i's group (its ubigeo), or the j-th selected acta is group j (null: the mesa level).
 */
function sumColumns(sel: Selection, groups: number, groupOf: Int32Array | null): Sums {
  const s = newSums(groups, sel.cols.choices);
  addRows(sel, s, groupOf, 0, sel.n);
  return s;
}

/** Adds the selected actas `from` to `to` (exclusive) into `s`, as `sumColumns` does. */
function addRows(
  sel: Selection,
  s: Sums,
  groupOf: Int32Array | null,
  from: number,
  to: number,
): void {
  const { cols, only, pendingFiguresCount } = sel;
  const C = cols.choices;
  const pref = cols.preferential;
  for (let j = from; j < to; j++) {
    const i = only === undefined ? j : (only[j] as number);
    const g = groupOf === null ? j : (groupOf[i] as number);
    const st = cols.state[i] as number;
    const hasFigures = cols.hasFigures[i] === 1;
    const counts =
      st === COUNTED ||
      st === RESOLVED ||
      st === ANNULLED ||
      (st === PENDING && pendingFiguresCount && hasFigures);
    const e = cols.eligible[i] as number;
    inc(s.total, g, 1);
    inc(s.states, g * STATES + st, 1);
    inc(s.eligible, g, e);
    if (counts && st === PENDING) inc(s.pendingWithFigures, g, 1);
    if (counts || st === NOT_INSTALLED) inc(s.eligibleProcessed, g, e);
    else inc(s.eligibleRemaining, g, e);
    if (st === JEE) inc(s.jeeVoters, g, cols.jeeVoters[i] as number);
    if (counts && hasFigures) {
      const v = s.votes;
      const src = cols.votes;
      const to = g * C;
      const from = i * C;
      for (let k = 0; k < C; k++) v[to + k] = (v[to + k] as number) + (src[from + k] as number);
      inc(s.blank, g, cols.blank[i] as number);
      inc(s.null, g, cols.null[i] as number);
      inc(s.impugned, g, cols.impugned[i] as number);
      const p = pref?.[i];
      if (p) {
        const into = ((s.preferential ??= [])[g] ??= Array.from({ length: C }, () => []));
        p.forEach((list, c) => {
          const t = into[c] as number[];
          list.forEach((x, k) => (t[k] = (t[k] ?? 0) + x));
        });
      }
    }
  }
}

/**
 * `tabulateColumns`' per-ubigeo sums of every acta, summed a range of actas at a time
 * (`sumPlaceRows`) so that a caller can let other work run between the ranges; once every acta is
 * in (`done`), any level is a roll-up of them (`placeSumsUnits`), with no pass over the actas.
 */
export interface PlaceSums {
  readonly cols: ActaColumns;
  readonly pendingFiguresCount: boolean;
  /** How many actas (from the first) are summed so far. */
  readonly summed: number;
  readonly done: boolean;
}
interface PlaceSumsState extends PlaceSums {
  summed: number;
  done: boolean;
  readonly sums: Sums;
}

/** Per-ubigeo sums of `cols` with no acta summed yet. */
export function placeSums(cols: ActaColumns, pendingFiguresCount = false): PlaceSums {
  const empty: PlaceSumsState = {
    cols,
    pendingFiguresCount,
    summed: 0,
    done: cols.length === 0,
    sums: newSums(cols.ubigeos.length, cols.choices),
  };
  return empty;
}

/** Sums the next actas, up to `count` of them; true once every acta is summed. */
export function sumPlaceRows(p: PlaceSums, count: number): boolean {
  const st = p as PlaceSumsState;
  const sel = everyActa(st);
  const to = Math.min(sel.n, st.summed + Math.max(1, count));
  addRows(sel, st.sums, st.cols.ubigeoOf, st.summed, to);
  st.summed = to;
  st.done = to >= sel.n;
  return st.done;
}

/** A level coarser than the mesa, rolled up from complete per-ubigeo sums: `tabulateColumns`'. */
export function placeSumsUnits(p: PlaceSums, units: UnitCoders, level: Level): UnitResult[] {
  const st = p as PlaceSumsState;
  if (!st.done) throw new Error('placeSumsUnits: not every acta is summed yet');
  if (level === MESA) throw new Error('placeSumsUnits: the mesa level is not a roll-up');
  return rollUpUbigeos(everyActa(st), st.sums, level, units.unitCoder(level));
}

/** The selection of every acta of the sums' columns. */
function everyActa(p: PlaceSums): Selection {
  const { cols, pendingFiguresCount } = p;
  return { cols, only: undefined, n: cols.length, pendingFiguresCount };
}

/** The mesa level: one unit per acta (in the order of `only`), its own sums, named by its mesa. */
function mesaUnitsOf(sel: Selection): UnitResult[] {
  const { cols, only, n } = sel;
  const s = sumColumns(sel, n, null);
  const rows: UnitResult[] = [];
  for (let j = 0; j < n; j++) {
    const i = only === undefined ? j : (only[j] as number);
    rows.push(finishSums(MESA, cols.mesa[i] as string, s, j, cols.choices));
  }
  return rows.sort((x, y) => compareCodes(x.code, y.code));
}

/** A coarser level: each ubigeo's unit at this level, then the roll-up of their sums, in order. */
function rollUpUbigeos(
  sel: Selection,
  s: Sums,
  level: Level,
  unitOfPlace: (ubigeo: string) => string,
): UnitResult[] {
  const { cols } = sel;
  const C = cols.choices;
  const U = cols.ubigeos.length;
  const { codes, unitOf, present } = unitsOfUbigeos(cols.ubigeos, s, unitOfPlace);
  const r = newSums(codes.length, C);
  for (let u = 0; u < U; u++) if (present[u] === 1) mergeSums(r, unitOf[u] as number, s, u, C);
  const order = codes.map((c, x) => [c, x] as const).sort((a, b) => compareCodes(a[0], b[0]));
  return order.map(([code, x]) => finishSums(level, code, r, x, C));
}

/** The units of a level the selected actas are in, and each ubigeo's index into them. */
function unitsOfUbigeos(
  ubigeos: readonly string[],
  s: Sums,
  unitOfPlace: (ubigeo: string) => string,
): { codes: string[]; unitOf: Int32Array; present: Uint8Array } {
  const U = ubigeos.length;
  const codes: string[] = [];
  const unitIndex = new Map<string, number>();
  const unitOf = new Int32Array(U);
  const present = new Uint8Array(U);
  for (let u = 0; u < U; u++) {
    if (s.total[u] === 0) continue; // a ubigeo none of the selected actas is in
    present[u] = 1;
    const code = unitOfPlace(ubigeos[u] as string);
    let x = unitIndex.get(code);
    if (x === undefined) {
      x = codes.length;
      codes.push(code);
      unitIndex.set(code, x);
    }
    unitOf[u] = x;
  }
  return { codes, unitOf, present };
}

/** a[i] += x on a typed array (`noUncheckedIndexedAccess` reads every index as maybe-undefined). */
function inc(a: Float64Array, i: number, x: number): void {
  a[i] = (a[i] as number) + x;
}

const STATES = ACTA_STATES.length;
const COUNTED = ACTA_STATES.indexOf('counted');
const RESOLVED = ACTA_STATES.indexOf('resolved');
const ANNULLED = ACTA_STATES.indexOf('annulled');
const PENDING = ACTA_STATES.indexOf('pending');
const NOT_INSTALLED = ACTA_STATES.indexOf('not_installed');
const JEE = ACTA_STATES.indexOf('jee');

interface Sums {
  readonly votes: Float64Array;
  readonly blank: Float64Array;
  readonly null: Float64Array;
  readonly impugned: Float64Array;
  readonly eligible: Float64Array;
  readonly eligibleProcessed: Float64Array;
  readonly eligibleRemaining: Float64Array;
  readonly jeeVoters: Float64Array;
  readonly pendingWithFigures: Float64Array;
  readonly total: Float64Array;
  readonly states: Float64Array;
  preferential: number[][][] | null;
}

function newSums(groups: number, C: number): Sums {
  return {
    votes: new Float64Array(groups * C),
    blank: new Float64Array(groups),
    null: new Float64Array(groups),
    impugned: new Float64Array(groups),
    eligible: new Float64Array(groups),
    eligibleProcessed: new Float64Array(groups),
    eligibleRemaining: new Float64Array(groups),
    jeeVoters: new Float64Array(groups),
    pendingWithFigures: new Float64Array(groups),
    total: new Float64Array(groups),
    states: new Float64Array(groups * STATES),
    preferential: null,
  };
}

function mergeSums(into: Sums, x: number, from: Sums, g: number, C: number): void {
  for (let k = 0; k < C; k++) inc(into.votes, x * C + k, from.votes[g * C + k] as number);
  for (let k = 0; k < STATES; k++)
    inc(into.states, x * STATES + k, from.states[g * STATES + k] as number);
  inc(into.blank, x, from.blank[g] as number);
  inc(into.null, x, from.null[g] as number);
  inc(into.impugned, x, from.impugned[g] as number);
  inc(into.eligible, x, from.eligible[g] as number);
  inc(into.eligibleProcessed, x, from.eligibleProcessed[g] as number);
  inc(into.eligibleRemaining, x, from.eligibleRemaining[g] as number);
  inc(into.jeeVoters, x, from.jeeVoters[g] as number);
  inc(into.pendingWithFigures, x, from.pendingWithFigures[g] as number);
  inc(into.total, x, from.total[g] as number);
  const p = from.preferential?.[g];
  if (p) {
    const target = ((into.preferential ??= [])[x] ??= Array.from({ length: C }, () => []));
    p.forEach((list, c) => {
      const t = target[c] as number[];
      list.forEach((v, k) => (t[k] = (t[k] ?? 0) + v));
    });
  }
}

function finishSums(level: Level, code: string, s: Sums, g: number, C: number): UnitResult {
  const votes = Array.from(s.votes.subarray(g * C, g * C + C));
  let valid = 0;
  for (const v of votes) valid += v;
  const blank = s.blank[g] as number;
  const nul = s.null[g] as number;
  const impugned = s.impugned[g] as number;
  const st = (k: number): number => s.states[g * STATES + k] as number;
  const actas: ActaCounts = {
    total: s.total[g] as number,
    counted: st(COUNTED),
    resolved: st(RESOLVED),
    annulled: st(ANNULLED),
    notInstalled: st(NOT_INSTALLED),
    pending: st(PENDING),
    jee: st(JEE),
    pendingWithFigures: s.pendingWithFigures[g] as number,
  };
  return {
    level,
    code,
    votes,
    preferential: s.preferential?.[g] ?? null,
    blank,
    null: nul,
    impugned,
    valid,
    emitted: valid + blank + nul + impugned,
    eligible: s.eligible[g] as number,
    eligibleProcessed: s.eligibleProcessed[g] as number,
    actas,
    actasProcessed: processedActas(actas),
    eligibleRemaining: s.eligibleRemaining[g] as number,
    jeeVoters: s.jeeVoters[g] as number,
  };
}
