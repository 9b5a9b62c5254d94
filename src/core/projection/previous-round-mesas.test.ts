import { describe, expect, it } from 'vitest';
import type { Acta } from '../model/acta.js';
import { columnsFromActas } from '../tally/acta-columns.js';
import { priorsOf } from '../../../scripts/lib/calibration.js';
import { mesasToCome, priorsByMesa, priorsToCome, type ProjectionPlaces } from './frame-mesas.js';

const acta = (mesa: string, ubigeo: string, over: Partial<Acta> = {}): Acta => ({
  election: 'r1',
  mesa,
  ubigeo,
  state: 'counted',
  stateLabel: 'CONTABILIZADA',
  eligible: 300,
  voters: 200,
  votes: [120, 60, 10],
  blank: 6,
  null: 3,
  impugned: 1,
  ...over,
});

// a first round of three choices: two mesas in department 01, one in 02, one pending in 02
const FIRST_ROUND_ACTAS: Acta[] = [
  acta('000001', '010101'),
  acta('000002', '010102', { votes: [10, 150, 20], eligible: 250 }),
  acta('000003', '020101', { votes: [50, 50, 50], blank: 0, null: 0, impugned: 0 }),
  acta('000004', '020101', {
    state: 'pending',
    stateLabel: 'PENDIENTE',
    votes: null,
    voters: null,
    blank: 0,
    null: 0,
    impugned: 0,
  }),
];
const FIRST_ROUND = columnsFromActas(FIRST_ROUND_ACTAS, 3);
const department = (place: string): string => place.slice(0, 2);

describe('the previous round per mesa', () => {
  it('gives each mesa that counted then its votes, electors and votes emitted, by number', () => {
    const m = priorsByMesa(FIRST_ROUND);
    expect([...m.keys()]).toEqual(['000001', '000002', '000003']);
    expect(m.get('000001')).toEqual({ votes: [120, 60, 10], eligible: 300, emitted: 200 });
    expect(m.get('000003')).toEqual({ votes: [50, 50, 50], eligible: 300, emitted: 150 });
  });

  it('is the same per mesa for the calibration (from actas) as for the projection (from columns)', () => {
    // a pending acta with figures counts where the election says so: both must follow it
    const withPending: Acta[] = [
      ...FIRST_ROUND_ACTAS.slice(0, 3),
      acta('000004', '020101', { state: 'pending', stateLabel: 'PENDIENTE', votes: [1, 2, 3] }),
    ];
    for (const pending of [false, true]) {
      const { byMesa, byUnit } = priorsOf(withPending, pending);
      expect(byMesa).toEqual(priorsByMesa(columnsFromActas(withPending, 3), pending));
      expect(byMesa.has('000004')).toBe(pending);
      // per unit: electors of every mesa, votes of those that counted
      expect(byUnit.get('02')).toEqual({
        votes: pending ? [51, 52, 53] : [50, 50, 50],
        eligible: 600,
        emitted: pending ? 166 : 150,
      });
    }
  });

  it('sums per unit the previous round of the mesas the count does not hold yet', () => {
    const held = new Set(['000001']);
    const [toCome] = priorsToCome(FIRST_ROUND, [department], (m) => held.has(m));
    // department 01: only mesa 000002 is still to come; 02: mesa 000003 (000004 did not count)
    expect(toCome?.get('01')).toEqual({ votes: [10, 150, 20], eligible: 250, emitted: 190 });
    expect(toCome?.get('02')).toEqual({ votes: [50, 50, 50], eligible: 300, emitted: 150 });
    // nothing to come where every mesa is held
    const [all] = priorsToCome(FIRST_ROUND, [department], () => true);
    expect(all?.size).toBe(0);
  });

  it('sums a level and its fallback in one pass, each as on its own', () => {
    const held = (m: string): boolean => m === '000001';
    const district = (place: string): string => place;
    const [byDistrict, byDepartment] = priorsToCome(FIRST_ROUND, [district, department], held);
    expect(byDepartment).toEqual(priorsToCome(FIRST_ROUND, [department], held)[0]);
    expect([...(byDistrict?.keys() ?? [])]).toEqual(['010102', '020101']);
    expect(byDistrict?.get('010102')).toEqual({
      votes: [10, 150, 20],
      eligible: 250,
      emitted: 190,
    });
    expect(byDepartment?.get('01')).toEqual(byDistrict?.get('010102'));
  });

  it('gives each mesa to come of a unit that unit’s previous round as its covariates', () => {
    const prior = { votes: [10, 150, 20], eligible: 250, emitted: 190 };
    const places: ProjectionPlaces = {
      unitCoder: () => department,
      unitName: () => undefined,
      electoralDistricts: 'department',
      projectionGroups: 'province',
    };
    const mesas = mesasToCome(
      [
        { place: '010000', actas: 2, eligible: 501, prior },
        { place: '020000', actas: 1, eligible: 300 },
      ],
      places,
    );
    expect(mesas.map((m) => [m.eligible, m.prior])).toEqual([
      [251, prior],
      [250, prior],
      [300, undefined],
    ]);
  });
});
