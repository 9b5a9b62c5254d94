// Without --universe or --election, a snapshot is completed over the universe the bundled
// elections of its rules agree on at its level; none, or several that differ, is no universe.
import { describe, expect, it } from 'vitest';
import type { SnapshotUnit } from '../src/core/projection/frame-snapshot.js';
import type { UniverseUnit } from '../src/core/projection/universe.js';
import { bundledUniverseFor, chooseUniverse } from '../src/elections/bundled-universe.js';

const snap = (unit: string): SnapshotUnit => ({
  unit,
  actasCounted: 1,
  actasTotal: 2,
  votes: [1, 1],
  blank: 0,
  null: 0,
});
const uni = (unit: string, eligible = 10): UniverseUnit => ({
  unit,
  name: `U${unit}`,
  eligible,
  actasTotal: 2,
});
const snapshot = [snap('01'), snap('02')];

describe('chooseUniverse', () => {
  it('takes the one that knows every snapshot unit, and none when none does', () => {
    const whole = { election: 'a', file: 'a.csv', units: [uni('01'), uni('02'), uni('91')] };
    const other = { election: 'b', file: 'b.csv', units: [uni('01'), uni('03')] };
    expect(chooseUniverse(snapshot, [other, whole])).toEqual({
      kind: 'found',
      elections: ['a'],
      file: 'a.csv',
      units: whole.units,
    });
    expect(chooseUniverse(snapshot, [other])).toEqual({ kind: 'none' });
    expect(chooseUniverse(snapshot, [])).toEqual({ kind: 'none' });
  });

  it('takes several that agree unit by unit, and none of several that differ', () => {
    const a = { election: 'a', file: 'a.csv', units: [uni('01'), uni('02'), uni('91')] };
    const same = { election: 'b', file: 'b.csv', units: [uni('01'), uni('02'), uni('91')] };
    const differ = { election: 'c', file: 'c.csv', units: [uni('01'), uni('02', 11)] };
    expect(chooseUniverse(snapshot, [a, same])).toMatchObject({
      kind: 'found',
      elections: ['a', 'b'],
    });
    expect(chooseUniverse(snapshot, [a, differ])).toEqual({
      kind: 'disagree',
      elections: ['a', 'c'],
    });
  });
});

describe('bundledUniverseFor', () => {
  it("finds the 2026 runoff's universe for a department snapshot of its rules, none for the first round's", () => {
    const r = bundledUniverseFor('pe-2026-presidencial-segunda', snapshot);
    expect(r.ok && r.value.kind === 'found' ? r.value.elections : r).toEqual([
      'pe-2026-presidencial-segunda-2026-06-10',
    ]);
    const first = bundledUniverseFor('pe-2026-presidencial', snapshot);
    expect(first.ok && first.value.kind).toBe('none');
  });
});
