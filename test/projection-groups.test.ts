import { describe, expect, it } from 'vitest';
import { twoChoiceUnit } from '../src/test-utils/snapshot-units.js';
import { frameFromSnapshot, type SnapshotUnit } from '../src/core/projection/frame-snapshot.js';
import { neighbourModel } from '../src/elections/adjacency.js';
import { snapshotFrame, snapshotGroupsOf } from '../src/results/projection.js';

// Run 14 in production (docs/projection.md): Peru's jurisdiction names its ámbito as the snapshot
// model's groups, so an uncounted department rests on the counted departments, not on abroad.

// Lima (14) and two abroad continents counted; every other department uncounted. Abroad leans
// to A far more than Lima does, as in the 2021 runoff's department order at 10 % counted.
function night(): SnapshotUnit[] {
  const codes = [
    ...Array.from({ length: 25 }, (_, i) => String(i + 1).padStart(2, '0')),
    '92',
    '94',
  ];
  return codes.map((unit) => {
    return twoChoiceUnit(unit, unit >= '91' ? 0.75 : 0.45, unit === '14' || unit >= '91');
  });
}

describe("production's snapshot groups (run 14)", () => {
  it("reads each unit's group from the jurisdiction's snapshotGroups level", () => {
    const groups = snapshotGroupsOf('pe', night());
    expect(groups?.['14']).toBe('PERU');
    expect(groups?.['01']).toBe('PERU');
    expect(groups?.['92']).toBe('EXTRANJERO');
    expect(groups?.['94']).toBe('EXTRANJERO');
    // a jurisdiction that names none, or none given: one group
    expect(snapshotGroupsOf('es', night())).toBeUndefined();
    expect(snapshotGroupsOf(undefined, night())).toBeUndefined();
  });

  it('rests an uncounted department on the counted departments, not on abroad', () => {
    const units = night();
    const grouped = snapshotFrame(units, ['A', 'B'], 'valid', 'pe').frame;
    const pooled = frameFromSnapshot(units, ['A', 'B'], {
      figures: 'valid',
      ...neighbourModel('pe'),
    });
    const cusco = grouped.regions.findIndex((r) => r.code === '08');
    const a = (f: typeof grouped): number => f.regions[cusco]?.mean[0] ?? NaN;
    // pooled, abroad pulls Cusco towards A; grouped, it takes Lima's 45 %
    expect(a(pooled)).toBeGreaterThan(a(grouped) + 0.05);
    expect(Math.abs(a(grouped) - 0.45)).toBeLessThan(0.02);
  });
});
