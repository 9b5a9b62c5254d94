import { assert, throwIllegalValue } from '../assert.js';
import { shuffled } from '../random.js';
import { allocateDivisorInto, divisorTie } from './divisor.js';
import { allocateDivisorExact, fitsFastEngine } from './divisor-exact.js';
import { allocateKieswetRaw, allocateKieswetSeats } from './kieswet-seats.js';
import { allocateLargestRemainder } from './largest-remainder.js';
import { divisorTable, type AllocationMethod, type DivisorMethod } from './methods.js';
import type {
  AllocateSeatsInput,
  Draw,
  RawOutcome,
  SeatAllocation,
  Tie,
} from './seat-allocation.js';

export { REPORT_TIES, TIE_STEPS } from './seat-allocation.js';
export type {
  AllocateSeatsInput,
  Draw,
  ListVotes,
  RawOutcome,
  SeatAllocation,
  Tie,
  TieBreakPolicy,
  TieStep,
} from './seat-allocation.js';

function allocateDivisor(
  votes: readonly number[],
  seats: number,
  method: DivisorMethod,
): RawOutcome {
  const idx: number[] = [];
  let maxVotes = 0;
  for (let i = 0; i < votes.length; i++) {
    const v = votes[i] as number;
    if (v > 0) idx.push(i);
    if (v > maxVotes) maxVotes = v;
  }
  const out = new Array<number>(votes.length).fill(0);
  if (idx.length === 0 || seats === 0) return { seats: out, tie: null };
  // the jump start may overshoot by up to k/2 seats before stepping down
  const size = seats + idx.length + 1;
  if (!fitsFastEngine(method, maxVotes, size)) return allocateDivisorExact(votes, seats, method);
  const table = divisorTable(method, size);
  const tied = allocateDivisorInto(
    votes,
    idx,
    idx.length,
    seats,
    table,
    method.respectsLowerQuota,
    out,
  );
  if (!tied) return { seats: out, tie: null };
  const t = divisorTie(votes, idx, idx.length, out, table);
  for (const h of t.holders) out[h] = (out[h] as number) - 1;
  return {
    seats: out,
    tie: { candidates: [...t.holders, ...t.challengers], seatsInContention: t.holders.length },
  };
}

/** Seats by the method alone, with a tie at the cut left open (exact; never by list order). */
export function allocateRaw(
  votes: readonly number[],
  seats: number,
  method: AllocationMethod,
): RawOutcome {
  switch (method.kind) {
    case 'divisor':
      return allocateDivisor(votes, seats, method);
    case 'largest-remainder': {
      const r = allocateLargestRemainder(votes, seats, method.quota);
      return {
        seats: r.seats,
        tie: r.tie
          ? { candidates: [...r.tie.candidates], seatsInContention: r.tie.seatsInContention }
          : null,
      };
    }
    case 'kieswet':
      return allocateKieswetRaw(votes, seats);
    default:
      return throwIllegalValue(method, 'method');
  }
}

interface CappedOutcome {
  readonly result: Map<string, number>;
  readonly tie: { candidates: string[]; seatsInContention: number } | null;
  readonly capped: { party: string; seatsLost: number }[];
  readonly vacant: number;
}

/**
 * The method's seats with candidate caps: a list that wins more seats than it has candidates
 * keeps its cap and leaves; its other seats go to the next quotients among the lists still in
 * (exhausted-list = next-quotient). A list tied for a seat it has no candidate for leaves the
 * same way, so a tie is never drawn among exhausted lists. Seats no list can fill are vacant.
 */
function allocateWithCaps(input: AllocateSeatsInput): CappedOutcome {
  const names = input.lists.map((l) => l.party);
  const votes = input.lists.map((l) => l.votes);
  const result = new Map<string, number>(names.map((n) => [n, 0]));
  const capped: { party: string; seatsLost: number }[] = [];
  const active = new Set(names.map((_, i) => i));
  let seatsLeft = input.seats;
  for (;;) {
    const ids = [...active];
    const outcome = allocateRaw(
      ids.map((i) => votes[i] as number),
      seatsLeft,
      input.method,
    );
    const capOf = (j: number): number | undefined =>
      input.caps?.get(names[ids[j] as number] as string);
    let over = ids.findIndex((_, j) => {
      const cap = capOf(j);
      return cap !== undefined && (outcome.seats[j] as number) > cap;
    });
    if (over < 0 && outcome.tie !== null) {
      over =
        outcome.tie.candidates.find((j) => {
          const cap = capOf(j);
          return cap !== undefined && (outcome.seats[j] as number) >= cap;
        }) ?? -1;
    }
    if (over < 0 || ids.length === 0) {
      ids.forEach((i, j) => result.set(names[i] as string, outcome.seats[j] as number));
      const vacant =
        active.size === 0 || [...active].every((i) => (votes[i] as number) === 0) ? seatsLeft : 0;
      const tie = outcome.tie
        ? {
            candidates: outcome.tie.candidates.map((j) => names[ids[j] as number] as string).sort(),
            seatsInContention: outcome.tie.seatsInContention,
          }
        : null;
      return { result, tie, capped, vacant };
    }
    const i = ids[over] as number;
    const name = names[i] as string;
    const cap = input.caps?.get(name) ?? 0;
    const lost = (outcome.seats[over] as number) - cap;
    if (lost > 0) capped.push({ party: name, seatsLost: lost });
    result.set(name, cap);
    seatsLeft -= cap;
    active.delete(i);
  }
}

