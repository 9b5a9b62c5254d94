import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import type { ListVotes } from './allocate.js';
import {
  allocateKieswet,
  type KieswetAssignment,
  type KieswetInput,
  type KieswetStep,
} from './kieswet.js';
import {
  mayTakeRemainderSeat,
  mayTakeUniqueAverageSeat,
  type Standing,
} from './kieswet-residual.js';

const lists = (o: Record<string, number>): ListVotes[] =>
  Object.entries(o).map(([party, votes]) => ({ party, votes }));
const seats = (a: { seats: ReadonlyMap<string, number> }): Record<string, number> =>
  Object.fromEntries([...a.seats].sort());

function assigned(input: KieswetInput): KieswetAssignment {
  const r = allocateKieswet(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Step summaries: rule and list of residual seats, moves and removals. */
const brief = (steps: readonly KieswetStep[]): string[] =>
  steps.map((s) =>
    s.kind === 'residual-seat'
      ? `${s.seat} ${s.rule} ${s.party}`
      : s.kind === 'absolute-majority'
        ? `P9 ${s.from}→${s.to}`
        : `P10 ${s.party} ${s.seat}`,
  );

// Quota 9,000 / 9 = 1,000. Full seats 4, 2, 1, 1; remainders 100, 600, 300, 0.
const COUNCIL = lists({ A: 4100, B: 2600, C: 1300, D: 1000 });
// Quota 1,000; full seats 4, 2, 1, 1; B and C share the largest remainder, 500, for one seat.
const TIED = lists({ A: 4000, B: 2500, C: 1500, D: 1000 });

describe('allocateKieswet: full seats and residual seats (P 6–P 8)', () => {
  it('gives full seats by the Hare quota and the residual seat to the largest remainder', () => {
    const a = assigned({ lists: COUNCIL, seats: 9 });
    expect(a.kind).toBe('assigned');
    expect(a.quota).toEqual({ numerator: 1000, denominator: 1 });
    expect(a.initial).toEqual({ fullSeats: 8, residualSeats: 1 });
    expect(seats(a)).toEqual({ A: 4, B: 3, C: 1, D: 1 });
    expect(a.standings.map((s) => s.remainder.numerator)).toEqual([100, 600, 300, 0]);
    expect(brief(a.steps)).toEqual(['1 largest-remainder B']);
    expect(a.issues).toEqual([]);
  });

  it('lets a list with exactly ¾ of the quota take a largest-remainder seat, and not one vote less', () => {
    // quota 400 / 4 = 100: B (75) qualifies, C (74) does not
    const a = assigned({ lists: lists({ A: 250, B: 75, C: 74, D: 1 }), seats: 4 });
    expect(a.standings.map((s) => s.meetsThreshold)).toEqual([true, true, false, false]);
    expect(seats(a)).toEqual({ A: 3, B: 1, C: 0, D: 0 });
    expect(brief(a.steps)).toEqual(['1 largest-remainder B', '2 largest-remainder A']);
  });

  it('uses highest averages from 19 seats on (P 7): no ¾ limit, no one-seat-per-list limit', () => {
    // quota 100; full 15, 1, 1, 0 = 17; averages 1560/16, 160/2, 120/2, 60/1
    const a = assigned({ lists: lists({ A: 1560, B: 160, C: 120, D: 60 }), seats: 19 });
    expect(brief(a.steps)).toEqual(['1 highest-average A', '2 highest-average A']);
    expect(seats(a)).toEqual({ A: 17, B: 1, C: 1, D: 0 });
  });

  it('tells remainders two votes apart at the largest counts it takes, and refuses larger ones', () => {
    // 1.9·10^15 votes, 3 seats: remainders (5·10^14 + 3)/3 and (5·10^14 − 3)/3; C is below ¾
    const big = lists({ A: 800e12 + 1, B: 800e12 - 1, C: 300e12 });
    const a = assigned({ lists: big, seats: 3 });
    expect(seats(a)).toEqual({ A: 2, B: 1, C: 0 });
    expect(a.standings[0]?.remainder).toEqual({ numerator: 500e12 + 3, denominator: 3 });
    expect(() => allocateKieswet({ lists: big, seats: 4 })).toThrow(/2\^53/);
  });
});

describe('allocateKieswet: ties and lots', () => {
  it('gives every tied list a seat when they fit, whatever the input order', () => {
    // quota 100; remainders A 50, B 50, C 40; D (60 votes) is below ¾ of the quota
    const input = lists({ A: 150, B: 150, C: 240, D: 60 });
    for (const order of [input, [...input].reverse()]) {
      const a = assigned({ lists: order, seats: 6 });
      expect(seats(a)).toEqual({ A: 2, B: 2, C: 2, D: 0 });
      expect(a.lots).toEqual([]);
      expect(a.steps.map((s) => (s.kind === 'residual-seat' ? [s.tied, s.group] : []))).toEqual([
        [['A', 'B'], ['A']],
        [['B'], ['A', 'B']],
      ]);
    }
  });

  it('asks for a drawing of lots when more lists are tied than seats are left', () => {
    const a = assigned({ lists: TIED, seats: 9 });
    expect(a.kind).toBe('lots-needed');
    expect(a.request).toEqual({
      kind: 'residual-seat',
      rule: 'largest-remainder',
      value: { numerator: 500, denominator: 1 },
      residualSeats: [1],
      options: ['B', 'C'],
      values: [
        { party: 'A', value: { numerator: 0, denominator: 1 } },
        { party: 'B', value: { numerator: 500, denominator: 1 } },
        { party: 'C', value: { numerator: 500, denominator: 1 } },
        { party: 'D', value: { numerator: 0, denominator: 1 } },
      ],
    });
    expect(seats(a)).toEqual({ A: 4, B: 2, C: 1, D: 1 });
    expect(a.unassigned).toBe(1);
  });

  it('replays an official drawing: the drawn list takes the seat, and the lot is recorded', () => {
    const a = assigned({ lists: TIED, seats: 9, lots: ['C'] });
    expect(a.kind).toBe('assigned');
    expect(seats(a)).toEqual({ A: 4, B: 2, C: 2, D: 1 });
    expect(a.lots).toEqual([
      { options: ['B', 'C'], drawn: 'C', residualSeats: [1], source: 'given' },
    ]);
    expect(a.steps[0]).toMatchObject({ party: 'C', lot: { drawn: 'C' } });
  });

  it('rejects a drawn list that was not tied (lot_invalid) and warns of lot results never needed', () => {
    const bad = allocateKieswet({ lists: TIED, seats: 9, lots: ['A'] });
    expect(bad).toEqual({
      ok: false,
      error: [
        {
          code: 'lot_invalid',
          severity: 'error',
          path: ['lots', 0],
          details: { drawn: 'A', options: ['B', 'C'], lot: 1 },
        },
      ],
    });
    const extra = assigned({ lists: TIED, seats: 9, lots: ['B', 'C'] });
    expect(extra.issues).toEqual([
      { code: 'lot_unused', severity: 'warning', path: ['lots'], details: { unused: ['C'] } },
    ]);
  });

  it('draws with the seeded generator when no result is given, and the draw replays as given', () => {
    const drawn = assigned({ lists: TIED, seats: 9, rng: createRng(7) });
    expect(drawn.kind).toBe('assigned');
    expect(drawn.lots).toHaveLength(1);
    expect(drawn.lots[0]?.source).toBe('rng');
    const again = assigned({ lists: TIED, seats: 9, rng: createRng(7) });
    expect(seats(again)).toEqual(seats(drawn));
    const replay = assigned({ lists: TIED, seats: 9, lots: drawn.lots.map((l) => l.drawn) });
    expect(seats(replay)).toEqual(seats(drawn));
  });
});

describe('allocateKieswet: absolute majority (P 9) and list exhaustion (P 10)', () => {
  // quota 81/7; full 3, 1, 1; A and B share the largest remainder for the two residual seats.
  const MAJORITY = lists({ M: 41, A: 20, B: 20 });

  it('moves the last residual seat to the majority list, by lot when a tied group won it', () => {
    const needed = assigned({ lists: MAJORITY, seats: 7 });
    expect(needed.request).toEqual({
      kind: 'absolute-majority',
      rule: 'largest-remainder',
      assignTo: 'M',
      options: ['A', 'B'],
    });
    const a = assigned({ lists: MAJORITY, seats: 7, lots: ['B'] });
    expect(seats(a)).toEqual({ A: 2, B: 1, M: 4 });
    expect(brief(a.steps)).toEqual(['1 largest-remainder A', '2 largest-remainder B', 'P9 B→M']);
  });

  it('takes back a list’s extra seats, residual seats first, and re-assigns them without it', () => {
    const a = assigned({ lists: COUNCIL, seats: 9, caps: new Map([['B', 2]]) });
    expect(seats(a)).toEqual({ A: 4, B: 2, C: 2, D: 1 });
    expect(brief(a.steps)).toEqual([
      '1 largest-remainder B',
      'P10 B residual',
      '2 largest-remainder C',
    ]);
    expect(a.steps[2]).toMatchObject({ pass: 'exhaustion', exhausted: ['B'] });
  });

  it('leaves seats nobody can take unassigned, with a warning', () => {
    // quota 100: full seats 3 and 2, but one candidate each
    const a = assigned({
      lists: lists({ A: 300, B: 200 }),
      seats: 5,
      caps: new Map([
        ['A', 1],
        ['B', 1],
      ]),
    });
    expect(seats(a)).toEqual({ A: 1, B: 1 });
    expect(a.unassigned).toBe(3);
    expect(brief(a.steps)).toEqual(['P10 A full', 'P10 A full', 'P10 B full']);
    expect(a.issues).toEqual([
      { code: 'seats_unassigned', severity: 'warning', path: [], details: { seats: 3 } },
    ]);
  });

  it('never gives a seat to a list without votes, even when it alone has candidates left', () => {
    const a = assigned({
      lists: lists({ A: 10, B: 0 }),
      seats: 3,
      caps: new Map([
        ['A', 1],
        ['B', 5],
      ]),
    });
    expect(seats(a)).toEqual({ A: 1, B: 0 });
    expect(a.unassigned).toBe(2);
  });

  it('assigns nothing when no votes were cast, and nothing at all for a council of 0 seats', () => {
    const none = assigned({ lists: lists({ A: 0, B: 0 }), seats: 5 });
    expect([none.kind, none.quota, none.unassigned]).toEqual([
      'assigned',
      { numerator: 0, denominator: 1 },
      5,
    ]);
    expect(none.issues.map((i) => i.code)).toEqual(['seats_unassigned']);
    const empty = assigned({ lists: COUNCIL, seats: 0 });
    expect([empty.quota, empty.unassigned, empty.steps, empty.issues]).toEqual([null, 0, [], []]);
  });
});

// kiesraad/abacus backend/apportionment/src/seat_assignment/residual_seat_assignment.rs,
// module tests::list_qualifies_for_extra_seat @ 85da391a39ae048ae2f35223cd405a1a31c22a6d: the
// per-list limits of P 8 and their P 9 exception. abacus counts the steps in a list's history;
// cifra keeps the same counts on the list. [test fn, rule, LR seats, UHA seats, P 9 took one, qualifies]
const QUALIFY: readonly [string, 'lr' | 'uha', number, number, boolean, boolean][] = [
  ['test_largest_remainder_qualify_when_no_seat_assigned', 'lr', 0, 0, false, true],
  ['test_largest_remainder_qualify_when_seat_assigned_to_other_list', 'lr', 0, 0, false, true],
  ['test_largest_remainder_qualify_when_unique_highest_average_step', 'lr', 0, 1, false, true],
  ['test_largest_remainder_not_qualify_when_seat_assigned', 'lr', 1, 0, false, false],
  [
    'test_largest_remainder_qualify_when_seat_retracted_by_absolute_majority',
    'lr',
    1,
    0,
    true,
    true,
  ],
  [
    'test_largest_remainder_not_qualify_when_seat_retracted_from_other_list',
    'lr',
    1,
    0,
    false,
    false,
  ],
  [
    'test_largest_remainder_not_qualify_with_two_assigned_seats_even_after_retraction',
    'lr',
    2,
    0,
    true,
    false,
  ],
  ['test_unique_highest_average_qualify_when_no_seat_assigned', 'uha', 0, 0, false, true],
  [
    'test_unique_highest_average_qualify_when_seat_assigned_to_other_list',
    'uha',
    0,
    0,
    false,
    true,
  ],
  ['test_unique_highest_average_qualify_when_largest_remainder_step', 'uha', 1, 0, false, true],
  ['test_unique_highest_average_not_qualify_when_seat_assigned', 'uha', 0, 1, false, false],
  [
    'test_unique_highest_average_qualify_when_seat_retracted_by_absolute_majority',
    'uha',
    0,
    1,
    true,
    true,
  ],
  [
    'test_unioque_highest_average_qualify_when_retracted_with_one_largest_remainder',
    'uha',
    1,
    1,
    true,
    true,
  ],
  [
    'test_unique_highest_average_not_qualify_when_retracted_with_two_largest_remainders',
    'uha',
    2,
    1,
    true,
    false,
  ],
  [
    'test_unique_highest_average_not_qualify_with_two_assigned_seats_even_after_retraction',
    'uha',
    0,
    2,
    true,
    false,
  ],
];

describe('mayTakeRemainderSeat / mayTakeUniqueAverageSeat: one seat per list and rule (P 8), P 9 exception', () => {
  it.each(QUALIFY)('kiesraad/abacus %s', (_test, rule, lr, uha, retracted, qualifies) => {
    const s: Standing = {
      party: '1',
      votes: 100n,
      cap: undefined,
      remainder: { n: 0n, d: 1n },
      meetsThreshold: true,
      full: 1,
      residual: 0,
      byRemainder: lr,
      byUniqueAverage: uha,
      retracted,
    };
    expect((rule === 'lr' ? mayTakeRemainderSeat : mayTakeUniqueAverageSeat)(s)).toBe(qualifies);
  });
});
