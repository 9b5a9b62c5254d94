// Whether a result lacks the vote abroad (the headline and the % counted say so).

/**
 * A published source that splits Peru from abroad and gives no abroad unit lacks the vote abroad
 * (ONPE's 10 June 2026 capture). A count of actas never does: its abroad mesas are in the store,
 * pending until counted, even while the results list no abroad unit yet.
 */
export function lacksAbroad(source: unknown, ambitoCodes: readonly string[]): boolean {
  return source !== null && ambitoCodes.includes('PERU') && !ambitoCodes.includes('EXTRANJERO');
}
