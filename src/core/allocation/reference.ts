import type { AllocationMethod } from './methods.js';

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
  const n = votes.length;
  const out = new Array<number>(n).fill(0);
  if (seats === 0 || votes.every((v) => v === 0)) return { seats: out, tie: null };
  if (method.kind === 'divisor') {
    const q: { list: number; num: bigint; den: bigint }[] = [];
    for (let i = 0; i < n; i++) {
      if ((votes[i] as number) === 0) continue;
      for (let k = 0; k < seats; k++)
        q.push({ list: i, num: BigInt(votes[i] as number), den: BigInt(method.divisor(k)) });
    }
    const cmp = (a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }): number => {
      const l = a.num * b.den;
      const r = b.num * a.den;
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
  const V = BigInt(votes.reduce((a, b) => a + b, 0));
  const S = BigInt(seats);
  // quota as a fraction qn/qd
  const [qn, qd] = method.quota === 'hare' ? [V, S] : [V / (S + 1n) + 1n, 1n];
  const rems: { list: number; num: bigint; den: bigint }[] = [];
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const v = BigInt(votes[i] as number);
    const whole = (v * qd) / qn;
    out[i] = Number(whole);
    assigned += Number(whole);
    // remainder v − whole·q, as (v·qd − whole·qn)/qd
    if (votes[i] !== 0) rems.push({ list: i, num: v * qd - whole * qn, den: qd });
  }
  let left = seats - assigned;
  while (left >= rems.length && rems.length > 0) {
    for (const r of rems) out[r.list] = (out[r.list] as number) + 1;
    left -= rems.length;
  }
  if (left === 0) return { seats: out, tie: null };
  rems.sort((a, b) => (a.num * b.den > b.num * a.den ? -1 : a.num * b.den < b.num * a.den ? 1 : 0));
  const cut = rems[left - 1];
  const after = rems[left];
  if (cut === undefined) throw new Error('reference: not enough lists');
  const eq = (x: { num: bigint; den: bigint }): boolean => x.num * cut.den === cut.num * x.den;
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
