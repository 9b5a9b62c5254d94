import { describe, expect, it } from 'vitest';
import { requireJurisdiction, type LoadedJurisdiction } from '../jurisdictions/load.js';
import type { PlaceNames } from '../store/store.js';
import { unitNamer } from './documents.js';

const PE = requireJurisdiction('pe');
const ES = requireJurisdiction('es');

/** A jurisdiction as `j`'s file says it, but with other words for its place code. */
function withPlaceLabels(j: LoadedJurisdiction, labels: { es: string; en: string }) {
  const file = { ...j.file, place: { ...j.file.place, labels } };
  return { ...j, file } as LoadedJurisdiction;
}

/** Names as ONPE's file gives them (abroad: continent, country, city). */
const SOURCE = new Map<string, PlaceNames>([
  ['140137', { department: 'LIMA', province: 'LIMA', district: 'SANTIAGO DE SURCO' }],
  ['921001', { department: 'AMERICA', province: 'ARGENTINA', district: 'BUENOS AIRES' }],
]);

describe('unitNamer', () => {
  it("names a level's units from its names table (circunscripción, ámbito, the nation)", () => {
    const name = unitNamer(PE, SOURCE);
    expect(name('circunscripcion', '15')).toBe('Lima Metropolitana');
    expect(name('circunscripcion', '27')).toBe('Peruanos Residentes en el Extranjero');
    expect(name('ambito', 'PERU')).toBe('PERÚ');
    expect(name('national', 'PE')).toBe('TOTAL');
    expect(name('circunscripcion', '99')).toBe('99');
  });

  it("names place levels from the sources' names first, with their coarser levels", () => {
    const name = unitNamer(PE, SOURCE);
    expect(name('department', '14')).toBe('LIMA');
    expect(name('province', '1401')).toBe('LIMA, LIMA');
    expect(name('district', '140137')).toBe('SANTIAGO DE SURCO, LIMA, LIMA');
    expect(name('district', '921001')).toBe('BUENOS AIRES, ARGENTINA, AMERICA');
    expect(name('mesa', '000123', '140137')).toBe('Mesa 000123 — SANTIAGO DE SURCO, LIMA');
  });

  it('falls back to the place table where the sources named nothing, else the code', () => {
    const name = unitNamer(PE, SOURCE);
    expect(name('district', '010101')).toBe('CHACHAPOYAS, CHACHAPOYAS, AMAZONAS');
    expect(name('department', '24')).toBe('CALLAO');
    expect(name('mesa', '000001', '010102')).toBe('Mesa 000001 — ASUNCION, CHACHAPOYAS');
    expect(name('district', '930101')).toBe('930101');
    expect(name('mesa', '000002', '930101')).toBe('Mesa 000002');
    expect(name('mesa', '000003')).toBe('Mesa 000003');
    expect(unitNamer(PE, new Map())('department', '14')).toBe('LIMA');
  });

  it("names what the sources did not through the jurisdiction's one namer (j.unitName)", () => {
    const name = unitNamer(PE, new Map());
    // a unit of each place level as the loaded jurisdiction names it, with its coarser ones
    expect(PE.unitName('province', '0101')).toBe('CHACHAPOYAS');
    expect(name('province', '0101')).toBe(`CHACHAPOYAS, ${PE.unitName('department', '01')}`);
    // a place the table lacks (a district newer than it): the units it lies in that the table
    // names, its province and department (before: no names at all); the district itself, its code
    // — in the mesa's label too (s31: "Mesa 000004 — CHACHAPOYAS, AMAZONAS" read as the capital)
    expect(name('mesa', '000004', '010199')).toBe(
      'Mesa 000004 — ubigeo 010199, CHACHAPOYAS, AMAZONAS',
    );
    expect(name('district', '010199')).toBe('010199');
  });

  it("says a mesa's unnamed district by its code, before its province's names (s31)", () => {
    // a source that names the province and department but not the district
    const name = unitNamer(
      PE,
      new Map([['140199', { department: 'LIMA', province: 'LIMA', district: '' }]]),
    );
    expect(name('mesa', '000005', '140199')).toBe('Mesa 000005 — ubigeo 140199, LIMA, LIMA');
    // a named district keeps its two finest names
    expect(name('mesa', '000006', '140101')).toBe('Mesa 000006 — LIMA, LIMA');
  });

  it("says the place code's word in the reader's language: Peru's ubigeo in both", () => {
    const name = unitNamer(PE, new Map());
    const es = 'Mesa 000004 — ubigeo 010199, CHACHAPOYAS, AMAZONAS';
    expect(name('mesa', '000004', '010199')).toBe(es);
    expect(name('mesa', '000004', '010199', 'es')).toBe(es);
    expect(name('mesa', '000004', '010199', 'en')).toBe(es);
  });

  it("says a place code's word from the jurisdiction's labels in each language (Spain's)", () => {
    // Spain's one place level, the municipality, leaves no coarser name to say beside its code
    // (an unnamed municipality's mesa is "Mesa X"): Peru's levels with Spain's words for the code
    const j = withPlaceLabels(PE, ES.file.place.labels);
    expect(ES.file.place.labels).toEqual({
      es: 'código INE del municipio',
      en: 'INE municipality code',
    });
    const name = unitNamer(j, new Map());
    expect(name('mesa', '000004', '010199', 'en')).toBe(
      'Mesa 000004 — INE municipality code 010199, CHACHAPOYAS, AMAZONAS',
    );
    expect(name('mesa', '000004', '010199', 'es')).toBe(
      'Mesa 000004 — código INE del municipio 010199, CHACHAPOYAS, AMAZONAS',
    );
    expect(unitNamer(ES, new Map())('mesa', '01-001-A', '28999', 'en')).toBe('Mesa 01-001-A');
  });

  it("maps a source's names to the place levels from the finest up (Spain: the municipality)", () => {
    const name = unitNamer(
      ES,
      new Map([['28079', { department: 'MADRID', province: 'MADRID', district: 'Madrid' }]]),
    );
    expect(name('municipality', '28079')).toBe('Madrid');
    expect(name('province', '28')).toBe('Madrid');
    expect(name('community', '13')).toBe('Comunidad de Madrid');
    expect(name('municipality', '08019')).toBe('08019');
  });
});
