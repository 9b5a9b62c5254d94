import type { Command } from 'commander';
import { say } from '../format.js';
import { EXIT_USAGE, type CliIo, type OutputFormat } from '../io.js';
import {
  collectOption,
  dbOption,
  formatOption,
  jurisdictionsOption,
  langOption,
  parseSeed,
  wholeNumber,
} from '../options.js';
import { withElectionStore } from '../store-access.js';
import type { Lang } from './seats.js';

// Loaded when `cifra seats` runs: the other commands start without the seats and what-ifs.
const seats = () => import('./seats.js');

interface SeatsOptions {
  rules?: string;
  votes?: string;
  election?: string;
  db: string;
  districts?: string;
  candidates?: string;
  parties?: string;
  seed?: number;
  option: Record<string, string>;
  jurisdictions?: string;
  method?: string;
  threshold?: string;
  seats?: number;
  format: OutputFormat;
  lang: Lang;
}

/** `cifra seats`: a ruleset and vote files, or (`--election`) a stored election — not both. */
async function seatsCommand(o: SeatsOptions, io: CliIo): Promise<number> {
  const whatIf = { method: o.method, threshold: o.threshold, seats: o.seats };
  if (o.election !== undefined) {
    const fileOnly = (['votes', 'districts', 'candidates', 'parties'] as const).filter(
      (k) => o[k] !== undefined,
    );
    if (fileOnly.length > 0) {
      io.err(
        say('error: --election takes the votes from the store; it takes no {flags}', {
          flags: fileOnly.map((k) => `--${k}`).join(', '),
        }),
      );
      return EXIT_USAGE;
    }
    const election = o.election;
    const levers =
      o.rules !== undefined ||
      Object.values(whatIf).some((v) => v !== undefined) ||
      Object.keys(o.option).length > 0;
    const { runElectionSeats, runElectionWhatIf } = await seats();
    return withElectionStore(
      o.db,
      election,
      io,
      (store, id) =>
        levers
          ? runElectionWhatIf(store, { ...o, election: id, options: o.option, whatIf }, io)
          : runElectionSeats(
              store,
              { election: id, seed: o.seed, format: o.format, lang: o.lang },
              io,
            ),
      o.jurisdictions,
    );
  }
  if (o.rules === undefined || o.votes === undefined) {
    io.err(
      say('error: cifra seats needs --rules <id|file> and --votes <file>, or --election <id>'),
    );
    return EXIT_USAGE;
  }
  return (await seats()).runSeats(
    {
      rules: o.rules,
      votes: o.votes,
      districts: o.districts,
      candidates: o.candidates,
      parties: o.parties,
      seed: o.seed,
      options: o.option,
      whatIf,
      format: o.format,
      lang: o.lang,
    },
    io,
  );
}

/** `cifra seats`: its options; the run is seatsCommand's. */
export function addSeatsCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('seats')
    .description(
      'allocate seats from votes under a ruleset (valla, cifra repartidora, tiers, ties); with --election, the seats of a stored election as the API serves them, or (with --rules, --method, --threshold, --seats or --option) that election under other rules, compared with its own',
    )
    .option(
      '--rules <id|file>',
      'a built-in ruleset (see `cifra rules`) or a ruleset file (.json); with --election, a whole file replaces the election’s ruleset and a partial one is merged onto it (RFC 7386)',
    )
    .option(
      '--votes <file>',
      'CSV district,party,votes[,alliance,position,group] (district NACIONAL for national lists)',
    )
    .option(
      '--election <id>',
      "instead of --votes: an election in the store (--db) — its seats through its ruleset with any reported composition beside cifra's, or a what-if with the levers below",
    )
    .addOption(dbOption())
    .addOption(jurisdictionsOption())
    .option(
      '--districts <file>',
      'CSV district,seats[,blank,null,electorate]: replaces the ruleset table, names as given',
    )
    .option(
      '--candidates <file>',
      'CSV district,party,candidate,position,votes (preferential votes)',
    )
    .option('--parties <file>', 'CSV party[,tags]: the registry; other parties are an error')
    .option('--seed <n>', 'seed of the recorded draw of lots (sorteo) for ties', parseSeed)
    .option(
      '--option <name=value>',
      'ruleset option (repeatable); see `cifra rules <id>`',
      collectOption,
      {},
    )
    .option(
      '--method <method>',
      'what-if: the method of multi-seat districts (dhondt, sainte-lague, modified-sainte-lague:1.2, hare, droop, …)',
    )
    .option(
      '--threshold <share|none>',
      'what-if: every share of the valla becomes this ("4%"), or none',
    )
    .option(
      '--seats <n>',
      'what-if: the house size (one district, or apportioned from the electorate)',
      wholeNumber('--seats'),
    )
    .addOption(formatOption())
    .addOption(
      langOption(
        "table headers, the notes (the sources', the head office, list quotas) and issue messages",
      ),
    )
    .action(async (o: SeatsOptions) => {
      done(await seatsCommand(o, io));
    });
}
