/**
 * The expected extent of a count of actas: how many actas and electors each unit has before the
 * count starts (the padrón and the mesas, from the election's universe), against what the store
 * holds so far. A partial file is never the whole count: a unit's actas not yet in the store are
 * still to come, and so are their electors' votes.
 */

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
}

/** A unit's extent over the universe. */
export interface UnitExtent {
  /** Actas the count will have: the universe's, or the store's where it holds more. */
  readonly actasTotal: number;
  /** Actas the universe expects that the store does not hold yet. */
  readonly actasMissing: number;
  /** Electors of those actas: the universe's electors less the stored ones (never below 0). */
  readonly eligibleMissing: number;
}

export interface Extent {
  readonly units: ReadonlyMap<string, UnitExtent>;
  readonly national: UnitExtent;
  /** Units whose stored actas exceed what the universe expects (or that it does not know). */
  readonly exceeded: readonly { code: string; stored: number; expected: number }[];
}

/**
 * Each unit's extent, and the whole count's as their sum. The missing electors are an upper
 * bound of the votes the missing actas can bring: a unit with every expected acta in has none
 * left (whatever its padrón figure), and a unit short of actas has its universe electors less
 * those of its stored actas — summed per unit, so one unit's surplus never hides another's gap.
 */
export function extentOver(
  expected: readonly ExpectedUnit[],
  stored: readonly StoredUnit[],
): Extent {
  const held = new Map(stored.map((s) => [s.code, s]));
  const units = new Map<string, UnitExtent>();
  const exceeded: { code: string; stored: number; expected: number }[] = [];
  for (const u of expected) {
    const s = held.get(u.code);
    const actas = s?.actasTotal ?? 0;
    if (actas > u.actasTotal)
      exceeded.push({ code: u.code, stored: actas, expected: u.actasTotal });
    const actasMissing = Math.max(0, u.actasTotal - actas);
    units.set(u.code, {
      actasTotal: Math.max(u.actasTotal, actas),
      actasMissing,
      eligibleMissing: actasMissing === 0 ? 0 : Math.max(0, u.eligible - (s?.eligible ?? 0)),
    });
  }
  for (const s of stored)
    if (!units.has(s.code)) {
      exceeded.push({ code: s.code, stored: s.actasTotal, expected: 0 });
      units.set(s.code, { actasTotal: s.actasTotal, actasMissing: 0, eligibleMissing: 0 });
    }
  let actasTotal = 0;
  let actasMissing = 0;
  let eligibleMissing = 0;
  for (const e of units.values()) {
    actasTotal += e.actasTotal;
    actasMissing += e.actasMissing;
    eligibleMissing += e.eligibleMissing;
  }
  return { units, national: { actasTotal, actasMissing, eligibleMissing }, exceeded };
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
