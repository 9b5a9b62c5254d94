import { describe, expect, it } from 'vitest';
import { extentOver, universeLevel } from './extent.js';

const universe = [
  { code: 'A', eligible: 1000, actasTotal: 4 },
  { code: 'B', eligible: 600, actasTotal: 2 },
];

describe('the expected extent of a count of actas', () => {
  it('counts the actas and electors of the universe that the store does not hold yet', () => {
    // A half in the store (its 2 actas have 480 electors), B not at all
    const x = extentOver(universe, [{ code: 'A', actasTotal: 2, eligible: 480 }]);
    expect(x.units.get('A')).toEqual({ actasTotal: 4, actasMissing: 2, eligibleMissing: 520 });
    expect(x.units.get('B')).toEqual({ actasTotal: 2, actasMissing: 2, eligibleMissing: 600 });
    expect(x.national).toEqual({ actasTotal: 6, actasMissing: 4, eligibleMissing: 1120 });
    expect(x.exceeded).toEqual([]);
  });

  it('a unit with every expected acta in has no electors to come, whatever its padrón figure', () => {
    const x = extentOver(universe, [
      { code: 'A', actasTotal: 4, eligible: 990 },
      { code: 'B', actasTotal: 2, eligible: 600 },
    ]);
    expect(x.national).toEqual({ actasTotal: 6, actasMissing: 0, eligibleMissing: 0 });
  });

  it("one unit's surplus of electors never hides another's gap (an upper bound)", () => {
    // A holds more electors than the padrón says in half its actas; B lacks one acta
    const x = extentOver(universe, [
      { code: 'A', actasTotal: 2, eligible: 1200 },
      { code: 'B', actasTotal: 1, eligible: 250 },
    ]);
    expect(x.national.eligibleMissing).toBe(350);
  });

  it('a store holding more actas than the universe expects, or a unit it lacks, is exceeded', () => {
    const x = extentOver(universe, [
      { code: 'A', actasTotal: 5, eligible: 1100 },
      { code: 'Z', actasTotal: 1, eligible: 10 },
    ]);
    expect(x.exceeded).toEqual([
      { code: 'A', stored: 5, expected: 4 },
      { code: 'Z', stored: 1, expected: 0 },
    ]);
    // never a % above 100: the total is then the store's
    expect(x.units.get('A')?.actasTotal).toBe(5);
    expect(x.national.actasTotal).toBe(5 + 2 + 1);
  });

  it("finds the level whose units the universe's codes are: the coarsest that keeps them", () => {
    const prefix = (n: number) => (p: string) => p.slice(0, n);
    const coders = { department: prefix(2), province: prefix(4), district: prefix(6) };
    const levels = ['department', 'province', 'district'] as const;
    const pad = (c: string): string => c.padEnd(6, '0');
    const at = (codes: string[]) => universeLevel(codes, levels, (l) => coders[l], pad);
    expect(at(['01', '14', '91'])).toBe('department');
    expect(at(['010101', '140101'])).toBe('district');
    expect(at(['01', '140101'])).toBeNull();
    expect(at([])).toBeNull();
  });
});
