// The mesas the fit reads, built as fixed-shape literals, against the spread-built objects they
// replaced (kept here as the reference): the same fields, the same values, no `prior` key where
// there is none — and the frame fitted on them unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireJurisdiction } from '../../jurisdictions/load.js';
import { ACTA_STATES, actaCounts, type Acta } from '../model/acta.js';
import { columnsFromActas } from '../tally/acta-columns.js';
import {
  frameFromMesas,
  mesasFromActas,
  mesasFromColumns,
  mesasToCome,
  type ProjectionMesa,
  type ProjectionPlaces,
  type UnitToCome,
} from './frame-mesas.js';
import type { PriorFigures } from './prior.js';

const PE = requireJurisdiction('pe');
const C = 3;

function referencePlacer(j: ProjectionPlaces) {
  const group = j.unitCoder(j.projectionGroups);
  const region = j.unitCoder(j.electoralDistricts);
  return (place: string) => {
    const r = region(place);
    return {
      district: place,
      province: group(place),
      region: r,
      regionName: j.unitName(j.electoralDistricts, r) ?? r,
    };
  };
}

/** mesasFromActas as it was: each mesa spread from its place and an optional prior. */
function referenceFromActas(
  actas: readonly Acta[],
  choices: number,
  j: ProjectionPlaces,
  pending: boolean,
  priors: ReadonlyMap<string, PriorFigures>,
): ProjectionMesa[] {
  const placeOf = referencePlacer(j);
  return actas.map((a) => {
    const counts = actaCounts(a, pending);
    let figures: number[] | null = null;
    if (counts && a.votes !== null && a.state === 'annulled') {
      // an annulled acta's voters are null votes (LOE art. 363), its figures' sum if it has none
      figures = new Array<number>(choices + 2).fill(0);
      figures[choices + 1] =
        a.voters ??
        a.votes.slice(0, choices).reduce((x, y) => x + y, 0) + a.blank + a.null + a.impugned;
    } else if (counts && a.votes !== null) {
      figures = new Array<number>(choices + 2);
      for (let i = 0; i < choices; i++) figures[i] = a.votes[i] ?? 0;
      figures[choices] = a.blank;
      figures[choices + 1] = a.null + a.impugned;
    } else if (a.state === 'not_installed' || counts) {
      figures = new Array<number>(choices + 2).fill(0);
    }
    const prior = priors.get(a.mesa);
    return {
      ...placeOf(a.ubigeo),
      eligible: a.eligible,
      figures,
      ...(prior === undefined ? {} : { prior }),
    };
  });
}

/** mesasToCome as it was. */
function referenceToCome(units: readonly UnitToCome[], j: ProjectionPlaces): ProjectionMesa[] {
  const placeOf = referencePlacer(j);
  const out: ProjectionMesa[] = [];
  for (const u of units) {
    if (u.actas <= 0) continue;
    const place = placeOf(u.place);
    const base = Math.floor(u.eligible / u.actas);
    const extra = u.eligible - base * u.actas;
    const prior = u.prior === undefined ? {} : { prior: u.prior };
    for (let i = 0; i < u.actas; i++)
      out.push({ ...place, eligible: base + (i < extra ? 1 : 0), figures: null, ...prior });
  }
  return out;
}

// places in two departments, several provinces, a district that reappears after others
const UBIGEOS = ['020101', '020101', '020102', '020201', '150101', '150132', '020101'];
const prior: fc.Arbitrary<PriorFigures> = fc.record({
  votes: fc.array(fc.nat(300), { minLength: C, maxLength: C }),
  eligible: fc.integer({ min: 1, max: 400 }),
  emitted: fc.nat(400),
});
const acta = (i: number): fc.Arbitrary<Acta> =>
  fc.record({
    election: fc.constant('x'),
    mesa: fc.constant(String(i + 1).padStart(6, '0')),
    ubigeo: fc.constantFrom(...UBIGEOS),
    state: fc.constantFrom(...ACTA_STATES),
    stateLabel: fc.constant('X'),
    eligible: fc.nat(400),
    voters: fc.nat(400),
    votes: fc.option(fc.array(fc.nat(200), { minLength: C, maxLength: C }), { nil: null }),
    blank: fc.nat(20),
    null: fc.nat(20),
    impugned: fc.nat(3),
  });
const actas: fc.Arbitrary<Acta[]> = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => acta(i))));

describe('projection mesas as fixed-shape literals', () => {
  it('equal the spread-built mesas, from actas and from columns, and fit the same frame', () => {
    fc.assert(
      fc.property(
        actas,
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), prior), { maxLength: 10 }),
        (as, pending, ps) => {
          const priors = new Map(ps.map(([m, p]) => [String(m).padStart(6, '0'), p]));
          const want = referenceFromActas(as, C, PE, pending, priors);
          const got = mesasFromActas(as, C, PE, pending, priors);
          expect(got).toStrictEqual(want);
          expect(mesasFromColumns(columnsFromActas(as, C), PE, pending, priors)).toStrictEqual(
            want,
          );
          expect(frameFromMesas(got, ['A', 'B', 'C'])).toStrictEqual(
            frameFromMesas(want, ['A', 'B', 'C']),
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  it('equal the spread-built mesas to come', () => {
    const unit: fc.Arbitrary<UnitToCome> = fc
      .record({
        place: fc.constantFrom(...UBIGEOS, '140000'),
        actas: fc.integer({ min: -1, max: 6 }),
        eligible: fc.nat(2000),
        prior: fc.option(prior, { nil: undefined }),
      })
      .map(({ prior: p, ...u }) => (p === undefined ? u : { ...u, prior: p }));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), (units) => {
        expect(mesasToCome(units, PE)).toStrictEqual(referenceToCome(units, PE));
      }),
    );
  });
});
