import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryLists } from '../../test-utils/arbitraries.js';
import { createRng } from '../random.js';
import { allocateSeats, type ListVotes } from './allocate.js';
import { allocateKieswet, type KieswetAssignment, type KieswetInput } from './kieswet.js';
import { DHONDT } from './methods.js';

const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

/** A council: lists (small vote counts make ties common), seats 0–40, candidates for some lists. */
const arbitraryCouncil = fc
  .record({
    lists: fc.oneof(arbitraryLists({ small: true, maxLists: 8 }), arbitraryLists({ maxLists: 8 })),
    seats: fc.integer({ min: 0, max: 40 }),
    caps: fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }), {
      minLength: 8,
      maxLength: 8,
    }),
    seed: fc.integer(),
  })
  .map(({ lists, seats, caps, seed }) => ({
    lists,
    seats,
    seed,
    caps: new Map(
      lists.flatMap((l, i) => (caps[i] === undefined ? [] : [[l.party, caps[i]] as const])),
    ),
  }));

function run(input: KieswetInput): KieswetAssignment {
  const r = allocateKieswet(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const total = (ls: readonly ListVotes[]): number => ls.reduce((a, l) => a + l.votes, 0);
const held = (a: KieswetAssignment): number => [...a.seats.values()].reduce((x, y) => x + y, 0);

describe('allocateKieswet (properties)', () => {
  it('fills the council, except seats no list with votes and candidates left can take', () => {
    fc.assert(
      fc.property(arbitraryCouncil, ({ lists, seats, caps, seed }) => {
        const a = run({ lists, seats, caps, rng: createRng(seed) });
        expect(a.kind).toBe('assigned');
        expect(held(a) + a.unassigned).toBe(seats);
        if (a.unassigned > 0) {
          const open = lists.filter((l) => {
            const cap = caps.get(l.party);
            return l.votes > 0 && (cap === undefined || cap > (a.seats.get(l.party) ?? 0));
          });
          expect(open).toEqual([]);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never gives a list more seats than candidates, nor a list without votes any seat', () => {
    fc.assert(
      fc.property(arbitraryCouncil, ({ lists, seats, caps, seed }) => {
        const a = run({ lists, seats, caps, rng: createRng(seed) });
        for (const l of lists) {
          const s = a.seats.get(l.party) ?? 0;
          expect(s).toBeLessThanOrEqual(caps.get(l.party) ?? Number.POSITIVE_INFINITY);
          if (l.votes === 0) expect(s).toBe(0);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('gives a list with more than half of the votes more than half of the seats when residual seats were assigned, unless P 10 intervened', () => {
    fc.assert(
      fc.property(arbitraryCouncil, ({ lists, seats, caps, seed }) => {
        const a = run({ lists, seats, caps, rng: createRng(seed) });
        const major = lists.find((l) => 2 * l.votes > total(lists));
        const residual = a.steps.some((s) => s.kind === 'residual-seat' && s.pass === 'residual');
        const exhausted = a.steps.some((s) => s.kind === 'exhaustion-removal');
        if (major === undefined || !residual || exhausted) return;
        expect(2 * (a.seats.get(major.party) ?? 0)).toBeGreaterThan(seats);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('does not depend on the order of the lists: seats, steps, lots and requests', () => {
    fc.assert(
      fc.property(
        arbitraryCouncil,
        fc.infiniteStream(fc.nat()),
        fc.boolean(),
        ({ lists, seats, caps, seed }, noise, draw) => {
          const keyed = lists.map((l) => ({ l, k: noise.next().value }));
          const permuted = [...keyed].sort((x, y) => x.k - y.k).map((x) => x.l);
          const rng = (): ReturnType<typeof createRng> | undefined =>
            draw ? createRng(seed) : undefined;
          const a = run({ lists, seats, caps, rng: rng() });
          const b = run({ lists: permuted, seats, caps, rng: rng() });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('replays its own draws: the lots drawn by the generator, given back, give the same result', () => {
    fc.assert(
      fc.property(arbitraryCouncil, ({ lists, seats, caps, seed }) => {
        const drawn = run({ lists, seats, caps, rng: createRng(seed) });
        const replay = run({ lists, seats, caps, lots: drawn.lots.map((l) => l.drawn) });
        expect(replay.seats).toEqual(drawn.seats);
        expect(replay.lots.map((l) => ({ ...l, source: 'rng' }))).toEqual(drawn.lots);
        expect(replay.issues).toEqual(drawn.issues);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("equals D'Hondt from 19 seats on when neither P 9 nor a tie at the cut intervenes", () => {
    // full seats ⌊v·S/V⌋ are a D'Hondt allocation of their sum; highest averages continue it
    fc.assert(
      fc.property(
        arbitraryLists({ maxLists: 8 }).filter((ls) => ls.some((l) => l.votes > 0)),
        fc.integer({ min: 19, max: 60 }),
        (lists, seats) => {
          const a = run({ lists, seats });
          const d = allocateSeats({
            lists,
            seats,
            method: DHONDT,
            tieBreak: { steps: ['report'] },
          });
          const p9 = a.steps.some((s) => s.kind === 'absolute-majority');
          if (p9 || a.kind !== 'assigned' || d.kind !== 'allocated') return;
          expect(Object.fromEntries(a.seats)).toEqual(Object.fromEntries(d.seats));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
