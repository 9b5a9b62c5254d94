/**
 * The two-thirds nullity test. CONST art. 184: blank or null votes, together or separately,
 * over two thirds of the emitted votes. LOE arts. 364–365 use valid votes as the denominator.
 * Both are reported; art. 184 is binding (the Constitution prevails).
 */
export type NullityVariant = 'const-184' | 'loe-365';

export interface NullityReport {
  readonly valid: number;
  readonly blank: number;
  readonly null: number;
  readonly emitted: number;
  /** 3·(B+N) > 2·E */
  readonly const184: boolean;
  /** 3·(B+N) > 2·V */
  readonly loe365: boolean;
  readonly binding: NullityVariant;
  readonly nullityReached: boolean;
}

export function checkNullity(
  totals: { readonly valid: number; readonly blank: number; readonly null: number },
  binding: NullityVariant = 'const-184',
): NullityReport {
  const emitted = totals.valid + totals.blank + totals.null;
  const bn = totals.blank + totals.null;
  // B+N ≥ max(B, N), so "together or separately" reduces to the sum.
  const const184 = 3 * bn > 2 * emitted;
  const loe365 = 3 * bn > 2 * totals.valid;
  return {
    ...totals,
    emitted,
    const184,
    loe365,
    binding,
    nullityReached: binding === 'const-184' ? const184 : loe365,
  };
}
