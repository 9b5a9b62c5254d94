import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { printIssues } from './messages.js';
import { say, sayCommander, useTableLanguage, type TableLang } from './format.js';
import {
  EXIT_INTERNAL,
  EXIT_ISSUES,
  EXIT_OK,
  EXIT_USAGE,
  type CliIo,
  type OutputFormat,
} from './io.js';
import { openStore } from '../store/open.js';
import { readLimitsFile } from './ingest-limits.js';
import { StoreBusyError, type Store } from '../store/store.js';
import { issue } from '../core/issues.js';
import { PROJECT_ROOT } from '../io/paths.js';
import { busyOption, dbOption, formatOption, langOption, tokenOption } from './options.js';
import { sqliteBusyMs, storeExists, storeNotFound, withExistingStore } from './store-access.js';
import { addSeatsCommand } from './commands/seats-command.js';
import { addCompareCommand } from './commands/compare-command.js';
import { addProjectCommand, addReplayCommand } from './commands/project-commands.js';
import { addIngestCommand } from './commands/ingest-command.js';
import {
  addActaCommand,
  addElectionsCommand,
  addExportCommand,
  addImportsCommand,
  addQuarantineCommand,
  addResultsCommand,
} from './commands/store-commands.js';
import {
  addApportionCommand,
  addContestsCommand,
  addDemoCommand,
  addJurisdictionsCommand,
  addRulesCommand,
  addWinnerCommand,
} from './commands/rules-commands.js';

interface ServeOptions {
  readonly busyTimeout?: number;
  readonly db: string;
  readonly port: string;
  readonly host: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly ingestLimits?: string;
}

