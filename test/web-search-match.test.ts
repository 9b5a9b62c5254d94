// The dashboard search's matcher (web/search-match.ts): each word of a query in any field of an
// item, accents and case aside, and how many hits there are beyond those listed.
import { describe, expect, it } from 'vitest';
import {
  fold,
  holdsAll,
  queryWords,
  searchIn,
  searchIndex,
  searchItems,
  together,
} from '../web/search-match.js';

/** Polling places as polling-places.json lists them, with their district's names beside. */
const PLACES = [
  {
    name: 'IE 18002 MARIA AUXILIADORA',
    address: 'JR PIURA SN',
    where: ['AMAZONAS', 'CHACHAPOYAS', 'CHACHAPOYAS'],
  },
  { name: 'IE MARÍA AUXILIADORA', address: 'AV GRAU 120', where: ['LIMA', 'LIMA', 'BREÑA'] },
  {
    name: 'EBE MONSEÑOR OCTAVIO ORTIZ ARRIETA',
    address: 'JR SALAMANCA 595',
    where: ['AMAZONAS', 'CHACHAPOYAS', 'CHACHAPOYAS'],
  },
  {
    name: 'IE OCTAVIO ORTIZ ARRIETA',
    address: 'JR LIBERTAD 10',
    where: ['AMAZONAS', 'CHACHAPOYAS', 'HUANCAS'],
  },
];
const fields = (p: (typeof PLACES)[number]): string[] => [p.name, p.address, ...p.where];
const names = (q: string, limit = 8): string[] =>
  searchItems(PLACES, fields, q, limit).hits.map((p) => p.name);

