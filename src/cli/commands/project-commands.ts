import { Option, type Command } from 'commander';
import { REPLAY_ORDERS, type ReplayOrder } from '../../core/projection/replay-order.js';
import { DEFAULT_SEED, DEFAULT_SIMS } from '../../results/projection-defaults.js';
import { say } from '../format.js';
import { EXIT_USAGE, type CliIo, type OutputFormat } from '../io.js';
import {
  dbOption,
  decimalIn,
  formatOption,
  langOption,
  parseSeed,
  wholeNumber,
} from '../options.js';
import { withExistingStore, withStore } from '../store-access.js';

// The projection and the replay (and the results behind them) load when these commands run.
const project = () => import('./project.js');

interface ProjectOptions {
  election?: string;
  snapshot?: string;
  rules?: string;
  universe?: string;
  priorHistory?: string;
  previousSnapshot?: string;
  seed: number;
  sims: number;
  db: string;
  format: OutputFormat;
}

/** `cifra project`: from the store, or (--snapshot) from an aggregate snapshot without one. */
async function projectCommand(o: ProjectOptions, io: CliIo): Promise<number> {
  if (o.priorHistory !== undefined && o.snapshot === undefined) {
    io.err(say('error: --prior-history goes with --snapshot'));
    return EXIT_USAGE;
  }
  if (o.previousSnapshot !== undefined && o.snapshot === undefined) {
    io.err(say('error: --previous-snapshot goes with --snapshot'));
    return EXIT_USAGE;
  }
  if (o.snapshot !== undefined) {
    if (o.rules === undefined) {
      io.err(say('error: --snapshot needs --rules <id> (see cifra rules)'));
      return EXIT_USAGE;
    }
    const { runProjectSnapshot } = await project();
    return runProjectSnapshot(
      {
        snapshot: o.snapshot,
        rules: o.rules,
        universe: o.universe,
        election: o.election,
        priorHistory: o.priorHistory,
        previousSnapshot: o.previousSnapshot,
        seed: o.seed,
        sims: o.sims,
        format: o.format,
      },
      io,
    );
  }
  const { runProject } = await project();
  return withExistingStore(o.db, io, (store) => runProject(store, o, io));
}

/** `cifra project`: its options; the run is projectCommand's. */
export function addProjectCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('project')
    .addOption(langOption())
    .description(
      'projection of the final result from a partial count: shares with 80/90 % intervals, runoff pairs, winner, seats (not an official result)',
    )
    .option(
      '--election <id>',
      "election id in the store (default: the only one); with --snapshot: the bundled election whose manifest's universe completes it",
    )
    .option(
      '--snapshot <file.csv>',
      'aggregate snapshot: unit,actas_counted,actas_total,choice,votes[,eligible_total]',
    )
    .option('--rules <id>', 'with --snapshot: the ruleset (cifra rules)')
    .option(
      '--universe <file.csv>',
      "with --snapshot: every unit with electors and actas (code,name,eligible,actas_total[,prior:<choice>…]); default: the --election manifest's universe, else the one the bundled elections of the rules agree on; none: no universe, only the snapshot's units are projected (warning universe_unknown)",
    )
    .option(
      '--prior-history <file.csv>',
      "with --snapshot: the previous round's count course (cut,unit,actas_counted,actas_total,choice,votes), the arrival drift from how that round was counted",
    )
    .option(
      '--previous-snapshot <file.csv>',
      "with --snapshot: an earlier cut of the same count (the same columns), the arrival drift from how each unit's shares moved between the two cuts",
    )
    .option('--seed <n>', 'seed of the simulations', parseSeed, DEFAULT_SEED)
    .option('--sims <n>', 'number of simulations', wholeNumber('--sims'), DEFAULT_SIMS)
    .addOption(dbOption())
    .addOption(formatOption(['table', 'json']))
    .action(async (o: ProjectOptions) => {
      done(await projectCommand(o, io));
    });
}

/** A bundled (or manifest-file) election's first acta source file; null when it has none. */
export async function actaFileOf(election: string): Promise<string | null> {
  const { loadManifest } = await import('../../elections/manifests.js');
  const m = loadManifest(election);
  if (!m.ok || m.value.manifest.sources.every((s) => s.format === 'cifra-aggregate-csv'))
    return null;
  return m.value.files[0] ?? null;
}

/** `cifra replay`: election night rehearsed from a complete election's actas. */
export function addReplayCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('replay [file]')
    .addOption(langOption('lines and messages'))
    .description(
      "rehearse election night: feed a complete election's actas into the store in a realistic order, with a projection per snapshot",
    )
    .option('--election <id>', "the file's election", 'pe-2021-presidencial')
    .option('--as <id>', 'id of the replayed election (default: <election>-replay)')
    .addOption(
      new Option('--order <order>', 'arrival order')
        .choices([...REPLAY_ORDERS])
        .default('urban-first'),
    )
    .option('--seed <n>', 'seed of the order and the projections', parseSeed, 1)
    .option('--steps <n>', 'snapshots', wholeNumber('--steps'), 20)
    .option(
      '--until <percent>',
      'stop when this % of actas has arrived (a count under way)',
      decimalIn('--until', 0, 100),
      100,
    )
    .option(
      '--speed <x>',
      'simulated seconds per real second over a 48-hour count (0: no waiting)',
      decimalIn('--speed', 0, 1_000_000),
      0,
    )
    .option('--sims <n>', 'simulations per projection', wholeNumber('--sims'), DEFAULT_SIMS)
    .addOption(dbOption())
    .action(
      async (
        file: string | undefined,
        o: {
          election: string;
          as?: string;
          order: ReplayOrder;
          seed: number;
          steps: number;
          until: number;
          speed: number;
          sims: number;
          db: string;
        },
      ) => {
        // the election's own bundled file (the runoff's is not the first round's: review 5)
        const path = file ?? (await actaFileOf(o.election));
        if (path === null) {
          io.err(
            say(
              '{election} has no bundled actas file: give the file to replay (cifra replay FILE --election {election})',
              { election: o.election },
            ),
          );
          return done(EXIT_USAGE);
        }
        // a file that is not there creates no store (as ingest)
        const { failed, unreadableAt } = await import('./actas.js');
        const missing = unreadableAt(path, 'file');
        if (missing !== null) return done(failed(io, [missing]));
        const { runReplay } = await project();
        done(await withStore(o.db, (store) => runReplay(store, { ...o, file: path }, io)));
      },
    );
}
