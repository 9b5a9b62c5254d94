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
