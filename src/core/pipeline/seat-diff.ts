import { z } from 'zod';
import { nameKey } from '../names.js';
import type { SeatResult } from './seats.js';

const SeatChangeSchema = z.object({
  party: z.string(),
  before: z.number().int(),
  after: z.number().int(),
});

/**
 * How one seat result differs from another on the same votes (a what-if against the election's
 * own ruleset): the lists whose seats changed, the districts where any seat changed (with the
 * district's size before and after), and the lists that enter or leave the chamber. Unchanged
 * results give empty lists.
 */
export const SeatDiffSchema = z.object({
  baseline: z
    .object({ rules: z.string(), totalSeats: z.number().int() })
    .describe('The result compared with: the ruleset id and house size.'),
  lists: z
    .array(SeatChangeSchema)
    .describe('Lists whose seats changed, most seats after first (then before, then name).'),
  districts: z
    .array(
      z.object({
        district: z.string(),
        before: z.number().int().describe("The district's seats before (0: not a district then)."),
        after: z.number().int().describe("The district's seats after (0: not a district now)."),
        lists: z.array(SeatChangeSchema),
      }),
    )
    .describe('Districts where any seat changed (names matched case- and accent-insensitively).'),
  entered: z.array(z.string()).describe('Lists with seats after and none before.'),
  left: z.array(z.string()).describe('Lists with seats before and none after.'),
});
export type SeatDiff = z.infer<typeof SeatDiffSchema>;
type SeatChange = z.infer<typeof SeatChangeSchema>;

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A list's seats in a seat map (own keys only: a list may be called "constructor"). */
function seatsOf(m: Readonly<Record<string, number>>, party: string): number {
  return Object.hasOwn(m, party) ? (m[party] ?? 0) : 0;
}

/** The lists whose seats differ between two seat maps, most seats after first. */
function changes(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): SeatChange[] {
  const parties = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...parties]
    .map((party) => ({ party, before: seatsOf(before, party), after: seatsOf(after, party) }))
    .filter((c) => c.before !== c.after)
    .sort((a, b) => b.after - a.after || b.before - a.before || byName(a.party, b.party));
}

/**
 * The differences between two seat results on the same votes.
 * @example seatDiff(computeSeats(own, input), computeSeats(whatIf, input)).lists
 */
export function seatDiff(before: SeatResult, after: SeatResult): SeatDiff {
  const was = new Map(before.districts.map((d) => [nameKey(d.district), d]));
  const seen = new Set<string>();
  const districts: SeatDiff['districts'] = [];
  for (const d of after.districts) {
    const key = nameKey(d.district);
    seen.add(key);
    const b = was.get(key);
    const lists = changes(b?.seats ?? {}, d.seats);
    const size = b?.totalSeats ?? 0;
    if (lists.length > 0 || size !== d.totalSeats)
      districts.push({ district: d.district, before: size, after: d.totalSeats, lists });
  }
  for (const b of before.districts)
    if (!seen.has(nameKey(b.district)))
      districts.push({
        district: b.district,
        before: b.totalSeats,
        after: 0,
        lists: changes(b.seats, {}),
      });
  const seated = (r: SeatResult): Set<string> =>
    new Set(Object.keys(r.seats).filter((p) => seatsOf(r.seats, p) > 0));
  const inBefore = seated(before);
  const inAfter = seated(after);
  return {
    baseline: { rules: before.rules, totalSeats: before.totalSeats },
    lists: changes(before.seats, after.seats),
    districts,
    entered: [...inAfter].filter((p) => !inBefore.has(p)).sort(byName),
    left: [...inBefore].filter((p) => !inAfter.has(p)).sort(byName),
  };
}
