import { actaCounts, type Acta } from '../../src/core/model/acta.js';

/** One unit at one cut of a replayed count: actas arrived so far, votes of those that count. */
export interface CourseRow {
  /** The cut: actas arrived in the whole replay. */
  readonly cut: number;
  readonly unit: string;
  readonly actasCounted: number;
  readonly actasTotal: number;
  readonly votes: readonly number[];
  readonly blank: number;
  /** Null and impugned votes (as a department snapshot sums them). */
  readonly null: number;
}

/**
 * A complete election's count course as a replay would have shown it: at each cut (a number of
 * actas arrived, in `sequence` order) every unit's actas arrived and the votes of those that count.
 * A unit's actas counted are its actas arrived, whatever their state, as calibration's replayed
 * history counts them (calibration.ts), so a cut at a unit's point reproduces that history.
 */
export function replayCourse(
  actas: readonly Acta[],
  sequence: readonly number[],
  unitOf: (place: string) => string,
  cuts: readonly number[],
  choices: number,
  pendingFiguresCount: boolean,
): CourseRow[] {
  const totals = new Map<string, number>();
  for (const a of actas) totals.set(unitOf(a.ubigeo), (totals.get(unitOf(a.ubigeo)) ?? 0) + 1);
  const units = [...totals.keys()].sort();
  const now = new Map(
    units.map((u) => [
      u,
      { actas: 0, votes: new Array<number>(choices).fill(0), blank: 0, null: 0 },
    ]),
  );
  const rows: CourseRow[] = [];
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  let next = 0;
  for (const cut of sorted) {
    for (; next < cut && next < sequence.length; next++) {
      const a = actas[sequence[next] as number] as Acta;
      const u = now.get(unitOf(a.ubigeo));
      if (u === undefined) continue;
      u.actas++;
      if (!actaCounts(a, pendingFiguresCount) || a.votes === null) continue;
      for (let k = 0; k < choices; k++) u.votes[k] = (u.votes[k] as number) + (a.votes[k] ?? 0);
      u.blank += a.blank;
      u.null += a.null + a.impugned;
    }
    for (const unit of units) {
      const u = now.get(unit);
      if (u === undefined) continue;
      const { actas: actasCounted, votes, blank } = u;
      rows.push({
        cut,
        unit,
        actasCounted,
        actasTotal: totals.get(unit) ?? 0,
        votes: [...votes],
        blank,
        null: u.null,
      });
    }
  }
  return rows;
}
