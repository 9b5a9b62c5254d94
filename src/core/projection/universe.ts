import { nameKey } from '../names.js';
import type { SnapshotUnit } from './frame-snapshot.js';
import type { PriorFigures } from './prior.js';

/**
 * The universe of an election: every unit it has (from the jurisdiction's geography and the
 * padrón), with its electors and actas, known before the first acta is counted — and the unit's
 * figures in a previous round or election where they exist. A projection made from a snapshot
 * that leaves units out (a capture without abroad) still projects them: from their prior, else
 * from the other units' shares with the between-unit variance, weighted by their electors.
 */
export interface UniverseUnit {
  /** The unit's code as the snapshots give it (e.g. ONPE's department code). */
  readonly unit: string;
  readonly name: string;
  readonly eligible: number;
  readonly actasTotal: number;
  readonly prior?: PriorFigures | undefined;
}

/** The snapshot over the whole universe, and the units the snapshot did not have at all. */
export interface CompletedSnapshot {
  readonly units: readonly SnapshotUnit[];
  /** Units of the universe absent from the snapshot: projected with nothing counted. */
  readonly absent: readonly string[];
  /**
   * Snapshot units the universe does not know (kept, after the others): a snapshot at another
   * level, or abroad as one unit over a universe by continent, would be counted twice.
   */
  readonly unknown: readonly string[];
}

/**
 * The universe at a snapshot's level: as it is when any snapshot code is a universe unit, else
 * rolled up to the snapshot codes' length when they are all of one length and prefixes of
 * universe codes (a department snapshot over a universe by district: place codes nest by prefix,
 * Peru's ubigeo). A rolled unit is named by its first unit's coarsest place (universeNamePath).
 */
export function universeAtSnapshot(
  snapshot: readonly SnapshotUnit[],
  universe: readonly UniverseUnit[],
): readonly UniverseUnit[] {
  const codes = new Set(universe.map((u) => u.unit));
  if (snapshot.length === 0 || snapshot.some((s) => codes.has(s.unit))) return universe;
  const length = snapshot[0]?.unit.length ?? 0;
  if (snapshot.some((s) => s.unit.length !== length)) return universe;
  const nests = snapshot.some((s) =>
    universe.some((u) => u.unit.length > length && u.unit.startsWith(s.unit)),
  );
  return nests ? rollUpUniverse(universe, length) : universe;
}

/**
 * The places a universe unit's name gives, coarsest first, down to `depth` (0: the coarsest):
 * its rows name a place by its path ("AMÉRICA / ARGENTINA / BUENOS AIRES"; abroad, no table
 * names it). null when the name is not that deep.
 */
export function universeNamePath(name: string, depth: number): string[] | null {
  const path = name.split(' / ').map((s) => s.trim());
  return depth >= 0 && depth < path.length ? path.slice(0, depth + 1) : null;
}

/** Universe units summed by their codes' first `length` characters, in the universe's order. */
export function rollUpUniverse(universe: readonly UniverseUnit[], length: number): UniverseUnit[] {
  const rolled = new Map<string, { unit: UniverseUnit; prior: PriorSum | undefined }>();
  for (const u of universe) {
    const code = u.unit.slice(0, length);
    const r = rolled.get(code);
    if (r === undefined) {
      rolled.set(code, {
        unit: {
          unit: code,
          name: universeNamePath(u.name, 0)?.[0] ?? u.name,
          eligible: u.eligible,
          actasTotal: u.actasTotal,
        },
        prior: u.prior === undefined ? undefined : priorSum(u.prior),
      });
      continue;
    }
    r.unit = {
      ...r.unit,
      eligible: r.unit.eligible + u.eligible,
      actasTotal: r.unit.actasTotal + u.actasTotal,
    };
    // a prior summed over units only where every unit has one (else it would be partial)
    r.prior =
      r.prior === undefined || u.prior === undefined ? undefined : addPrior(r.prior, u.prior);
  }
  return [...rolled.values()].map(({ unit, prior }) =>
    prior === undefined ? unit : { ...unit, prior: priorOf(prior) },
  );
}

