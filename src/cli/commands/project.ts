import type { SnapshotUnit } from '../../core/projection/frame-snapshot.js';
import type { WithHistory } from '../../core/projection/prior-history.js';
import type { ProjectionResult } from '../../core/projection/simulate.js';
import { simulate } from '../../core/projection/simulate.js';
import type { ReplayOrder } from '../../core/projection/replay-order.js';
import type { UniverseUnit } from '../../core/projection/universe.js';
import type { Issue } from '../../core/issues.js';
import type { Ruleset } from '../../core/rulesets/ruleset.js';
import { ok, type Result } from '../../core/result.js';
import { issue } from '../../core/issues.js';
import { bundledUniverseFor } from '../../elections/bundled-universe.js';
import { probabilityTexts, uncalibratedLine } from '../probability-text.js';
import { relative } from 'node:path';
import { loadRuleset } from '../../elections/rulesets.js';
import { readUniverse, universeFileOf, universeOf } from '../../elections/universe.js';
import { previousChoicesOverUniverse } from '../../elections/previous-round.js';
import { replay, type ReplayStep } from '../../projection/replay.js';
import { readSnapshotCsv } from '../../projection/snapshot-csv.js';
import { electionPriorHistory, historyOverUniverseFile } from '../../elections/prior-history.js';
import {
  campNoteOf,
  contestOf,
  DISCLAIMER,
  frameSnapshotCuts,
  getProjection,
  historyNote,
  neighboursNote,
  type SnapshotFramed,
} from '../../results/projection.js';
import { bundledElection } from '../../elections/manifests.js';
import { driftNote } from '../../results/previous-cut.js';
import { election } from '../../results/service.js';
import type { Store } from '../../store/store.js';
import { fixed, renderTable, runLanguage, say, thousands } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { electionLabel, useJurisdictionLocale } from '../jurisdiction-words.js';
import { electionToIngest, failed } from './actas.js';
import { printIssues } from './seats.js';

export interface ProjectArgs {
  readonly election?: string | undefined;
  readonly seed: number;
  readonly sims: number;
  readonly format: OutputFormat;
}

/** `cifra project`: the projection of an election in the store (its actas or its provisional units). */
export async function runProject(store: Store, args: ProjectArgs, io: CliIo): Promise<number> {
  const e = await election(store, args.election);
  if (!e.ok) return failed(io, e.issues);
  const p = await getProjection(store, e.value, { seed: args.seed, sims: args.sims });
  if (!p.ok) return failed(io, p.issues);
  const d = p.value;
  io.out(
    args.format === 'json'
      ? JSON.stringify(d, null, 2)
      : // what the projection covers and what it rests on, in the run's language (as the snapshot's)
        [
          renderProjection(d, electionLabel(e.value)),
          ...[
            d.note,
            d.previousRoundNote,
            d.historyNote,
            d.neighboursNote,
            d.campNote,
            d.driftNote,
          ].flatMap((n) => (n === undefined ? [] : [n[runLanguage()]])),
        ].join('\n'),
  );
  return EXIT_OK;
}

/** Where the universe a snapshot is completed over came from: the JSON's `universe`. */
type UniverseSource =
  | { readonly from: 'file'; readonly file: string }
  | { readonly from: 'election'; readonly election: string; readonly file: string }
  | { readonly from: 'bundled'; readonly elections: readonly string[]; readonly file: string };

/** The universe of a snapshot, where it came from, or (null) why none is known. */
interface SnapshotUniverse {
  readonly units: readonly UniverseUnit[] | null;
  readonly source: UniverseSource | null;
  /** `universe_unknown` when there is none: only the snapshot's units are projected. */
  readonly warning: Issue | null;
}

const shown = (file: string): string => relative(process.cwd(), file) || file;

/** No universe: the snapshot's units alone, said as a warning (issue 13, "the universe is known"). */
function unknownUniverse(details: Readonly<Record<string, unknown>>): SnapshotUniverse {
  return {
    units: null,
    source: null,
    warning: issue('universe_unknown', ['universe'], details, 'warning'),
  };
}

/** `--universe none`: no universe, not even the bundled one; the snapshot's units alone. */
const NO_UNIVERSE = 'none';

