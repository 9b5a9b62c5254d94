import type { SnapshotCount, SnapshotUnit } from './frame-snapshot.js';
import type { PriorFigures } from './prior.js';

/**
 * The previous round's count history in production (docs/projection.md, "The previous round's
 * count history"): a unit's cuts of that round's count, from which the snapshot model takes the
 * previous round's figures at the unit's current fraction of actas counted (`priorCounted`, used
 * by history-drift.ts). Votes are in the prior's choice order.
 */
export interface UnitHistory {
  /** The unit's actas in the previous round (the same at every cut). */
  readonly actasTotal: number;
  /** Its cuts in the order of the count: actas counted and every count never go down. */
  readonly cuts: readonly SnapshotCount[];
}

/** Valid, blank and null votes of a cut: what `emitted` means in the snapshot model. */
function figuresOf(c: SnapshotCount): PriorFigures {
  const valid = c.votes.reduce((a, b) => a + b, 0);
  return { votes: [...c.votes], emitted: valid + c.blank + c.null };
}

/**
 * The previous round's figures when it had counted the same share `f` of the unit's actas: at
 * round(f × its actas) actas (as calibration's replayed history counts them), votes interpolated
 * linearly in actas counted between the two cuts around that point (from zero before the first
 * cut); a cut exactly there is returned as it is. undefined when nothing was counted at that
 * point or the history stops before it.
 */
export function priorAt(history: UnitHistory, f: number): PriorFigures | undefined {
  const target = Math.round(f * history.actasTotal);
  if (!(target > 0)) return undefined;
  let lo: SnapshotCount | null = null;
  for (const cut of history.cuts) {
    if (cut.actasCounted <= target) {
      lo = cut;
      continue;
    }
    if (lo !== null && lo.actasCounted === target) return figuresOf(lo);
    const from = lo?.actasCounted ?? 0;
    const t = (target - from) / (cut.actasCounted - from);
    const at = (hi: number, low: number | undefined): number => (low ?? 0) + t * (hi - (low ?? 0));
    return figuresOf({
      actasCounted: target,
      votes: cut.votes.map((v, k) => at(v, lo?.votes[k])),
      blank: at(cut.blank, lo?.blank),
      null: at(cut.null, lo?.null),
    });
  }
  return lo !== null && lo.actasCounted === target ? figuresOf(lo) : undefined;
}

/** The unit's complete previous round: its last cut when every acta was counted, else null. */
export function completeOf(history: UnitHistory): PriorFigures | null {
  const last = history.cuts[history.cuts.length - 1];
  return last !== undefined && last.actasCounted === history.actasTotal ? figuresOf(last) : null;
}

/** The snapshot units with their history attached, and the units it was used for. */
export interface WithHistory {
  readonly units: readonly SnapshotUnit[];
  /** Units given the previous round's figures at their fraction counted (`priorCounted`). */
  readonly used: readonly string[];
}

/**
 * Attaches each unit's history: its complete previous round becomes the unit's prior (votes and
 * emitted from the same series, so remainder = complete − counted is the history's own; electors
 * kept from its prior, else its own), and, while the unit is partly counted, the previous round at
 * the same fraction becomes its `priorCounted`. A history that does not reach the complete count
 * is not used: its remainder is unknown.
 */
export function attachHistory(
  units: readonly SnapshotUnit[],
  histories: ReadonlyMap<string, UnitHistory>,
): WithHistory {
  const used: string[] = [];
  const out = units.map((u): SnapshotUnit => {
    const h = histories.get(u.unit);
    const complete = h === undefined ? null : completeOf(h);
    if (h === undefined || complete === null) return u;
    const eligible = u.prior?.eligible ?? u.eligibleTotal;
    const prior: PriorFigures = eligible === undefined ? complete : { ...complete, eligible };
    const f = u.actasTotal > 0 ? u.actasCounted / u.actasTotal : 0;
    const counted = f > 0 && f < 1 ? priorAt(h, f) : undefined;
    if (counted === undefined) return { ...u, prior };
    used.push(u.unit);
    return { ...u, prior, priorCounted: counted };
  });
  return { units: out, used };
}
