import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { issue } from '../core/issues.js';
import { PROJECT_ROOT } from '../io/paths.js';
import { StoreBusyError } from '../store/store.js';
import { storeFault } from '../store/store.js';
import { say, sayCommander, useNumberLocale, useTableLanguage, type TableLang } from './format.js';
import { EXIT_INTERNAL, EXIT_ISSUES, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { printIssues } from './messages.js';
import { addAuditCommand } from './commands/audit-command.js';
import { addCompareCommand } from './commands/compare-command.js';
import { addIngestCommand } from './commands/ingest-command.js';
import { addProjectCommand, addReplayCommand } from './commands/project-commands.js';
import {
  addApportionCommand,
  addContestsCommand,
  addDemoCommand,
  addJurisdictionsCommand,
  addRulesCommand,
  addWinnerCommand,
} from './commands/rules-commands.js';
import { addSchemaCommand } from './commands/schema.js';
import { addSeatsCommand } from './commands/seats-command.js';
import { addPublishCommand, addServeCommand, addStartCommand } from './commands/serve-commands.js';
import {
  addActaCommand,
  addElectionsCommand,
  addExportCommand,
  addImportsCommand,
  addQuarantineCommand,
  addResultsCommand,
} from './commands/store-commands.js';

/** A command's declaration: its options and help on `program`; its run reports the exit code. */
type AddCommand = (program: Command, io: CliIo, done: (code: number) => void) => void;

/**
 * The commands, in the order `cifra --help` lists them. Each loads its module when it runs but for
 * ingest and the store's readers (actas.ts, which loads the results when asked): `cifra ingest`
 * starts without the seats, results, projection, server, publisher, bundled data and demo (half
 * its start-up).
 */
const COMMANDS: readonly AddCommand[] = [
  addSeatsCommand,
  addApportionCommand,
  addWinnerCommand,
  addContestsCommand,
  addRulesCommand,
  addSchemaCommand,
  addIngestCommand,
  addResultsCommand,
  addProjectCommand,
  addReplayCommand,
  addCompareCommand,
  addAuditCommand,
  addActaCommand,
  addExportCommand,
  addJurisdictionsCommand,
  addElectionsCommand,
  addImportsCommand,
  addQuarantineCommand,
  addServeCommand,
  addStartCommand,
  addPublishCommand,
  addDemoCommand,
];

/** The version in package.json (one small read: the bundled bin has no JSON import of it). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/**
 * The run's language: the last `--lang en|es` (or `--lang=…`) before `--`, read before commander
 * parses, so that its own errors and the option parsers' follow it too. Every command takes it.
 */
function langOfArgv(argv: readonly string[]): TableLang {
  let lang: TableLang = 'en';
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const a = argv[i] as string;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'en' || v === 'es') lang = v;
  }
  return lang;
}

/** The program with its global options and its output through `io`, in the run's language. */
function newProgram(lang: TableLang, io: CliIo): Command {
  return (
    new Command('cifra')
      .description('cifra — open, verifiable election results: actas, rules, seats, projections')
      .version(packageVersion(), '-V, --version', say("print cifra's version"))
      .helpOption('-h, --help', say('display help for command'))
      .helpCommand('help [command]', say('display help for command'))
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.out(s.trimEnd()),
        writeErr: (s) => io.err(s.trimEnd()),
        outputError: (s, write) => write(sayCommander(s)),
      })
      .configureHelp({ styleTitle: (title) => say(title) })
      // the help's descriptions are English: in Spanish, a pointer to it rather than the text
      .showHelpAfterError(lang === 'es' ? say('(add --help for additional information)') : true)
  );
}

/** The exit code of a run that threw: commander's exits, store_busy, else an internal error. */
export function exitCodeOf(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0)
      return EXIT_OK;
    if (e.code === 'cifra.usage') io.err(`error: ${e.message}`);
    return EXIT_USAGE;
  }
  // another import held the write lock past the wait: a coded refusal, not a bug
  if (e instanceof StoreBusyError)
    return (
      printIssues(io, [issue('store_busy', ['store'], { waitedMs: e.waitedMs })]),
      EXIT_ISSUES
    );
  // a full disk, a read-only or newer store: the machine's state, coded, not a bug
  const fault = storeFault(e);
  if (fault) return (printIssues(io, [fault]), EXIT_ISSUES);
  io.err(say('internal error: {message}', { message: (e as Error).message }));
  return EXIT_INTERNAL;
}

/**
 * Runs the CLI with injected IO and returns the exit code: 0 ok, 1 input or domain issues,
 * 2 usage, 70 internal error. Async commands (ingest, serve) resolve to their code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code = EXIT_OK;
  // every line the run prints in its --lang: tables, lines, issues, commander's own errors
  const lang = langOfArgv(argv);
  useTableLanguage(lang);
  const program = newProgram(lang, io);
  for (const add of COMMANDS) add(program, io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return exitCodeOf(e, io);
  } finally {
    // the run's language ends with the run (the tests run many in one process)
    useTableLanguage('en');
    useNumberLocale(undefined);
  }
}
