import { describe, expect, it } from 'vitest';
import { loadRuleset, rulesetJsonSchema } from '../../src/elections/rulesets.js';
import { computeSeats, type CandidateRow, type VoteRow } from '../../src/core/pipeline/seats.js';
import type { ListRuleset } from '../../src/core/rulesets/ruleset.js';
import { ABACUS_COMMIT } from './abacus-cases.js';

/**
 * The nl-gemeenteraad ruleset (method kieswet) through computeSeats, on kiesraad/abacus cases
 * whose candidates are given one by one: the candidate rows become the P 10 caps.
 */

function ruleset(seats: number): ListRuleset {
  const r = loadRuleset('nl-gemeenteraad', {}, { seats });
  if (!r.ok || r.value.kind !== 'list') throw new Error(JSON.stringify(r));
  return r.value;
}

/** Lists 1…n with their candidates' votes (list votes = their sum), in district GEMEENTE. */
function input(candidateVotes: readonly (readonly number[])[]): {
  votes: VoteRow[];
  candidates: CandidateRow[];
} {
  return {
    votes: candidateVotes.map((cv, i) => ({
      district: 'GEMEENTE',
      party: String(i + 1),
      votes: cv.reduce((a, b) => a + b, 0),
      position: i + 1,
    })),
    candidates: candidateVotes.flatMap((cv, i) =>
      cv.map((votes, k) => ({
        district: 'GEMEENTE',
        party: String(i + 1),
        candidate: `${i + 1}.${k + 1}`,
        position: k + 1,
        votes,
      })),
    ),
  };
}

const byList = (seats: Record<string, number>, n: number): number[] =>
  Array.from({ length: n }, (_, i) => seats[String(i + 1)] ?? 0);

// kiesraad/abacus backend/apportionment/src/seat_assignment/mod.rs
// test_with_list_exhaustion_during_residual_seats_assignment_with_largest_remainders_method:
// GR2022, 17 seats; list 10 has one candidate and wins two seats.
const GR2022 = [
  [754, 85, 84, 40, 31, 15, 2, 38, 3, 4, 8, 8, 4, 17, 5, 3, 15],
  [274, 48, 11, 76, 10, 66],
  [470, 47, 53, 131, 31, 62, 10, 4, 1, 10, 13],
  [382, 109, 55, 12, 29, 29, 9, 2, 6, 13, 12],
  [323, 46, 106, 16, 6, 31, 20, 34, 6, 13],
  [253, 221, 93, 9, 18, 7, 12, 36],
  [169, 123, 26, 209, 3, 11, 11, 3, 22, 6, 7, 1, 15],
  [189, 17, 7, 40, 4, 7, 3, 9, 2, 23, 9, 9, 4, 3],
  [439, 64, 78, 22, 71, 21, 37, 9, 20, 7, 38, 378],
  [716],
  [221, 53, 15, 7, 27, 57],
];

// kiesraad/abacus backend/apportionment/src/seat_assignment/mod.rs
// test_with_absolute_majority_of_votes_but_not_seats_and_list_exhaustion: 15 seats; P 9 gives
// list 1 its eighth seat, P 10 takes it back (7 candidates): list 1 ends with 7 of 15.
const MAJORITY_EXHAUSTED = [
  [2571, 0, 0, 0, 0, 0, 0],
  [977, 0, 0, 0],
  [567, 0],
  [536, 0],
  [453, 0],
];

describe(`nl-gemeenteraad through computeSeats (kiesraad/abacus @ ${ABACUS_COMMIT})`, () => {
  it('GR2022, 17 seats: abacus’s seats; list 10’s second seat goes to list 6 (P 10), with its record', () => {
    const res = computeSeats(ruleset(17), input(GR2022));
    expect(res.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(byList(res.seats, 11)).toEqual([3, 1, 2, 2, 1, 2, 1, 0, 3, 1, 1]);
    expect(res.issues).toEqual([
      {
        code: 'insufficient_candidates',
        severity: 'warning',
        path: ['district', 'GEMEENTE', 'party', '10'],
        details: { seatsLost: 1, rule: 'next-quotient' },
      },
    ]);
    const steps = res.districts[0]?.kieswet?.steps ?? [];
    expect(
      steps.map((s) => (s.kind === 'residual-seat' ? `${s.rule} ${s.party}` : s.kind)),
    ).toEqual([
      'largest-remainder 3',
      'largest-remainder 11',
      'largest-remainder 9',
      'largest-remainder 10',
      'largest-remainder 1',
      'largest-remainder 4',
      'exhaustion-removal',
      'largest-remainder 6',
    ]);
    // candidates are P 10's caps; nomination (P 15–P 19) is not cifra's, so no one is named
    expect(res.districts[0]?.elected).toBeUndefined();
  });

  it('the same seats with the seats from --districts instead of --seats', () => {
    const r = loadRuleset('nl-gemeenteraad');
    if (!r.ok || r.value.kind !== 'list') throw new Error('nl-gemeenteraad');
    const res = computeSeats(r.value, {
      ...input(GR2022),
      districts: [{ district: 'GEMEENTE', seats: 17 }],
    });
    expect(byList(res.seats, 11)).toEqual([3, 1, 2, 2, 1, 2, 1, 0, 3, 1, 1]);
  });

  it('applies P 9 once: an added absolute-majority tier does not give list 1 back its eighth seat', () => {
    const plain = ruleset(15);
    const withTier: ListRuleset = {
      ...plain,
      tiers: [{ kind: 'absolute-majority', source: 'Kieswet art. P 9 (again)' }],
    };
    for (const r of [plain, withTier]) {
      const res = computeSeats(r, input(MAJORITY_EXHAUSTED));
      expect(byList(res.seats, 5)).toEqual([7, 3, 2, 2, 1]);
      expect(res.districts[0]?.clauses).toBeUndefined();
      expect(res.issues.map((i) => i.code)).toEqual([
        'absolute_majority_with_exhaustion',
        'insufficient_candidates',
      ]);
      expect(res.issues[0]).toMatchObject({
        path: ['district', 'GEMEENTE', 'party', '1'],
        details: { seats: 7, councilSeats: 15, majority: false },
      });
    }
  });

  it('reports a tie for lots without --seed and draws it with one (abacus test_drawing_of_lots_required)', () => {
    // backend/tests/integration_tests/apportionment_integration_test.rs: 29 seats, two lists of 51
    const votes = input([
      [30, 21],
      [30, 21],
    ]).votes;
    const tied = computeSeats(ruleset(29), { votes });
    expect(tied.issues.map((i) => i.code)).toEqual(['tie_unresolved']);
    expect(tied.ties).toMatchObject([
      { candidates: ['1', '2'], seatsInContention: 1, resolution: 'unresolved' },
    ]);
    expect(tied.districts[0]?.unallocated).toBe(1);
    const drawn = computeSeats(ruleset(29), { votes }, { seed: 11 });
    expect(Object.values(drawn.seats).sort()).toEqual([14, 15]);
    expect(drawn.draws).toHaveLength(1);
  });

  it('is a valid ruleset file: method kieswet is in the JSON Schema', () => {
    expect(JSON.stringify(rulesetJsonSchema())).toContain('"kieswet"');
  });
});
