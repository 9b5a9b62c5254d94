/**
 * The expected extent of a count of actas: how many actas and electors each unit has before the
 * count starts (the padrón and the mesas, from the election's universe), against what the store
 * holds so far. A partial file is never the whole count: a unit's actas not yet in the store are
 * still to come, and so are their electors' votes.
 */

import type { ActaColumns } from './acta-columns.js';

/** A unit as the universe expects it (its code at one level of the jurisdiction). */
export interface ExpectedUnit {
  readonly code: string;
  readonly eligible: number;
  readonly actasTotal: number;
}

/** What the store holds of a unit at that level: its actas (any state) and their electors. */
export interface StoredUnit {
  readonly code: string;
  readonly actasTotal: number;
  readonly eligible: number;
  /**
   * Of those, the actas whose mesa the election's mesa list lacks, and their electors: their votes
   * count in the results, but they fill none of the unit's expected actas (a made-up 999999 must
   * not stand for a real mesa still to come). Absent: none, or no list.
   */
  readonly unlisted?: Unlisted | undefined;
}

/** A unit's actas whose mesa the election's list lacks, and their electors. */
export interface Unlisted {
  readonly actas: number;
  readonly eligible: number;
}

/** A unit's extent over the universe. */
export interface UnitExtent {
  /**
   * Actas the count will have: the universe's (or the store's listed ones where it holds more),
   * and the stored ones whose mesa the list lacks.
   */
  readonly actasTotal: number;
  /** Actas the universe expects that the store does not hold yet. */
  readonly actasMissing: number;
  /** Electors of those actas: the universe's electors less the stored ones (never below 0). */
  readonly eligibleMissing: number;
  /** Stored actas whose mesa the election's list lacks (counted in the total, none missing). */
  readonly unlisted: number;
}

export interface Extent {
  readonly units: ReadonlyMap<string, UnitExtent>;
  readonly national: UnitExtent;
  /** Units whose listed stored actas exceed what the universe expects (or that it does not know). */
  readonly exceeded: readonly { code: string; stored: number; expected: number }[];
  /** Units holding actas whose mesa the election's list lacks, and how many. */
  readonly unlisted: readonly { code: string; actas: number }[];
}

/**
 * Each unit's extent, and the whole count's as their sum. The missing electors are an upper
 * bound of the votes the missing actas can bring: a unit with every expected acta in has none
 * left (whatever its padrón figure), and a unit short of actas has its universe electors less
 * those of its stored actas — summed per unit, so one unit's surplus never hides another's gap.
 * Only actas of listed mesas fill the expected ones; the others are added to the total apart.
 */
export function extentOver(
  expected: readonly ExpectedUnit[],
  stored: readonly StoredUnit[],
): Extent {
  const held = new Map(stored.map((s) => [s.code, s]));
  const units = new Map<string, UnitExtent>();
  const exceeded: { code: string; stored: number; expected: number }[] = [];
  const unlisted: { code: string; actas: number }[] = [];
  const unit = (code: string, want: ExpectedUnit | undefined): UnitExtent => {
    const s = held.get(code);
    const extra = s?.unlisted?.actas ?? 0;
    const actas = (s?.actasTotal ?? 0) - extra;
    const eligible = (s?.eligible ?? 0) - (s?.unlisted?.eligible ?? 0);
    const expect = want?.actasTotal ?? 0;
    if (actas > expect || (want === undefined && actas > 0))
      exceeded.push({ code, stored: actas, expected: expect });
    if (extra > 0) unlisted.push({ code, actas: extra });
    const actasMissing = Math.max(0, expect - actas);
    const eligibleMissing = actasMissing === 0 ? 0 : Math.max(0, (want?.eligible ?? 0) - eligible);
    return {
      actasTotal: Math.max(expect, actas) + extra,
      actasMissing,
      eligibleMissing,
      unlisted: extra,
    };
  };
  for (const u of expected) units.set(u.code, unit(u.code, u));
  for (const s of stored) if (!units.has(s.code)) units.set(s.code, unit(s.code, undefined));
  let actasTotal = 0;
  let actasMissing = 0;
  let eligibleMissing = 0;
  let extra = 0;
  for (const e of units.values()) {
    actasTotal += e.actasTotal;
    actasMissing += e.actasMissing;
    eligibleMissing += e.eligibleMissing;
    extra += e.unlisted;
  }
  return {
    units,
    national: { actasTotal, actasMissing, eligibleMissing, unlisted: extra },
    exceeded,
    unlisted,
  };
}

/**
 * Per unit of a level, the actas of `cols` whose mesa `mesas` (the election's list) lacks, and
 * their electors; `unitOf` gives a place's unit at that level. Empty when every mesa is listed.
 */
export function unlistedByUnit(
  cols: ActaColumns,
  mesas: { has(mesa: string): boolean },
  unitOf: (place: string) => string,
): Map<string, Unlisted> {
  const out = new Map<string, Unlisted>();
  for (let i = 0; i < cols.length; i++) {
    if (mesas.has(cols.mesa[i] as string)) continue;
    const code = unitOf(cols.ubigeos[cols.ubigeoOf[i] as number] as string);
    const u = out.get(code);
    out.set(code, {
      actas: (u?.actas ?? 0) + 1,
      eligible: (u?.eligible ?? 0) + (cols.eligible[i] as number),
    });
  }
  return out;
}

/**
 * The level of a jurisdiction whose unit codes the universe's codes are: the coarsest place level
 * at which each code, padded as a place code, is its own unit. null: none (the universe is at a
 * level the jurisdiction does not have).
 */
export function universeLevel<L extends string>(
  codes: readonly string[],
  levels: readonly L[],
  unitOf: (level: L) => (place: string) => string,
  pad: (code: string) => string,
): L | null {
  if (codes.length === 0) return null;
  for (const level of levels) {
    const coder = unitOf(level);
    if (codes.every((c) => coder(pad(c)) === c)) return level;
  }
  return null;
}
