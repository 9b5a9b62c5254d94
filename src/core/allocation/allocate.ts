import { assert, throwIllegalValue } from '../assert.js';
import { shuffled, type Rng } from '../random.js';
import { allocateDivisorInto, divisorTie } from './divisor.js';
import { allocateLargestRemainder } from './largest-remainder.js';
import { divisorTable, type AllocationMethod } from './methods.js';

export interface ListVotes {
  readonly party: string;
  readonly votes: number;
}

/**
 * How a tie for the last seat(s) is settled; chosen per ruleset.
 * - report: return the tie; the seats in contention stay unallocated.
 * - lot: a seeded, recorded draw of lots (sorteo) among the tied lists.
 * - more-votes: the tied list with more votes wins; a tie that remains goes to `then`.
 */
export type TieBreakPolicy =
  | { readonly kind: 'report' }
  | { readonly kind: 'lot' }
  | { readonly kind: 'more-votes'; readonly then: 'lot' | 'report' };

export interface Tie {
  readonly kind: 'tie';
  /** Tied lists, sorted by name (never by input order). */
  readonly candidates: readonly string[];
  readonly seatsInContention: number;
  /** How it was settled, or 'unresolved' when the seats stay unallocated. */
  readonly resolution: 'unresolved' | 'more-votes' | 'lot';
}

export interface Draw {
  readonly seed: number;
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly winners: readonly string[];
}

export interface SeatAllocation {
  readonly kind: 'allocated' | 'tie';
  /** Seats per list (lists with 0 seats included); contested seats of an unresolved tie excluded. */
  readonly seats: ReadonlyMap<string, number>;
  readonly unallocated: number;
  readonly tie: Tie | null;
  readonly draw: Draw | null;
  /** Seats no list could take: every list with votes ran out of candidates. */
  readonly vacant: number;
  /** Lists capped by their number of candidates, with the seats they could not take. */
  readonly capped: readonly { readonly party: string; readonly seatsLost: number }[];
}

export interface AllocateSeatsInput {
  readonly lists: readonly ListVotes[];
  readonly seats: number;
  readonly method: AllocationMethod;
  readonly tieBreak: TieBreakPolicy;
  /** Needed only for a draw; without it a tie under 'lot' stays unresolved. */
  readonly rng?: Rng | undefined;
  readonly seed?: number | undefined;
  /** Maximum seats a list can take (its number of candidates). */
  readonly caps?: ReadonlyMap<string, number> | undefined;
}

interface RawOutcome {
  seats: number[];
  tie: { candidates: number[]; seatsInContention: number } | null;
}