/**
 * The universe a snapshot is completed over: the --universe file, else the one named by the
 * bundled --election's manifest, else the one the bundled elections of its rules agree on at the
 * snapshot's level (bundledUniverseFor); none (a warning) when that finds none or several, or
 * when `--universe none` opts out of all of them.
 */
function snapshotUniverse(
  args: { readonly universe?: string | undefined; readonly election?: string | undefined },
  ruleset: string,
  snapshot: readonly SnapshotUnit[],
): Result<SnapshotUniverse, Issue[]> {
  if (args.universe === NO_UNIVERSE)
    return ok(unknownUniverse({ universe: NO_UNIVERSE, reason: 'opted_out' }));
  if (args.universe !== undefined) {
    const units = readUniverse(args.universe);
    if (!units.ok) return units;
    const source = { from: 'file', file: shown(args.universe) } as const;
    return ok({ units: units.value, source, warning: null });
  }
  if (args.election !== undefined) {
    const units = universeOf(args.election);
    if (!units.ok) return units;
    const file = universeFileOf(args.election);
    if (units.value === null || file === null)
      return ok(unknownUniverse({ election: args.election, reason: 'election_has_none' }));
    const source = { from: 'election', election: args.election, file: shown(file) } as const;
    return ok({ units: units.value, source, warning: null });
  }
  const found = bundledUniverseFor(ruleset, snapshot);
  if (!found.ok) return found;
  const f = found.value;
  if (f.kind === 'none') return ok(unknownUniverse({ rules: ruleset, reason: 'none_bundled' }));
  if (f.kind === 'disagree')
    return ok(unknownUniverse({ rules: ruleset, reason: 'disagree', elections: f.elections }));
  const source = { from: 'bundled', elections: f.elections, file: shown(f.file) } as const;
  return ok({ units: f.units, source, warning: null });
}

/**
 * The previous round's count history attached to the snapshot's units: the --prior-history file,
 * else the one the --election manifest names (null: none); its votes in the order of the
 * universe's `prior:` choices (the --universe file, else the --election manifest's).
 */
function historyOf(
  args: {
    readonly priorHistory?: string | undefined;
    readonly universe?: string | undefined;
    readonly election?: string | undefined;
  },
  units: readonly SnapshotUnit[],
): Result<WithHistory, Issue[]> | null {
  if (args.priorHistory === undefined)
    return args.election === undefined ? null : electionPriorHistory(args.election, units);
  const universe =
    args.universe ?? (args.election === undefined ? null : universeFileOf(args.election));
  return historyOverUniverseFile(units, args.priorHistory, universe);
}

/**
 * Run 17: the --election's `previousRound` pairing over the universe's `prior:` columns (the
 * --universe file, else the election's); null without an --election or a universe.
 */
function snapshotPreviousChoices(
  args: { readonly universe?: string | undefined; readonly election?: string | undefined },
  choices: readonly string[],
): Result<number[][] | null, Issue[]> {
  if (args.election === undefined) return ok(null);
  return previousChoicesOverUniverse(
    args.election,
    choices,
    args.universe ?? universeFileOf(args.election),
  );
}

/** `cifra project --snapshot`'s arguments. */
interface SnapshotArgs {
  readonly snapshot: string;
  readonly rules: string;
  readonly universe?: string | undefined;
  readonly election?: string | undefined;
  readonly priorHistory?: string | undefined;
  readonly previousSnapshot?: string | undefined;
  readonly seed: number;
  readonly sims: number;
  readonly format: OutputFormat;
}

/**
 * `cifra project --snapshot file.csv --rules id [--universe file.csv | --election id]
 * [--previous-snapshot earlier.csv]`: the projection from aggregate units; with a universe, units
 * the snapshot lacks are projected too; with an earlier cut, the two cuts' arrival drift.
 */
