// A duplicate row's figures are compared with the kept row's in the batch (sameFiguresAt): every
// row is found by its file row and compared on its own votes, wherever they sit in the batch —
// rows without figures before it included, and past the arrays' first growth.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Acta } from '../model/acta.js';
import { ActaBatch, sameFiguresAt } from './acta-batch.js';

const acta = (mesa: number, votes: readonly number[] | null): Acta => ({
  election: 'e',
  mesa: String(mesa).padStart(6, '0'),
  ubigeo: '010101',
  state: votes === null ? 'pending' : 'counted',
  stateLabel: '',
  eligible: 300,
  voters: votes === null ? null : votes.reduce((a, b) => a + b, 0),
  votes: votes === null ? null : [...votes],
  blank: 1,
  null: 2,
  impugned: 0,
});

describe('sameFiguresAt', () => {
  it("finds each row's own votes: equal for its figures, not for another's", () => {
    const votes = fc.option(fc.array(fc.nat(500), { minLength: 1, maxLength: 4 }), { nil: null });
    fc.assert(
      fc.property(fc.array(votes, { minLength: 1, maxLength: 1500 }), (rows) => {
        const b = new ActaBatch<never>('e');
        const actas = rows.map((v, i) => acta(i, v));
        actas.forEach((a, i) => b.push({ acta: a, row: 2 * i + 1, warnings: [] }));
        actas.forEach((a, i) => {
          expect(sameFiguresAt(b, 2 * i + 1, a)).toBe(true);
          const v = a.votes;
          const other = v === null ? [0] : [...v.slice(0, -1), (v.at(-1) as number) + 1];
          expect(sameFiguresAt(b, 2 * i + 1, { ...a, votes: other })).toBe(false);
        });
        expect(sameFiguresAt(b, 0, actas[0] as Acta)).toBeNull();
      }),
      { numRuns: 30 },
    );
  });
});
