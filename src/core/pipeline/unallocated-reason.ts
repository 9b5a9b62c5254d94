// Why a district leaves seats unallocated: apart from seats.ts so that the tiers (tiers.ts), which
// seats.ts runs, name it without an import cycle (seats.ts re-exports it).

/**
 * Why a district's seats stay unallocated: no vote counted there yet (an expected state during a
 * count, not the lists' doing), no list may take part there (the valla), a tie left unresolved (a
 * lot with no seed, or a tie rule that reports), or a biproportional apportionment that did not
 * settle. A seat no candidate is left to fill is `vacant`, not unallocated.
 */
export const UNALLOCATED_REASONS = [
  'not_counted',
  'no_eligible_list',
  'tie',
  'biproportional_unsettled',
] as const;
export type UnallocatedReason = (typeof UNALLOCATED_REASONS)[number];

/**
 * What a district's result (DistrictResult) and a council contest both carry about the seats no
 * list holds: its size (null: unknown, a council the engine could not size), its unallocated seats
 * and the engine's reason.
 */
export interface UnallocatedSeats {
  readonly totalSeats: number | null;
  readonly unallocated: number;
  readonly unallocatedReason: UnallocatedReason | null;
}

/**
 * No seat of it is any list's yet (a lot for the most-voted list, nothing counted, no list may take
 * part): no list's seats to show, not zeros. Only a district of known size: one of unknown size has
 * no seats to speak of.
 */
export const noSeatAllocated = (d: UnallocatedSeats): boolean =>
  d.totalSeats !== null && d.unallocated === d.totalSeats;

/**
 * Every seat waits on a lot. Under a majority bonus that is the lot for the most-voted list (the
 * bonus goes to the list it names: district-seats.ts `waitingOnLot`), as against a lot for a last
 * seat, which leaves the others allocated; elsewhere only a single seat's tie. One rule for the CLI
 * (`cifra seats`, `cifra contests`) and the dashboard.
 */
export const lotHoldsEverySeat = (d: UnallocatedSeats): boolean =>
  d.unallocatedReason === 'tie' && d.unallocated > 0 && noSeatAllocated(d);

/**
 * What keeps every list out where the seat engine says `no_eligible_list`, from the lists' votes
 * the district or council carries: a list with a vote there was kept out by the ruleset's valla
 * (with none, every list with a vote takes part: rules/threshold.ts `evaluateThreshold`), and with
 * every list at 0 the votes counted were all blank or null (nothing counted is `not_counted`:
 * district-counted.ts). A council carries list votes only, so under a valla that is the one said.
 */
export const noEligibleListWhy = (
  votes: readonly { readonly votes: number }[],
): 'valla' | 'blank-or-null' => (votes.some((l) => l.votes > 0) ? 'valla' : 'blank-or-null');
