import { Option, type Command } from 'commander';
import type { CliIo, OutputFormat } from '../io.js';
import { formatOption, jurisdictionsOption, langOption } from '../options.js';

/** `cifra compare A B`: the observer's cross-check of two sources of the same actas. */
export function addCompareCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const sourceFormat = (side: 'a' | 'b') =>
    new Option(
      `--format-${side} <format>`,
      `how to read file ${side.toUpperCase()}: onpe-mesa, cifra-csv, cifra-json, a source id of the election's manifest (its column map), or a column-map file (.json); default: the manifest's source with the file's SHA-256, else detected`,
    );
  program
    .command('compare <fileA> <fileB>')
    .addOption(langOption())
    .description(
      'cross-check two sources of the same actas mesa by mesa: coded disagreements (missing, state, counts, Σ ≠ voters) and the net effect A − B per candidate',
    )
    .option(
      '--election <id|manifest>',
      'a bundled manifest (data/elections) or a manifest file; default: the bundled election that declares the files (SHA-256) or whose columns they have',
    )
    .addOption(sourceFormat('a'))
    .addOption(sourceFormat('b'))
    .addOption(formatOption())
    .option('--out <file>', 'write the output to this file (atomically) instead of stdout')
    .addOption(jurisdictionsOption())
    .action(
      async (
        fileA: string,
        fileB: string,
        o: {
          election?: string;
          jurisdictions?: string;
          formatA?: string;
          formatB?: string;
          format: OutputFormat;
          out?: string;
        },
      ) => {
        const { runCompare } = await import('./compare.js');
        done(await runCompare({ fileA, fileB, ...o }, io));
      },
    );
}
