import { describe, expect, it } from 'vitest';
import type { SnapshotUnit } from '../core/projection/frame-snapshot.js';
import { driftNote, withPreviousCut } from './previous-cut.js';

const unit = (code: string, counted: number, votes: number[], total = 100): SnapshotUnit => ({
  unit: code,
  actasCounted: counted,
  actasTotal: total,
  votes,
  blank: 1,
  null: 2,
});

describe('withPreviousCut', () => {
  const now = { choices: ['A', 'B'], units: [unit('01', 50, [30, 20]), unit('02', 10, [5, 5])] };

  it('gives each unit its earlier count in the current choice order; a unit absent has none', () => {
    const r = withPreviousCut(now, { choices: ['B', 'A'], units: [unit('01', 40, [15, 25])] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.units[0]?.previous).toEqual({
      actasCounted: 40,
      votes: [25, 15],
      blank: 1,
      null: 2,
    });
    expect(r.value.units[1]?.previous).toBeUndefined();
    expect(r.value.used).toEqual(['01']);
  });

  it('does not list a unit with nothing counted in the earlier cut as used', () => {
    const r = withPreviousCut(now, { choices: ['A', 'B'], units: [unit('02', 0, [0, 0])] });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.units[1]?.previous?.actasCounted).toBe(0);
    expect(r.value.used).toEqual([]);
  });

  it('refuses a cut that is not earlier, with each problem and its units', () => {
    const r = withPreviousCut(now, {
      choices: ['A', 'C'],
      units: [unit('01', 60, [1, 1]), unit('02', 5, [1, 1], 99), unit('03', 1, [1, 1])],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => [i.code, i.details?.['problem'], i.details?.['units']])).toEqual([
      ['previous_snapshot_invalid', 'choices the snapshot does not have', 'C'],
      ['previous_snapshot_invalid', 'units the snapshot does not have', '03'],
      ['previous_snapshot_invalid', 'a different actas_total', '02'],
      ['previous_snapshot_invalid', 'more actas counted than the snapshot', '01'],
    ]);
  });

  it('notes the earlier cut in both languages, with its time when known', () => {
    expect(driftNote(['01'], '2026-06-09T20:00:00Z').en).toContain(
      'With the earlier cut (2026-06-09T20:00:00Z) in 01',
    );
    expect(driftNote(['01']).es).toContain('Con el corte anterior en 01');
    expect(driftNote([]).en).toContain('it was not used');
    expect(driftNote(null).es).toContain('Sin un corte anterior');
  });
});
