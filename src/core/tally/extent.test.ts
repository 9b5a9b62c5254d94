import { describe, expect, it } from 'vitest';
import { columnsFromActas } from './acta-columns.js';
import { extentOver, universeLevel, unlistedByUnit } from './extent.js';

const universe = [
  { code: 'A', eligible: 1000, actasTotal: 4 },
  { code: 'B', eligible: 600, actasTotal: 2 },
];

describe('the expected extent of a count of actas', () => {
  it('counts the actas and electors of the universe that the store does not hold yet', () => {
    // A half in the store (its 2 actas have 480 electors), B not at all
    const x = extentOver(universe, [{ code: 'A', actasTotal: 2, eligible: 480 }]);
    expect(x.units.get('A')).toEqual({
      actasTotal: 4,
      actasMissing: 2,
      eligibleMissing: 520,
      unlisted: 0,
    });
    expect(x.units.get('B')).toEqual({
      actasTotal: 2,
      actasMissing: 2,
      eligibleMissing: 600,
      unlisted: 0,
    });
    expect(x.national).toEqual({
      actasTotal: 6,
      actasMissing: 4,
      eligibleMissing: 1120,
      unlisted: 0,
    });
    expect(x.exceeded).toEqual([]);
  });

  it('a unit with every expected acta in has no electors to come, whatever its padrón figure', () => {
    const x = extentOver(universe, [
      { code: 'A', actasTotal: 4, eligible: 990 },
      { code: 'B', actasTotal: 2, eligible: 600 },
    ]);
    expect(x.national).toEqual({ actasTotal: 6, actasMissing: 0, eligibleMissing: 0, unlisted: 0 });
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

  it('fills the expected slots with the listed ones only; the others add to the total', () => {
    const x = extentOver(
      [
        { code: 'A', eligible: 1000, actasTotal: 4 },
        { code: 'B', eligible: 500, actasTotal: 2 },
      ],
      [
        { code: 'A', actasTotal: 4, eligible: 1000, unlisted: { actas: 1, eligible: 300 } },
        { code: 'B', actasTotal: 2, eligible: 500 },
        { code: 'C', actasTotal: 1, eligible: 200, unlisted: { actas: 1, eligible: 200 } },
      ],
    );
    expect(x.units.get('A')).toEqual({
      actasTotal: 5,
      actasMissing: 1,
      eligibleMissing: 300,
      unlisted: 1,
    });
    expect(x.units.get('B')).toEqual({
      actasTotal: 2,
      actasMissing: 0,
      eligibleMissing: 0,
      unlisted: 0,
    });
    // a unit the universe lacks, holding only an unlisted acta: unlisted, not exceeded
    expect(x.units.get('C')).toEqual({
      actasTotal: 1,
      actasMissing: 0,
      eligibleMissing: 0,
      unlisted: 1,
    });
    expect(x.exceeded).toEqual([]);
    expect(x.unlisted).toEqual([
      { code: 'A', actas: 1 },
      { code: 'C', actas: 1 },
    ]);
    expect(x.national).toEqual({
      actasTotal: 8,
      actasMissing: 1,
      eligibleMissing: 300,
      unlisted: 2,
    });
  });
  it('counts per unit the actas whose mesa the list lacks, and their electors', () => {
    const cols = columnsFromActas(
      [
        ['000001', '010101', 300],
        ['999999', '010101', 250],
        ['000002', '010102', 200],
        ['888888', '020101', 100],
      ].map(([mesa, ubigeo, eligible]) => ({
        election: 'e',
        mesa: mesa as string,
        ubigeo: ubigeo as string,
        state: 'counted' as const,
        stateLabel: 'CONTABILIZADA',
        eligible: eligible as number,
        voters: 0,
        votes: [0],
        blank: 0,
        null: 0,
        impugned: 0,
      })),
      1,
    );
    const listed = new Set(['000001', '000002']);
    expect(unlistedByUnit(cols, listed, (p) => p.slice(0, 2))).toEqual(
      new Map([
        ['01', { actas: 1, eligible: 250 }],
        ['02', { actas: 1, eligible: 100 }],
      ]),
    );
    expect(unlistedByUnit(cols, new Set([...listed, '999999', '888888']), (p) => p)).toEqual(
      new Map(),
    );
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
