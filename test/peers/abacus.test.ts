import { describe, expect, it } from 'vitest';
import { allocateSeats } from '../../src/core/allocation/allocate.js';
import { allocateKieswet } from '../../src/core/allocation/kieswet.js';
import { KIESWET } from '../../src/core/allocation/methods.js';
import { createRng } from '../../src/core/random.js';
import {
  ABACUS_CASES,
  ABACUS_COMMIT,
  ABACUS_LEGACY_CASES,
  ABACUS_LEGACY_COMMIT,
} from './abacus-cases.js';
import { checkLot, checkSteps, checkTotals, listNumbers, runCase } from './abacus-harness.js';

/**
 * The Dutch seat assignment (Kieswet P 5–P 10) against the tests of kiesraad/abacus, the Electoral
 * Council's own software: every seat-assignment case of its test suite, each titled with its
 * source (`kiesraad/abacus <path> <test fn> @ <commit>`). A test that draws lots is split into
 * phases as abacus runs it: without the remaining lot results the result is a tie needing lots
 * (the same options, seat numbers and values abacus asks for); with them, the final seats.
 */

const title = (c: { id: string; source: string; subcase?: string }, commit: string): string =>
  `${c.id}: kiesraad/abacus ${c.source}${c.subcase ? ` (${c.subcase})` : ''} @ ${commit}`;

describe('allocateKieswet reproduces kiesraad/abacus seat assignment', () => {
  it('covers every case of the translated suite', () => {
    expect(ABACUS_CASES).toHaveLength(68);
    expect(new Set(ABACUS_CASES.map((c) => c.id)).size).toBe(68);
  });

  for (const c of ABACUS_CASES) {
    const differs = c.differs === undefined ? '' : ` — cifra differs on purpose: ${c.differs}`;
    it(`${title(c, ABACUS_COMMIT)}${differs}`, () => {
      const a = runCase(c);
      checkTotals(a, c, c.expected);
      checkSteps(a, c.expected);
    });
  }
});

describe('allocateKieswet on kiesraad/abacus 2025 tests (legacy: the 2025 engine raised errors)', () => {
  for (const c of ABACUS_LEGACY_CASES) {
    it(`${title(c, ABACUS_LEGACY_COMMIT)} — 2025: ${c.abacus2025}; cifra, like abacus today (${c.current}): a result`, () => {
      const a = runCase(c);
      checkTotals(a, c, c.expected);
      checkSteps(a, c.expected);
    });
  }
});

describe('abacus lot phases through allocateSeats (the usual SeatAllocation shape)', () => {
  const firstPhases = ABACUS_CASES.filter(
    (c) => c.expected.outcome === 'lots-needed' && c.lots === undefined,
  );

  for (const c of firstPhases) {
    const request = c.expected.request;
    it(`${title(c, ABACUS_COMMIT)}: reported as a tie among the same lists, settled by a recorded lot`, () => {
      const lists = listNumbers(c).map((n, i) => ({
        party: String(n),
        votes: c.votes[i] as number,
        position: n,
      }));
      const caps = new Map(
        listNumbers(c).map((n, i) => [
          String(n),
          (typeof c.candidates === 'number' ? c.candidates : (c.candidates[i] as number)) -
            (c.deceased?.[n] ?? 0),
        ]),
      );
      const reported = allocateSeats({
        lists,
        seats: c.seats,
        method: KIESWET,
        tieBreak: { steps: ['report'] },
        caps,
      });
      expect(reported.kind).toBe('tie');
      expect(reported.tie?.resolution).toBe('unresolved');
      expect([...(reported.tie?.candidates ?? [])].sort()).toEqual(
        request?.options.map(String).sort(),
      );
      const held = [...reported.seats.values()].reduce((x, y) => x + y, 0);
      expect(held + reported.unallocated + reported.vacant).toBe(c.seats);
      const drawn = allocateSeats({
        lists,
        seats: c.seats,
        method: KIESWET,
        tieBreak: { steps: ['lot'] },
        rng: createRng(2026),
        seed: 2026,
        caps,
      });
      expect(drawn.kind).toBe('allocated');
      expect(drawn.draws?.length).toBeGreaterThan(0);
      expect(drawn.draws?.[0]?.candidates).toEqual(request?.options.map(String).sort());
      // the recorded draws replay as official lot results: the same seats
      const replay = allocateKieswet({
        lists,
        seats: c.seats,
        caps,
        lots: drawn.draws?.map((d) => d.winners[0] as string),
      });
      expect(replay.ok && Object.fromEntries(replay.value.seats)).toEqual(
        Object.fromEntries(drawn.seats),
      );
    });
  }

  it('a drawn list that is not among the tied lists is a coded issue (abacus: InvalidLotDrawing)', () => {
    const c = ABACUS_CASES.find((x) => x.id === 'sa-lt19-lr-lots-multiple-phase1');
    expect(c).toBeDefined();
    if (c === undefined) return;
    const r = allocateKieswet({
      lists: c.votes.map((v, i) => ({ party: String(i + 1), votes: v, position: i + 1 })),
      seats: c.seats,
      lots: ['1'],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toEqual([
        {
          code: 'lot_invalid',
          severity: 'error',
          path: ['lots', 0],
          details: { drawn: '1', options: ['2', '3', '4', '5', '6'], lot: 1 },
        },
      ]);
    const request = c.expected.request ?? null;
    const phase1 = runCase(c);
    checkLot(phase1.request, request);
  });
});
