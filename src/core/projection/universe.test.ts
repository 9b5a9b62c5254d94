import { describe, expect, it } from 'vitest';
import { completeSnapshot, universeFromMesas } from './universe.js';

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
