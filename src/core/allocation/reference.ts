import {
  quotaOf,
  type AllocationMethod,
  type DivisorMethod,
  type LargestRemainderMethod,
} from './methods.js';

/**
 * The naive reference, for differential tests only: list every quotient v/d(k) of every list,
 * sort them (cross-multiplied, in BigInt), take the S largest. A tie is when the S-th and the
 * (S+1)-th quotients are equal. Largest remainder: quotas and remainders as BigInt fractions.
 * Deliberately simple and slow; never used on a hot path.
 */
export interface ReferenceOutcome {
  /** Seats that do not depend on a tie. */
  readonly seats: readonly number[];
  readonly tie: {
    readonly candidates: readonly number[];
    readonly seatsInContention: number;
  } | null;
}

export function referenceAllocate(
  votes: readonly number[],
  seats: number,
  method: AllocationMethod,
): ReferenceOutcome {
  if (seats === 0 || votes.every((v) => v === 0))
    return { seats: new Array<number>(votes.length).fill(0), tie: null };
  if (method.kind === 'divisor') return referenceDivisor(votes, seats, method);
  if (method.kind === 'kieswet')
    throw new Error('reference: no table method for the Kieswet (its oracle is test/peers/abacus)');
  return referenceLargestRemainder(votes, seats, method);
}

interface Quotient {
  readonly list: number;
  readonly votes: number;
  readonly k: number;
}

/** Divisor methods: every quotient of every list, sorted, the first `seats` win. */
function referenceDivisor(
  votes: readonly number[],
  seats: number,
  method: DivisorMethod,
): ReferenceOutcome {
  const out = new Array<number>(votes.length).fill(0);
  const q: Quotient[] = [];
  for (let i = 0; i < votes.length; i++) {
    if ((votes[i] as number) === 0) continue;
    for (let k = 0; k < seats; k++) q.push({ list: i, votes: votes[i] as number, k });
  }
  const cmp = (a: Quotient, b: Quotient): number => {
    const [an, ad] = squaredQuotient(method, a.votes, a.k);
    const [bn, bd] = squaredQuotient(method, b.votes, b.k);
    if (ad === 0n || bd === 0n) return ad === bd ? 0 : ad === 0n ? -1 : 1;
    const l = an * bd;
    const r = bn * ad;
    return l > r ? -1 : l < r ? 1 : 0;
  };
  q.sort(cmp);
  const last = q[seats - 1];
  const next = q[seats];
  if (last === undefined) {
    for (const x of q) out[x.list] = (out[x.list] as number) + 1;
    return { seats: out, tie: null };
  }
  if (next !== undefined && cmp(last, next) === 0) {
    const won = q.slice(0, seats);
    for (const x of won) if (cmp(x, last) !== 0) out[x.list] = (out[x.list] as number) + 1;
    const contested = won.filter((x) => cmp(x, last) === 0).length;
    const candidates = [...new Set(q.filter((x) => cmp(x, last) === 0).map((x) => x.list))].sort(
      (a, b) => a - b,
    );
    return { seats: out, tie: { candidates, seatsInContention: contested } };
  }
  for (const x of q.slice(0, seats)) out[x.list] = (out[x.list] as number) + 1;
  return { seats: out, tie: null };
}

interface Remainder {
  readonly list: number;
  readonly num: bigint;
  readonly den: bigint;
}

/** Largest remainder: whole quotas first, then the over-award or the remainders settle the rest. */
function referenceLargestRemainder(
  votes: readonly number[],
  seats: number,
  method: LargestRemainderMethod,
): ReferenceOutcome {
  const out = new Array<number>(votes.length).fill(0);
  const V = BigInt(votes.reduce((a, b) => a + b, 0));
  const S = BigInt(seats);
  // quota as a fraction qn/qd
  const [qn, qd] = quotaOf(method.quota, Number(V), Number(S)).map(BigInt) as [bigint, bigint];
  const rems: Remainder[] = [];
  let assigned = 0;
  for (let i = 0; i < votes.length; i++) {
    const v = BigInt(votes[i] as number);
    const whole = (v * qd) / qn;
    out[i] = Number(whole);
    assigned += Number(whole);
    // remainder v − whole·q, as (v·qd − whole·qn)/qd
    if (votes[i] !== 0) rems.push({ list: i, num: v * qd - whole * qn, den: qd });
  }
  const left = seats - assigned;
  if (left < 0) return takeBackOverAward(votes, out, rems, -left, qn, qd);
  return giveRemainders(out, rems, left);
}

