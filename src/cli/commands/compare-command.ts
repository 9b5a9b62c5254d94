import { Option, type Command } from 'commander';
import type { CliIo, OutputFormat } from '../io.js';
import { formatOption, jurisdictionsOption, langOption } from '../options.js';

/**
 * `cifra compare A B`: the observer's cross-check of two sources of the same actas; `--db` (and
 * `--db-b`) make a side a store's current actas, so what is stored is checked against a file.
 */
export function addCompareCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const sourceFormat = (side: 'a' | 'b') =>
    new Option(
      `--format-${side} <format>`,
      `how to read file ${side.toUpperCase()}: onpe-mesa, cifra-csv, cifra-json, a source id of the election's manifest (its column map), or a column-map file (.json); default: the manifest's source with the file's SHA-256, else detected`,
    );
  program
    .command('compare [fileA] [fileB]')
    .addOption(langOption())
    .description(
      'cross-check two sources of the same actas mesa by mesa: coded disagreements (missing, state, counts, Σ ≠ voters) and the net effect A − B per candidate; a source is a file, or a store (--db, --db-b)',
    )
    .option(
      '--db <path|url>',
      "source A is this store's current actas of the election (SQLite file or postgres:// URL); the one file given is B",
    )
    .option('--db-b <path|url>', "source B is this store's current actas of the election")
    .option(
      '--election <id|manifest>',
      'a bundled manifest (data/elections) or a manifest file; default: the bundled election that declares the files (SHA-256) or whose columns they have',
    )
    .addOption(sourceFormat('a'))
    .addOption(sourceFormat('b'))
    .option(
      '--only-b',
      'compare only the mesas B holds (B a partial file, e.g. your own photographed actas against --db): the others are not reported missing from B',
    )
    .option(
      '--unit <code>',
      "compare only the mesas placed in this unit: a place code or its prefix (a ubigeo's 2-digit department, 4-digit province or 6-digit district, e.g. 060701)",
    )
    .addOption(formatOption())
    .option('--out <file>', 'write the output to this file (atomically) instead of stdout')
    .addOption(jurisdictionsOption())
    .action(
      async (
        fileA: string | undefined,
        fileB: string | undefined,
        o: {
          db?: string;
          dbB?: string;
          election?: string;
          jurisdictions?: string;
          formatA?: string;
          formatB?: string;
          format: OutputFormat;
          out?: string;
          onlyB?: boolean;
          unit?: string;
        },
      ) => {
        const { runCompare } = await import('./compare.js');
        const { db, dbB, ...rest } = o;
        done(await runCompare({ files: [fileA, fileB], dbA: db, dbB, ...rest }, io));
      },
    );
}
