// Whether a result lacks the vote abroad (the headline and the map say so).

/**
 * Results that split Peru from abroad and give no abroad unit lack the vote abroad: a published
 * capture without it (ONPE's 10 June 2026 runoff), or a store whose files hold no abroad acta. A
 * replay is never in this case: its universe stores every abroad mesa as pending from the start.
 */
export function lacksAbroad(ambitoCodes: readonly string[]): boolean {
  return ambitoCodes.includes('PERU') && !ambitoCodes.includes('EXTRANJERO');
}
