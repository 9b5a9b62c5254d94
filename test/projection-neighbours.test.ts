import { describe, expect, it } from 'vitest';
import { twoChoiceUnit } from '../src/test-utils/snapshot-units.js';
import type { SnapshotUnit } from '../src/core/projection/frame-snapshot.js';
import { NEIGHBOUR_TERM } from '../src/core/projection/model-parameters.js';
import { neighbourModel } from '../src/elections/adjacency.js';
import { neighboursNote, snapshotFrame } from '../src/results/projection.js';

// Run 10 in production (docs/projection.md, "Run 10 / 12-seed re-measure"): the snapshot frame of
// the API and the CLI reads Peru's bundled adjacency and moves an uncounted department with the
// counted ones up to two borders away.

// Puno (20) and all its neighbours uncounted; Apurímac (03), two borders away through Cusco (07),
// counted 10 pp above what its first-round share predicts
const UNCOUNTED = new Set(['20', '04', '07', '16', '17', '22']);
function peru(): SnapshotUnit[] {
  return Array.from({ length: 25 }, (_, i) => {
    const unit = String(i + 1).padStart(2, '0');
    const e = 0.2 + 0.025 * i + (i % 2 === 0 ? 0.02 : -0.02);
    const a = 0.1 + 0.8 * e + (unit === '03' ? 0.1 : i % 3 === 0 ? 0.01 : -0.01);
    return twoChoiceUnit(unit, a, !UNCOUNTED.has(unit), {
      prior: { votes: [e * 10_000, (1 - e) * 10_000], eligible: 20_000, emitted: 10_000 },
    });
  });
}

describe("production's neighbours' term (run 10)", () => {
  it('is on for Peru with the fitted constants, off where the jurisdiction declares none (Spain)', () => {
    expect(neighbourModel('pe')).toMatchObject(NEIGHBOUR_TERM);
    expect(neighbourModel('pe').neighbours?.['20']).toContain('07');
    expect(neighbourModel('es')).toEqual({});
    expect(neighbourModel(undefined)).toEqual({});
  });

  it('moves Puno with Apurímac, two borders away, and says so', () => {
    const on = snapshotFrame(peru(), ['A', 'B'], 'valid', 'pe');
    const off = snapshotFrame(peru(), ['A', 'B'], 'valid', undefined);
    expect(on.neighbours).toBe(true);
    expect(off.neighbours).toBe(false);
    const puno = 19;
    expect(on.frame.regions[puno]?.code).toBe('20');
    const moved = (on.frame.regions[puno]?.mean[0] ?? 0) - (off.frame.regions[puno]?.mean[0] ?? 0);
    expect(moved).toBeGreaterThan(0.005);
    // a counted department is its own count: unchanged
    expect(on.frame.regions[2]?.mean[0]).toBe(off.frame.regions[2]?.mean[0]);
    expect(neighboursNote(true).en).toContain('two borders');
    expect(neighboursNote(false).es).toContain('no se corrigen');
  });
});
