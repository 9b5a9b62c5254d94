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

/** Names that read the same in Spanish and English, so they may stay one string. */
const PROPER_NAMES = new Set(['es.wikipedia', 'JNE, Resolución N.° 0602-2021-JNE', 'ubigeo']);

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly valueType?: z.ZodType;
  readonly in?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** `{ es, en }` and nothing else. */
function isLangObject(s: z.ZodType): boolean {
  const d = defOf(s);
  return (
    d.type === 'object' &&
    Object.keys(d.shape ?? {})
      .sort()
      .join() === 'en,es'
  );
}

/** Every value of `data` whose schema is localized text, with where it is. */
function localized(s: z.ZodType, data: unknown, at = ''): { at: string; text: unknown }[] {
  const d = defOf(s);
  // absent, or a ruleset's option switch where the schema has the chosen value
  if (data === undefined || data === null) return [];
  if (['object', 'record'].includes(d.type) && (typeof data !== 'object' || Array.isArray(data)))
    return [];
  if (d.type === 'array' && !Array.isArray(data)) return [];
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
    case 'readonly':
      return d.innerType ? localized(d.innerType, data, at) : [];
    case 'pipe':
      return d.in ? localized(d.in, data, at) : [];
    case 'object':
      if (isLangObject(s)) return [{ at, text: data }];
      return Object.entries(d.shape ?? {}).flatMap(([k, v]) =>
        localized(v, (data as Record<string, unknown>)[k], `${at}.${k}`),
      );
    case 'array':
      return (data as unknown[]).flatMap((v, i) =>
        d.element ? localized(d.element, v, `${at}[${i}]`) : [],
      );
    case 'record':
      return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) =>
        d.valueType ? localized(d.valueType, v, `${at}.${k}`) : [],
      );
    case 'union': {
      const options = d.options ?? [];
      if (options.some(isLangObject)) return [{ at, text: data }];
      // a ruleset's option switches fail the whole file's parse: then the option of its `kind`
      const kind = (data as { kind?: unknown }).kind;
      const match =
        options.find((o) => o.safeParse(data).success) ??
        options.find((o) => defOf(o).shape?.['kind']?.safeParse(kind).success === true);
      return match ? localized(match, data, at) : [];
    }
    default:
      return [];
  }
}

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
