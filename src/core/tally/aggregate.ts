import { percentHalfUp } from '../ratio.js';
import { actaCounts, type Acta, type ActaState } from '../model/acta.js';
import { circunscripcionOfUbigeo } from '../rulesets/peru-circunscripciones.js';

export const LEVELS = [
  'national',
  'ambito',
  'department',
  'province',
  'district',
  'circunscripcion',
  'mesa',
] as const;
export type Level = (typeof LEVELS)[number];

const CIRC_CODE = new Map<string, string>();
function circunscripcionCode(ubigeo: string): string {
  const key = ubigeo.startsWith('14')
    ? ubigeo.slice(0, 4) === '1401'
      ? '1401'
      : '14'
    : ubigeo.slice(0, 2);
  let code = CIRC_CODE.get(key);
  if (code === undefined) {
    code = String(circunscripcionOfUbigeo(ubigeo)?.code ?? 0);
    CIRC_CODE.set(key, code);
  }
  return code;
}

/** The unit of an acta at a level: Peru's ubigeo hierarchy (RENIEC), abroad = 91–95. */
export function unitCode(level: Level, a: Pick<Acta, 'ubigeo' | 'mesa'>): string {
  switch (level) {
    case 'national':
      return 'PE';
    case 'ambito':
      return a.ubigeo.startsWith('9') ? 'EXTRANJERO' : 'PERU';
    case 'department':
      return a.ubigeo.slice(0, 2);
    case 'province':
      return a.ubigeo.slice(0, 4);
    case 'district':
      return a.ubigeo;
    case 'circunscripcion':
      return circunscripcionCode(a.ubigeo);
    case 'mesa':
      return a.mesa;
  }
}

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
  levels: readonly Level[],
  options: { readonly pendingFiguresCount?: boolean } = {},
): Map<Level, UnitResult[]> {
  const pendingFiguresCount = options.pendingFiguresCount ?? false;
  const accs = new Map<Level, Map<string, Acc>>(levels.map((l) => [l, new Map()]));
  // One pass over the actas into one accumulator per ubigeo (district); every coarser level is
  // a roll-up of those, so each acta is added once, not once per level.
  const byUbigeo = new Map<string, Acc>();
  const mesaUnits = levels.includes('mesa') ? (accs.get('mesa') as Map<string, Acc>) : null;
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
    if (level === 'mesa') continue;
    const units = accs.get(level) as Map<string, Acc>;
    for (const [ubigeo, src] of byUbigeo) {
      const code = unitCode(level, { ubigeo, mesa: '' });
      let acc = units.get(code);
      if (acc === undefined) {
        acc = newAcc(choices);
        units.set(code, acc);
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
  if (counts && a.votes !== null) {
    const v = acc.votes;
    const src = a.votes;
    for (let i = 0; i < choices; i++)
      v[i] = (v[i] as number) + ((src[i] as number | undefined) ?? 0);
    acc.blank += a.blank;
    acc.null += a.null;
    acc.impugned += a.impugned;
    if (a.preferential) {
      const pref = (acc.preferential ??= Array.from({ length: choices }, () => []));
      a.preferential.forEach((list, i) => {
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
  const s = acc.states;
  const processedActas =
    s.counted + s.resolved + s.annulled + s.not_installed + acc.pendingWithFigures;
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
    actas: {
      total: acc.total,
      counted: s.counted,
      resolved: s.resolved,
      annulled: s.annulled,
      notInstalled: s.not_installed,
      pending: s.pending,
      jee: s.jee,
      pendingWithFigures: acc.pendingWithFigures,
    },
    actasProcessed: processedActas,
    eligibleRemaining: acc.eligibleRemaining,
  };
}

export interface UnitPercentages {
  readonly participation: string;
  readonly pctValid: readonly string[];
  readonly pctEmitted: readonly string[];
  readonly blankPctEmitted: string;
  readonly nullPctEmitted: string;
  readonly pctActasProcessed: string;
}

/** ONPE's published percentages of a unit (3 decimals, half up), computed when shown. */
export function unitPercentages(u: UnitResult): UnitPercentages {
  return {
    participation: percentHalfUp(u.emitted, u.eligibleProcessed),
    pctValid: u.votes.map((v) => percentHalfUp(v, u.valid)),
    pctEmitted: u.votes.map((v) => percentHalfUp(v, u.emitted)),
    blankPctEmitted: percentHalfUp(u.blank, u.emitted),
    nullPctEmitted: percentHalfUp(u.null, u.emitted),
    pctActasProcessed: percentHalfUp(u.actasProcessed, u.actas.total),
  };
}
