import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ElectionDef } from '../core/model/acta.js';
import { nameKey } from '../core/names.js';
import { dataPath } from '../io/paths.js';
import { isJurisdictionPath } from '../jurisdictions/load.js';

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/**
 * `data/jurisdictions/<id>/party-colors.json` (`cifra-party-colors/1`): one colour per political
 * organisation, so that a party keeps its colour across elections when a manifest gives none.
 */
export const PartyColorsSchema = z.strictObject({
  format: z.literal('cifra-party-colors/1'),
  jurisdiction: z.string().min(1),
  description: z.string().optional(),
  parties: z.array(
    z.strictObject({
      party: z.string().min(1),
      color: Color,
      aliases: z.array(z.string().min(1)).default([]),
      /** Where the colour comes from (`manifests-2026`: the bundled manifests; `cifra`: chosen by cifra). */
      source: z.string().min(1),
    }),
  ),
});

/** The colour of the votes not itemised per choice (a remainder: "other lists"). */
export const REMAINDER_COLOR = '#9aa1ad';

/**
 * Colours for parties in no table: distinct hues, picked by a hash of the party's name so that
 * it gets the same one in every election.
 */
const FALLBACK = [
  '#7d3c98',
  '#b7950b',
  '#2e4053',
  '#148f77',
  '#a93226',
  '#5d6d7e',
  '#af601a',
  '#1f618d',
  '#6c3483',
  '#117864',
  '#7e5109',
  '#943126',
];

const tables = new Map<string, ReadonlyMap<string, string>>();

/** The jurisdiction's party colour table by name key (party and aliases); empty when it has none. */
export function partyColorTable(jurisdiction: string): ReadonlyMap<string, string> {
  const hit = tables.get(jurisdiction);
  if (hit) return hit;
  const file = dataPath('jurisdictions', jurisdiction, 'party-colors.json');
  const map = new Map<string, string>();
  // a user's jurisdiction (a folder's path) has no bundled table: the manifests' colours or the fallback
  if (!isJurisdictionPath(jurisdiction) && existsSync(file)) {
    // a broken bundled table is a bug in the data, caught by its test
    const t = PartyColorsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    for (const p of t.parties)
      for (const n of [p.party, ...p.aliases]) map.set(nameKey(n), p.color.toLowerCase());
  }
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
 * Each choice's colour: the manifest's, else the party table's (by party, then label), else a
 * fallback picked by the party's name; a remainder is grey. Two choices of one election never
 * share a colour: a later one with a colour already taken gets a darker or lighter shade of it.
 */
export function choiceColors(def: Pick<ElectionDef, 'jurisdiction' | 'choices'>): string[] {
  const table = partyColorTable(def.jurisdiction);
  const taken = new Set<string>();
  return def.choices.map((c) => {
    if (c.remainder === true) return REMAINDER_COLOR;
    const name = nameKey(c.party || c.label);
    const base = (
      c.color ??
      table.get(name) ??
      table.get(nameKey(c.label)) ??
      (FALLBACK[hashOf(name) % FALLBACK.length] as string)
    ).toLowerCase();
    let color = base;
    for (let i = 1; taken.has(color) && i < 8; i++)
      color = shade(base, i % 2 === 1 ? 0.15 * i : -0.15 * i);
    taken.add(color);
    return color;
  });
}
