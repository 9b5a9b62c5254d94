import { allocateSeats, type SeatAllocation, type TieBreakPolicy } from '../allocation/allocate.js';
import type { AllocationMethod } from '../allocation/methods.js';
import { issue, type Issue } from '../issues.js';
import { nameKey } from '../names.js';
import { ok, err, type Result } from '../result.js';

export interface ApportionmentRule {
  readonly totalSeats: number;
  /** Districts with a fixed number of seats, left out of the proportional step (Peru: abroad = 2). */
  readonly fixed: ReadonlyMap<string, number>;
  /** Seats every other district receives directly before the proportional step. */
  readonly minimumPerDistrict: number;
  /** How the rest is shared by electorate (Peru: Hare largest remainder). */
  readonly method: AllocationMethod;
  readonly tieBreak: TieBreakPolicy;
  readonly source: string;
}

export interface Apportionment {
  readonly seats: ReadonlyMap<string, number>;
  readonly proportional: SeatAllocation;
}

/**
 * Shares a chamber's seats among districts: fixed districts first, a minimum for every other
 * district, the rest in proportion to the electorate.
 * @see R-0053-2025-JNE and R-0304-2020-JNE (Peru); LOREG art. 162 (Spain, by population).
 */
export function apportionSeats(
  rule: ApportionmentRule,
  electorate: readonly { readonly district: string; readonly electorate: number }[],
): Result<Apportionment, Issue[]> {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const [i, e] of electorate.entries()) {
    if (seen.has(e.district))
      issues.push(issue('duplicate_row', ['row', i + 1], { district: e.district }));
    seen.add(e.district);
  }
  for (const d of rule.fixed.keys()) {
    if (!seen.has(d)) issues.push(issue('missing_field', ['district', d], { field: 'electorate' }));
  }
  const proportionalDistricts = electorate.filter((e) => !rule.fixed.has(e.district));
  let fixedSum = 0;
  for (const v of rule.fixed.values()) fixedSum += v;
  const rest = rule.totalSeats - fixedSum - rule.minimumPerDistrict * proportionalDistricts.length;
  if (rest < 0)
    issues.push(
      issue('seats_total_mismatch', [], {
        totalSeats: rule.totalSeats,
        needed: rule.totalSeats - rest,
      }),
    );
  if (issues.length > 0) return err(issues);
  const proportional = allocateSeats({
    lists: proportionalDistricts.map((e) => ({ party: e.district, votes: e.electorate })),
    seats: rest,
    method: rule.method,
    tieBreak: rule.tieBreak,
  });
  const seats = new Map<string, number>();
  for (const e of electorate) {
    const fixed = rule.fixed.get(e.district);
    seats.set(
      e.district,
      fixed ?? rule.minimumPerDistrict + (proportional.seats.get(e.district) ?? 0),
    );
  }
  if (proportional.tie !== null && proportional.tie.resolution === 'unresolved') {
    return err([
      issue('tie_unresolved', ['apportionment'], {
        candidates: proportional.tie.candidates,
        seats: proportional.tie.seatsInContention,
      }),
    ]);
  }
  return ok({ seats, proportional });
}

/**
 * The seats of a district from its population by bands: a named district's fixed seats first
 * (matched by name key), else the first band whose `upTo` it does not pass, else none (a
 * population above the last closed band).
 * @see Ley 26864 art. 24 (5 to 15 regidores by population, Lima Metropolitana 39); Res. 0847-2025-JNE (the bands).
 * @example seatsFromBands(bands, 'Lima Metropolitana', 9_000_000) // 39
 */
export function seatsFromBands(
  bands: {
    readonly bands: readonly { readonly upTo?: number; readonly seats: number }[];
    readonly fixed: ReadonlyMap<string, number>;
  },
  name: string,
  population: number,
): number | undefined {
  const fixed = bands.fixed.get(nameKey(name));
  if (fixed !== undefined) return fixed;
  return bands.bands.find((b) => b.upTo === undefined || population <= b.upTo)?.seats;
}
