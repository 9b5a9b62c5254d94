// How often the page asks for a new revision: `?poll=N` seconds, bounded. Pure, for a node test.

/** The default interval, and the bounds a shared link may ask within (setInterval fires at once past 2³¹ − 1 ms). */
export const POLL_DEFAULT_MS = 30_000;
export const POLL_MIN_S = 1;
export const POLL_MAX_S = 600;

/** `?poll=` in ms: at most 10 min; under 1 s, or not a number, is the default. */
export function pollMs(raw: string | null): number {
  if (raw === null || raw.trim() === '') return POLL_DEFAULT_MS;
  const asked = Number(raw);
  if (!Number.isFinite(asked) || asked < POLL_MIN_S) return POLL_DEFAULT_MS;
  return Math.min(POLL_MAX_S, asked) * 1000;
}