/**
 * Over-award (Imperiali, Hagenbach-Bischoff): one seat at a time goes back from the smallest
 * remainder v − s·q, recomputed after every seat given back.
 */
function takeBackOverAward(
  votes: readonly number[],
  out: number[],
  rems: readonly Remainder[],
  excess: number,
  qn: bigint,
  qd: bigint,
): ReferenceOutcome {
  const remOf = (r: Remainder): bigint =>
    r.num -
    BigInt((out[r.list] as number) - Number((BigInt(votes[r.list] as number) * qd) / qn)) * qn;
  for (let k = excess; k > 0; k--) {
    const holders = rems.filter((r) => (out[r.list] as number) > 0);
    if (holders.length === 0) throw new Error('reference: over-award with no seat to take back');
    const min = holders.reduce((m, r) => (remOf(r) < m ? remOf(r) : m), remOf(holders[0]!));
    const tied = holders.filter((r) => remOf(r) === min);
    if (tied.length > k) {
      for (const r of tied) out[r.list] = (out[r.list] as number) - 1;
      return {
        seats: out,
        tie: {
          candidates: tied.map((r) => r.list).sort((a, b) => a - b),
          seatsInContention: tied.length - k,
        },
      };
    }
    const first = tied[0]!;
    out[first.list] = (out[first.list] as number) - 1;
  }
  return { seats: out, tie: null };
}

/** The `left` seats after the whole quotas: one per remainder, largest first; equal ones tie. */
function giveRemainders(out: number[], rems: Remainder[], seatsLeft: number): ReferenceOutcome {
  let left = seatsLeft;
  while (left >= rems.length && rems.length > 0) {
    for (const r of rems) out[r.list] = (out[r.list] as number) + 1;
    left -= rems.length;
  }
  if (left === 0) return { seats: out, tie: null };
  rems.sort((a, b) => (a.num * b.den > b.num * a.den ? -1 : a.num * b.den < b.num * a.den ? 1 : 0));
  const cut = rems[left - 1];
  const after = rems[left];
  if (cut === undefined) throw new Error('reference: not enough lists');
  const eq = (x: Remainder): boolean => x.num * cut.den === cut.num * x.den;
  if (after !== undefined && eq(after)) {
    for (const r of rems.slice(0, left)) if (!eq(r)) out[r.list] = (out[r.list] as number) + 1;
    const candidates = rems
      .filter(eq)
      .map((r) => r.list)
      .sort((a, b) => a - b);
    return {
      seats: out,
      tie: { candidates, seatsInContention: rems.slice(0, left).filter(eq).length },
    };
  }
  for (const r of rems.slice(0, left)) out[r.list] = (out[r.list] as number) + 1;
  return { seats: out, tie: null };
}

/**
 * (v / d(k))² as a fraction, written from each family's textbook divisor (not from the engine's
 * sequence data): squares keep the order and make Huntington-Hill's √ exact.
 */
function squaredQuotient(method: DivisorMethod, votes: number, k: number): [bigint, bigint] {
  const v2 = BigInt(votes) ** 2n;
  const K = BigInt(k);
  if (k === 0 && method.first !== undefined) {
    const n = BigInt(method.first.numerator);
    const d = BigInt(method.first.denominator);
    return [v2 * d * d, n * n];
  }
  if (method.family === 'macau') {
    const d = 2n ** K;
    return [v2, d * d];
  }
  if (method.family === 'huntington-hill') return [v2, K * (K + 1n)];
  if (method.family === 'dean') {
    // d = 2k(k+1)/(2k+1)
    const num = 2n * K * (K + 1n);
    const den = 2n * K + 1n;
    return [v2 * den * den, num * num];
  }
  const d = BigInt(method.divisor(k));
  return [v2, d * d];
}
