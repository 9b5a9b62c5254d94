import { describe, expect, it } from 'vitest';
import { departmentAdjacency, unitNeighbours } from './adjacency.js';

const square = (x: number, y: number): number[][] => [
  [x, y],
  [x + 1, y],
  [x + 1, y + 1],
  [x, y + 1],
  [x, y],
];

describe('departmentAdjacency', () => {
  it('joins polygons that share a border, not those that touch at a corner', () => {
    // A B
    // C D, and E touching D only at its corner (2, 0)
    const n = departmentAdjacency([
      { code: 'A', points: square(0, 1) },
      { code: 'B', points: square(1, 1) },
      { code: 'C', points: square(0, 0) },
      { code: 'D', points: square(1, 0) },
      { code: 'E', points: square(2, -1) },
    ]);
    expect(n).toEqual({ A: ['B', 'C'], B: ['A', 'D'], C: ['A', 'D'], D: ['B', 'C'], E: [] });
  });
});

describe("the bundled departments' adjacency", () => {
  const n = unitNeighbours('pe') ?? {};
  it('is symmetric and knows the south and Lima (ONPE codes)', () => {
    expect(Object.keys(n)).toHaveLength(25);
    for (const [a, list] of Object.entries(n)) for (const b of list) expect(n[b]).toContain(a);
    // Cusco (07): Apurímac, Arequipa, Ayacucho, Junín, Madre de Dios, Puno, Ucayali
    expect(n['07']).toEqual(['03', '04', '05', '11', '16', '20', '25']);
    // Puno (20): Arequipa, Cusco, Madre de Dios, Moquegua, Tacna
    expect(n['20']).toEqual(['04', '07', '16', '17', '22']);
    expect(n['14']).toContain('24'); // Lima and Callao
  });
});

describe('unitNeighbours', () => {
  it("gives Peru's departments and nothing where none is bundled", () => {
    expect(unitNeighbours('pe')?.['07']).toContain('20');
    expect(unitNeighbours('es')).toBeUndefined();
  });
});
