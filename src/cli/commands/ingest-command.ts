import { existsSync, rmSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { isPostgresUrl } from '../../store/open.js';
import { addLimitOptions, limitsOf, type LimitOptions } from '../ingest-limits.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { printIssues } from '../messages.js';
import { parseSourceCut } from '../../results/source-cut.js';
import { CorrectionRulingSchema } from '../../results/correction.js';
import { say } from '../format.js';
import { busyOption, dbOption, jurisdictionsOption, langOption, usageError } from '../options.js';
import { withStore } from '../store-access.js';
import { runIngest } from './actas.js';

type IngestOptions = LimitOptions & {
  db: string;
  election?: string;
  format?: 'onpe-mesa' | 'onpe-congress' | 'cifra-csv' | 'cifra-json';
  correction: boolean;
  resolution?: string;
  author?: string;
  cut?: string;
  check: boolean;
  output: OutputFormat;
  progress: boolean;
  busyTimeout?: number;
  jurisdictions?: string;
};

/** A correction's ruling or author as the API takes it (CorrectionRulingSchema), else a usage error. */
const citable =
  (flag: '--resolution' | '--author') =>
  (v: string): string => {
    const r =
      CorrectionRulingSchema.shape[flag === '--resolution' ? 'resolution' : 'author'].safeParse(v);
    if (!r.success || r.data === undefined)
      throw usageError(say('{flag} must be one line of 1 to 120 characters', { flag }));
    return r.data;
  };

/** `cifra ingest FILE`: the file's actas into the store (or, with --check, only validated). */
async function ingestCommand(file: string, o: IngestOptions, io: CliIo): Promise<number> {
  const limits = limitsOf(o); // a bad limits file is a usage error before the store opens
  const ruling = { resolution: o.resolution, author: o.author };
  if (!o.correction && (o.resolution !== undefined || o.author !== undefined))
    throw usageError(say('--resolution and --author go with --correction'));
  if (o.correction && o.cut !== undefined)
    throw usageError(say("--cut is a source file's: it does not go with --correction"));
  // a bad cut is refused before the store opens: nothing is read or created
  const cut = o.cut === undefined ? undefined : parseSourceCut(o.cut);
  if (cut?.ok === false) {
    printIssues(io, cut.error);
    return EXIT_ISSUES;
  }
  // --busy-timeout's wait when given, else withStore's default ($CIFRA_SQLITE_BUSY_MS, else 10 s)
  // a check stores nothing, so it creates no store: with none at --db, one in memory answers
  // the election lookup as the new, empty file would (and no file is written, no fsync waited)
  const fresh = o.check && !isPostgresUrl(o.db) && !existsSync(o.db);
  const created = !o.check && !isPostgresUrl(o.db) && !existsSync(o.db);
  const code = await withStore(
    fresh ? ':memory:' : o.db,
    (store) =>
      runIngest(
        store,
        {
          file,
          election: o.election,
          format: o.format,
          correction: o.correction,
          ruling,
          cut: cut?.value,
          check: o.check,
          output: o.output,
          progress: o.progress && process.stderr.isTTY === true,
          limits,
          jurisdictions: o.jurisdictions,
        },
        io,
      ),
    o.busyTimeout,
  );
  // an ingest refused before anything was stored leaves no new store behind (it had none)
  if (created && code !== EXIT_OK)
    for (const f of [o.db, `${o.db}-wal`, `${o.db}-shm`]) rmSync(f, { force: true });
  return code;
}

/** `cifra ingest`: its options (the ingest limits' too); the run is ingestCommand's. */
export function addIngestCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const ingest = program
    .command('ingest <file>')
    .addOption(langOption())
    .description(
      'read a file of actas (.csv, .csv.gz, .zip, .json, .jsonl) into the store: validate, quarantine, version',
    )
    .addOption(dbOption())
    .option(
      '--election <id|manifest>',
      "an election in the store, a bundled manifest (data/elections), or a manifest file; default: the bundled election the file's columns fit",
    )
    .addOption(
      new Option('--format <format>', 'input format (detected when omitted)').choices([
        'onpe-mesa',
        'cifra-csv',
        'cifra-json',
      ]),
    )
    .option(
      '--correction',
      'record the file as corrections (e.g. after JEE rulings): differing actas become current',
      false,
    )
    .addOption(
      new Option(
        '--resolution <text>',
        "with --correction: the ruling's reference, e.g. a JEE resolution number (shown in each corrected acta's versions)",
      ).argParser(citable('--resolution')),
    )
    .addOption(
      new Option('--author <text>', 'with --correction: who records the correction').argParser(
        citable('--author'),
      ),
    )
    .option(
      '--cut <instant>',
      "the source's cut of the file, as an ISO 8601 instant with its offset (ONPE's \"actualizado al 07/06/2026 22:30\" is 2026-06-07T22:30:00-05:00): kept with the import, the figures' cut while the count is under way",
    )
    .option(
      '--check',
      'read and validate only: report what would be quarantined, write no acta to the store; exits 1 when any row would be',
      false,
    )
    .addOption(jurisdictionsOption())
    .addOption(
      new Option('--output <format>', 'summary format').choices(['table', 'json']).default('table'),
    )
    .option('--no-progress', 'no progress bar even on a terminal')
    .addOption(busyOption());
  addLimitOptions(ingest).action(async (file: string, o: IngestOptions) => {
    done(await ingestCommand(file, o, io));
  });
}