describe('the search matcher', () => {
  it('folds accents and case, and splits a query into its words', () => {
    expect(fold('Breña, Perú')).toBe('BRENA, PERU');
    expect(queryWords('  maría-auxiliadora,  Chachapoyas ')).toEqual([
      'MARIA',
      'AUXILIADORA',
      'CHACHAPOYAS',
    ]);
    expect(queryWords(' ,; ')).toEqual([]);
  });

  it("finds a polling place by its name and its district's, each word in any field", () => {
    expect(names('maria auxiliadora chachapoyas')).toEqual(['IE 18002 MARIA AUXILIADORA']);
    expect(names('Auxiliadora BREÑA')).toEqual(['IE MARÍA AUXILIADORA']);
    expect(names('monsenor octavio')).toEqual(['EBE MONSEÑOR OCTAVIO ORTIZ ARRIETA']);
    // the words in any order, across name, address and district
    expect(names('huancas arrieta libertad')).toEqual(['IE OCTAVIO ORTIZ ARRIETA']);
    expect(names('octavio lima')).toEqual([]);
  });

  it('matches the start of a word, not any part of one', () => {
    // "IE" is in "ARRIETA", but starts no word of Monseñor Octavio Ortiz Arrieta's school
    expect(names('ie')).toEqual([
      'IE 18002 MARIA AUXILIADORA',
      'IE MARÍA AUXILIADORA',
      'IE OCTAVIO ORTIZ ARRIETA',
    ]);
    expect(names('18002 auxil')).toEqual(['IE 18002 MARIA AUXILIADORA']);
    expect(names('ilia')).toEqual([]);
  });

  it('says how many it found beyond the ones it lists, in the items’ order', () => {
    const found = searchItems(PLACES, fields, 'ie', 2);
    expect(found.hits.map((p) => p.address)).toEqual(['JR PIURA SN', 'AV GRAU 120']);
    expect(found.total).toBe(3);
  });

  it('lists first the items with the words together in one field', () => {
    // "IE MARÍA" together in the second name, apart in the first ("IE 18002 MARIA")
    expect(names('ie maria')).toEqual(['IE MARÍA AUXILIADORA', 'IE 18002 MARIA AUXILIADORA']);
    expect(names('ie maria', 1)).toEqual(['IE MARÍA AUXILIADORA']);
    // together in both, or apart in both: the items' order
    expect(names('maria auxiliadora')).toEqual([
      'IE 18002 MARIA AUXILIADORA',
      'IE MARÍA AUXILIADORA',
    ]);
    expect(names('auxiliadora ie')).toEqual(['IE 18002 MARIA AUXILIADORA', 'IE MARÍA AUXILIADORA']);
  });

  it('ranks words together only from the start of a word, and a number only whole', () => {
    const ps = [
      { name: 'IE JUAN JOSE', address: 'JR ANCASH 10', where: [] },
      { name: 'IE AN JOSE', address: '', where: [] },
    ];
    const f = (p: (typeof ps)[number]): string[] => [p.name, p.address, ...p.where];
    const rank = (items: typeof ps, q: string): string[] =>
      searchItems(items, f, q, 8).hits.map((p) => p.name);
    // "AN JOSE" is inside "JUAN JOSE", but "AN" starts no word there (it starts "ANCASH")
    expect(rank(ps, 'an jose')).toEqual(['IE AN JOSE', 'IE JUAN JOSE']);
    // a last word still being typed is together ("jos"), a number is not ("123" is not "1234")
    expect(rank(ps, 'an jos')).toEqual(['IE AN JOSE', 'IE JUAN JOSE']);
    const schools = [
      { name: 'IE 1234 SAN JUAN', address: '', where: [] },
      { name: 'IE 123 SANTA ROSA', address: '', where: [] },
    ];
    expect(rank(schools, 'ie 123')).toEqual(['IE 123 SANTA ROSA']);
    expect(rank(schools, '123')).toEqual(['IE 123 SANTA ROSA']);
    expect(together(['IE', '123'], ['IE', '1234'])).toBe(false);
    expect(together(['IE', '12'], ['IE', '12'])).toBe(true);
  });

  it('reads abbreviations with or without dots, and drops the marks of a number', () => {
    // as the 2021 polling places (ronderos' v2_TNOMB_LOCAL) write them
    expect(queryWords('I.E. N° 016 EMILIA')).toEqual(['IE', '016', 'EMILIA']);
    expect(queryWords('I.E.N° 123')).toEqual(['IE', '123']);
    expect(queryWords('IE Nº 18182')).toEqual(['IE', '18182']);
    expect(queryWords('IE N.º 31340 – PRIMARIA')).toEqual(['IE', '31340', 'PRIMARIA']);
    expect(queryWords('IEI Nª64315')).toEqual(['IEI', '64315']);
    expect(queryWords('IEI NRO. 306')).toEqual(['IEI', '306']);
    expect(queryWords('I.E.N. 501392')).toEqual(['IE', '501392']);
    expect(queryWords('IE N254 OLIMPIA')).toEqual(['IE', '254', 'OLIMPIA']);
    expect(queryWords('I.E.P.M.N° 60056')).toEqual(['IEPM', '60056']);
    expect(queryWords('I.E.18002')).toEqual(['IE', '18002']);
    // a word, or an initial before a surname, is left as it is
    expect(queryWords('JOHN F. KENNEDY N 2 NORTE')).toEqual(['JOHN', 'F', 'KENNEDY', '2', 'NORTE']);
    expect(queryWords('JR NAZCA 12')).toEqual(['JR', 'NAZCA', '12']);
    const ps = [
      { name: 'I.E. 123', address: '', where: [] },
      { name: 'I.E.N° 123', address: '', where: [] },
      { name: 'IE N° 123', address: '', where: [] },
      { name: 'I.E.P. 1234', address: '', where: [] },
    ];
    const f = (p: (typeof ps)[number]): string[] => [p.name, p.address, ...p.where];
    const found = (q: string): string[] => searchItems(ps, f, q, 8).hits.map((p) => p.name);
    for (const q of ['IE 123', 'ie n° 123', 'I.E. Nº 123', 'ie nro 123'])
      // "IE" starts "IEP", but "123" is a number, not "1234": another school
      expect(found(q)).toEqual(['I.E. 123', 'I.E.N° 123', 'IE N° 123']);
    expect(found('iep 1234')).toEqual(['I.E.P. 1234']);
    expect(found('iep 123')).toEqual([]);
  });

  it('an index folded once answers as the items folded per query', () => {
    const index = searchIndex(PLACES, fields);
    for (const q of ['ie maria', 'ie', 'chachapoyas', 'octavio lima', ''])
      expect(searchIn(index, q, 2)).toEqual(searchItems(PLACES, fields, q, 2));
  });

  it('matches a number whole, in any field: "IE 123" does not find address number 1239', () => {
    const ps = [
      { name: 'IE 123 SANTA ROSA', address: 'JR LIMA 45', where: ['LIMA'] },
      { name: 'IE SAN MARTIN', address: 'AV IE 1239', where: ['LIMA'] },
      { name: 'IE 5 DE MAYO', address: 'JR 123 NORTE', where: ['LIMA'] },
    ];
    const f = (p: (typeof ps)[number]): string[] => [p.name, p.address, ...p.where];
    const found = (q: string): string[] => searchItems(ps, f, q, 8).hits.map((p) => p.name);
    expect(found('IE 123')).toEqual(['IE 123 SANTA ROSA', 'IE 5 DE MAYO']);
    expect(found('1239')).toEqual(['IE SAN MARTIN']);
    expect(found('san mart')).toEqual(['IE SAN MARTIN']);
    expect(holdsAll(['12'], ['123'])).toBe(false);
    expect(holdsAll(['SAN'], ['SANTA'])).toBe(true);
  });

  it('matches a code (an ubigeo) by its start: its digits nest, a start is a region', () => {
    const councils = [
      { name: 'LIMA 2024', code: '140101' },
      { name: 'ANCON', code: '140102' },
      { name: 'CALLAO', code: '070101' },
    ];
    const found = (q: string): string[] =>
      searchItems(
        councils,
        (c) => [c.name],
        q,
        8,
        (c) => [c.code],
      ).hits.map((c) => c.name);
    expect(found('1401')).toEqual(['LIMA 2024', 'ANCON']);
    expect(found('140102')).toEqual(['ANCON']);
    expect(found('14 ancon')).toEqual(['ANCON']);
    // a number in a name is still matched whole: "20" is not the year 2024
    expect(found('20')).toEqual([]);
    expect(holdsAll(['1401'], ['LIMA'], ['140101'])).toBe(true);
    expect(holdsAll(['1402'], ['LIMA'], ['140101'])).toBe(false);
  });

  it('a query without words matches nothing', () => {
    expect(holdsAll([], ['ANY'])).toBe(false);
    expect(searchItems(PLACES, fields, ' - ', 8)).toEqual({ hits: [], total: 0 });
  });
});
