// The dashboard search's matcher (web/search-match.ts): each word of a query in any field of an
// item, accents and case aside, and how many hits there are beyond those listed.
import { describe, expect, it } from 'vitest';
import { fold, holdsAll, queryWords, searchItems } from '../web/search-match.js';

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

  it('a query without words matches nothing', () => {
    expect(holdsAll([], ['ANY'])).toBe(false);
    expect(searchItems(PLACES, fields, ' - ', 8)).toEqual({ hits: [], total: 0 });
  });
});
