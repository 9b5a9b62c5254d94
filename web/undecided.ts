// The seats of a list computation no list holds, as its districts report them: pure, so the
// dashboard's hemicycle, table and what-if panel say the same, and a test can run it without a page.
import type { z } from 'zod';
import type { ListSeatResultSchema } from '../src/api/schemas.js';

/** A tie as the seats document reports it. */
export interface TieLike {
  readonly district: string;
  readonly candidates: readonly string[];
  readonly seatsInContention: number;
  readonly resolution: string;
}

/**
 * A group of open seats: an unresolved tie's (in its district), the lists tied in a national
 * remainder pool (`poolTie`), or the rest (tie: null), those of districts where no list passed
 * the valla apart (`noEligibleList`, the core's reason).
 */
export interface OpenSeats<T extends TieLike> {
  readonly seats: number;
  readonly tie: T | null;
  readonly noEligibleList: boolean;
  /** Seats of districts with no vote counted yet (the core's `not_counted`): they wait on the count. */
  readonly notCounted?: true;
  readonly poolTie?: readonly string[];
}

/** Seats of a remainder pool that no district holds, as the seats document reports them. */
export type Unplaced = NonNullable<z.infer<typeof ListSeatResultSchema>['unplaced']>[number];

/** A list's pooled seats whose district is tied: its seats, in no district yet. */
export const unplacedOfLists = (unplaced: readonly Unplaced[] = []) =>
  unplaced.flatMap((u) => (u.stage === 'placement' ? [u] : []));

/** A district's open seats and why, as the seats document reports them. */
export interface OpenDistrict {
  readonly district: string;
  readonly unallocated: number;
  readonly unallocatedReason?: string | null;
}

/** The ties the rules left to a lot not drawn: seats no list holds. */
export const unresolved = <T extends TieLike>(ties: readonly T[]): T[] =>
  ties.filter((x) => x.resolution === 'unresolved');

/**
 * The open seats from each district's `unallocated`: one group per unresolved tie, capped by its
 * own district's open seats (a tie never takes another district's), then the seats of districts
 * with no eligible list, then those with no vote counted yet, then the rest unnamed; then the seats lists tie for in a remainder pool
 * (in no district: `unplaced`).
 */
export function openSeats<T extends TieLike>(
  districts: readonly OpenDistrict[],
  ties: readonly T[],
  unplaced: readonly Unplaced[] = [],
): OpenSeats<T>[] {
  const of = (reason: string): number =>
    districts.filter((d) => d.unallocatedReason === reason).reduce((a, d) => a + d.unallocated, 0);
  const noList = of('no_eligible_list');
  const notCounted = of('not_counted');
  // seats no list can take yet (none passed the valla, nothing counted) are no tie's
  const apart = (d: OpenDistrict): boolean =>
    d.unallocatedReason === 'no_eligible_list' || d.unallocatedReason === 'not_counted';
  const open = new Map(
    districts.flatMap((d) => (apart(d) ? [] : [[d.district, d.unallocated] as const])),
  );
  const out: OpenSeats<T>[] = [];
  for (const x of unresolved(ties)) {
    const left = open.get(x.district) ?? 0;
    const n = Math.min(left, x.seatsInContention);
    if (n <= 0) continue;
    out.push({ seats: n, tie: x, noEligibleList: false });
    open.set(x.district, left - n);
  }
  if (noList > 0) out.push({ seats: noList, tie: null, noEligibleList: true });
  if (notCounted > 0)
    out.push({ seats: notCounted, tie: null, noEligibleList: false, notCounted: true });
  const rest = [...open.values()].reduce((a, n) => a + n, 0);
  if (rest > 0) out.push({ seats: rest, tie: null, noEligibleList: false });
  for (const u of unplaced)
    if (u.stage === 'pool')
      out.push({ seats: u.seats, tie: null, noEligibleList: false, poolTie: u.lists });
  return out;
}

// the open-seats rule is the core's, shared with `cifra seats` (one rule for every hemicycle of the
// Congress view: cifra's, the reported one's, the what-if's)
export { seatsOpen, type Coverage } from '../src/core/pipeline/seats-open.js';