export function runProjectSnapshot(args: SnapshotArgs, io: CliIo): number {
  const rs = loadRuleset(args.rules);
  if (!rs.ok) {
    printIssues(io, rs.error);
    return EXIT_ISSUES;
  }
  // no store names the election here: its ruleset's jurisdiction says how figures are written
  useJurisdictionLocale(rs.value);
  const snap = readSnapshotCsv(args.snapshot);
  if (!snap.ok) {
    printIssues(io, snap.error);
    return EXIT_ISSUES;
  }
  const earlier =
    args.previousSnapshot === undefined ? null : readSnapshotCsv(args.previousSnapshot);
  if (earlier !== null && !earlier.ok) {
    printIssues(io, earlier.error);
    return EXIT_ISSUES;
  }
  const found = snapshotUniverse(args, rs.value.id, snap.value.units);
  if (!found.ok) {
    printIssues(io, found.error);
    return EXIT_ISSUES;
  }
  const universe = found.value;
  // a bundled universe is the --universe file to what reads one (--prior-history's choices);
  // `none` is no file: those read the --election's, as without --universe
  const withUniverse: SnapshotArgs =
    universe.source?.from === 'bundled'
      ? { ...args, universe: universe.source.file }
      : args.universe === NO_UNIVERSE
        ? { ...args, universe: undefined }
        : args;
  const previousChoices = snapshotPreviousChoices(withUniverse, snap.value.choices);
  if (!previousChoices.ok) {
    printIssues(io, previousChoices.error);
    return EXIT_ISSUES;
  }
  const framed = frameSnapshotCuts({
    previousChoices: previousChoices.value,
    choices: snap.value.choices,
    now: snap.value.units,
    earlier: earlier?.value ?? null,
    universe: universe.units,
    history: (units) => historyOf(withUniverse, units),
    // without BLANK or NULL rows the snapshot counts valid votes only, and so must the prior's turnout
    figures: snap.value.units.every((u) => u.blank === 0 && u.null === 0) ? 'valid' : 'emitted',
    // the neighbours' term where the --election names a jurisdiction with a bundled adjacency
    jurisdiction:
      args.election === undefined ? undefined : bundledElection(args.election)?.jurisdiction,
  });
  if (!framed.ok) {
    printIssues(io, framed.error);
    return EXIT_ISSUES;
  }
  return printSnapshotProjection(args, rs.value, framed.value, universe, io);
}

/** The lines that say which universe completed the snapshot, and the units it added. */
function universeLines(universe: SnapshotUniverse, absent: readonly string[] | null): string[] {
  const src = universe.source;
  const names = new Map((universe.units ?? []).map((u) => [u.unit, u.name]));
  const lines =
    src?.from === 'bundled'
      ? [
          say(
            "universe: {elections}'s ({file}), the bundled election of these rules that has one; give --universe or --election for another",
            { elections: src.elections.join(', '), file: src.file },
          ),
        ]
      : [];
  if (absent !== null && absent.length > 0)
    lines.push(
      say('units absent from the snapshot (projected from the universe): {units}', {
        units: absent.map((code) => `${code} ${names.get(code) ?? ''}`.trim()).join(', '),
      }),
    );
  return lines;
}

/** The simulation of a framed snapshot, printed with its notes (or as one JSON document). */
function printSnapshotProjection(
  args: SnapshotArgs,
  ruleset: Ruleset,
  framed: SnapshotFramed,
  universe: SnapshotUniverse,
  io: CliIo,
): number {
  const { frame, neighbours, absent, history, drift } = framed;
  const contest = contestOf(ruleset);
  const result = simulate(frame, {
    sims: args.sims,
    seed: args.seed,
    kind: contest,
    ruleset: ruleset.kind === 'list' ? ruleset : undefined,
  });
  const doc = {
    kind: 'projection',
    disclaimer: DISCLAIMER,
    method: 'snapshot',
    rules: ruleset.id,
    contest,
    // which universe the units absent from the snapshot were projected over; null: none known
    universe: universe.source,
    ...(universe.warning === null ? {} : { warnings: [universe.warning] }),
    ...result,
    ...(absent === null ? {} : { unitsAbsent: absent }),
    historyUnits: history ?? [],
    historyNote: historyNote(history),
    neighboursNote: neighboursNote(neighbours),
    ...campNoteOf(frame),
    driftUnits: drift ?? [],
    driftNote: driftNote(drift),
  };
  io.out(
    args.format === 'json'
      ? JSON.stringify(doc, null, 2)
      : // the notes in the run's language (--lang; English by default), as the other commands' notes
        [
          renderProjection(result, args.snapshot, {
            snapshotOnly: universe.units === null,
            optedOut: args.universe === NO_UNIVERSE,
          }),
          ...universeLines(universe, absent),
          ...[doc.historyNote, doc.neighboursNote, doc.campNote, doc.driftNote].flatMap((n) =>
            n === undefined ? [] : [n[runLanguage()]],
          ),
        ].join('\n'),
  );
  return EXIT_OK;
}

