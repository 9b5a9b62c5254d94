// An ISO 8601 instant with its offset, read without the clock or Date (the core is pure): a
// source's cut compared with the instant a manifest gives for it.

/** "2026-04-27T14:30:00-05:00", seconds and fraction optional, `Z` or ±hh:mm. */
export const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const monthDays = (y: number, m: number): number =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(m)
      ? 30
      : 31;

/**
 * The instant in milliseconds since the epoch (fraction dropped below 1 ms), or null when the
 * text is not an ISO instant with its offset or names no real time (month 13, 24:00, 31 April).
 */
export function instantMs(s: string): number | null {
  const p = ISO_INSTANT.exec(s);
  if (p === null) return null;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(p[i]));
  const sec = Number(p[6] ?? 0);
  const frac = Math.floor(Number(p[7] ?? 0) * 1000);
  const off = p[8] === 'Z' ? 0 : (p[9] === '-' ? -1 : 1) * (Number(p[10]) * 60 + Number(p[11]));
  if ([y, mo, d, h, mi].some((n) => n === undefined)) return null;
  const [Y, M, D, H, Mi] = [y, mo, d, h, mi] as [number, number, number, number, number];
  if (M < 1 || M > 12 || D < 1 || D > monthDays(Y, M) || H > 23 || Mi > 59 || sec > 59) return null;
  if (off !== 0 && (Number(p[10]) > 23 || Number(p[11]) > 59)) return null;
  return ((daysFromCivil(Y, M, D) * 24 + H) * 60 + Mi - off) * 60_000 + sec * 1000 + frac;
}