/** The options `cifra serve` and `cifra start` share (ServeOptions). */
function serverOptions(cmd: Command): Command {
  return cmd
    .addOption(langOption('lines and messages'))
    .addOption(dbOption())
    .option('--port <n>', 'port', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(tokenOption())
    .option('--token-file <path>', 'a file holding the bearer token (not visible in ps)')
    .option(
      '--ingest-limits <file>',
      'a JSON file of ingest limits for POST /api/v1/imports (as cifra ingest --limits)',
    )
    .addOption(busyOption());
}

/**
 * The write token: from --token-file, $CIFRA_TOKEN or --token (with a warning: other users see
 * argv in ps). Null after a usage error; undefined when writes stay disabled.
 */
function tokenOf(o: ServeOptions, cmd: Command, io: CliIo): string | undefined | null {
  if (o.tokenFile !== undefined) {
    try {
      const t = readFileSync(o.tokenFile, 'utf8').trim();
      if (t !== '') return t;
      io.err(say('error: --token-file {file} is empty', { file: o.tokenFile }));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      io.err(say('error: cannot read --token-file ({code})', { code }));
    }
    return null;
  }
  if (o.token !== undefined && cmd.getOptionValueSource('token') === 'cli')
    io.err(
      say('warning: --token is visible to other users (ps); use --token-file or $CIFRA_TOKEN'),
    );
  return o.token;
}

async function serveUntilStopped(
  store: Store,
  o: { port: number; host: string; token?: string | undefined; ingestLimits?: string | undefined },
  io: CliIo,
): Promise<number> {
  const { buildApi, hashToken } = await import('../api/server.js');
  const app = await buildApi({
    store,
    tokenHash: o.token ? hashToken(o.token) : null,
    ingestLimits:
      o.ingestLimits === undefined ? {} : readLimitsFile(o.ingestLimits, '--ingest-limits'),
    dashboard: true,
    logger: true,
    // $CIFRA_RAW_HOT=0: every request through Node's HTTP parser (docs/adr/014)
    rawHotPath: process.env['CIFRA_RAW_HOT'] !== '0',
  });
  let address: string;
  try {
    address = await app.listen({ port: o.port, host: o.host });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw e;
    io.err(
      say(
        'error: cannot listen on {host}:{port} ({code}): choose another with --port N (or --host)',
        {
          host: o.host,
          port: o.port,
          code,
        },
      ),
    );
    await app.close();
    await store.close();
    return EXIT_USAGE;
  }
  io.out(
    `cifra: dashboard ${address}/ · API ${address}/api/v1/elections · OpenAPI ${address}/api/v1/openapi.json${o.token ? '' : say(' (writes disabled: no token)')}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void =>
      void app
        .close()
        .then(() => store.close())
        .then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT_OK;
}

/**
 * Runs the CLI with injected IO and returns the exit code: 0 ok, 1 input or domain issues,
 * 2 usage, 70 internal error. Async commands (ingest, serve) resolve to their code.
 */
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

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code = EXIT_OK;
  // every line the run prints in its --lang: tables, lines, issues, commander's own errors
  const lang = langOfArgv(argv);
  useTableLanguage(lang);
  const program = new Command('cifra')
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
    .showHelpAfterError(lang === 'es' ? say('(add --help for additional information)') : true);

  addSeatsCommand(program, io, (c) => (code = c));

  addApportionCommand(program, io, (c) => (code = c));

  addWinnerCommand(program, io, (c) => (code = c));

  addContestsCommand(program, io, (c) => (code = c));

  addRulesCommand(program, io, (c) => (code = c));

  addIngestCommand(program, io, (c) => (code = c));

  addResultsCommand(program, io, (c) => (code = c));

  addProjectCommand(program, io, (c) => (code = c));

  addReplayCommand(program, io, (c) => (code = c));

  addCompareCommand(program, io, (c) => (code = c));

  program
    .command('audit')
    .addOption(langOption('lines and messages'))
    .description(
      'tamper evidence: `cifra audit verify [--since HEAD]` checks the hash chains and the audit log against every table; `cifra audit head` prints the head to publish',
    )
    .argument('<action>', 'verify | head')
    .addOption(dbOption())
    .option('--since <hash>', 'verify: an earlier head hash that must still be in the log')
    .addOption(formatOption(['table', 'json']))
    .action(async (action: string, o: { db: string; format: OutputFormat; since?: string }) => {
      if (action !== 'verify' && action !== 'head') {
        io.err(say('error: unknown audit action "{action}" (known: verify, head)', { action }));
        code = EXIT_USAGE;
        return;
      }
      if (o.since !== undefined && !/^[0-9a-f]{64}$/.test(o.since)) {
        io.err(say('error: --since takes a head hash: 64 lowercase hex digits (cifra audit head)'));
        code = EXIT_USAGE;
        return;
      }
      const { runAuditHead, runAuditVerify } = await import('./commands/audit.js');
      code = await withExistingStore(o.db, io, (store) =>
        action === 'head' ? runAuditHead(store, o, io) : runAuditVerify(store, o, io),
      );
    });

  addActaCommand(program, io, (c) => (code = c));

  addExportCommand(program, io, (c) => (code = c));

  addJurisdictionsCommand(program, io, (c) => (code = c));

  addElectionsCommand(program, io, (c) => (code = c));

  addImportsCommand(program, io, (c) => (code = c));

  addQuarantineCommand(program, io, (c) => (code = c));

  serverOptions(
    program
      .command('serve')
      .description('serve the HTTP API (reads public; writes need the bearer token)'),
  ).action(async (o: ServeOptions, cmd: Command) => {
    const token = tokenOf(o, cmd, io);
    if (token === null) return void (code = EXIT_USAGE);
    // without a token nothing can be written: a store that is not there is a typo, not a new one
    if (token === undefined && !storeExists(o.db))
      return void (printIssues(io, [storeNotFound(o.db)]), (code = EXIT_ISSUES));
    const store = openStore(o.db, o.busyTimeout ?? sqliteBusyMs());
    await store.migrate();
    code = await serveUntilStopped(store, { ...o, token, port: Number(o.port) }, io);
  });

  serverOptions(
    program
      .command('start')
      .description(
        'what `npm start` runs: load the bundled real data on first run, then serve the dashboard and the API',
      ),
  ).action(async (o: ServeOptions, cmd: Command) => {
    const token = tokenOf(o, cmd, io);
    if (token === null) return void (code = EXIT_USAGE);
    const store = openStore(o.db, o.busyTimeout ?? sqliteBusyMs());
    await store.migrate();
    const { loadBundledData } = await import('./commands/bundled.js');
    const loaded = await loadBundledData(store, io, process.stderr.isTTY === true);
    if (loaded !== EXIT_OK) {
      await store.close();
      code = loaded;
      return;
    }
    code = await serveUntilStopped(store, { ...o, token, port: Number(o.port) }, io);
  });

  program
    .command('publish')
    .addOption(langOption('line it prints and its messages'))
    .description(
      'write the whole public site (the dashboard and every document it reads, at the API paths) as static files; DIR must be new, empty or an earlier publish',
    )
    .addOption(dbOption())
    .requiredOption('--out <dir>', 'output directory (replaced whole, only if cifra wrote it)')
    .action(async (o: { db: string; out: string }) => {
      code = await withExistingStore(o.db, io, async (store) => {
        // the site carries the store's audit head: a store that fails verification is not
        // published (nothing written), rather than vouched for beside edited figures
        const v = await (await import('./commands/audit.js')).verifiedHead(store);
        if (!v.ok) {
          printIssues(io, v.issues);
          io.err(say('nothing published: {db} fails `cifra audit verify`', { db: o.db }));
          return EXIT_ISSUES;
        }
        const { publishSite } = await import('../api/publish-site.js');
        const { buildOpenApi } = await import('../api/server.js');
        // the head verified, not one read again after it (the server may ingest meanwhile)
        const r = await publishSite(store, o.out, buildOpenApi(), new Date().toISOString(), {
          audit: v.head,
        });
        if (!r.ok) return (printIssues(io, r.error), EXIT_ISSUES);
        io.out(
          say('snapshot {id}: {files} files in {out}', { ...r.value, id: r.value.snapshotId }),
        );
        return EXIT_OK;
      });
    });

  addDemoCommand(program, io, (c) => (code = c));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.exitCode === 0
      )
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
    io.err(say('internal error: {message}', { message: (e as Error).message }));
    return EXIT_INTERNAL;
  } finally {
    // the run's language ends with the run (the tests run many in one process)
    useTableLanguage('en');
  }
}
