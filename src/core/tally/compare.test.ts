import { describe, expect, it } from 'vitest';
import {
  COMPARE_REASONS,
  ComparisonSchema,
  compareActaSources,
  type CompareSide,
  type SourceActa,
  type SourceCarries,
} from './compare.js';

const ALL: SourceCarries = {
  place: true,
  state: true,
  voters: true,
  blank: true,
  null: true,
  impugned: true,
  eligible: true,
};

/** A counted acta of two choices whose figures add up: 100 voters, 60 + 30 + 4 blank + 6 null. */
function acta(mesa: string, o: Partial<SourceActa> = {}): SourceActa {
  return {
    mesa,
    place: '010101',
    state: 'counted',
    stateLabel: 'CONTABILIZADA',
    votes: [60, 30],
    voters: 100,
    blank: 4,
    null: 6,
    impugned: 0,
    eligible: 300,
    ...o,
  };
}

const side = (actas: SourceActa[], carries: SourceCarries = ALL): CompareSide => ({
  actas,
  carries,
});
const compare = (a: CompareSide, b: CompareSide) =>
  compareActaSources({ choices: ['P1', 'P2'], a, b });

describe('compareActaSources(input)', () => {
  it('finds nothing between two equal sources, and counts the mesas', () => {
    const r = compare(
      side([acta('000001'), acta('000002')]),
      side([acta('000002'), acta('000001')]),
    );
    expect(r.mesas).toEqual({ a: 2, b: 2, both: 2, compared: 2, agree: 2, disagree: 0 });
    expect(r.disagreements).toEqual([]);
    expect(r.fields).toEqual(['P1', 'P2', 'voters', 'blank', 'null', 'impugned', 'eligible']);
    expect(r.net.every((n) => n.total === 0)).toBe(true);
    expect(ComparisonSchema.parse(r)).toEqual(r);
  });

  it('missing_in_b: a mesa only A has, its votes all on the A side', () => {
    const r = compare(side([acta('000001'), acta('000002')]), side([acta('000001')]));
    expect(r.disagreements).toEqual([
      {
        mesa: '000002',
        primary: 'missing_in_b',
        reasons: [{ reason: 'missing_in_b' }],
        effect: { P1: 60, P2: 30, voters: 100, blank: 4, null: 6, eligible: 300 },
        a: acta('000002'),
        b: null,
      },
    ]);
    expect(r.mesas).toMatchObject({ a: 2, b: 1, both: 1, compared: 2, disagree: 1 });
    expect(r.net.find((n) => n.field === 'P1')).toMatchObject({
      total: 60,
      byReason: { missing_in_b: 60, missing_in_a: 0 },
    });
  });

  it('missing_in_a: a mesa only B has, its votes negative (A − B)', () => {
    const r = compare(side([]), side([acta('000009')]));
    expect(r.disagreements[0]).toMatchObject({
      mesa: '000009',
      primary: 'missing_in_a',
      reasons: [{ reason: 'missing_in_a' }],
      effect: { P1: -60, P2: -30 },
    });
  });

  it('state_differs: the states (not the labels) differ, with both labels; the effect is booked under it', () => {
    const pending = acta('000001', {
      state: 'pending',
      stateLabel: 'ACTA ELECTORAL PENDIENTE',
      votes: [0, 0],
      voters: 0,
      blank: 0,
      null: 0,
    });
    const r = compare(
      side([acta('000001'), acta('000002', { stateLabel: 'ACTA ELECTORAL NORMAL' })]),
      side([pending, acta('000002')]),
    );
    expect(r.disagreements).toHaveLength(1); // another label of the same state is no disagreement
    const d = r.disagreements[0];
    expect(d?.primary).toBe('state_differs');
    expect(d?.reasons[0]).toEqual({
      reason: 'state_differs',
      a: 'counted',
      b: 'pending',
      aLabel: 'CONTABILIZADA',
      bLabel: 'ACTA ELECTORAL PENDIENTE',
    });
    expect(d?.reasons.map((x) => x.reason)).toEqual([
      'state_differs',
      'count_differs',
      'count_differs',
      'count_differs',
      'count_differs',
      'count_differs',
    ]);
    expect(r.net.find((n) => n.field === 'P1')?.byReason).toMatchObject({
      state_differs: 60,
      count_differs: 0,
    });
    expect(r.reasons.find((x) => x.reason === 'count_differs')).toEqual({
      reason: 'count_differs',
      mesas: 1,
      primary: 0,
    });
  });

  it('count_differs: one entry per field that differs, with both values', () => {
    const r = compare(
      side([acta('000001')]),
      side([acta('000001', { votes: [59, 31], eligible: 299 })]),
    );
    const d = r.disagreements[0];
    expect(d?.reasons).toEqual([
      { reason: 'count_differs', field: 'P1', a: 60, b: 59 },
      { reason: 'count_differs', field: 'P2', a: 30, b: 31 },
      { reason: 'count_differs', field: 'eligible', a: 300, b: 299 },
    ]);
    expect(d?.effect).toEqual({ P1: 1, P2: -1, eligible: 1 });
    expect(r.countDiffers).toEqual([
      { field: 'P1', mesas: 1 },
      { field: 'P2', mesas: 1 },
      { field: 'voters', mesas: 0 },
      { field: 'blank', mesas: 0 },
      { field: 'null', mesas: 0 },
      { field: 'impugned', mesas: 0 },
      { field: 'eligible', mesas: 1 },
    ]);
  });

  it('count_missing: a figure one source gives and the other does not (an NA cell); it counts as 0', () => {
    const r = compare(side([acta('000001')]), side([acta('000001', { votes: [60, null] })]));
    expect(r.disagreements[0]).toMatchObject({
      primary: 'count_missing',
      reasons: [{ reason: 'count_missing', field: 'P2', a: 30, b: null }],
      effect: { P2: 30 },
    });
  });

  it('place_differs: the place codes differ', () => {
    const r = compare(side([acta('000001')]), side([acta('000001', { place: '010102' })]));
    expect(r.disagreements[0]?.reasons).toEqual([
      { reason: 'place_differs', a: '010101', b: '010102' },
    ]);
    expect(r.disagreements[0]?.effect).toEqual({});
  });

  it('sum_mismatch_a / sum_mismatch_b: Σ votes ≠ voters in one source, with both numbers', () => {
    const off = acta('000001', { votes: [61, 30] });
    const ra = compare(side([off]), side([acta('000001')]));
    expect(ra.disagreements[0]?.reasons).toEqual([
      { reason: 'count_differs', field: 'P1', a: 61, b: 60 },
      { reason: 'sum_mismatch_a', votes: 101, voters: 100 },
    ]);
    const rb = compare(side([acta('000001')]), side([off]));
    expect(rb.disagreements[0]?.reasons.at(-1)).toEqual({
      reason: 'sum_mismatch_b',
      votes: 101,
      voters: 100,
    });
    // the same wrong sheet in both sources: they agree on it, and both sums are reported
    const both = compare(side([off]), side([off]));
    expect(both.disagreements[0]?.reasons.map((x) => x.reason)).toEqual([
      'sum_mismatch_a',
      'sum_mismatch_b',
    ]);
    expect(both.disagreements[0]?.effect).toEqual({});
  });

  it('a sum with a missing figure is not checked, nor one without voters', () => {
    const r = compare(
      side([acta('000001', { null: null }), acta('000002', { voters: null })]),
      side([acta('000001', { null: null }), acta('000002', { voters: null })]),
    );
    expect(r.disagreements).toEqual([]);
  });

  it('a field one source does not carry is not compared, and is named', () => {
    const r = compare(
      side([acta('000001')]),
      side([acta('000001', { impugned: null, place: null, eligible: 1 })], {
        ...ALL,
        impugned: false,
        place: false,
        eligible: false,
      }),
    );
    expect(r.disagreements).toEqual([]);
    expect(r.fields).toEqual(['P1', 'P2', 'voters', 'blank', 'null']);
    expect(r.notCompared).toEqual(['impugned', 'eligible', 'place']);
  });

  it('the net effects by reason add up to the total, and the order never depends on the input', () => {
    const a = [
      acta('000003'),
      acta('000001', { votes: [50, 40] }),
      acta('000002', { state: 'jee', stateLabel: 'OBSERVADA' }),
      acta('000005'),
    ];
    const b = [
      acta('000004'),
      acta('000002', { votes: [10, 80] }),
      acta('000001', { votes: [60, 30], blank: 4 }),
      acta('000003', { votes: [60, null] }),
    ];
    const r = compare(side(a), side(b));
    expect(r.disagreements.map((d) => [d.mesa, d.primary])).toEqual([
      ['000001', 'count_differs'],
      ['000002', 'state_differs'],
      ['000003', 'count_missing'],
      ['000004', 'missing_in_a'],
      ['000005', 'missing_in_b'],
    ]);
    for (const n of r.net)
      expect(Object.values(n.byReason).reduce((s, x) => s + x, 0)).toBe(n.total);
    expect(r.net.find((n) => n.field === 'P1')?.total).toBe(-10 + 50 + 0 - 60 + 60);
    expect(compare(side([...a].reverse()), side([...b].reverse()))).toEqual(r);
    expect(r.reasons.map((x) => x.reason)).toEqual([...COMPARE_REASONS]);
    expect(r.reasons.reduce((s, x) => s + x.primary, 0)).toBe(r.mesas.disagree);
  });

  it('a mesa repeated in a source is read once, by its first reading', () => {
    const r = compare(
      side([acta('000001'), acta('000001', { votes: [0, 0] })]),
      side([acta('000001')]),
    );
    expect(r.mesas).toMatchObject({ a: 1, disagree: 0 });
  });

  it("unit: only the mesas either reading places in it (a ubigeo's department, province or district)", () => {
    const a = side([
      acta('000001', { place: '060701' }),
      acta('000002', { place: '150101', votes: [61, 30] }),
      acta('000003', { place: '060801', votes: [59, 30] }),
    ]);
    const b = side([
      acta('000001', { place: '060701', votes: [50, 40] }),
      acta('000002', { place: '060702' }),
      acta('000003', { place: '060801' }),
    ]);
    const mesas = (unit: string) =>
      compareActaSources({ choices: ['P1', 'P2'], unit, a, b }).disagreements.map((d) => d.mesa);
    expect(mesas('06')).toEqual(['000001', '000002', '000003']); // 000002: B places it in 06
    expect(mesas('0607')).toEqual(['000001', '000002']);
    expect(mesas('060801')).toEqual(['000003']);
    expect(mesas('15')).toEqual(['000002']);
    const r = compareActaSources({ choices: ['P1', 'P2'], unit: '060801', a, b });
    expect(r.mesas.compared).toBe(1);
    expect(r.net.find((n) => n.field === 'P1')?.total).toBe(-1);
  });
});
