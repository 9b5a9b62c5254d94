import { Option, type Command } from 'commander';
import type { CliIo, OutputFormat } from '../io.js';
import {
  formatOption,
  jurisdictionsOption,
  langOption,
  numberIn,
  usageError,
  wholeNumber,
} from '../options.js';
import { say } from '../format.js';
import type { ContestsArgs } from './contests.js';

// The commands that read rulesets and the bundled data, not the store; each loads its module
// when it runs.

/** `cifra apportion`: a chamber's seats among its districts. */
export function addApportionCommand(
  program: Command,
  io: CliIo,
  done: (code: number) => void,
): void {
  program
    .command('apportion')
    .addOption(langOption())
    .description("share a chamber's seats among districts from their electorate")
    .requiredOption(
      '--rules <id|file>',
      'ruleset with an apportionment rule (pe-2021-congreso, pe-2026-diputados, es-congreso, or a file)',
    )
    .option(
      '--electorate <file>',
      "CSV district,electorate (default: the ruleset file's own electorate, else the padrón bundled for the ruleset)",
    )
    .option('--seats <n>', 'what-if: apportion this many seats', wholeNumber('--seats'))
    .addOption(formatOption())
    .action(
      async (o: { rules: string; electorate?: string; seats?: number; format: OutputFormat }) => {
        done((await import('./apportion.js')).runApportion(o, io));
      },
    );
}

/** `cifra winner` (alias `president`): a single-winner round. */
export function addWinnerCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('winner')
    .addOption(langOption())
    .alias('president')
    .description(
      "a single-winner round (president, regional governor): the outright winner by the ruleset's share (> 50 %, ≥ 30 %) or the runoff pair; `cifra president` is the same command",
    )
    .requiredOption(
      '--rules <id|file>',
      'pe-2021-presidencial, pe-2026-presidencial, pe-erm-gobernador, the -segunda runoffs, or a single-winner ruleset file',
    )
    .requiredOption('--votes <file>', 'CSV candidate,votes (optional rows BLANK and NULL)')
    .addOption(
      new Option(
        '--remaining <votes>',
        'the count is still going: at most this many votes remain to count (e.g. the electors of the actas not in); the outcome is stated only if no way of adding them could change it',
      ).argParser(numberIn('--remaining', { min: 0, max: 999_999_999 })),
    )
    .addOption(
      new Option(
        '--impugned <votes>',
        "impugned votes awaiting the JEE's ruling, counted apart (LOE arts. 282, 311–312): they may yet go to anyone, so the outcome is stated only if they cannot change it",
      ).argParser(numberIn('--impugned', { min: 0, max: 999_999_999 })),
    )
    .addOption(
      new Option(
        '--unresolved <electors>',
        'a final count that leaves actas unresolved (EN PROCESO): the electors of those actas (LOE art. 301); their votes may yet go to anyone, so the outcome is stated only if they cannot change it (not with --remaining: count them in it)',
      ).argParser(numberIn('--unresolved', { min: 0, max: 999_999_999 })),
    )
    .addOption(formatOption())
    .action(
      async (o: {
        rules: string;
        votes: string;
        remaining?: number;
        impugned?: number;
        unresolved?: number;
        format: OutputFormat;
      }) => {
        // unresolved actas are a final count's: on a count still going they are actas not in
        if (o.unresolved !== undefined && o.remaining !== undefined)
          throw usageError(
            say('--unresolved is for a final count; with --remaining, count those electors in it'),
          );
        done((await import('./president.js')).runPresident(o, io));
      },
    );
}

/** `cifra contests`: a multi-contest election in one pass. */
export function addContestsCommand(
  program: Command,
  io: CliIo,
  done: (code: number) => void,
): void {
  program
    .command('contests <election>')
    .addOption(langOption())
    .description(
      'a multi-contest election (data/contests: pe-erm-2022, pe-erm-2026, or a cifra-contests/1 file) in one pass: posts per organisation, parties vs regional movements, the governors; or one contest with --contest',
    )
    .option('--contest <id>', 'one contest: <kind>/<key>, e.g. provincial-council/140100')
    .addOption(
      new Option('--kind <kind>', 'only the contests of one kind').choices([
        'governor',
        'regional-council',
        'provincial-council',
        'district-council',
        'governor-runoff',
      ]),
    )
    .option('--seed <n>', 'draw the lots of tied councils with this seed', wholeNumber('--seed'))
    .addOption(
      new Option(
        '--bonus <on|off>',
        'off: a what-if without the majority bonus (cifra repartidora alone; the law applies it)',
      )
        .choices(['on', 'off'])
        .default('on'),
    )
    .addOption(formatOption(['table', 'json']))
    .action(async (election: string, o: Omit<ContestsArgs, 'election'>) => {
      done((await import('./contests.js')).runContests({ ...o, election }, io));
    });
}

/** `cifra rules`: the rulesets, or one of them. */
export function addRulesCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('rules [id-or-file]')
    .addOption(langOption('table headers and lines'))
    .description(
      'list the rulesets, or show one (built-in id or file) with its sources and options; --format json prints the file, --schema the JSON Schema',
    )
    .addOption(formatOption(['table', 'json']))
    .option('--schema', 'print the JSON Schema of ruleset files', false)
    .action(async (ref: string | undefined, o: { format: 'table' | 'json'; schema: boolean }) => {
      done((await import('./rules.js')).runRules({ ref, format: o.format, schema: o.schema }, io));
    });
}

/** `cifra jurisdictions`: the jurisdictions, or one checked. */
export function addJurisdictionsCommand(
  program: Command,
  io: CliIo,
  done: (code: number) => void,
): void {
  program
    .command('jurisdictions [id]')
    .addOption(langOption('table headers and lines'))
    .description(
      'the jurisdictions (data/jurisdictions/<id>/, and yours with --jurisdictions): list them, or check one and show its levels',
    )
    .addOption(jurisdictionsOption())
    .action(async (id: string | undefined, o: { jurisdictions?: string }) => {
      done((await import('./jurisdictions.js')).runJurisdictions(id, io, o.jurisdictions));
    });
}

/** `cifra demo`: the engine on the bundled real data. */
export function addDemoCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('demo')
    .addOption(langOption('tables and lines'))
    .description('the engine on the bundled real data (2021, 2026, Spain 2023), as tables')
    .action(async () => {
      const { runDemo } = await import('./demo.js');
      done(runDemo(io));
    });
}
