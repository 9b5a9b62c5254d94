import { fitsFastEngine } from '../allocation/divisor-exact.js';
import { divisorTables, type DivisorTables } from '../allocation/divisor-kernel.js';
import { divisorTable, type DivisorMethod } from '../allocation/methods.js';
import { DistrictRunner } from '../allocation/seat-engine-district.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import type { PreparedInput } from './seat-input.js';

/**
 * computeSeats' lower tier through the SeatEngine's district kernel, for the districts where
 * only the divisor method applies: no district-level tier (apparentment, majority bonus,
 * absolute majority) and no candidates. Built once per prepared input; allocates per call only
 * the seats record it returns.
 */
export interface KernelPlan {
  readonly runner: DistrictRunner;
  readonly votes: Float64Array;
  readonly list: Int32Array;
  readonly maxVotes: Float64Array;
  readonly methods: readonly (DivisorMethod | null)[];
}

const DISTRICT_TIERS = new Set(['apparentment', 'majority-bonus', 'absolute-majority']);

/** The plan, or null when something besides the method shapes a district's seats. */
export function kernelPlan(ruleset: ListRuleset, prep: PreparedInput): KernelPlan | null {
  // a head office (a mayor) names the most-voted list, which the kernel does not
  if (
    prep.candidates !== null ||
    ruleset.head !== null ||
    ruleset.tiers.some((t) => DISTRICT_TIERS.has(t.kind))
  )
    return null;
  const P = prep.parties.length;
  const D = prep.districts.length;
  const votes = new Float64Array(D * P);
  const maxVotes = new Float64Array(D);
  prep.votes.forEach((row, d) =>
    row.forEach((v, p) => {
      votes[d * P + p] = v;
      maxVotes[d] = Math.max(maxVotes[d] as number, v);
    }),
  );
  const size = Math.max(1, ...prep.districts.map((d) => d.seats)) + P + 1;
  const tableOf = new Map<DivisorMethod, DivisorTables>();
  const methods = prep.districts.map((d) => {
    const m = d.method;
    return m.kind === 'divisor' && m.sequence.kind === 'linear' ? m : null;
  });
  const tables = methods.map((m) => {
    if (m === null) return divisorTables(new Float64Array(1));
    const t = tableOf.get(m) ?? divisorTables(divisorTable(m, size));
    tableOf.set(m, t);
    return t;
  });
  const runner = new DistrictRunner({
    parties: P,
    seats: Int32Array.from(prep.districts, (d) => d.seats),
    tables,
    jump: Uint8Array.from(methods, (m) => (m?.respectsLowerQuota === true ? 1 : 0)),
  });
  return { runner, votes, list: new Int32Array(P), maxVotes, methods };
}

/**
 * District di's seats per party (parties with seats, in the parties' order, as the general path
 * gives them), or null when the general path must decide: a method outside the kernel, votes
 * beyond its exact range, or a tie for the last seat (whose rule the general path applies).
 */
export function kernelDistrict(
  plan: KernelPlan,
  parties: readonly string[],
  eligible: readonly boolean[],
  di: number,
): Record<string, number> | null {
  const method = plan.methods[di];
  if (method === undefined || method === null) return null;
  const { runner, list } = plan;
  let n = 0;
  for (let p = 0; p < parties.length; p++) if (eligible[p] === true) list[n++] = p;
  const seats = runner.seatsOf(di);
  if (!fitsFastEngine(method, plan.maxVotes[di] as number, seats + n + 1)) return null;
  if (runner.allocate(plan.votes, di, list, n, null)) return null;
  const out: Record<string, number> = {};
  for (let j = 0; j < runner.k; j++) {
    const s = runner.s[j] as number;
    if (s > 0) out[parties[runner.at[j] as number] as string] = s;
  }
  return out;
}
