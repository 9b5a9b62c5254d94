// Every text a bundled data file gives in both languages has both, found by the schemas, not by a
// list of keys: each field whose schema is localized text ({ es, en }, or a name that may be one
// string) in every election, contests set, ruleset (its options' switches aside) and jurisdiction. A plain string is allowed only
// for the proper names listed here; a { es, en } text is a translation, not a copy, and a third
// party stays a third party (and nothing becomes official) in both languages. It failed on the
// files of the last session, whose publishers and sources were English only.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ContestsManifestSchema } from '../src/core/model/contests-manifest.js';
import { JurisdictionFileSchema } from '../src/core/model/jurisdiction.js';
import { ManifestSchema } from '../src/core/model/manifest.js';
import { RulesetFileSchema } from '../src/core/rulesets/schema.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { localized } from './localized-fields.js';

/** Names that read the same in Spanish and English, so they may stay one string. */
const PROPER_NAMES = new Set(['es.wikipedia', 'JNE, Resolución N.° 0602-2021-JNE', 'ubigeo']);

/** The bundled files of a folder under data/ with the schema that reads them. */
function files(
  dir: string,
  schema: z.ZodType,
  name = /\.json$/,
): { file: string; schema: z.ZodType }[] {
  const folder = join(PROJECT_ROOT, 'data', dir);
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => name.test(f))
    .map((f) => ({ file: join(folder, f), schema }));
}

const BUNDLED = [
  ...files('elections', ManifestSchema),
  ...files('contests', ContestsManifestSchema),
  ...files('rulesets', RulesetFileSchema),
  ...files('jurisdictions', JurisdictionFileSchema, /jurisdiction\.json$/),
];

describe('bundled data files', () => {
  const found = BUNDLED.flatMap(({ file, schema }) => {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return localized(schema, data).map((x) => ({ ...x, file: file.slice(PROJECT_ROOT.length) }));
  });

  it('give every localized text in Spanish and English (a plain string only for a proper name)', () => {
    for (const { file, at, text } of found) {
      const where = `${file} ${at}`;
      if (typeof text === 'string') {
        expect(PROPER_NAMES.has(text), `${where}: "${text}" is not a proper name`).toBe(true);
        continue;
      }
      const { es, en } = text as { es: string; en: string };
      expect(es.length * en.length, where).toBeGreaterThan(0);
      if (!PROPER_NAMES.has(es)) expect(es, `${where}: Spanish copied from English`).not.toBe(en);
    }
    // not vacuous: publishers, sources, valla, proclamation, labels, notes, levels
    expect(found.length).toBeGreaterThanOrEqual(80);
    for (const part of [
      'pe-2021-presidencial-segunda.json .crossCheck[0].publisher',
      'pe-2021-presidencial-segunda.json .reported.source',
      'pe-2026-diputados.json .seats.source',
      'pe-2026-diputados.json .seats.valla',
      'pe-2026-presidencial-segunda.json .proclamation',
      'pe-2026-presidencial.json .discrepancies[1].values[1].source',
      'pe-erm-2022.json .status.publisher',
      'pe-erm-2022.json .contestSets[2].publisher',
      // option descriptions, the universe's prior, a skipped row's reason
      'pe-2026-senado.json .options[4].description',
      'pe-erm-municipal.json .options[0].description',
      'pe-2026-presidencial-segunda-2026-06-10.json .universe.prior',
      'pe-erm-2022.json .contestSets[2].skipContests.reason',
    ])
      expect(
        found.some((f) => `${f.file} ${f.at}`.includes(part)),
        part,
      ).toBe(true);
  });

  it('keep a third party a third party, and official only where both languages say so', () => {
    for (const { file, at, text } of found) {
      if (typeof text === 'string') continue;
      const { es, en } = text as { es: string; en: string };
      const where = `${file} ${at}`;
      expect(/tercer/i.test(es), `${where}: third party in one language only`).toBe(
        /third[- ]part/i.test(en),
      );
      expect(/\boficial/i.test(es), `${where}: official in one language only`).toBe(
        /\bofficial\b/i.test(en),
      );
    }
  });
});