/**
 * Allocates a district's seats among its lists with exact arithmetic. A tie for the last seat is
 * a result: it is settled by the ruleset's tie steps (votes, ballot position, recorded draw) or
 * reported. The Kieswet method runs its own procedure (P 5–P 10, kieswet-seats.ts): candidate
 * caps are its P 10, and its ties are settled only by a recorded lot or reported.
 * @example allocateSeats({ lists: [{party:'A',votes:40000},{party:'B',votes:30000}], seats: 5, method: DHONDT, tieBreak: {kind:'report'} })
 */
export function allocateSeats(input: AllocateSeatsInput): SeatAllocation {
  assert(
    Number.isSafeInteger(input.seats) && input.seats >= 0,
    'seats must be a non-negative integer',
  );
  const names = input.lists.map((l) => l.party);
  assert(new Set(names).size === names.length, 'duplicate list in a district');
  if (input.method.kind === 'kieswet') return allocateKieswetSeats(input, drawsLots(input));
  const { result, tie, capped, vacant } = allocateWithCaps(input);
  const base = { seats: result, capped, vacant };
  if (tie === null) return { ...base, kind: 'allocated', unallocated: 0, tie: null, draw: null };
  const settled = settleTie(tie.candidates, tie.seatsInContention, input);
  for (const w of settled.winners) result.set(w, (result.get(w) ?? 0) + 1);
  if (settled.resolution === 'unresolved') {
    return {
      ...base,
      kind: 'tie',
      unallocated: settled.left,
      tie: {
        kind: 'tie',
        candidates: settled.stillTied,
        seatsInContention: settled.left,
        resolution: 'unresolved',
      },
      draw: null,
    };
  }
  return {
    ...base,
    kind: 'allocated',
    unallocated: 0,
    tie: {
      kind: 'tie',
      candidates: tie.candidates,
      seatsInContention: tie.seatsInContention,
      resolution: settled.resolution,
    },
    draw: settled.draw,
  };
}

/** Whether the tie steps reach a lot (before any report) and a generator is there to draw it. */
export function drawsLots(input: Pick<AllocateSeatsInput, 'tieBreak' | 'rng'>): boolean {
  for (const step of input.tieBreak.steps) {
    if (step === 'report') return false;
    if (step === 'lot') return input.rng !== undefined;
  }
  return false;
}

interface Settled {
  readonly winners: readonly string[];
  readonly resolution: Tie['resolution'];
  /** Lists still tied and the seats left between them when unresolved. */
  readonly stillTied: readonly string[];
  readonly left: number;
  readonly draw: Draw | null;
}

/** Applies the tie steps in order to `candidates` contesting `seats` seats. */
export function settleTie(
  candidates: readonly string[],
  seats: number,
  input: Pick<AllocateSeatsInput, 'lists' | 'tieBreak' | 'rng' | 'seed'>,
): Settled {
  const byName = new Map(input.lists.map((l) => [l.party, l]));
  let tied = [...candidates].sort();
  let left = seats;
  const winners: string[] = [];
  for (const step of input.tieBreak.steps) {
    if (step === 'report') break;
    if (step === 'lot') {
      if (input.rng === undefined) break;
      const drawn = shuffled(tied, input.rng).slice(0, left).sort();
      winners.push(...drawn);
      return {
        winners,
        resolution: 'lot',
        stillTied: [],
        left: 0,
        draw: { seed: input.seed ?? 0, candidates: tied, seats: left, winners: drawn },
      };
    }
    const key = (p: string): number => {
      const l = byName.get(p);
      if (step === 'more-votes') return -(l?.votes ?? 0);
      if (step === 'fewer-votes') return l?.votes ?? 0;
      return l?.position ?? Number.POSITIVE_INFINITY;
    };
    const ordered = [...tied].sort((a, b) => key(a) - key(b));
    const cut = key(ordered[left - 1] as string);
    const sure = ordered.filter((p) => key(p) < cut);
    const atCut = ordered.filter((p) => key(p) === cut).sort();
    winners.push(...sure);
    left -= sure.length;
    if (atCut.length === left) {
      winners.push(...atCut);
      return { winners, resolution: step, stillTied: [], left: 0, draw: null };
    }
    tied = atCut;
  }
  return { winners, resolution: 'unresolved', stillTied: tied, left, draw: null };
}
