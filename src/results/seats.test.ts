import { describe, expect, it } from 'vitest';
import type { PublishedSeatsFile } from '../core/model/manifest.js';
import type { ListRuleset } from '../core/rulesets/ruleset.js';
import { loadRuleset } from '../elections/rulesets.js';
import type { ResultUnit } from './documents.js';
import { votesFromDistrictUnits, seatDifferences, seatsFrom, seatsNote } from './seats.js';

const rs = loadRuleset('pe-2026-senado');
if (!rs.ok || rs.value.kind !== 'list') throw new Error('pe-2026-senado');
const SENATE: ListRuleset = rs.value;

/** A published unit with the fields votesFromDistrictUnits reads. */
function unit(level: string, code: string, name: string, votes: Record<string, number>) {
  return {
    level,
    code,
    name,
    blank: 10,
    null: 20,
    choices: Object.entries(votes).map(([party, v]) => ({
      id: party,
      label: party,
      party,
      votes: v,
    })),
  } as unknown as ResultUnit;
}

describe('votesFromDistrictUnits(ruleset, districtUnits, units, withBlank)', () => {
  it("maps a level's units by code and a named unit by a district's alias; other levels are not read", () => {
    const r = votesFromDistrictUnits(
      SENATE,
      {
        level: 'circunscripcion',
        by: 'code',
        units: [{ level: 'national', code: 'PE', district: 'DEU' }],
      },
      [
        unit('circunscripcion', '15', 'Lima', { A: 5, B: 3 }),
        unit('national', 'PE', 'TOTAL', { A: 9 }),
        unit('department', '15', 'LIMA', { A: 1000 }),
      ],
      true,
    );
    expect(r.issues).toEqual([]);
    expect(r.votes).toEqual([
      { district: 'Lima Metropolitana', party: 'A', votes: 5 },
      { district: 'Lima Metropolitana', party: 'B', votes: 3 },
      { district: 'NACIONAL', party: 'A', votes: 9 },
    ]);
    expect(r.districts).toHaveLength(SENATE.districts.length);
    expect(r.districts?.find((d) => d.district === 'NACIONAL')).toEqual({
      district: 'NACIONAL',
      seats: 30,
      blank: 10,
      null: 20,
      electorate: undefined,
    });
    expect(r.districts?.find((d) => d.district === 'Amazonas')?.blank).toBeUndefined();
  });

  it('by name matches names and aliases; a unit that is no district is unknown_district; no blank for valid-only sources', () => {
    const r = votesFromDistrictUnits(
      SENATE,
      { level: 'department', by: 'name', units: [] },
      [unit('department', '15', 'LIMA', { A: 5 }), unit('department', '99', 'Atlantis', { A: 1 })],
      false,
    );
    expect(r.votes).toEqual([{ district: 'Lima Metropolitana', party: 'A', votes: 5 }]);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_district', ['districtUnits', 'department', '99']],
    ]);
    expect(r.districts).toBeUndefined();
  });
});

const REPORTED: PublishedSeatsFile = {
  kind: 'third-party',
  source: 'a simulator',
  totalSeats: 5,
  seats: { fp: 3, 'juntos por el perú': 2 },
  passed: [],
  seatsByDistrict: {},
};

describe('seatDifferences(computed, reported, choices)', () => {
  it('reads a reported key as a choice id (its party) or a party name (case and spacing aside)', () => {
    const choices = [{ id: 'fp', label: 'Fuerza Popular', party: 'FUERZA POPULAR' }];
    expect(
      seatDifferences(
        { 'FUERZA POPULAR': 2, 'JUNTOS POR EL PERÚ': 2, 'RENOVACIÓN POPULAR': 1 },
        REPORTED,
        choices,
      ),
    ).toEqual([
      { party: 'FUERZA POPULAR', computed: 2, reported: 3, difference: -1 },
      { party: 'JUNTOS POR EL PERÚ', computed: 2, reported: 2, difference: 0 },
      { party: 'RENOVACIÓN POPULAR', computed: 1, reported: 0, difference: 1 },
    ]);
  });
});

