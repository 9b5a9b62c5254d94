// A unit's leader "for good" on the map (unitLeadHolds): the lead must be larger than the votes
// still out there (the electors of its actas not in and its impugned votes awaiting the JEE), the
// bound the national `decided` uses; at equality, unknown votes out, or a remainder holding votes,
// it is only "lidera".
import { describe, expect, it } from 'vitest';
import { unitLeadHolds } from '../src/results/leaders.js';

const def = { choices: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'OTROS', remainder: true }] };
const votes = (a: number, b: number, c = 0, otros = 0) => [
  { id: 'A', votes: a },
  { id: 'B', votes: b },
  { id: 'C', votes: c },
  { id: 'OTROS', votes: otros },
];

/** Electors still out, no impugned votes, no provisional figures. */
const out = (eligibleRemaining: number | null | undefined) => ({ eligibleRemaining, impugned: 0 });

describe('unitLeadHolds', () => {
  it('holds when the lead over the runner-up is larger than the votes still out', () => {
    expect(unitLeadHolds(def, votes(560, 0), out(300))).toBe(true);
    expect(unitLeadHolds(def, votes(90, 400, 10), out(300))).toBe(true);
  });
  it('does not hold at equality: every vote out to the runner-up would tie', () => {
    expect(unitLeadHolds(def, votes(400, 100), out(300))).toBe(false);
    expect(unitLeadHolds(def, votes(401, 100), out(300))).toBe(true);
  });
  it('reads the runner-up, not the third', () => {
    expect(unitLeadHolds(def, votes(500, 300, 0), out(250))).toBe(false);
  });
  it('a complete unit (nothing out) holds any lead, never a tie', () => {
    expect(unitLeadHolds(def, votes(11, 10), out(0))).toBe(true);
    expect(unitLeadHolds(def, votes(10, 10), out(0))).toBe(false);
    expect(unitLeadHolds(def, votes(0, 0), out(0))).toBe(false);
  });
  it('never where the votes still out are unknown (a published aggregate)', () => {
    expect(unitLeadHolds(def, votes(900, 0), out(null))).toBe(false);
    expect(unitLeadHolds(def, votes(900, 0), out(undefined))).toBe(false);
  });
  it('never while a remainder holds votes: a list it stands for may be ahead', () => {
    expect(unitLeadHolds(def, votes(900, 0, 0, 1), out(0))).toBe(false);
  });
  // diff review s33: a fully counted unit whose impugned votes the JEE has yet to rule on
  it('counts the impugned votes awaiting the JEE: a lead of 3 with 5 of them does not hold', () => {
    expect(unitLeadHolds(def, votes(103, 100), { eligibleRemaining: 0, impugned: 5 })).toBe(false);
    expect(unitLeadHolds(def, votes(106, 100), { eligibleRemaining: 0, impugned: 5 })).toBe(true);
    // electors still out and impugned votes add up: 2 + 5 = 7 against a lead of 7
    expect(unitLeadHolds(def, votes(107, 100), { eligibleRemaining: 2, impugned: 5 })).toBe(false);
    expect(unitLeadHolds(def, votes(108, 100), { eligibleRemaining: 2, impugned: 5 })).toBe(true);
  });
  it('never where the impugned votes are unknown', () => {
    expect(unitLeadHolds(def, votes(900, 0), { eligibleRemaining: 0, impugned: null })).toBe(false);
  });
  it('never while pending actas count provisionally: their figures can still change', () => {
    const provisional = { eligibleRemaining: 0, impugned: 0, pendingWithFigures: 1 };
    expect(unitLeadHolds(def, votes(900, 0), provisional)).toBe(false);
    expect(unitLeadHolds(def, votes(900, 0), { ...provisional, pendingWithFigures: 0 })).toBe(true);
  });
});