/** The tables of the outcomes' probabilities, printed so that each table's add up (exclusive outcomes). */
function probabilityTables(p: ProjectionResult): string[] {
  const bounded = p.probabilityBounds !== null;
  const table = (
    header: string,
    rows: readonly { readonly label: string; readonly probability: number }[],
  ): string => {
    const texts = probabilityTexts(
      rows.map((r) => r.probability),
      { bounded },
    );
    return renderTable(
      [header, 'P'],
      rows.map((r, i) => [r.label, texts[i] ?? '']),
    );
  };
  const tables: string[] = [];
  if (p.runoffPairs)
    tables.push(
      table(
        'runoff pair',
        p.runoffPairs.slice(0, 5).map((x) => ({
          label: x.choices.join(' / '),
          probability: x.probability,
        })),
      ),
    );
  if (p.outright && p.outright.length > 0)
    tables.push(
      table(
        'outright win (> 50 % valid)',
        p.outright.map((x) => ({ label: x.choice, probability: x.probability })),
      ),
    );
  if (p.winner)
    tables.push(
      table(
        'winner',
        p.winner.map((x) => ({ label: x.choice, probability: x.probability })),
      ),
    );
  return tables;
}

/**
 * The units with no acta counted, each by what it is projected from (unitBasis, as the dashboard
 * says it): its previous round's figures (`prior`), else the other units' shares.
 */
function withoutDataLines(p: ProjectionResult): string[] {
  const basis = new Map((p.unitBasis ?? []).map((b) => [b.code, b.basis]));
  // by name: the per-mesa model's units are circunscripciones, numbered (review 5)
  const named = (codes: readonly string[]): string =>
    codes.map((code) => p.regions.find((r) => r.code === code)?.label ?? code).join(', ');
  const fromPrior = p.unitsWithoutData.filter((code) => basis.get(code) === 'prior');
  const fromRest = p.unitsWithoutData.filter((code) => basis.get(code) !== 'prior');
  return [
    ...(fromRest.length === 0
      ? []
      : [say('units without data (predicted from the rest): {units}', { units: named(fromRest) })]),
    ...(fromPrior.length === 0
      ? []
      : [
          say('units without data (projected from the previous round): {units}', {
            units: named(fromPrior),
          }),
        ]),
  ];
}

/** The projected seats; `odds`: with P(valla) (within the calibrated range), else without. */
function seatsTable(seats: NonNullable<ProjectionResult['seats']>, odds: boolean): string {
  const rows = seats.parties.filter((x) => x.pValla > 0 || x.hi90 > 0);
  return odds
    ? renderTable(
        ['party', 'seats (median)', '90 %', 'P(valla)'],
        rows.map((x) => [x.party, x.median, `${x.lo90}–${x.hi90}`, fixed(x.pValla, 3)]),
      )
    : renderTable(
        ['party', 'seats (median)', '90 %'],
        rows.map((x) => [x.party, x.median, `${x.lo90}–${x.hi90}`]),
      );
}

/**
 * A projection as tables. `snapshotOnly`: a snapshot projected with no universe (universe_unknown),
 * whose actas and winner are its own units', said so beside them; `optedOut`: because the run
 * asked for none (`--universe none`), not because none is known.
 */