/** Peru's figures: es-PE in both languages (data/jurisdictions/pe: locale). */
const PE = { es: 'es-PE', en: 'es-PE' };

describe('seatsFrom(figures, locales)', () => {
  const figures = {
    status: { kind: 'provisional' as const, pctCounted: '66.667', cut: 'May' },
    pctOf: 'actas-processed' as const,
    asOf: 'May',
    source: { es: 'una fuente', en: 'a source' },
    provenance: 'x/PROVENANCE.md',
  };
  // session 29: the sentence said "(66.667 % de actas)" whatever the % was of
  it("names what a provisional figure's % is of, as its figures say (pctOf)", () => {
    expect(seatsFrom(figures, PE)).toEqual({
      es: 'las cifras provisionales (66.667 % de actas procesadas) al May (una fuente)',
      en: 'provisional figures (66.667 % of actas processed) as of May (a source)',
    });
    expect(seatsFrom({ ...figures, pctOf: 'actas-counted' }, PE).es).toContain(
      '(66.667 % de actas contabilizadas)',
    );
  });
});

describe('seatsNote(rules, figures, reported, differences, locales)', () => {
  const figures = {
    status: {
      kind: 'computed-by-cifra' as const,
      from: { es: 'los votos al 86 %', en: 'votes at 86 %' },
    },
    pctOf: null,
    asOf: 'May',
    source: { es: 'una captura', en: 'a capture' },
    provenance: 'x/PROVENANCE.md',
  };
  it('names the ruleset and the figures; without a reported composition, nothing more', () => {
    expect(seatsNote('r', figures, null, [], PE)).toEqual({
      es: 'Escaños calculados por cifra con las reglas r a partir de los votos al 86 %.',
      en: 'Seats computed by cifra with the ruleset r from votes at 86 %.',
    });
  });
  it("lists the parties that differ, then the reported source's own note", () => {
    const note = seatsNote(
      'r',
      figures,
      {
        ...REPORTED,
        note: { es: 'No es la final.', en: 'Not final.' },
      },
      [
        { party: 'A', computed: 2, reported: 3, difference: -1 },
        { party: 'B', computed: 1, reported: 1, difference: 0 },
      ],
      PE,
    );
    expect(note).toEqual({
      es: 'Escaños calculados por cifra con las reglas r a partir de los votos al 86 %. Al lado, la composición reportada por una fuente de un tercero (a simulator): 1 lista difiere (A 2 aquí, 3 reportados). No es la final.',
      en: 'Seats computed by cifra with the ruleset r from votes at 86 %. Beside them, the composition reported by a third-party source (a simulator): 1 list differs (A 2 here, 3 reported). Not final.',
    });
  });
  it("says 'an official source' in English (review 6 read 'a official')", () => {
    const note = seatsNote('r', figures, { ...REPORTED, kind: 'official' as const }, [], PE);
    expect(note.en).toContain('reported by an official source (a simulator): the same seats');
    expect(note.es).toContain('reportada por una fuente oficial (a simulator)');
  });
});

describe("a provisional count's % of actas in the seats note", () => {
  const provisional = {
    status: { kind: 'provisional' as const, pctCounted: '86.123', cut: '2026-05-11' },
    pctOf: 'actas-processed' as const,
    asOf: '11 May',
    source: { es: 'ONPE', en: 'ONPE' },
    provenance: 'x/PROVENANCE.md',
  };
  it("with the jurisdiction's decimal separator: Spain's comma, never read as 86 thousand", () => {
    const note = seatsNote('r', provisional, null, [], {
      es: 'es-ES',
      en: 'es-ES',
    });
    expect(note.es).toContain(
      'a partir de las cifras provisionales (86,123 % de actas procesadas) al 11 May',
    );
    expect(note.en).toContain(
      'from provisional figures (86,123 % of actas processed) as of 11 May',
    );
  });
  it("Peru's point, as before", () => {
    expect(seatsNote('r', { ...provisional, pctOf: 'actas-counted' }, null, [], PE).es).toContain(
      '(86.123 % de actas contabilizadas)',
    );
  });
});
