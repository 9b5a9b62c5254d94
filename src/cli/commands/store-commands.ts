import { Option, type Command } from 'commander';
import type { Level } from '../../core/tally/aggregate.js';
import { say } from '../format.js';
import { EXIT_USAGE, type CliIo, type OutputFormat } from '../io.js';
import { dbOption, formatOption, langOption, LEVEL_HELP } from '../options.js';
import { withExistingStore } from '../store-access.js';
import {
  runActa,
  runElections,
  runExport,
  runImports,
  runQuarantine,
  runResults,
} from './actas.js';

// The commands that read a store and nothing else: with none at --db, store_not_found.

/** `cifra results`: the results at a level. */
export function addResultsCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('results')
    .addOption(langOption("tables, lines and messages; a CSV's headers stay English, an API"))
    .description('results at a level: votes, %, blank, null, participation, actas by state')
    .addOption(new Option('--level <level>', LEVEL_HELP).default('national'))
    .option(
      '--code <code>',
      'one unit; in Peru: department 2 digits, province 4, district 6 (RENIEC ubigeo), circunscripción 1–27, ámbito PERU|EXTRANJERO, mesa',
    )
    .option('--election <id>', 'election id (default: the only one in the store)')
    .addOption(dbOption())
    .addOption(formatOption())
    .action(
      async (o: {
        level: Level;
        code?: string;
        election?: string;
        db: string;
        format: OutputFormat;
      }) => {
        done(await withExistingStore(o.db, io, (store) => runResults(store, o, io)));
      },
    );
}

/** `cifra acta MESA`: one acta and its versions. */
export function addActaCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('acta <mesa>')
    .addOption(langOption())
    .description('one acta: values, state, history of versions with their sources, issues')
    .option('--election <id>', 'election id (default: the only one in the store)')
    .addOption(dbOption())
    // an acta is a document, not a table of rows: no CSV (refused as any unknown format)
    .addOption(formatOption(['table', 'json']))
    .action(async (mesa: string, o: { election?: string; db: string; format: OutputFormat }) => {
      done(
        await withExistingStore(o.db, io, (store) =>
          runActa(store, { mesa, election: o.election, format: o.format }, io),
        ),
      );
    });
}

/** `cifra export`: every unit of a level to a file. */
export function addExportCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('export')
    .addOption(langOption("line it prints; a CSV's headers stay English, an API"))
    .description('write the results of every unit of a level to a file (written atomically)')
    .addOption(new Option('--level <level>', LEVEL_HELP).makeOptionMandatory())
    .addOption(
      new Option('--format <format>', 'file format').choices(['csv', 'json']).default('csv'),
    )
    .requiredOption('--out <file>', 'output file')
    .option(
      '--unit <code>',
      "with --level mesa: only the mesas of this district, province or department (its code: Peru's ubigeo, 6, 4 or 2 digits)",
    )
    .option('--election <id>', 'election id (default: the only one in the store)')
    .addOption(dbOption())
    .action(
      async (o: {
        level: Level;
        format: 'csv' | 'json';
        out: string;
        unit?: string;
        election?: string;
        db: string;
      }) => {
        if (o.unit !== undefined && o.level !== 'mesa') {
          io.err(say('error: --unit lists the mesas of a unit: give it with --level mesa'));
          return done(EXIT_USAGE);
        }
        done(await withExistingStore(o.db, io, (store) => runExport(store, o, io)));
      },
    );
}

/** `cifra elections`: the elections in the store. */
export function addElectionsCommand(
  program: Command,
  io: CliIo,
  done: (code: number) => void,
): void {
  program
    .command('elections')
    .addOption(langOption())
    .description('the elections in the store')
    .addOption(dbOption())
    .action(async (o: { db: string }) => {
      done(await withExistingStore(o.db, io, (store) => runElections(store, io)));
    });
}

/** `cifra imports`: the import log. */
export function addImportsCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('imports')
    .addOption(langOption())
    .description('the import log: every file with its SHA-256, size and counts')
    .option('--election <id>', 'only this election')
    .addOption(dbOption())
    .action(async (o: { db: string; election?: string }) => {
      done(await withExistingStore(o.db, io, (store) => runImports(store, o.election, io)));
    });
}

/** `cifra quarantine IMPORT`: an import's quarantined rows. */
export function addQuarantineCommand(
  program: Command,
  io: CliIo,
  done: (code: number) => void,
): void {
  program
    .command('quarantine <import>')
    .addOption(langOption())
    .description(
      "an import's quarantined rows: each row's number, mesa, issues and raw cells (`cifra imports` gives the import numbers)",
    )
    .addOption(dbOption())
    .addOption(formatOption(['table', 'json']))
    .action(async (id: string, o: { db: string; format: OutputFormat }) => {
      // digits only: 1e0, 0x1 or 1.0 are not import numbers
      const importId = /^\d{1,15}$/.test(id) ? Number(id) : 0;
      if (importId < 1) {
        io.err(say('not an import number: {id} (`cifra imports` lists them)', { id }));
        return done(EXIT_USAGE);
      }
      done(
        await withExistingStore(o.db, io, (store) =>
          runQuarantine(store, { importId, format: o.format }, io),
        ),
      );
    });
}