export function renderProjection(
  p: ProjectionResult,
  title: string,
  o: { readonly snapshotOnly?: boolean; readonly optedOut?: boolean } = {},
): string {
  const actas = o.snapshotOnly
    ? "actas {processed} / {total} ({pct} %) of the snapshot's units only · {sims} simulations · seed {seed}"
    : 'actas {processed} / {total} ({pct} %) · {sims} simulations · seed {seed}';
  const uncalibrated = uncalibratedLine(p);
  const lines = [
    // in the run's language (--lang), as every other line (review 20 L7: both, whatever --lang)
    say('PROJECTION — {title}', { title }),
    say('Statistical projection by cifra, not an official result'),
    say(actas, {
      processed: thousands(p.actasProcessed),
      total: thousands(p.actasTotal),
      // 3 decimals, as every % of actas the CLI prints (ONPE's): 39.980, not a number's 39.98
      pct: fixed(p.pctCounted, 3),
      sims: thousands(p.sims),
      seed: p.seed,
    }),
    renderTable(
      ['choice', 'median %', '80 %', '90 %', 'votes (median)'],
      p.choices.map((c) => [
        c.choice,
        fixed(c.median, 3),
        `${fixed(c.lo80, 2)}–${fixed(c.hi80, 2)}`,
        `${fixed(c.lo90, 2)}–${fixed(c.hi90, 2)}`,
        thousands(c.votes.median),
      ]),
    ),
    // below the calibrated range: the reason in the probabilities' place, never their numbers
    ...(uncalibrated === null
      ? probabilityTables(p)
      : [say('medians and intervals outside the calibrated range'), uncalibrated]),
  ];
  // the winner is the snapshot's units', not the election's: the warning beside it
  if (o.snapshotOnly)
    lines.push(
      say(
        o.optedOut === true
          ? "no universe (--universe none): only the snapshot's units are projected; any it lacks (e.g. abroad) are not"
          : "universe unknown: only the snapshot's units are projected; any it lacks (e.g. abroad) are not — give --universe or --election",
      ),
    );
  if (p.seats) lines.push(seatsTable(p.seats, uncalibrated === null));
  const off = p.seatsUnavailable;
  if (off)
    lines.push(
      off.reason === 'unknown_district'
        ? say('seats not projected: regions no district of the rules is named after: {names}', {
            names: off.regions.join(', '),
          })
        : say(
            'seats not projected: districts of the rules no region of the count reaches: {names}',
            {
              names: off.districts.join(', '),
            },
          ),
    );
  lines.push(...withoutDataLines(p));
  return lines.join('\n');
}

export interface ReplayArgs {
  readonly file: string;
  readonly election: string;
  readonly as?: string | undefined;
  readonly order: ReplayOrder;
  readonly seed: number;
  readonly steps: number;
  readonly until: number;
  readonly speed: number;
  readonly sims: number;
}

/** A step's projected leader and likeliest runoff pair, in the run's language. */
function stepSummary(s: ReplayStep): string {
  const lead =
    s.leader === null
      ? ''
      : say('{leader} {median} % [{lo90}–{hi90}]', {
          leader: s.leader.choice,
          // as the projection's table writes them: the median to 3 decimals, the interval to 2
          median: fixed(Number(s.leader.median), 3),
          lo90: fixed(Number(s.leader.lo90), 2),
          hi90: fixed(Number(s.leader.hi90), 2),
        });
  const pair =
    s.runoff === null
      ? ''
      : say(' · runoff {pair} p={p}', {
          pair: s.runoff.choices.join(' / '),
          p: fixed(Number(s.runoff.probability), 3),
        });
  return lead + pair;
}

/** `cifra replay`: feeds a complete election into the store in a realistic order, with projections. */
export async function runReplay(store: Store, args: ReplayArgs, io: CliIo): Promise<number> {
  const e = await electionToIngest(store, args.election, io);
  if (e === null) return EXIT_ISSUES;
  const target = args.as ?? `${e.id}-replay`;
  io.out(
    say('replaying {file} into {target} ({order}, seed {seed}, {steps} steps)', {
      file: args.file,
      target,
      order: args.order,
      seed: args.seed,
      steps: args.steps,
    }),
  );
  const r = await replay(store, {
    file: args.file,
    election: e,
    target,
    order: args.order,
    seed: args.seed,
    steps: args.steps,
    until: args.until / 100,
    speed: args.speed,
    sims: args.sims,
    now: () => new Date().toISOString(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onStep: (s) =>
      io.out(
        // the projection's % is of actas processed (never those at the JEE: status.pctOf), not the source's counted share
        say('step {step}/{steps} · {processed} % processed · {summary}', {
          step: s.step,
          steps: s.steps,
          processed: fixed(s.pctCounted, 3),
          summary: stepSummary(s),
        }),
      ),
  });
  if (!r.ok) {
    printIssues(io, r.issues);
    return EXIT_ISSUES;
  }
  io.out(
    say(
      'done: {target} has {n} snapshots with {n:its|their} projections (cifra serve shows {n:it|them})',
      {
        target,
        n: r.steps.length,
      },
    ),
  );
  return EXIT_OK;
}
