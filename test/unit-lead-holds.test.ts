// A unit's leader "for good" on the map (unitLeadHolds): the lead must be larger than the votes
// still out there (the electors of its actas not in), the bound the national `decided` uses; at
// equality, unknown votes out, or a remainder holding votes, it is only "lidera".
import { describe, expect, it } from 'vitest';
import { unitLeadHolds } from '../src/results/leaders.js';

const def = { choices: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'OTROS', remainder: true }] };
const votes = (a: number, b: number, c = 0, otros = 0) => [
  { id: 'A', votes: a },
  { id: 'B', votes: b },
  { id: 'C', votes: c },
  { id: 'OTROS', votes: otros },
];

describe('unitLeadHolds', () => {
  it('holds when the lead over the runner-up is larger than the votes still out', () => {
    expect(unitLeadHolds(def, votes(560, 0), 300)).toBe(true);
    expect(unitLeadHolds(def, votes(90, 400, 10), 300)).toBe(true);
  });
  it('does not hold at equality: every vote out to the runner-up would tie', () => {
    expect(unitLeadHolds(def, votes(400, 100), 300)).toBe(false);
    expect(unitLeadHolds(def, votes(401, 100), 300)).toBe(true);
  });
  it('reads the runner-up, not the third', () => {
    expect(unitLeadHolds(def, votes(500, 300, 0), 250)).toBe(false);
  });
  it('a complete unit (nothing out) holds any lead, never a tie', () => {
    expect(unitLeadHolds(def, votes(11, 10), 0)).toBe(true);
    expect(unitLeadHolds(def, votes(10, 10), 0)).toBe(false);
    expect(unitLeadHolds(def, votes(0, 0), 0)).toBe(false);
  });
  it('never where the votes still out are unknown (a published aggregate)', () => {
    expect(unitLeadHolds(def, votes(900, 0), null)).toBe(false);
    expect(unitLeadHolds(def, votes(900, 0), undefined)).toBe(false);
  });
  it('never while a remainder holds votes: a list it stands for may be ahead', () => {
    expect(unitLeadHolds(def, votes(900, 0, 0, 1), 0)).toBe(false);
  });
});
