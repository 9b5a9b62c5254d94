import { basename } from 'node:path';
import type { ElectionDef } from '../core/model/acta.js';
import { deltaE, DISTINCT_PALETTE as FALLBACK_PALETTE } from '../core/color-difference.js';
import { nameKey } from '../core/names.js';
import { dataPath } from '../io/paths.js';
import { isJurisdictionPath } from '../jurisdictions/load.js';
import { readPartyColors } from '../jurisdictions/party-colors-file.js';

/** The colour of the votes not itemised per choice (a remainder: "other lists"). */
export const REMAINDER_COLOR = '#9aa1ad';

/** Fallback colours are at least this far (CIEDE2000) from every other colour of the election. */
const APART = 15;

const tables = new Map<string, ReadonlyMap<string, string>>();

/**
 * The jurisdiction's party colour table by name key (party and aliases): its folder's
 * party-colors.json, bundled or a user's (a folder's path); empty when it has none. A bad file is
 * refused where the jurisdiction loads (party_colors_invalid); read alone here, without the place
 * table, it gives no colours.
 */
export function partyColorTable(jurisdiction: string): ReadonlyMap<string, string> {
  const hit = tables.get(jurisdiction);
  if (hit) return hit;
  const folder = isJurisdictionPath(jurisdiction)
    ? jurisdiction
    : dataPath('jurisdictions', jurisdiction);
  const r = readPartyColors(folder, basename(folder));
  const map = r.ok ? r.value : new Map<string, string>();
  tables.set(jurisdiction, map);
  return map;
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** A colour mixed toward black (k > 0) or white (k < 0), |k| ≤ 1. */
function shade(hex: string, k: number): string {
  const target = k > 0 ? 0 : 255;
  const w = Math.abs(k);
  const parts = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16);
    return Math.round(c + (target - c) * w)
      .toString(16)
      .padStart(2, '0');
  });
  return `#${parts.join('')}`;
}

/**
 * A party in no table: from its hash's place in the palette, the first colour at least APART from
 * every colour the election has given so far; else the palette's farthest from them.
 */
function fallbackColor(name: string, taken: readonly string[]): string {
  const n = FALLBACK_PALETTE.length;
  const start = hashOf(name) % n;
  let best = FALLBACK_PALETTE[start] as string;
  let bestGap = -1;
  for (let k = 0; k < n; k++) {
    const c = FALLBACK_PALETTE[(start + k) % n] as string;
    const gap = Math.min(Infinity, ...taken.map((t) => deltaE(c, t)));
    if (gap >= APART) return c;
    if (gap > bestGap) [best, bestGap] = [c, gap];
  }
  return best;
}

/**
 * Each choice's colour: the manifest's, else the party table's (by party, then label), else a
 * fallback from a palette, apart from the colours the election gives its other choices; a
 * remainder is grey. Two choices of one election never share a colour: a later one with a colour
 * already taken gets a darker or lighter shade of it.
 */
export function choiceColors(def: Pick<ElectionDef, 'jurisdiction' | 'choices'>): string[] {
  const table = partyColorTable(def.jurisdiction);
  const own = def.choices.map((c) =>
    c.remainder === true
      ? REMAINDER_COLOR
      : (
          c.color ??
          table.get(nameKey(c.party || c.label)) ??
          table.get(nameKey(c.label))
        )?.toLowerCase(),
  );
  // the colours given first, so that a fallback keeps apart from all of them
  const given = own.filter((c): c is string => c !== undefined);
  const taken = new Set<string>();
  return def.choices.map((c, i) => {
    if (c.remainder === true) return REMAINDER_COLOR;
    const base = own[i] ?? fallbackColor(nameKey(c.party || c.label), given);
    if (own[i] === undefined) given.push(base);
    let color = base;
    for (let k = 1; taken.has(color) && k < 8; k++)
      color = shade(base, k % 2 === 1 ? 0.15 * k : -0.15 * k);
    taken.add(color);
    return color;
  });
}
