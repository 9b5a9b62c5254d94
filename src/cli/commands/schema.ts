import { Argument, type Command } from 'commander';
import type { z } from 'zod';
import type { CliIo } from '../io.js';
import { EXIT_OK } from '../io.js';
import { langOption } from '../options.js';

/**
 * The JSON data files an adopter writes, each by its zod schema (the one the loader parses it
 * with), so that `cifra schema KIND` prints a JSON Schema an editor validates the file against.
 * Each schema loads when asked: registering the command costs the CLI's start nothing.
 * The place table, electorates and vote files are CSV (docs/elections.md): no JSON Schema.
 */
const DATA_FILES = {
  jurisdiction: {
    format: 'cifra-jurisdiction/1',
    where: 'data/jurisdictions/<id>/jurisdiction.json',
    schema: async () => (await import('../../core/model/jurisdiction.js')).JurisdictionFileSchema,
  },
  'party-colors': {
    format: 'cifra-party-colors/1',
    where: 'data/jurisdictions/<id>/party-colors.json',
    schema: async () =>
      (await import('../../jurisdictions/party-colors-file.js')).PartyColorsSchema,
  },
  election: {
    format: 'cifra-election/1',
    where: 'data/elections/<id>.json (an election manifest)',
    schema: async () => (await import('../../core/model/manifest.js')).ManifestSchema,
  },
  contests: {
    format: 'cifra-contests/1',
    where: 'data/contests/<id>.json (a multi-contest election)',
    schema: async () =>
      (await import('../../core/model/contests-manifest.js')).ContestsManifestSchema,
  },
  ruleset: { format: 'cifra-ruleset/1', where: 'data/rulesets/<id>.json', schema: null },
  columns: {
    format: 'cifra-columns/1',
    where: 'a column map file (cifra compare --format-a FILE)',
    schema: async () => (await import('../../core/model/column-map.js')).ColumnMapFileSchema,
  },
  limits: {
    format: 'ingest limits',
    where: 'cifra ingest --limits FILE (examples/ingest/limits.json)',
    schema: async () => (await import('../../ingest/limits.js')).IngestLimitsFileSchema,
  },
} as const satisfies Record<
  string,
  { format: string; where: string; schema: (() => Promise<z.ZodType>) | null }
>;

export type DataFileKind = keyof typeof DATA_FILES;
export const DATA_FILE_KINDS = Object.keys(DATA_FILES) as DataFileKind[];

/** The JSON Schema (draft 2020-12) of one kind of data file, as `cifra schema KIND` prints it. */
export async function dataFileJsonSchema(kind: DataFileKind): Promise<unknown> {
  const f = DATA_FILES[kind];
  // the ruleset's schema exists once, with its option switches (`cifra rules --schema`)
  if (f.schema === null) return (await import('../../elections/rulesets.js')).rulesetJsonSchema();
  const { z } = await import('zod');
  return {
    // the file as written (defaults may be left out), not the value the loader makes of it
    ...z.toJSONSchema(await f.schema(), { io: 'input' }),
    title: `cifra ${kind} file (${f.format})`,
    description: `${f.where}. Generated from the schema cifra reads it with (cifra schema ${kind}).`,
  };
}

/** `cifra schema KIND`: the JSON Schema of one kind of data file, on standard output. */
export function addSchemaCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('schema')
    .addOption(langOption())
    .description(
      `print the JSON Schema of a data file you write (${DATA_FILE_KINDS.join(', ')}), for an editor to validate it ("$schema" or VS Code's json.schemas); the same files are in schemas/`,
    )
    .addArgument(new Argument('<kind>', 'the kind of file').choices(DATA_FILE_KINDS))
    .action(async (kind: DataFileKind) => {
      io.out(JSON.stringify(await dataFileJsonSchema(kind), null, 2));
      done(EXIT_OK);
    });
}
