// The count course's running state (latest-actas.ts) gives the same columns as the acta objects
// it replaces: for any sequence of actas (a mesa met again, without figures, in any state, with
// fewer or more votes than choices), each mesa's last one, as `columnsFromActas` builds them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTA_STATES, type Acta } from '../core/model/acta.js';
import { columnsFromActas } from '../core/tally/acta-columns.js';
import { countedActa } from '../test-utils/acta.js';
import { LatestActas } from './latest-actas.js';

const CHOICES = 3;
const figure = fc.integer({ min: 0, max: 2_000_000 });
const arbitraryActa: fc.Arbitrary<Acta> = fc
  .record({
    mesa: fc.constantFrom('000001', '000002', '000003', '000004', '900001'),
    ubigeo: fc.constantFrom('010101', '150101', '910101'),
    state: fc.constantFrom(...ACTA_STATES),
    eligible: figure,
    blank: figure,
    null: figure,
    impugned: figure,
    votes: fc.option(fc.array(figure, { minLength: 0, maxLength: CHOICES + 2 }), { nil: null }),
  })
  .map((r) => countedActa(r));

describe('LatestActas', () => {
  it('columnsOf is columnsFromActas of each mesa’s last acta, in the order asked (no preferential)', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryActa, { maxLength: 40 }),
        fc.array(fc.constantFrom('000001', '000002', '000003', '000004', '900001', '777777')),
        (actas, asked) => {
          const latest = new LatestActas(CHOICES);
          const last = new Map<string, Acta>();
          for (const a of actas) {
            latest.set(a);
            last.set(a.mesa, a);
          }
          const mesas = [...new Set(asked)];
          const expected = columnsFromActas(
            mesas.flatMap((m) => last.get(m) ?? []),
            CHOICES,
          );
          expect(latest.columnsOf(mesas)).toEqual(expected);
          expect(latest.size).toBe(last.size);
        },
      ),
    );
  });

  it('grows past its first capacity and keeps every row', () => {
    const latest = new LatestActas(2);
    const mesas = Array.from({ length: 3000 }, (_, i) => String(i).padStart(6, '0'));
    mesas.forEach((mesa, i) => latest.set(countedActa({ mesa, votes: [i, 2 * i] })));
    const cols = latest.columnsOf(['002999', '000000', '001024']);
    expect([...cols.votes]).toEqual([2999, 5998, 0, 0, 1024, 2048]);
    expect(latest.size).toBe(3000);
  });
});
