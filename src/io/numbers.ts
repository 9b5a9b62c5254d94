/** Strict non-negative integer parsing for untrusted cells: digits only, no signs, no decimals. */
export type CellNumber =
  | { readonly ok: true; readonly value: number }
  | {
      readonly ok: false;
      readonly code: 'negative_number' | 'non_integer' | 'number_too_large' | 'missing_required';
    };

export const MAX_VOTES = 1_000_000_000;

export function parseCount(raw: string | undefined, emptyAsZero: boolean): CellNumber {
  const s = (raw ?? '').trim();
  if (s === '')
    return emptyAsZero ? { ok: true, value: 0 } : { ok: false, code: 'missing_required' };
  if (/^-\s*\d/.test(s)) return { ok: false, code: 'negative_number' };
  if (!/^\d+$/.test(s)) return { ok: false, code: 'non_integer' };
  if (s.length > 10 || Number(s) > MAX_VOTES) return { ok: false, code: 'number_too_large' };
  return { ok: true, value: Number(s) };
}
