import type { AllocationMethod, DivisorMethod } from '../allocation/methods.js';
import { compareQuotients } from '../allocation/divisor-exact.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import type { Decided } from './contest-decided.js';
import { bonusSeats } from './district-seats.js';

/** A council's allocation on the votes counted, and what is known of the votes still out. */
export interface CouncilSeatsInput {
  readonly votes: readonly { readonly party: string; readonly votes: number }[];
  readonly seats: Readonly<Record<string, number>>;
  /** The divisor method of the allocation (a single seat's: plurality); null: not a divisor one. */
  readonly method: DivisorMethod | null;
  /**
   * The majority bonus (Ley 26864 art. 25(2)): the most-voted list, the seats it is guaranteed and
   * the method the other lists share the rest by; null: the ruleset has none.
   */
  readonly bonus: {
    readonly party: string;
    readonly seats: number;
    readonly rest: DivisorMethod | null;
  } | null;
  /** Whether the most-voted list (a mayor's, the bonus's) is decided. */
  readonly headDecided: Decided;
  /** The source says the count is over. */
  readonly final: boolean;
  /** At most this many votes still to count; null: unknown. */
  readonly remaining: number | null;
  /** A lot (or an unresolved tie) took part in the allocation: the figures alone do not settle it. */
  readonly tied: boolean;
  /**
   * On the source's final count, whatever a lot not drawn names, each list keeps the seats the
   * engine allocated (`lotKeepsAllocated`): those are decided, the unallocated ones the lot's.
   */
  readonly lotKeepsAllocated?: boolean;
}

/** A tie as a council reports it (TieReport's fields read here). */
interface TieLike {
  readonly stage: string;
  readonly candidates: readonly string[];
  readonly resolution: string;
}

/**
 * Whether, on a final count, every seat the engine allocated is its list's whatever a lot not drawn
 * (no seed) names: true when the method is a divisor one, every tie is the allocation's and
 * unresolved, and a majority bonus's own method for the other lists, if any, is a divisor one too.
 *
 * Proof. Votes v are final. A divisor method awards the n highest quotients; a tie unresolved is k
 * seats at one quotient value q* that more lists T (|T| > k, each with one quotient at q*) reach:
 * allocateSeats gives every quotient above q* and leaves the k seats unallocated, and a lot gives
 * them to k lists of T, one each. So without a bonus the allocation P (allocated seats p_i) becomes
 * p_i or p_i + 1: every allocated seat stays. With the majority bonus (district-seats.ts
 * `allocateDistrict`, the most-voted list w unique: a most-voted tie is not `allocation`), B its
 * guaranteed seats, the others' rest shared by the bonus's `rest` method R (the method itself
 * when it has none):
 * (i) p_w ≥ B: the engine reports P (the bonus stays out); drawn, w has p_w or p_w + 1 ≥ B, so the
 * bonus stays out again and the result is P with the lot's k seats: each list keeps p_i.
 * (ii) p_w < B and w cannot reach B by P's lot (not in T, or p_w + 1 < B): whichever way it goes
 * w has fewer than B by the method, takes B, and the others Q = R on them for n − B seats, P's lot
 * deciding nothing; the engine reports that (P's tie left out), Q's own tie unresolved (allocated
 * q_i), and its lot keeps each q_i as above (R a divisor method).
 * (iii) p_w < B, w in T and p_w + 1 = B. Without a `rest` of its own, `methodAllocation` draws no
 * lot on P and the engine reports (ii)'s Q: won, w has B by the method and the others P's
 * remaining n − B highest quotients, which are Q's; lost, the bonus gives B and Q. With a `rest`
 * (district-seats.ts `eitherWay`), won gives the others their seats in P drawn (≥ p_i), lost gives
 * them Q drawn (≥ q_i), and the engine allocates w B and each other list min(p_i, q_i), kept by
 * both. So every allocated seat stays in every case; the property test in district-seats.test.ts
 * checks it against seeded lots. A lot drawn (a seed) is cifra's, not the sorteo: left out (false).
 */
export function lotKeepsAllocated(
  method: DivisorMethod | null,
  bonusTier: { readonly rest?: AllocationMethod | null } | null,
  ties: readonly TieLike[],
): boolean {
  const rest = bonusTier?.rest ?? null;
  return (
    method !== null &&
    (rest === null || rest.kind === 'divisor') &&
    ties.length > 0 &&
    ties.every((t) => t.stage === 'allocation' && t.resolution === 'unresolved')
  );
}

