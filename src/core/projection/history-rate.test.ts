import { describe, expect, it } from 'vitest';
import { frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';

// Runs 11 and 13 (docs/projection.md): the previous round's remainder-to-counted votes per acta
// carries a unit's count to its remainder only when its counted part is no sliver — of its actas
// (run 11) and of its previous-round votes (run 13). Abroad in the 2021 runoff replays: 30 or 132
// near-empty actas made a unit's remainder 8–20 times its counted votes per acta.

const ACTAS = 2000;
/** Previous round: 100 votes per acta over the unit (200,000), of which its counted part holds `early`. */
function unit(code: string, counted: number, early: number): SnapshotUnit {
  return {
    unit: code,
    actasCounted: counted,
    actasTotal: ACTAS,
    votes: [50 * counted, 50 * counted],
    blank: 0,
    null: 0,
    prior: { votes: [100_000, 100_000], emitted: 200_000 },
    priorCounted: { votes: [early / 2, early / 2], emitted: early },
  };
}

/** Remainder votes per acta of the first unit, beside five ordinary half-counted units. */
function remainderRate(first: SnapshotUnit, o: object = {}): number {
  const others = ['B', 'C', 'D', 'E', 'F'].map((c) => unit(c, ACTAS / 2, 100_000));
  const frame = frameFromSnapshot([first, ...others], ['A', 'B'], o);
  const r = frame.regions[0];
  if (r === undefined) throw new Error('no region');
  return r.mean[r.mean.length - 1] as number;
}

describe("the history's votes-per-acta ratio from a sliver of the count (runs 11, 13)", () => {
  it('an ordinary unit keeps its counted votes per acta', () => {
    // its counted part held its share of the previous round's votes: ratio 1
    expect(remainderRate(unit('A', ACTAS / 2, 100_000))).toBeCloseTo(100, 0);
  });

  it('below minTrendFraction of the actas the ratio is not used (run 11)', () => {
    // 30 actas (1.5 %) that held 90 votes in the previous round: rest / counted ≈ 33
    const sliver = unit('A', 30, 90);
    const none = { historyRateMinFraction: 0, historyRateMinVoteFraction: 0 };
    expect(remainderRate(sliver, none)).toBeGreaterThan(1000);
    // run 11's condition alone (no votes condition) already leaves it at its counted rate
    expect(remainderRate(sliver, { historyRateMinVoteFraction: 0 })).toBeLessThan(150);
  });

  it('past it in actas but not in votes, neither (run 13)', () => {
    // 132 actas (6.6 %) that held 1,033 votes (0.5 % of the previous round's): ratio ≈ 13
    const sliver = unit('A', 132, 1033);
    expect(remainderRate(sliver, { historyRateMinVoteFraction: 0 })).toBeGreaterThan(1000);
    expect(remainderRate(sliver)).toBeLessThan(150);
  });
});
