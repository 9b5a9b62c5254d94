import { describe, expect, it } from 'vitest';
import { frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';
import { simulate } from './simulate.js';
import { twoChoiceUnit } from '../../test-utils/snapshot-units.js';

// Run 16 (docs/projection.md): an uncounted unit's parent centre from its own place on the
// previous round's widest split.

/** Previous-round shares of three choices: P (the camp) at `p`, Q and R split the rest. */
function prior(p: number): SnapshotUnit['prior'] {
  return { votes: [p, 0.6 * (1 - p), 0.4 * (1 - p)].map((s) => Math.round(s * 10_000)) };
}

/**
 * Two counted units where P had 15–17 % and A has 35–36 %; twenty larger uncounted ones where P had
 * 60–80 %: the counted units lean to B, the uncounted ones' previous round to A's camp.
 */
function units(): SnapshotUnit[] {
  return Array.from({ length: 22 }, (_, i) => {
    const c = i < 2;
    return twoChoiceUnit(`U${i}`, 0.35 + 0.01 * i, c, {
      eligibleTotal: c ? 20_000 : 40_000,
      prior: prior(c ? 0.15 + 0.02 * i : 0.6 + (0.2 * (i % 5)) / 4),
    });
  });
}

/** The same units with the two choices in the other order (B first). */
function swapped(): SnapshotUnit[] {
  return units().map((u) => ({ ...u, votes: [u.votes[1] ?? 0, u.votes[0] ?? 0] }));
}

const project = (us: readonly SnapshotUnit[], choices: string[], campCentre: boolean) =>
  simulate(frameFromSnapshot(us, choices, { figures: 'valid', campCentre }), {
    sims: 2000,
    seed: 7,
    kind: 'runoff',
  });
const pA = (r: ReturnType<typeof project>): number =>
  r.winner?.find((w) => w.choice === 'A')?.probability ?? 0;
const medianA = (r: ReturnType<typeof project>): number =>
  r.choices.find((c) => c.choice === 'A')?.median ?? Number.NaN;

describe("the uncounted units' centre from the previous round's widest split (run 16)", () => {
  it('moves the uncounted units toward the camp their previous round leaned to', () => {
    // without it every uncounted unit rests on the counted units' 35.5 % for A
    const off = project(units(), ['A', 'B'], false);
    expect(pA(off)).toBeLessThan(0.2);
    expect(medianA(off)).toBeLessThan(45);
    // with it, on 35.5 % + (their camp share − the counted units' 16 %): 80 % and more for A
    const on = project(units(), ['A', 'B'], true);
    expect(pA(on)).toBeGreaterThan(0.8);
    expect(medianA(on)).toBeGreaterThan(60);
  });

  it('finds which choice takes the camp from the counted units, in either order', () => {
    // B first: the camp now goes to the second choice; A's projection is the same
    const on = project(swapped(), ['B', 'A'], true);
    expect(medianA(on)).toBeCloseTo(medianA(project(units(), ['A', 'B'], true)), 0);
  });

  it('leaves every centre alone with three choices or no previous round', () => {
    const three = units().map((u) => ({ ...u, votes: [...u.votes, 0] }));
    const a = frameFromSnapshot(three, ['A', 'B', 'C'], { figures: 'valid', campCentre: false });
    const b = frameFromSnapshot(three, ['A', 'B', 'C'], { figures: 'valid', campCentre: true });
    expect(b.regions.map((r) => [...r.mean])).toEqual(a.regions.map((r) => [...r.mean]));
    const bare = units().map(({ prior: _p, ...u }) => u);
    const c = frameFromSnapshot(bare, ['A', 'B'], { figures: 'valid', campCentre: false });
    const d = frameFromSnapshot(bare, ['A', 'B'], { figures: 'valid', campCentre: true });
    expect(d.regions.map((r) => [...r.mean])).toEqual(c.regions.map((r) => [...r.mean]));
  });
});
