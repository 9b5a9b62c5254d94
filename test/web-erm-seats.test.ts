// The ERM page's one rule for council seats (web/erm-seats.ts): a kind of council on a count the
// dashboard's rule leaves open has none of its seats counted as assigned, in the national tables
// as in each council's view; a final count keeps the server's split.
import { describe, expect, it } from 'vitest';
import {
  bonusLine,
  councilOpen,
  kindOpen,
  noMayorWords,
  orgSeats,
  typeSeats,
  unallocatedLine,
} from '../web/erm-seats.js';
import { STRINGS } from '../web/i18n.js';

const FINAL = { kind: 'final' } as const;
const PROVISIONAL = { kind: 'provisional', pctCounted: '97.600', cut: 'x' } as const;
const set = (kind: string, status: unknown) =>
  ({ kind, status }) as never as Parameters<typeof kindOpen>[0]['sets'][number];
/** Provincial councils on a final count, district councils on a provisional one. */
const MIXED = {
  status: FINAL,
  sets: [set('provincial-council', FINAL), set('district-council', PROVISIONAL)],
} as Parameters<typeof kindOpen>[0];

describe('ERM seats: one rule for the national tables and the councils', () => {
  it("a kind is open by its set's count, else the election's", () => {
    expect(kindOpen(MIXED, 'provincial-council')).toBe(false);
    expect(kindOpen(MIXED, 'district-council')).toBe(true);
    expect(kindOpen(MIXED, 'regional-council')).toBe(false);
    expect(kindOpen({ ...MIXED, status: PROVISIONAL } as never, 'regional-council')).toBe(true);
  });

  it('a council decided by the server is open on a provisional count; a final one keeps its verdict', () => {
    expect(councilOpen(MIXED, { kind: 'district-council', seatsDecided: 'mathematically' })).toBe(
      true,
    );
    expect(councilOpen(MIXED, { kind: 'provincial-council', seatsDecided: 'source-final' })).toBe(
      false,
    );
    expect(councilOpen(MIXED, { kind: 'provincial-council', seatsDecided: null })).toBe(true);
  });

  it("an organisation's decided seats of an open kind are counted open, the rest as the server split them", () => {
    const o = {
      type: 'party' as const,
      seats: { 'provincial-council': 5, 'district-council': 7 },
      seatsOpen: { 'provincial-council': 2, 'district-council': 1 },
    };
    expect(orgSeats(MIXED, o)).toEqual({ decided: 5, open: 10 });
    const other = {
      type: 'regional-movement' as const,
      seats: { 'district-council': 3 },
      seatsOpen: {},
    };
    expect(typeSeats(MIXED, [o, other], 'party')).toEqual({ decided: 5, open: 10 });
    expect(typeSeats(MIXED, [o, other], 'regional-movement')).toEqual({ decided: 0, open: 3 });
    // a final count: the server's split stands
    const final = { status: FINAL, sets: [] } as Parameters<typeof kindOpen>[0];
    expect(orgSeats(final, o)).toEqual({ decided: 12, open: 3 });
  });
});

