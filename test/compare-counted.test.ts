// The cross-check's two sums: `net` adds the actas' figures whatever their state; `counted` adds
// only what each source counts (actaCounts: an acta at the JEE or pending counts nothing, an
// annulled acta books its votes as null) — so a pending acta with figures in one source and
// counted in the other moves `counted`, not `net`. Expected values worked by hand from the rules.
import { describe, expect, it } from 'vitest';
import {
  compareActaSources,
  type CompareSide,
  type SourceActa,
} from '../src/core/tally/compare.js';
import { ALL_CARRIED } from '../src/ingest/read-source.js';

function acta(mesa: string, state: SourceActa['state'], p1: number, p2: number): SourceActa {
  return {
    mesa,
    place: '010101',
    state,
    stateLabel: state ?? '',
    votes: [p1, p2],
    voters: p1 + p2 + 2,
    blank: 1,
    null: 1,
    impugned: 0,
    eligible: 300,
  };
}

const side = (actas: SourceActa[], state = true): CompareSide => ({
  actas,
  carries: { ...ALL_CARRIED, state },
});

const A = [
  acta('000001', 'pending', 50, 20), // figures on a pending acta
  acta('000002', 'annulled', 40, 10), // annulled: its 52 voters booked as null votes
  acta('000003', 'jee', 30, 30),
  acta('000004', 'counted', 70, 5),
];
const B = [
  acta('000001', 'counted', 50, 20),
  acta('000002', 'counted', 40, 10),
  acta('000003', 'counted', 30, 30),
  acta('000004', 'counted', 69, 5), // a transcription difference on a counted acta
];
const total = (c: ReturnType<typeof compareActaSources>, field: string) =>
  c.counted?.find((n) => n.field === field)?.total;

describe('compareActaSources: what each source counts', () => {
  it('a pending, an annulled and a JEE acta with the same figures move the counted sums, not net', () => {
    const c = compareActaSources({ choices: ['P1', 'P2'], a: side(A), b: side(B) });
    expect(c.net.find((n) => n.field === 'P1')?.total).toBe(1);
    // A counts only 000004 (70) and 000002 as null; B counts all four (50 + 40 + 30 + 69)
    expect(total(c, 'P1')).toBe(70 - (50 + 40 + 30 + 69));
    expect(total(c, 'P2')).toBe(5 - (20 + 10 + 30 + 5));
    // null: A's annulled acta books its 52 voters, plus 000004's 1; B's four actas 1 each
    expect(total(c, 'null')).toBe(52 + 1 - 4);
    expect(total(c, 'voters')).toBe(52 + 77 - (72 + 52 + 62 + 76));
  });

  it('where the election counts pending figures, the pending acta counts in A too', () => {
    const c = compareActaSources({
      choices: ['P1', 'P2'],
      pendingFiguresCount: true,
      a: side(A),
      b: side(B),
    });
    expect(total(c, 'P1')).toBe(50 + 70 - (50 + 40 + 30 + 69));
  });

  it('is null when a source carries no state (what it counts is unknown)', () => {
    const c = compareActaSources({ choices: ['P1', 'P2'], a: side(A), b: side(B, false) });
    expect(c.counted).toBeNull();
    expect(c.net.find((n) => n.field === 'P1')?.total).toBe(1);
  });
});
