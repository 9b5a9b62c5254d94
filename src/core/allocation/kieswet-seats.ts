import { assert } from '../assert.js';
import type {
  AllocateSeatsInput,
  Draw,
  RawOutcome,
  SeatAllocation,
  Tie,
} from './seat-allocation.js';
import { allocateKieswet, type KieswetAssignment, type KieswetLotRequest } from './kieswet.js';

/**
 * The Kieswet method in allocateSeats' shape. The Kieswet settles every tie it cannot avoid by
 * lot (P 7–P 9), so of the ruleset's tie steps only two things matter: whether a `lot` step comes
 * before `report` and an rng is given (cifra draws and records each lot), or not (the first tie
 * that needs a lot is reported, with the seats as they stood, before P 9 and P 10 when it comes
 * first). Steps such as more-votes or ballot-position are not the Kieswet's and are not applied.
 * @see Kieswet arts. P 7–P 10; kieswet.ts.
 */

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The seats a tie leaves open. A residual-seat tie: the seats still open in that pass. The P 9
 * tie: the majority list has its seat and each option gives one up until the lot says which
 * (the options then share options − 1 seats).
 */
function openSeats(
  a: KieswetAssignment,
  request: KieswetLotRequest,
): { seats: Map<string, number>; contested: number } {
  const seats = new Map(a.seats);
  if (request.kind === 'residual-seat') return { seats, contested: request.residualSeats.length };
  for (const o of request.options) seats.set(o, (seats.get(o) ?? 0) - 1);
  seats.set(request.assignTo, (seats.get(request.assignTo) ?? 0) + 1);
  return { seats, contested: request.options.length - 1 };
}

/** Seats P 10 took back from each list that had fewer candidates than seats. */
function cappedOf(a: KieswetAssignment): { party: string; seatsLost: number }[] {
  const lost = new Map<string, number>();
  for (const s of a.steps)
    if (s.kind === 'exhaustion-removal') lost.set(s.party, (lost.get(s.party) ?? 0) + 1);
  return [...lost].map(([party, seatsLost]) => ({ party, seatsLost }));
}

/**
 * allocateSeats for the Kieswet method; `drawLots`: the policy reaches a lot step with an rng.
 * @see Kieswet arts. P 5–P 10.
 */
export function allocateKieswetSeats(input: AllocateSeatsInput, drawLots: boolean): SeatAllocation {
  const r = allocateKieswet({
    lists: input.lists,
    seats: input.seats,
    caps: input.caps,
    rng: drawLots ? input.rng : undefined,
  });
  assert(r.ok, 'kieswet: no lot results are given, so none can be invalid');
  const a = r.value;
  const ties: Tie[] = a.lots.map((l) => ({
    kind: 'tie',
    candidates: [...l.options].sort(byName),
    seatsInContention: 1,
    resolution: 'lot',
  }));
  const draws: Draw[] = a.lots.map((l) => ({
    seed: input.seed ?? 0,
    candidates: [...l.options].sort(byName),
    seats: 1,
    winners: [l.drawn],
  }));
  const base = { capped: cappedOf(a), draw: draws[0] ?? null, draws, kieswet: a, issues: a.issues };
  if (a.request === null)
    return {
      ...base,
      kind: 'allocated',
      seats: new Map(a.seats),
      unallocated: 0,
      vacant: a.unassigned,
      tie: ties[0] ?? null,
      ties,
    };
  const open = openSeats(a, a.request);
  const tie: Tie = {
    kind: 'tie',
    candidates: [...a.request.options].sort(byName),
    seatsInContention: open.contested,
    resolution: 'unresolved',
  };
  return {
    ...base,
    kind: 'tie',
    seats: open.seats,
    unallocated: open.contested,
    vacant: 0,
    tie,
    ties: [...ties, tie],
  };
}

/**
 * The Kieswet method's seats with a tie left open (allocateRaw's contract: no caps, no lots).
 * @see Kieswet arts. P 5–P 9.
 */
export function allocateKieswetRaw(votes: readonly number[], seats: number): RawOutcome {
  const lists = votes.map((v, i) => ({ party: String(i), votes: v, position: i + 1 }));
  const r = allocateKieswet({ lists, seats });
  assert(r.ok, 'kieswet: no lot results are given, so none can be invalid');
  const a = r.value;
  if (a.request === null) return { seats: lists.map((l) => a.seats.get(l.party) ?? 0), tie: null };
  const open = openSeats(a, a.request);
  return {
    seats: lists.map((l) => open.seats.get(l.party) ?? 0),
    tie: {
      candidates: a.request.options.map(Number).sort((x, y) => x - y),
      seatsInContention: open.contested,
    },
  };
}
