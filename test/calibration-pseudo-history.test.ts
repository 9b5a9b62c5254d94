import { describe, expect, it } from 'vitest';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import type { Acta } from '../src/core/model/acta.js';
import { snapshotCases, type CalibrationSetup } from '../scripts/lib/calibration.js';

// Calibration's pseudo-history (run 6): an election without a previous round serves as its own,
// its count replayed with another seed, so a loading that acts under a history can be fitted.
const actas: Acta[] = Array.from({ length: 400 }, (_, i) => ({
  election: 'e',
  mesa: String(i).padStart(6, '0'),
  ubigeo: `${String(1 + (i % 8)).padStart(2, '0')}0101`,
  state: 'counted',
  stateLabel: 'CONTABILIZADA',
  eligible: 300,
  voters: 200,
  votes: [100 + (i % 7), 90 - (i % 7)],
  blank: 5,
  null: 5,
  impugned: 0,
}));
const setup: CalibrationSetup = {
  actas,
  jurisdiction: requireJurisdiction('pe'),
  choices: ['A', 'B'],
  kind: 'runoff',
  pendingFiguresCount: false,
  sims: 10,
  previousAt: 0.8,
};

describe('calibration pseudo-history', () => {
  it('gives each unit the election itself as its prior and its replayed count at the same share', () => {
    const [c] = snapshotCases({ ...setup, pseudoHistory: true }, 'random', 1, [0.5]);
    expect(c?.units).toHaveLength(8);
    for (const u of c?.units ?? []) {
      const total = actas.filter((a) => a.ubigeo.startsWith(u.unit));
      expect(u.prior?.votes[0]).toBe(total.reduce((s, a) => s + (a.votes?.[0] ?? 0), 0));
      const n = Math.round((u.actasCounted / u.actasTotal) * total.length);
      expect(u.priorCounted?.emitted).toBe(200 * n);
    }
  });

  it('attaches nothing without it', () => {
    const [c] = snapshotCases(setup, 'random', 1, [0.5]);
    expect(c?.units.every((u) => u.prior === undefined && u.priorCounted === undefined)).toBe(true);
  });
});