function allocateRaw(
  votes: readonly number[],
  seats: number,
  method: AllocationMethod,
): RawOutcome {
  switch (method.kind) {
    case 'divisor': {
      const idx: number[] = [];
      for (let i = 0; i < votes.length; i++) if ((votes[i] as number) > 0) idx.push(i);
      const out = new Array<number>(votes.length).fill(0);
      if (idx.length === 0 || seats === 0) return { seats: out, tie: null };
      // the jump start may overshoot by up to k/2 seats before stepping down
      const table = divisorTable(method, seats + idx.length + 1);
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
    case 'largest-remainder': {
      const r = allocateLargestRemainder(votes, seats, method.quota);
      return {
        seats: r.seats,
        tie: r.tie
          ? { candidates: [...r.tie.candidates], seatsInContention: r.tie.seatsInContention }
          : null,
      };
    }
    default:
      return throwIllegalValue(method, 'method');
  }
}

/**
 * Allocates a district's seats among its lists with exact arithmetic. A tie for the last seat is
 * a result: it is settled by the ruleset's policy (recorded draw, more votes) or reported.
 * @example allocateSeats({ lists: [{party:'A',votes:40000},{party:'B',votes:30000}], seats: 5, method: DHONDT, tieBreak: {kind:'report'} })
 */
export function allocateSeats(input: AllocateSeatsInput): SeatAllocation {
  const { seats, method } = input;
  assert(Number.isSafeInteger(seats) && seats >= 0, 'seats must be a non-negative integer');
  const names = input.lists.map((l) => l.party);
  assert(new Set(names).size === names.length, 'duplicate list in a district');
  const votes = input.lists.map((l) => l.votes);
  const result = new Map<string, number>(names.map((n) => [n, 0]));
  const capped: { party: string; seatsLost: number }[] = [];

  // Lists capped by their candidates leave; their extra seats go to the next quotients.
  const active = new Set(names.map((_, i) => i));
  let seatsLeft = seats;
  let outcome: RawOutcome = { seats: votes.map(() => 0), tie: null };
  for (;;) {
    const ids = [...active];
    outcome = allocateRaw(
      ids.map((i) => votes[i] as number),
      seatsLeft,
      method,
    );
    const over = ids.findIndex((i, j) => {
      const cap = input.caps?.get(names[i] as string);
      return cap !== undefined && (outcome.seats[j] as number) > cap;
    });
    if (over < 0 || ids.length === 0) {
      ids.forEach((i, j) => result.set(names[i] as string, outcome.seats[j] as number));
      outcome = {
        seats: outcome.seats,
        tie: outcome.tie
          ? {
              candidates: outcome.tie.candidates.map((j) => ids[j] as number),
              seatsInContention: outcome.tie.seatsInContention,
            }
          : null,
      };
      break;
    }
    const i = ids[over] as number;
    const name = names[i] as string;
    const cap = input.caps?.get(name) ?? 0;
    capped.push({ party: name, seatsLost: (outcome.seats[over] as number) - cap });
    result.set(name, cap);
    seatsLeft -= cap;
    active.delete(i);
  }
  const vacant =
    active.size === 0 || [...active].every((i) => (votes[i] as number) === 0) ? seatsLeft : 0;

  if (!outcome.tie) {
    return {
      kind: 'allocated',
      seats: result,
      unallocated: 0,
      tie: null,
      draw: null,
      vacant,
      capped,
    };
  }
  let candidates = outcome.tie.candidates.map((i) => names[i] as string).sort();
  let contested = outcome.tie.seatsInContention;
  const allCandidates = candidates;
  const award = (winners: readonly string[]): void => {
    for (const w of winners) result.set(w, (result.get(w) ?? 0) + 1);
  };
  let policy: 'report' | 'lot' =
    input.tieBreak.kind === 'more-votes' ? input.tieBreak.then : input.tieBreak.kind;
  if (input.tieBreak.kind === 'more-votes') {
    // Tied quotients from different vote totals: more total votes first (e.g. LOREG art. 163.1.d).
    const votesOf = new Map(input.lists.map((l) => [l.party, l.votes]));
    const byVotes = [...candidates].sort((a, b) => (votesOf.get(b) ?? 0) - (votesOf.get(a) ?? 0));
    const cutVotes = votesOf.get(byVotes[contested - 1] as string) ?? 0;
    const sure = byVotes.filter((c) => (votesOf.get(c) ?? 0) > cutVotes);
    const atCut = byVotes.filter((c) => (votesOf.get(c) ?? 0) === cutVotes).sort();
    award(sure);
    contested -= sure.length;
    if (atCut.length === contested) {
      award(atCut);
      return {
        kind: 'allocated',
        seats: result,
        unallocated: 0,
        tie: {
          kind: 'tie',
          candidates: allCandidates,
          seatsInContention: outcome.tie.seatsInContention,
          resolution: 'more-votes',
        },
        draw: null,
        vacant,
        capped,
      };
    }
    candidates = atCut;
  } else {
    policy = input.tieBreak.kind;
  }
  if (policy === 'lot' && input.rng !== undefined) {
    const winners = shuffled(candidates, input.rng).slice(0, contested).sort();
    award(winners);
    return {
      kind: 'allocated',
      seats: result,
      unallocated: 0,
      tie: {
        kind: 'tie',
        candidates: allCandidates,
        seatsInContention: outcome.tie.seatsInContention,
        resolution: 'lot',
      },
      draw: { seed: input.seed ?? 0, candidates, seats: contested, winners },
      vacant,
      capped,
    };
  }
  return {
    kind: 'tie',
    seats: result,
    unallocated: contested,
    tie: { kind: 'tie', candidates, seatsInContention: contested, resolution: 'unresolved' },
    draw: null,
    vacant,
    capped,
  };
}
