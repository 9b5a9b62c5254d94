// Differential test of the columnar tabulation (the results service's fast path) against
// `tabulate`, the simple reference that adds acta objects one by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTA_STATES, type Acta } from '../model/acta.js';
import { mesasFromActas, mesasFromColumns } from '../projection/frame-mesas.js';
import { columnsFromActas, patchColumns } from './acta-columns.js';
import { requireJurisdiction } from '../../jurisdictions/load.js';
import { placeSums, placeSumsUnits, sumPlaceRows, tabulate, tabulateColumns } from './aggregate.js';

// Peru's jurisdiction (data/jurisdictions/pe): every level, circunscripciones, abroad
const PE = requireJurisdiction('pe');
const LEVELS = PE.levelIds;

const UBIGEOS = ['010101', '010102', '010201', '140101', '140105', '150101', '150201', '921001'];

function arbitraryActas(choices: number): fc.Arbitrary<Acta[]> {
  return fc
    .uniqueArray(
      fc.record({
        mesa: fc.nat({ max: 999_999 }).map((n) => String(n).padStart(6, '0')),
        ubigeo: fc.constantFrom(...UBIGEOS),
        state: fc.constantFrom(...ACTA_STATES),
        eligible: fc.nat({ max: 300 }),
        voters: fc.option(fc.nat({ max: 300 })),
        figures: fc.option(
          fc.record({
            votes: fc.array(fc.nat({ max: 200 }), { minLength: choices, maxLength: choices }),
            blank: fc.nat({ max: 50 }),
            null: fc.nat({ max: 50 }),
            impugned: fc.nat({ max: 5 }),
            preferential: fc.option(
              fc.array(fc.array(fc.nat({ max: 30 }), { maxLength: 3 }), {
                minLength: choices,
                maxLength: choices,
              }),
            ),
          }),
        ),
      }),
      { maxLength: 60, selector: (a) => a.mesa },
    )
    .map((rows) =>
      rows.map((r): Acta => ({
        election: 'e',
        mesa: r.mesa,
        ubigeo: r.ubigeo,
        state: r.state,
        stateLabel: r.state,
        eligible: r.eligible,
        voters: r.voters,
        votes: r.figures?.votes ?? null,
        blank: r.figures?.blank ?? 0,
        null: r.figures?.null ?? 0,
        impugned: r.figures?.impugned ?? 0,
        ...(r.figures?.preferential ? { preferential: r.figures.preferential } : {}),
      })),
    );
}