interface PriorSum {
  readonly votes: number[];
  eligible: number | null;
  emitted: number | null;
}

function priorSum(p: PriorFigures): PriorSum {
  return { votes: [...p.votes], eligible: p.eligible ?? null, emitted: p.emitted ?? null };
}

function addPrior(s: PriorSum, p: PriorFigures): PriorSum {
  p.votes.forEach((v, k) => (s.votes[k] = (s.votes[k] ?? 0) + v));
  s.eligible = plus(s.eligible, p.eligible);
  s.emitted = plus(s.emitted, p.emitted);
  return s;
}

/** A sum known only while every term is. */
function plus(a: number | null, b: number | null | undefined): number | null {
  return a === null || b === null || b === undefined ? null : a + b;
}

function priorOf(s: PriorSum): PriorFigures {
  return {
    votes: s.votes,
    ...(s.eligible === null ? {} : { eligible: s.eligible }),
    ...(s.emitted === null ? {} : { emitted: s.emitted }),
  };
}

/**
 * Every unit of the universe, in the universe's order: a snapshot unit (matched by code, else by
 * name; the universe rolled up to the snapshot's level first, universeAtSnapshot) gains the
 * electors and prior it lacks; a universe unit the snapshot lacks enters with
 * nothing counted. Snapshot units the universe does not know are kept, after the others.
 */
export function completeSnapshot(
  snapshot: readonly SnapshotUnit[],
  fine: readonly UniverseUnit[],
): CompletedSnapshot {
  const universe = universeAtSnapshot(snapshot, fine);
  const byCode = new Map(snapshot.map((u) => [u.unit, u]));
  const byName = new Map(snapshot.map((u) => [nameKey(u.name ?? u.unit), u]));
  const used = new Set<SnapshotUnit>();
  const absent: string[] = [];
  const units: SnapshotUnit[] = universe.map((v) => {
    const s = byCode.get(v.unit) ?? byName.get(nameKey(v.name));
    if (s === undefined || used.has(s)) {
      absent.push(v.unit);
      return {
        unit: v.unit,
        name: v.name,
        actasCounted: 0,
        actasTotal: v.actasTotal,
        eligibleTotal: v.eligible,
        votes: [],
        blank: 0,
        null: 0,
        ...(v.prior === undefined ? {} : { prior: v.prior }),
      };
    }
    used.add(s);
    return {
      ...s,
      name: s.name ?? v.name,
      eligibleTotal: s.eligibleTotal ?? v.eligible,
      ...(s.prior === undefined && v.prior !== undefined ? { prior: v.prior } : {}),
    };
  });
  const unknown = snapshot.filter((u) => !used.has(u));
  return { units: [...units, ...unknown], absent, unknown: unknown.map((u) => u.unit) };
}

/**
 * The universe of a per-mesa election at any level, from its mesas: every unit's electors and
 * mesas (the padrón and the mesas are fixed before the count), with its figures in a previous
 * round where given (keyed by the same unit codes), in code order.
 */
export function universeFromMesas(
  mesas: readonly { readonly ubigeo: string; readonly eligible: number }[],
  unitOf: (place: string) => string,
  nameOf: (code: string) => string,
  prior?: ReadonlyMap<string, PriorFigures>,
): UniverseUnit[] {
  const units = new Map<string, { eligible: number; actas: number }>();
  for (const m of mesas) {
    const code = unitOf(m.ubigeo);
    const u = units.get(code) ?? { eligible: 0, actas: 0 };
    u.eligible += m.eligible;
    u.actas++;
    units.set(code, u);
  }
  return [...units]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([code, u]) => {
      const p = prior?.get(code);
      return {
        unit: code,
        name: nameOf(code),
        eligible: u.eligible,
        actasTotal: u.actas,
        ...(p === undefined ? {} : { prior: p }),
      };
    });
}
