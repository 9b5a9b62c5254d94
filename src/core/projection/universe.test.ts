import { describe, expect, it } from 'vitest';
import { completeSnapshot, universeAtSnapshot, universeFromMesas } from './universe.js';

// Abroad (place codes 9…) is one unit per continent at every level; at home, the district.
const unitOf = (place: string): string => (place.startsWith('9') ? place.slice(0, 2) : place);
const mesas = [
  { ubigeo: '150101', eligible: 300 },
  { ubigeo: '150101', eligible: 280 },
  { ubigeo: '010101', eligible: 250 },
  { ubigeo: '920101', eligible: 200 },
  { ubigeo: '920502', eligible: 150 },
  { ubigeo: '940301', eligible: 100 },
];

describe('universeFromMesas', () => {
  it('sums electors and mesas per unit, abroad by continent, in code order, with the prior', () => {
    const prior = new Map([['92', { votes: [120, 80], eligible: 350, emitted: 210 }]]);
    const u = universeFromMesas(mesas, unitOf, (c) => `U${c}`, prior);
    expect(u.map((x) => [x.unit, x.name, x.eligible, x.actasTotal])).toEqual([
      ['010101', 'U010101', 250, 1],
      ['150101', 'U150101', 580, 2],
      ['92', 'U92', 350, 2],
      ['94', 'U94', 100, 1],
    ]);
    expect(u.find((x) => x.unit === '92')?.prior?.votes).toEqual([120, 80]);
    expect(u.find((x) => x.unit === '94')?.prior).toBeUndefined();
  });

  it('completes a snapshot without abroad: every continent enters with nothing counted', () => {
    const universe = universeFromMesas(mesas, unitOf, (c) => c);
    const home = { actasTotal: 2, votes: [10, 20], blank: 0, null: 0 };
    const done = completeSnapshot(
      [
        { unit: '150101', actasCounted: 1, ...home },
        { unit: '010101', actasCounted: 1, ...home, actasTotal: 1 },
      ],
      universe,
    );
    expect(done.absent).toEqual(['92', '94']);
    expect(done.unknown).toEqual([]);
    expect(done.units.map((x) => [x.unit, x.actasCounted, x.actasTotal, x.eligibleTotal])).toEqual([
      ['010101', 1, 1, 250],
      ['150101', 1, 2, 580],
      ['92', 0, 2, 350],
      ['94', 0, 1, 100],
    ]);
  });
});

describe('universeAtSnapshot', () => {
  // every place its own unit, abroad too (a universe by district, abroad by city)
  const byPlace = universeFromMesas(
    mesas,
    (p) => p,
    (c) => (c.startsWith('9') ? `AMÉRICA / X / ${c}` : `DEP${c.slice(0, 2)} / P / ${c}`),
    new Map([
      ['920101', { votes: [5, 1], eligible: 200 }],
      ['920502', { votes: [3, 4], eligible: 150 }],
    ]),
  );
  const at = (units: readonly string[]) =>
    universeAtSnapshot(
      units.map((unit) => ({ unit, actasCounted: 0, actasTotal: 1, votes: [], blank: 0, null: 0 })),
      byPlace,
    );

  it('rolls a universe by place up to a department snapshot, priors summed', () => {
    const u = at(['15', '01']);
    expect(u.map((x) => [x.unit, x.name, x.eligible, x.actasTotal])).toEqual([
      ['01', 'DEP01', 250, 1],
      ['15', 'DEP15', 580, 2],
      ['92', 'AMÉRICA', 350, 2],
      ['94', 'AMÉRICA', 100, 1],
    ]);
    expect(u.find((x) => x.unit === '92')?.prior).toEqual({ votes: [8, 5], eligible: 350 });
    // a unit where one place lacks a prior has none: a partial sum would mislead
    expect(u.find((x) => x.unit === '94')?.prior).toBeUndefined();
  });

  it('keeps the universe when the snapshot is at its level, or not nested in it', () => {
    expect(at(['150101'])).toBe(byPlace);
    expect(at(['LIMA'])).toBe(byPlace);
    expect(at(['15', '0101'])).toBe(byPlace);
  });

  it('completes a department snapshot over a universe by place, as one by department', () => {
    const done = completeSnapshot(
      [{ unit: '15', actasCounted: 1, actasTotal: 2, votes: [10, 20], blank: 0, null: 0 }],
      byPlace,
    );
    expect(done.unknown).toEqual([]);
    expect(done.absent).toEqual(['01', '92', '94']);
    expect(done.units.find((x) => x.unit === '15')?.eligibleTotal).toBe(580);
  });
});
