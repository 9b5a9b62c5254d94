import { describe, expect, it } from 'vitest';
import { rulesetFromJson } from '../rulesets/compile.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import { seatDiff } from './seat-diff.js';
import { computeSeats, type SeatResult, type VoteRow } from './seats.js';

const file = (patch: Record<string, unknown> = {}): ListRuleset => {
  const r = rulesetFromJson({
    format: 'cifra-ruleset/1',
    id: 'two',
    label: 'Two districts',
    kind: 'list',
    totalSeats: 10,
    districts: [
      { name: 'Norte', seats: 6 },
      { name: 'Sur', seats: 4 },
    ],
    method: 'dhondt',
    threshold: { kind: 'share', share: '5%', source: 'test' },
    ...patch,
  });
  if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
  return r.value;
};

const votes: VoteRow[] = [
  { district: 'Norte', party: 'A', votes: 5000 },
  { district: 'Norte', party: 'B', votes: 3000 },
  { district: 'Norte', party: 'C', votes: 1500 },
  { district: 'Norte', party: 'D', votes: 400 },
  { district: 'Sur', party: 'A', votes: 2000 },
  { district: 'Sur', party: 'B', votes: 2600 },
  { district: 'Sur', party: 'C', votes: 900 },
  { district: 'Sur', party: 'D', votes: 500 },
];
const seats = (r: ListRuleset): SeatResult => computeSeats(r, { votes });

describe('seatDiff(before, after)', () => {
  it('is empty for the same result', () => {
    const r = seats(file());
    expect(seatDiff(r, r)).toEqual({
      baseline: { rules: 'two', totalSeats: 10 },
      lists: [],
      districts: [],
      entered: [],
      left: [],
    });
  });

  it('gives per list and per district seats before → after, and the lists that enter', () => {
    // 16 %: only A (7,000 of 15,900) and B (5,600) pass; D'Hondt gives Norte A 4 B 2, Sur A 2 B 2.
    // Sainte-Laguë with 5 % (D 5.66 % passes): Norte A 5000, B 3000, A 1667, C 1500, B 1000,
    // A 1000 → A 3 B 2 C 1; Sur B 2600, A 2000, C 900, B 867 → A 1 B 2 C 1
    const before = seats(file({ threshold: { kind: 'share', share: '16%', source: 'test' } }));
    const after = seats(file({ method: 'sainte-lague' }));
    expect(before.seats).toEqual({ A: 6, B: 4 });
    expect(after.seats).toEqual({ A: 4, B: 4, C: 2 });
    expect(seatDiff(before, after)).toEqual({
      baseline: { rules: 'two', totalSeats: 10 },
      lists: [
        { party: 'A', before: 6, after: 4 },
        { party: 'C', before: 0, after: 2 },
      ],
      districts: [
        {
          district: 'Norte',
          before: 6,
          after: 6,
          lists: [
            { party: 'A', before: 4, after: 3 },
            { party: 'C', before: 0, after: 1 },
          ],
        },
        {
          district: 'Sur',
          before: 4,
          after: 4,
          lists: [
            { party: 'A', before: 2, after: 1 },
            { party: 'C', before: 0, after: 1 },
          ],
        },
      ],
      entered: ['C'],
      left: [],
    });
    expect(seatDiff(after, before)).toMatchObject({ entered: [], left: ['C'] });
  });

  it('matches districts by name key and reports districts that appear or go away', () => {
    const before = seats(file());
    const merged = file({
      districts: [{ name: 'NORTE', seats: 10 }],
    });
    const totals = new Map<string, number>();
    for (const v of votes) totals.set(v.party, (totals.get(v.party) ?? 0) + v.votes);
    const after = computeSeats(merged, {
      votes: [...totals].map(([party, n]) => ({ district: 'Norte', party, votes: n })),
    });
    expect(after.seats).toEqual({ A: 5, B: 4, C: 1 });
    const d = seatDiff(before, after).districts;
    expect(d.map((x) => [x.district, x.before, x.after])).toEqual([
      ['NORTE', 6, 10],
      ['Sur', 4, 0],
    ]);
    expect(d[1]?.lists.every((c) => c.after === 0)).toBe(true);
  });
});
