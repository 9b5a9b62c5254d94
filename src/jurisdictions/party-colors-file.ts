import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { issue, type Issue } from '../core/issues.js';
import { nameKey } from '../core/names.js';
import { err, ok, type Result } from '../core/result.js';
import { parseJsonFile } from '../io/json-file.js';
import { PROJECT_ROOT } from '../io/paths.js';

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/**
 * `<jurisdiction folder>/party-colors.json` (`cifra-party-colors/1`), bundled or a user's: one
 * colour per political organisation, so that a party keeps its colour across elections when a
 * manifest gives none.
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

export const PARTY_COLORS_FILE = 'party-colors.json';

/**
 * The party colours of the jurisdiction `id` in `folder`, by name key (party and aliases, lower
 * case); empty when the folder has no party-colors.json. A file that breaks the format, or names
 * another jurisdiction, is `party_colors_invalid` at the field's JSON path.
 */
export function readPartyColors(
  folder: string,
  id: string,
): Result<ReadonlyMap<string, string>, Issue[]> {
  const path = join(folder, PARTY_COLORS_FILE);
  if (!existsSync(path)) return ok(new Map());
  const file = relative(PROJECT_ROOT, path) || path;
  const r = parseJsonFile(path, PartyColorsSchema, 'party_colors_invalid');
  if (!r.ok) return err(r.error.map((i) => ({ ...i, details: { ...i.details, file } })));
  if (r.value.jurisdiction !== id)
    return err([
      issue('party_colors_invalid', ['jurisdiction'], {
        file,
        problem: `names jurisdiction "${r.value.jurisdiction}", not its folder's "${id}"`,
      }),
    ]);
  const map = new Map<string, string>();
  for (const p of r.value.parties)
    for (const n of [p.party, ...p.aliases]) map.set(nameKey(n), p.color.toLowerCase());
  return ok(map);
}
