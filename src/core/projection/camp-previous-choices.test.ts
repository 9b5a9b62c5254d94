import { describe, expect, it } from 'vitest';
import { frameFromSnapshot, type SnapshotUnit } from './frame-snapshot.js';
import { simulate } from './simulate.js';
import { twoChoiceUnit } from '../../test-utils/snapshot-units.js';

// Run 17 (docs/projection.md): the camp's candidate from the previous round's choices each
// runoff candidate ran as, not from vote levels.

/** Previous-round shares of three choices: P (A's own list) at `p`, Q and R split the rest. */
function prior(p: number): SnapshotUnit['prior'] {
  return { votes: [p, 0.6 * (1 - p), 0.4 * (1 - p)].map((s) => Math.round(s * 10_000)) };
}

/**
 * Two counted units where P had 15–17 % and A, P's candidate, 80–81 % (A won Q's and R's voters
 * there): levels put those units far from P's share and near its complement, so they read A as the
 * other camp's candidate. Twenty larger uncounted units where P had 60–80 %.
 */
function units(): SnapshotUnit[] {
  return Array.from({ length: 22 }, (_, i) => {
    const c = i < 2;
    return twoChoiceUnit(`U${i}`, 0.8 + 0.01 * i, c, {
      eligibleTotal: c ? 20_000 : 40_000,
      prior: prior(c ? 0.15 + 0.02 * i : 0.6 + (0.2 * (i % 5)) / 4),
    });
  });
}

const frame = (us: readonly SnapshotUnit[], choices: string[], previous?: number[][]) =>
  frameFromSnapshot(us, choices, {
    figures: 'valid',
    ...(previous === undefined ? {} : { previousChoices: previous }),
  });
const project = (f: ReturnType<typeof frame>) =>
  simulate(f, { sims: 2000, seed: 7, kind: 'runoff' });
const medianA = (r: ReturnType<typeof project>): number =>
  r.choices.find((c) => c.choice === 'A')?.median ?? Number.NaN;
/** The mean of A's remainder share in the uncounted units (their regions' first dimension). */
const uncountedA = (f: ReturnType<typeof frame>): number => {
  const means = f.regions.slice(2).map((r) => r.mean[0] as number);
  return means.reduce((a, b) => a + b, 0) / means.length;
};

describe("the camp's candidate from the previous round's choices (run 17)", () => {
  it('moves the uncounted units toward the candidate who ran in their camp', () => {
    // levels read B as P's candidate and pull the P-heavy uncounted units away from A
    const levels = frame(units(), ['A', 'B']);
    expect(levels.campFrom).toBe('levels');
    expect(uncountedA(levels)).toBeLessThan(0.6);
    // A ran as P: the same units move toward A, above the counted units' 80.5 %
    const named = frame(units(), ['A', 'B'], [[0], [1]]);
    expect(named.campFrom).toBe('previous-choices');
    expect(uncountedA(named)).toBeGreaterThan(0.805);
    expect(medianA(project(named))).toBeGreaterThan(medianA(project(levels)) + 10);
  });

  it('follows the choices in either order', () => {
    const swapped = units().map((u) => ({ ...u, votes: [u.votes[1] ?? 0, u.votes[0] ?? 0] }));
    const f = frame(swapped, ['B', 'A'], [[1], [0]]);
    expect(f.campFrom).toBe('previous-choices');
    expect(medianA(project(f))).toBeCloseTo(
      medianA(project(frame(units(), ['A', 'B'], [[0], [1]]))),
      0,
    );
  });

  it('takes the widest split that puts the two previous selves apart', () => {
    // A ran as Q, B as R: the camp is no longer P alone, and A takes the side with Q
    const f = frame(units(), ['A', 'B'], [[1], [2]]);
    expect(f.campFrom).toBe('previous-choices');
    // the uncounted units had less of Q than the counted ones: A falls below the counted 80.5 %
    expect(uncountedA(f)).toBeLessThan(0.805);
  });

  it("acts too where a universe added units with no votes listed (a snapshot's absent units)", () => {
    // completeSnapshot gives an absent unit `votes: []`; run 16 read the contest's two choices
    // from every unit's votes and was off whenever a unit was absent
    const absent = units().map((u, i) => (i < 2 ? u : { ...u, votes: [] }));
    const f = frame(absent, ['A', 'B'], [[0], [1]]);
    expect(f.campFrom).toBe('previous-choices');
    expect(uncountedA(f)).toBeCloseTo(uncountedA(frame(units(), ['A', 'B'], [[0], [1]])), 9);
  });

  it('moves nothing when no split puts them apart, or with three choices', () => {
    const none = frame(units(), ['A', 'B'], [[0], [0]]);
    expect(none.campFrom).toBeUndefined();
    const off = frameFromSnapshot(units(), ['A', 'B'], { figures: 'valid', campCentre: false });
    expect(none.regions.map((r) => [...r.mean])).toEqual(off.regions.map((r) => [...r.mean]));
    const three = units().map((u) => ({ ...u, votes: [...u.votes, 0] }));
    const t = frameFromSnapshot(three, ['A', 'B', 'C'], {
      figures: 'valid',
      previousChoices: [[0], [1], [2]],
    });
    expect(t.campFrom).toBeUndefined();
  });
});
