// Ties between candidates (the preferential vote, a single seat won by a candidate) follow the
// ruleset's tie steps as ties between lists do: a lot is drawn only when the steps reach `lot`
// before `report`, and only with a seed. Before, a seed drew lots whatever the steps said.
import { describe, expect, it } from 'vitest';
import type { TieBreakPolicy, TieStep } from '../allocation/allocate.js';
import { DHONDT, PLURALITY } from '../allocation/methods.js';
import { loadRuleset } from '../../elections/rulesets.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import { computeSeats, type CandidateRow, type VoteRow } from './seats.js';

function base(): ListRuleset {
  const r = loadRuleset('pe-2026-diputados', {});
  if (!r.ok || r.value.kind !== 'list') throw new Error('pe-2026-diputados');
  return r.value;
}

/** One two-seat district and one single-seat district, no valla, the given tie steps. */
function ruleset(tieBreak: TieBreakPolicy, singleSeatWinner: 'list' | 'candidate'): ListRuleset {
  return {
    ...base(),
    id: 'tie-policy',
    districts: [
      { name: 'Two', seats: 2 },
      { name: 'One', seats: 1 },
    ],
    totalSeats: 3,
    threshold: null,
    method: DHONDT,
    singleSeatMethod: PLURALITY,
    singleSeatWinner,
    tieBreak,
  };
}

const votes: VoteRow[] = [
  { district: 'Two', party: 'A', votes: 900 },
  { district: 'Two', party: 'B', votes: 100 },
  { district: 'One', party: 'A', votes: 60 },
  { district: 'One', party: 'B', votes: 40 },
];
// Two: A takes both seats, its candidates a2 and a3 tie for the second; One: a5 (list A) and b1
// (list B) tie as the most-voted candidates.
const candidates: CandidateRow[] = [
  { district: 'Two', party: 'A', candidate: 'a1', position: 1, votes: 50 },
  { district: 'Two', party: 'A', candidate: 'a2', position: 2, votes: 30 },
  { district: 'Two', party: 'A', candidate: 'a3', position: 3, votes: 30 },
  { district: 'Two', party: 'B', candidate: 'b0', position: 1, votes: 9 },
  { district: 'One', party: 'A', candidate: 'a5', position: 1, votes: 25 },
  { district: 'One', party: 'B', candidate: 'b1', position: 1, votes: 25 },
];

const steps = (s: readonly TieStep[]): TieBreakPolicy => ({ steps: s });

function run(tieBreak: TieBreakPolicy) {
  return computeSeats(ruleset(tieBreak, 'candidate'), { votes, candidates }, { seed: 7 });
}

describe('candidate ties follow the tie steps', () => {
  it('report first: nothing is drawn, even with a seed; both ties are reported unresolved', () => {
    for (const policy of [steps(['report']), steps(['report', 'lot'])]) {
      const res = run(policy);
      expect(res.draws).toEqual([]);
      expect(res.ties.map((t) => [t.stage, t.resolution]).sort()).toEqual([
        ['preferential', 'unresolved'],
        ['single-seat-candidate', 'unresolved'],
      ]);
      expect(res.districts.find((d) => d.district === 'One')?.unallocated).toBe(1);
      expect(res.issues.map((i) => i.code)).toEqual(
        expect.arrayContaining(['preferential_tie', 'tie_unresolved']),
      );
    }
  });

  it('a lot reached after steps that cannot part candidates is drawn, recorded with its seed', () => {
    for (const policy of [steps(['more-votes', 'lot']), steps(['lot'])]) {
      const res = run(policy);
      expect(res.draws.map((d) => [d.stage, d.seed, d.candidates])).toEqual(
        expect.arrayContaining([
          ['preferential', 7, ['a2', 'a3']],
          ['single-seat-candidate', 7, ['a5', 'b1']],
        ]),
      );
      expect(res.ties.every((t) => t.resolution === 'lot')).toBe(true);
      expect(res.districts.find((d) => d.district === 'One')?.unallocated).toBe(0);
    }
  });

  it('without a seed nothing is drawn whatever the steps', () => {
    const res = computeSeats(ruleset(steps(['lot']), 'candidate'), { votes, candidates });
    expect(res.draws).toEqual([]);
    expect(res.ties.every((t) => t.resolution === 'unresolved')).toBe(true);
  });
});
