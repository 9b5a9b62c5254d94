import { describe, expect, it } from 'vitest';
import { frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';

// Run 14 (docs/projection.md): a unit resting on the parent takes its own group's counted units.
// In the 2021 runoff replays Lima and two abroad continents had counted, and every department
// rested on their mean (23 % for Castillo); the departments' final was above 50 %.

function unit(code: string, share: number | null): SnapshotUnit {
  const c = share !== null;
  return {
    unit: code,
    actasCounted: c ? 100 : 0,
    actasTotal: 100,
    votes: c ? [Math.round(share * 10_000), Math.round((1 - share) * 10_000)] : [0, 0],
    blank: 0,
    null: 0,
  };
}

const UNITS = [
  unit('D1', 0.6),
  unit('D2', 0.64),
  unit('D3', null),
  unit('A1', 0.2),
  unit('A2', 0.24),
  unit('A3', 0.22),
  unit('A4', null),
];
const GROUPS = { D1: 'd', D2: 'd', D3: 'd', A1: 'a', A2: 'a', A3: 'a', A4: 'a' };

/** The remainder's share of A of unit `code`. */
function shareOf(code: string, o: object): number {
  const frame = frameFromSnapshot(UNITS, ['A', 'B'], { figures: 'valid', ...o });
  const r = frame.regions.find((x) => x.code === code);
  if (r === undefined) throw new Error(code);
  return r.mean[0] as number;
}

describe('the parent baseline per group of units (run 14)', () => {
  it("an uncounted unit rests on its own group's counted units", () => {
    // without groups both rest on the five counted units' mean, ~0.38
    expect(shareOf('D3', {})).toBeLessThan(0.45);
    expect(shareOf('D3', { unitGroups: GROUPS })).toBeGreaterThan(0.58);
    expect(shareOf('A4', { unitGroups: GROUPS })).toBeLessThan(0.26);
  });

  it('a group with nothing counted rests on every counted unit', () => {
    const lone = { ...GROUPS, D3: 'e' };
    expect(shareOf('D3', { unitGroups: lone })).toBeCloseTo(shareOf('D3', {}), 12);
  });
});
