// Whether a district has any vote counted: one rule for every path of the seat engine (the plain
// districts, the remainder pool, the biproportional apportionment), so that a district at 0 % of
// its count says `not_counted` at every depth, never `no_eligible_list` or an unsettled tier.
import { issue, type Issue } from '../issues.js';
import type { PreparedInput } from './seat-input.js';

/**
 * Nothing emitted is a count not yet made (a council at 0 % of actas), not a valla: every list at 0
 * and no blank or null vote. Blank and null are read only when the input carries them; with list
 * votes alone, every list at 0 is taken as not counted (nothing says more).
 */
export function districtCounted(prep: PreparedInput, di: number): boolean {
  const d = prep.districts[di];
  if (d === undefined) throw new Error(`no district ${di}`);
  return (
    (prep.votes[di] as readonly number[]).some((v) => v > 0) || (d.blank ?? 0) + (d.null ?? 0) > 0
  );
}

/** The warning for a district with seats and nothing counted: its seats wait on the count. */
export const notCountedIssue = (district: string, seats: number): Issue =>
  issue('district_not_counted', ['district', district], { seats }, 'warning');
