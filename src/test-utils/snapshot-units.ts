import type { SnapshotUnit } from '../core/projection/frame-snapshot.js';

/**
 * A two-choice snapshot unit of 100 actas for the projection's tests: counted whole with `a` of the
 * valid votes for the first choice (10,000 valid), or not at all; 20,000 electors unless `more`
 * says otherwise (a prior, other electors).
 */
export function twoChoiceUnit(
  unit: string,
  a: number,
  counted: boolean,
  more: Partial<SnapshotUnit> = {},
): SnapshotUnit {
  return {
    unit,
    actasCounted: counted ? 100 : 0,
    actasTotal: 100,
    eligibleTotal: 20_000,
    votes: counted ? [Math.round(a * 10_000), Math.round((1 - a) * 10_000)] : [0, 0],
    blank: 0,
    null: 0,
    ...more,
  };
}

/**
 * A snapshot unit of 100 actas, `counted` of them in with these votes (10 blank, 10 null): the
 * odds tests' (projection.test.ts, odds-calibration.test.ts).
 */
export const snapshotUnit = (unit: string, counted: number, votes: number[]): SnapshotUnit => ({
  unit,
  actasCounted: counted,
  actasTotal: 100,
  votes,
  blank: 10,
  null: 10,
});