describe('tabulateColumns', () => {
  // the results service sums a snapshot a range of actas at a time, letting readers in between
  it('is rolled up from per-place sums summed in steps of any size, at every level but the mesa', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((c) =>
            fc.tuple(
              fc.constant(c),
              arbitraryActas(c),
              fc.boolean(),
              fc.integer({ min: 1, max: 70 }),
            ),
          ),
        ([choices, actas, pendingFiguresCount, step]) => {
          const cols = columnsFromActas(actas, choices);
          const sums = placeSums(cols, pendingFiguresCount);
          let steps = 0;
          while (!sums.done) {
            sumPlaceRows(sums, step);
            steps++;
          }
          expect(steps).toBe(Math.ceil(actas.length / step));
          const whole = tabulateColumns(cols, PE, LEVELS, { pendingFiguresCount });
          for (const level of LEVELS.filter((l) => l !== 'mesa'))
            expect(placeSumsUnits(sums, PE, level)).toEqual(whole.get(level));
        },
      ),
    );
  });

  it('equals tabulate at every level, on all actas and on any subset', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((c) =>
            fc.tuple(fc.constant(c), arbitraryActas(c), fc.boolean(), fc.array(fc.nat())),
          ),
        ([choices, actas, pendingFiguresCount, picks]) => {
          const cols = columnsFromActas(actas, choices);
          const options = { pendingFiguresCount };
          expect(tabulateColumns(cols, PE, LEVELS, options)).toEqual(
            tabulate(actas, choices, PE, LEVELS, options),
          );
          const only = [...new Set(picks.filter((i) => i < actas.length))];
          expect(tabulateColumns(cols, PE, LEVELS, { ...options, only })).toEqual(
            tabulate(
              only.map((i) => actas[i] as Acta),
              choices,
              PE,
              LEVELS,
              options,
            ),
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('gives the projection the same mesas as mesasFromActas', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((c) => fc.tuple(fc.constant(c), arbitraryActas(c), fc.boolean())),
        ([choices, actas, pendingFiguresCount]) => {
          expect(
            mesasFromColumns(columnsFromActas(actas, choices), PE, pendingFiguresCount),
          ).toEqual(mesasFromActas(actas, choices, PE, pendingFiguresCount));
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('patchColumns: a snapshot patched with changed actas tabulates as one rebuilt from them', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((c) =>
            fc.tuple(fc.constant(c), arbitraryActas(c), arbitraryActas(c), fc.boolean()),
          ),
        ([choices, before, changes, pendingFiguresCount]) => {
          // some changes hit mesas already there, some are new; a mesa may change twice
          const rows = changes.map((a, i) =>
            i % 2 === 0 && before.length > 0
              ? { ...a, mesa: (before[i % before.length] as Acta).mesa }
              : a,
          );
          const expected = [...before];
          for (const r of rows) {
            const at = expected.findIndex((a) => a.mesa === r.mesa);
            if (at >= 0) expected[at] = r;
            else expected.push(r);
          }
          const prev = columnsFromActas(before, choices);
          const frozen = JSON.stringify(prev, (_, v: unknown) =>
            ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
          );
          const index = new Map(before.map((a, i) => [a.mesa, i]));
          const { columns, added } = patchColumns(prev, rows, (m) => index.get(m));
          const options = { pendingFiguresCount };
          expect(columns.mesa).toEqual(expected.map((a) => a.mesa));
          expect(added.map(([m]) => m)).toEqual(expected.slice(before.length).map((a) => a.mesa));
          expect(tabulateColumns(columns, PE, LEVELS, options)).toEqual(
            tabulate(expected, choices, PE, LEVELS, options),
          );
          expect(mesasFromColumns(columns, PE, pendingFiguresCount)).toEqual(
            mesasFromActas(expected, choices, PE, pendingFiguresCount),
          );
          // the old snapshot is untouched: its readers see what they saw
          expect(
            JSON.stringify(prev, (_, v: unknown) =>
              ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
            ),
          ).toBe(frozen);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('adds the real shapes: a pending acta with figures counts only where the election says so', () => {
    const a: Acta = {
      election: 'e',
      mesa: '000001',
      ubigeo: '150101',
      state: 'pending',
      stateLabel: 'EN PROCESO',
      eligible: 300,
      voters: 10,
      votes: [6, 2],
      blank: 1,
      null: 1,
      impugned: 0,
    };
    const cols = columnsFromActas([a], 2);
    const on = tabulateColumns(cols, PE, ['national'], { pendingFiguresCount: true }).get(
      'national',
    );
    const off = tabulateColumns(cols, PE, ['national']).get('national');
    expect(on?.[0]).toMatchObject({ votes: [6, 2], emitted: 10, eligibleRemaining: 0 });
    expect(off?.[0]).toMatchObject({ votes: [0, 0], emitted: 0, eligibleRemaining: 300 });
  });

  it("sums the voters of the actas at the JEE (an acta's electors where it states none), at every level", () => {
    const acta = (mesa: string, state: Acta['state'], eligible: number, voters: number | null) =>
      ({
        election: 'e',
        mesa,
        ubigeo: mesa === '000003' ? '150201' : '150101',
        state,
        stateLabel: state,
        eligible,
        voters,
        votes: [6, 2],
        blank: 1,
        null: 1,
        impugned: 0,
      }) satisfies Acta;
    const actas = [
      acta('000001', 'jee', 300, 120),
      acta('000002', 'counted', 300, 10),
      acta('000003', 'jee', 200, null),
    ];
    for (const byLevel of [
      tabulate(actas, 2, PE, ['national', 'district']),
      tabulateColumns(columnsFromActas(actas, 2), PE, ['national', 'district']),
    ]) {
      expect(byLevel.get('national')?.map((u) => u.jeeVoters)).toEqual([320]);
      expect(byLevel.get('district')?.map((u) => [u.code, u.jeeVoters])).toEqual([
        ['150101', 120],
        ['150201', 200],
      ]);
    }
  });
});