describe("a council's bonus line says the seat engine's reason", () => {
  type Council = Parameters<typeof bonusLine>[0];
  /** A 5-seat council, every seat open for `reason`, no head and no bonus. */
  const council = (reason: Council['unallocatedReason']): Council =>
    ({
      type: 'council',
      totalSeats: 5,
      seats: {},
      unallocated: 5,
      unallocatedReason: reason,
      head: null,
      bonus: null,
      ties: [],
      votes: [
        { party: 'A', votes: 0 },
        { party: 'B', votes: 0 },
      ],
    }) as never as Council;
  const words = (lang: 'es' | 'en') => (k: keyof (typeof STRINGS)['es']) => STRINGS[lang][k];

  it('every vote counted blank or null: no list has a vote, not "not decided" (review s32)', () => {
    const none = council('no_eligible_list');
    expect(bonusLine(none, false, words('es') as never)).toBe(
      'Ninguna lista tiene votos (todos los votos contados fueron en blanco o nulos): no hay lista más votada ni bonificación.',
    );
    expect(bonusLine(none, false, words('en') as never)).toBe(
      'No list has a vote (every vote counted was blank or null): no most-voted list, no bonus.',
    );
    expect(bonusLine(none, false, words('en') as never)).not.toBe(STRINGS.en.ermOpen);
    expect(unallocatedLine(none, false, words('es') as never, String)).toBe(
      'Ninguna lista tiene regidores: ninguna tiene votos (todos los contados fueron en blanco o nulos; vea la nulidad).',
    );
    expect(unallocatedLine(none, false, words('en') as never, String)).toBe(
      'No list has councillors: none has a vote (every vote counted was blank or null; see the nullity).',
    );
    // nothing counted stays "no votes counted"; a bonus stays the bonus line
    expect(bonusLine(council('not_counted'), false, words('en') as never)).toBe(
      STRINGS.en.ermNoVotes,
    );
    const won = {
      ...council(null),
      unallocated: 0,
      head: 'A',
      seats: { A: 4, B: 1 },
      bonus: { party: 'A', before: 3, after: 4 },
    } as Council;
    expect(bonusLine(won, false, words('en') as never)).toBe(
      'A: 3 by cifra repartidora → 4 with the majority (⌈5/2⌉+1)',
    );
  });

  it('a list with a vote and no list may take a seat: the valla, not blank or null votes (s32 ties2)', () => {
    // a council carries list votes only: under a custom ruleset's valla every list may be kept out
    const kept = {
      ...council('no_eligible_list'),
      votes: [
        { party: 'A', votes: 40 },
        { party: 'B', votes: 0 },
      ],
    } as Council;
    expect(bonusLine(kept, false, words('es') as never)).toBe(
      'Ninguna lista puede obtener regidores (ninguna pasó la valla): ninguna encabeza el concejo ni recibe bonificación.',
    );
    expect(bonusLine(kept, false, words('en') as never)).toBe(
      'No list may take a seat (none passed the valla): none heads the council or takes the bonus.',
    );
    expect(unallocatedLine(kept, false, words('es') as never, String)).toBe(
      'Ninguna lista tiene regidores: ninguna pasó la valla.',
    );
    expect(unallocatedLine(kept, false, words('en') as never, String)).toBe(
      'No list has councillors: none passed the valla.',
    );
  });

  it('a tie drawn by a seed is said drawn by cifra’s seeded lot, not unresolved (s33)', () => {
    // A and B level at the top, the seed's lot named A: A heads with the bonus
    const drawn = {
      ...council(null),
      unallocated: 0,
      head: 'A',
      seats: { A: 4, B: 1 },
      bonus: { party: 'A', before: 2, after: 4 },
      ties: [{ stage: 'most-voted', candidates: ['A', 'B'], resolution: 'lot' }],
    } as Council;
    expect(bonusLine(drawn, false, words('es') as never)).toBe(
      'Empate entre A / B sorteado por cifra con su semilla, no el sorteo oficial (Ley 26864 art. 26): A: 2 por cifra repartidora → 4 con la mayoría (⌈5/2⌉+1)',
    );
    expect(bonusLine(drawn, false, words('en') as never)).toBe(
      "A tie between A / B drawn by cifra's seeded lot, not the official sorteo (Ley 26864 art. 26): A: 2 by cifra repartidora → 4 with the majority (⌈5/2⌉+1)",
    );
    expect(unallocatedLine(drawn, true, words('en') as never, String)).toBeNull();
    // not drawn: the tie is unresolved and every seat waits on it
    const open = {
      ...council('tie'),
      ties: [{ stage: 'most-voted', candidates: ['A', 'B'], resolution: 'unresolved' }],
    } as Council;
    expect(bonusLine(open, false, words('en') as never)).toBe(STRINGS.en.ermTie('A / B'));
    expect(unallocatedLine(open, true, words('en') as never, String)).toBe(
      STRINGS.en.ermSeatsWaitLot('5'),
    );
  });

  it('a council with nothing counted: its mayor is "no vote counted yet", not "not decided" (s33)', () => {
    const none = council('not_counted');
    expect(noMayorWords(none, words('es') as never)).toBe(
      'aún no hay votos contados en este concejo',
    );
    expect(noMayorWords(none, words('en') as never)).toBe('no vote counted in this council yet');
    expect(noMayorWords(council('no_eligible_list'), words('en') as never)).toBe(
      'no list may take it (no eligible list)',
    );
    const tied = {
      ...council('tie'),
      ties: [{ stage: 'most-voted', candidates: ['A', 'B'], resolution: 'unresolved' }],
    } as Council;
    expect(noMayorWords(tied, words('en') as never)).toBe(STRINGS.en.ermOpen);
  });

  it('a last-seat lot: the others decided only when the server says so and the page does not hold them open', () => {
    const last = (seatsDecided: string | null) =>
      ({
        ...council('tie'),
        unallocated: 1,
        head: 'A',
        seats: { A: 4 },
        seatsDecided,
        ties: [{ stage: 'allocation', candidates: ['B', 'C'], resolution: 'unresolved' }],
      }) as Council;
    const en = words('en') as never;
    expect(unallocatedLine(last('source-final'), false, en, String)).toBe(
      '1 councillor waits on a lot; the others are decided.',
    );
    expect(unallocatedLine(last('source-final'), true, en, String)).toBe(
      '1 councillor waits on a lot; the others, on the votes counted, can change.',
    );
    expect(unallocatedLine(last(null), false, en, String)).toBe(
      '1 councillor waits on a lot; the others, on the votes counted, can change.',
    );
  });
});