/**
 * Whether a council's seats are decided: `source-final` on the source's final count (with a lot
 * not drawn, only when no lot can move an allocated seat: `lotKeepsAllocated`); `mathematically` when no split of the votes still out (at most `remaining`) can
 * change any list's seats; null otherwise. A sufficient condition, exact in integers.
 *
 * Divisor method (cifra repartidora, Ley 26864 art. 26; Ley 27683 art. 8(3)), seats s, votes v,
 * later votes v' ≥ v with Σ(v' − v) ≤ R. Claim: if for every list i with s_i > 0 and every other
 * list j, v_i / d(s_i − 1) > (v_j + R) / d(s_j), the allocation on v' is s. Proof: a quotient
 * grows with the votes, so i's last awarded quotient on v' is ≥ v_i / d(s_i − 1), and j's next one
 * is ≤ (v_j + R) / d(s_j) (all of R to j is its largest). Every awarded quotient of i (k ≤ s_i)
 * is ≥ its last, every unawarded one of j ≤ its next; i's own next is below its own last (same
 * votes, larger divisor). So the Σs_i = n awarded quotients are all strictly above every other:
 * they are the n highest, with no tie to break, and the allocation is s.
 *
 * Majority bonus (Ley 26864 art. 25(2)): the most-voted list w takes max(its plain seats, B) and
 * the others share n − B by the method. With w decided (no split makes another list most voted;
 * `decidedPlurality`), B fixed by n: if s_w > B, the plain allocation holding (above) keeps w's
 * plain seats above B, so the bonus stays out and the seats are s. If s_w = B, it is enough that
 * (1) the others' allocation of n − B holds among themselves (above) and (2) w's (B + 1)-th
 * quotient, at most (v_w + R) / d(B), is below every other list's last awarded quotient: then n − B
 * quotients of others and w's B are above it, w's plain seats are ≤ B, and whether the bonus
 * applies or w's plain seats are exactly B (a tie there goes either way), w has B and the others
 * their n − B as now — by the method when w's plain seats are B, by the bonus's `rest` when below:
 * (1) is checked under both. The lists are the source's: one it leaves out (no vote yet) is
 * assumed to get none of R, as `decidedPlurality` assumes for the head.
 */
export function decidedCouncilSeats(input: CouncilSeatsInput): Decided {
  const { bonus, seats } = input;
  if (bonus !== null && input.headDecided === null) return null;
  // a last-seat lot on the final count: the allocated seats are decided (`lotKeepsAllocated`)
  if (input.tied) return input.final && input.lotKeepsAllocated === true ? 'source-final' : null;
  if (input.final) return 'source-final';
  const r = input.remaining;
  if (r === null || input.method === null) return null;
  if (bonus === null || (seats[bonus.party] ?? 0) > bonus.seats)
    return holds(input.method, input.votes, seats, r) ? 'mathematically' : null;
  if ((seats[bonus.party] ?? 0) < bonus.seats || bonus.rest === null) return null;
  const others = input.votes.filter((l) => l.party !== bonus.party);
  const w = input.votes.find((l) => l.party === bonus.party)?.votes ?? 0;
  const below = others.every(
    (l) =>
      (seats[l.party] ?? 0) === 0 ||
      compareQuotients(
        input.method as DivisorMethod,
        l.votes,
        (seats[l.party] ?? 0) - 1,
        w + r,
        bonus.seats,
      ) > 0,
  );
  // w's plain seats may end at exactly B (the others' then by the method) or below (by `rest`):
  // the others' share must hold under both (review 22 M2; the same check when they are one method)
  const shareHolds =
    holds(bonus.rest, others, seats, r) && holds(input.method as DivisorMethod, others, seats, r);
  return below && shareHolds ? 'mathematically' : null;
}

/** Every list's last awarded quotient beats every other list's next one with all of `r` added. */
function holds(
  method: DivisorMethod,
  lists: CouncilSeatsInput['votes'],
  seats: CouncilSeatsInput['seats'],
  r: number,
): boolean {
  return lists.every((i) => {
    const si = seats[i.party] ?? 0;
    if (si === 0) return true;
    return lists.every(
      (j) =>
        j.party === i.party ||
        compareQuotients(method, i.votes, si - 1, j.votes + r, seats[j.party] ?? 0) > 0,
    );
  });
}

/** A divisor method, or null (a quota method's seats are not checked: never said decided). */
const divisor = (m: AllocationMethod | null | undefined): DivisorMethod | null =>
  m?.kind === 'divisor' ? m : null;

/**
 * A council of n seats under a list ruleset, as `decidedCouncilSeats` takes it. The figures are
 * checked only with no threshold (a share of the valid votes moves as they grow) and no tier but an
 * unconditional majority bonus; otherwise only the source's final count decides the seats.
 */
export function councilSeatsDecided(
  rs: ListRuleset,
  council: Omit<CouncilSeatsInput, 'method' | 'bonus' | 'lotKeepsAllocated' | 'tied'> & {
    readonly totalSeats: number;
    /** The council's ties (TieReport): any makes it `tied`; whether a lot can move a seat. */
    readonly ties: readonly TieLike[];
  },
): Decided {
  const n = council.totalSeats;
  const tier = rs.tiers.find((t) => t.kind === 'majority-bonus');
  const checked =
    rs.threshold === null &&
    rs.tiers.every((t) => t.kind === 'majority-bonus' && t.condition === null);
  const method = checked ? divisor(n === 1 ? rs.singleSeatMethod : rs.method) : null;
  const top = [...council.votes].sort((a, b) => b.votes - a.votes)[0];
  const bonus =
    tier?.kind === 'majority-bonus' && top !== undefined
      ? { party: top.party, seats: bonusSeats(tier.seats, n), rest: divisor(tier.rest ?? method) }
      : null;
  const keeps = lotKeepsAllocated(method, tier ?? null, council.ties);
  const tied = council.ties.length > 0;
  return decidedCouncilSeats({ ...council, method, bonus, tied, lotKeepsAllocated: keeps });
}
