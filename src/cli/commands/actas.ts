import { createWriteStream, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Issue } from '../../core/issues.js';
import type { ActaState, ElectionDef } from '../../core/model/acta.js';
import { annulledNullOf } from '../../core/model/annulled.js';
import type { Note } from '../../core/model/note.js';
import {
  ACTA_CONFLICT_NOW_WORDS,
  ACTA_STATE_WORDS,
  currentConflictReason,
  labelAfter,
  versionKindWords,
} from '../../core/model/acta-state-words.js';
import { issueSentence } from '../../core/issue-words.js';
import type { Level } from '../../core/tally/aggregate.js';
import { electionsFitting, type ManifestOptions } from '../../elections/manifests.js';
import {
  ingestFile,
  type IngestFormat,
  type IngestOptions,
  type IngestReport,
} from '../../ingest/ingest.js';
import { readHeader } from '../../ingest/source.js';
import { electionToImport } from '../../results/election-to-import.js';
import { declaredMesas } from '../../results/polling-places.js';
import type { ServedResults } from '../../results/status.js';
import { resultsCsv, type ChoiceColumn } from '../../results/csv.js';
import {
  JEE_REACH_WORDS,
  jeeHeld,
  jeeReach,
  leadersOf,
  type LeaderChoices,
} from '../../results/leaders.js';
import type { ActaDocument } from '../../results/service.js';
import type { ImportsDocument } from '../../results/document-schemas.js';
import type { Store } from '../../store/store.js';
import {
  codeWords,
  figure,
  inRunLanguage,
  percent,
  renderTable,
  runLanguage,
  say,
  thousands,
  decimal,
  decimalOr,
} from '../format.js';
import type { IngestLimitsFile } from '../../ingest/limits.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { formatIssue, printIssues } from '../messages.js';
import { electionLabel, jurisdictionWords, titleOf } from '../jurisdiction-words.js';
import { authorityWords, inSentence, type AuthorityWords } from '../../core/authority-words.js';

// `cifra replay` checks its file as ingest does (project-commands.ts)
export { unreadableAt } from '../../results/election-to-import.js';

// The results service (and the seats and projections behind it) is loaded by the commands that
// read results: `cifra ingest` starts without it.
const service = () => import('../../results/service.js');

/**
 * Prints a service's issues; returns the exit code of the command they stop. An election that
 * could not be chosen gets a hint of what to give: the wording is the CLI's, the issue only names
 * what was asked and what the store has.
 */
export function failed(io: CliIo, issues: readonly Issue[]): number {
  printIssues(io, issues);
  const unchosen = issues.find(
    (i) =>
      i.code === 'election_required' ||
      (i.code === 'unknown_election' && i.details?.['election'] === null),
  );
  if (unchosen !== undefined) {
    const known = unchosen.details?.['known'];
    io.err(
      Array.isArray(known) && known.length > 0
        ? say('several elections in the store: give --election <id> (cifra elections lists them)')
        : say('the store is empty: ingest a file first'),
    );
  }
  return EXIT_ISSUES;
}

/**
 * The election a file is read into (ingest, replay), as the service decides it
 * (results/election-to-import.ts); null after printing why not and what to give.
 */
export async function electionToIngest(
  store: Store,
  ref: string | undefined,
  io: CliIo,
  o: ManifestOptions & { readonly file?: string } = {},
): Promise<ElectionDef | null> {
  const r = await electionToImport(store, { via: 'file', id: ref, ...o, readHeader });
  if (r.ok) {
    if (r.value.from === 'header')
      io.err(
        say(
          "the file's columns fit {election}: reading it into that election (--election to choose)",
          { election: r.value.election.id },
        ),
      );
    return r.value.election;
  }
  printIssues(io, r.issues);
  // no name and no one election fits the file's columns: say what to give
  const fits = r.issues.find((i) => i.code === 'unknown_election')?.details?.['fits'];
  if (Array.isArray(fits))
    io.err(
      fits.length > 1
        ? say('the file fits several elections: give --election (one of {fits})', {
            fits: fits.join(', '),
          })
        : say(
            'no known election has these columns: declare one in a manifest (docs/elections.md) and give --election my-election.json',
          ),
    );
  return null;
}

/**
 * Coded file problems that a wrong election explains get the file's header and the elections it
 * does fit (as `header`: an issue's own `columns` names the offending columns and stays).
 */
async function withFits(issues: readonly Issue[], file: string): Promise<Issue[]> {
  const columnIssue = issues.some(
    (i) => i.code === 'columns_missing' || i.code === 'unknown_party_column',
  );
  if (!columnIssue) return [...issues];
  const header = await readHeader(file);
  const fits = header === null ? [] : electionsFitting(header);
  return issues.map((i) =>
    i.code === 'columns_missing' || i.code === 'unknown_party_column'
      ? { ...i, details: { ...i.details, ...(header === null ? {} : { header }), fits } }
      : i,
  );
}

export interface IngestArgs {
  readonly file: string;
  readonly election?: string | undefined;
  readonly format?: IngestFormat | undefined;
  readonly correction: boolean;
  /** A correction's ruling and author (`--resolution`, `--author`). */
  readonly ruling?: IngestOptions['ruling'];
  /** The source's cut of the file (`--cut`), validated. */
  readonly cut?: string | undefined;
  /** Read and validate only; store nothing. */
  readonly check?: boolean | undefined;
  readonly output: OutputFormat;
  readonly progress: boolean;
  /** Limits over the defaults (src/ingest/limits.ts). */
  readonly limits?: IngestLimitsFile | undefined;
  /** `--jurisdictions DIR`: where a manifest's jurisdiction is looked up before data/. */
  readonly jurisdictions?: string | undefined;
}

/** The line that names the file read: its hash, size and format. */
function fileLine(r: { sha256: string; size: number; format: string }): string {
  return say('sha256 {sha256} · {size} bytes · format {format}', {
    sha256: r.sha256,
    size: thousands(r.size),
    format: r.format,
  });
}

/** The source's cut kept with the import, or that none was given (the status then has another). */
function cutLine(cut: string | null): string {
  return cut === null
    ? say("source's cut: none given (--cut)")
    : say("source's cut: {cut}", { cut });
}

/** `cifra ingest`: read a file of actas into the store and print what happened. */
export async function runIngest(store: Store, args: IngestArgs, io: CliIo): Promise<number> {
  // the store's writer thread starts while the election is read (ADR 012)
  if (args.check !== true) store.warmImport?.(fileSize(args.file));
  const election = await electionToIngest(store, args.election, io, {
    file: args.file,
    jurisdictions: args.jurisdictions,
  });
  if (election === null) return EXIT_ISSUES;
  if (args.check !== true) await store.putElection(election);
  const bar = await progressBar(args.progress);
  const result = await ingestFile(store, {
    file: args.file,
    election,
    format: args.format,
    mode: args.correction ? 'correction' : 'import',
    ruling: args.ruling,
    cut: args.cut,
    now: () => new Date().toISOString(),
    check: args.check,
    limits: args.limits,
    onProgress: bar.onProgress,
    // the election's mesa list, where it has one: a mesa it lacks is said (mesa_not_in_universe)
    mesas: declaredMesas(election),
  });
  bar.stop();
  if (!result.ok) {
    printIssues(io, await withFits(result.issues, args.file));
    io.err(say('the file was rejected as a whole: nothing was stored'));
    return EXIT_ISSUES;
  }
  const r = result.report;
  if (args.output === 'json') {
    io.out(JSON.stringify(r, null, 2));
    return checkOutcome(r, io);
  }
  return printIngestReport(r, election.id, io);
}

/** The progress bar of an ingest on a terminal; its package is loaded only when one shows it. */
async function progressBar(show: boolean): Promise<{
  onProgress: (read: number, size: number) => void;
  stop: () => void;
}> {
  const cliProgress = show ? (await import('cli-progress')).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        { format: 'ingest [{bar}] {percentage}% | {value}/{total} bytes', clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  return {
    onProgress: (read, size) => {
      if (!bar) return;
      if (!started) bar.start(size, 0);
      started = true;
      bar.update(Math.min(read, size));
    },
    stop: () => bar?.stop(),
  };
}

/** An ingest's report as lines and tables: what was read, stored, quarantined; the exit code. */
function printIngestReport(r: IngestReport, election: string, io: CliIo): number {
  if (r.checked) {
    io.out(
      say('checked {file} against {election}: nothing was stored', { file: r.file, election }),
    );
    io.out(fileLine(r));
    io.out(
      renderTable(
        ['rows read', 'valid actas', 'quarantined'],
        [[thousands(r.rowsRead), thousands(r.valid), thousands(r.quarantined)]],
      ),
    );
  } else if (r.alreadyImported) {
    return printImportedBefore(r, io);
  } else {
    io.out(
      say('import #{id} into {election}: {file}', {
        id: r.importId ?? '—',
        election,
        file: r.file,
      }),
    );
    io.out(fileLine(r));
    io.out(cutLine(r.cut));
    io.out(
      renderTable(
        [
          'rows read',
          'new',
          'unchanged',
          'state changes',
          'observation changes',
          'corrected',
          'conflicts',
          'quarantined',
        ],
        [
          [
            thousands(r.rowsRead),
            thousands(r.new),
            thousands(r.unchanged),
            thousands(r.stateChanges),
            thousands(r.observationChanges),
            thousands(r.corrected),
            thousands(r.conflicts),
            thousands(r.quarantined),
          ],
        ],
      ),
    );
  }
  const byCode = Object.entries(r.quarantinedByCode);
  if (byCode.length > 0)
    io.out(
      say('quarantined by issue: {codes}', {
        codes: byCode.map(([c, n]) => `${c} ${n}`).join(', '),
      }),
    );
  for (const line of quarantineLines(r)) io.out(line);
  const warnings = Object.entries(r.warningsByCode);
  if (warnings.length > 0)
    io.out(
      say('warnings stored with actas: {codes}', {
        codes: warnings.map(([c, n]) => `${c} ${n}`).join(', '),
      }),
    );
  if (r.conflictMesas.length > 0)
    io.out(
      say('conflicts (both versions kept, not applied): mesas {mesas}', {
        mesas: `${r.conflictMesas.slice(0, 20).join(', ')}${r.conflictMesas.length > 20 ? ' …' : ''}`,
      }),
    );
  const earlier = earlierStatesLine(r.issues);
  if (earlier !== null) io.out(earlier);
  const superseded = supersededLine(r.issues);
  if (superseded !== null) io.out(superseded);
  return checkOutcome(r, io);
}

/**
 * The conflicts whose file repeats a version a correction replaced (acta_superseded_by_correction:
 * the source behind a ruling, or one that recounted to the same figures), each mesa with the
 * import of the correction that replaced it, the first of a run: "000205 (correction #4)". Null
 * where there are none.
 */
function supersededLine(issues: readonly Issue[]): string | null {
  const held = issues.filter((i) => i.code === 'acta_superseded_by_correction');
  if (held.length === 0) return null;
  const mesas = held.map((i) => {
    const id = i.details?.['correction'];
    const mesa = String(i.path[1]);
    return typeof id === 'number' ? say('{mesa} (correction #{id})', { mesa, id }) : mesa;
  });
  return say(
    'of them, the version a correction replaced (the source not caught up? acta_superseded_by_correction): {mesas}',
    { mesas: `${mesas.slice(0, 20).join(', ')}${mesas.length > 20 ? ' …' : ''}` },
  );
}

/**
 * The conflicts whose file gave an earlier state than the one held (acta_state_backwards), each
 * mesa with the state kept and the file's: "000205 jee → pending". Null where there are none.
 */
function earlierStatesLine(issues: readonly Issue[]): string | null {
  const earlier = issues.filter((i) => i.code === 'acta_state_backwards');
  if (earlier.length === 0) return null;
  const moves = earlier.map((i) => `${i.path[1]} ${i.details?.['held']} → ${i.details?.['given']}`);
  return say(
    'of them, an earlier state than the one held (a stale file? acta_state_backwards): {mesas}',
    {
      mesas: `${moves.slice(0, 20).join(', ')}${moves.length > 20 ? ' …' : ''}`,
    },
  );
}

/**
 * A file imported before: recorded as a re-read at a later cut (`source_unchanged`), or nothing
 * changed (`already_imported`, `cut_not_later`); the issue, with its code, on stderr.
 */
function printImportedBefore(r: IngestReport, io: CliIo): number {
  const reread = r.issues.find((i) => i.code === 'source_unchanged');
  if (reread !== undefined)
    io.out(
      say(
        "re-read #{id}: the same file as import #{sameAs} (sha256 {sha256}), seen unchanged at the source's cut {cut}: no acta changed",
        {
          id: r.importId ?? '—',
          sameAs: String(reread.details?.['sameAs'] ?? '—'),
          sha256: r.sha256,
          cut: r.cut ?? '—',
        },
      ),
    );
  else
    io.out(
      say('already imported (import #{id}, sha256 {sha256}): nothing changed', {
        id: r.importId ?? '—',
        sha256: r.sha256,
      }),
    );
  printIssues(io, r.issues);
  return EXIT_OK;
}

/** How many issue codes the failed check's line names (the table and JSON name them all). */
const SHOWN_CODES = 5;

/**
 * A check fails (EXIT_ISSUES, said on stderr with the count and the first codes) when any row
 * would be quarantined: a script running `cifra ingest --check` sees it. An import that
 * quarantined rows succeeded — its rows are stored and listed (`cifra quarantine`) — so exits 0.
 */
function checkOutcome(r: IngestReport, io: CliIo): number {
  if (!r.checked || r.quarantined === 0) return EXIT_OK;
  const codes = Object.keys(r.quarantinedByCode);
  io.err(
    say('check failed: {n} rows would be quarantined ({codes}): nothing was stored', {
      n: thousands(r.quarantined),
      codes: `${codes.slice(0, SHOWN_CODES).join(', ')}${codes.length > SHOWN_CODES ? ', …' : ''}`,
    }),
  );
  return EXIT_ISSUES;
}

/** How many quarantined rows a terminal report names (the JSON report names up to 100). */
const SHOWN_QUARANTINED = 20;

/** Which rows were set aside and why, one line each, then where to see them all. */
function quarantineLines(r: IngestReport): string[] {
  const lines = r.quarantinedRows.slice(0, SHOWN_QUARANTINED).map((q) =>
    say('  row {row}{mesa}: {codes}', {
      row: q.row,
      mesa: q.mesa === null ? '' : ` (mesa ${q.mesa})`,
      codes: q.issues.map((i) => i.code).join(', '),
    }),
  );
  const more = r.quarantined - lines.length;
  if (more > 0)
    lines.push(
      r.checked
        ? say('  … {n} more (a check stores nothing: --output json names the first 100)', {
            n: more,
          })
        : say('  … {n} more: cifra quarantine {id}', { n: more, id: r.importId ?? '—' }),
    );
  else if (lines.length > 0 && !r.checked && r.importId !== null)
    lines.push(say('  raw cells and details: cifra quarantine {id}', { id: r.importId }));
  return lines;
}

/** Every quarantined row of an import: its row, mesa, issues with their messages, raw cells. */
export async function runQuarantine(
  store: Store,
  args: { importId: number; format: OutputFormat },
  io: CliIo,
): Promise<number> {
  const r = await (await service()).getQuarantine(store, args.importId);
  if (!r.ok) return failed(io, r.issues);
  if (args.format === 'json') {
    io.out(JSON.stringify(r.value, null, 2));
    return EXIT_OK;
  }
  const { rows, election } = r.value;
  io.out(
    say('import #{id} into {election}: {n} quarantined rows', {
      id: args.importId,
      election,
      n: rows.length,
    }),
  );
  for (const q of rows) {
    io.out(
      say('row {row}{mesa}', { row: q.row, mesa: q.mesa === null ? '' : ` · mesa ${q.mesa}` }),
    );
    for (const i of q.issues) io.out(`  ${formatIssue(i, runLanguage())}`);
    io.out(`  raw: ${JSON.stringify(q.raw)}`);
  }
  return EXIT_OK;
}

export interface ResultsArgs {
  readonly level: Level;
  readonly code?: string | undefined;
  readonly election?: string | undefined;
  readonly format: OutputFormat;
}

/** The status's % in words: of the actas a count processed, or those its source counted (pctOf). */
const PCT_OF = {
  'actas-processed': '{pct} % of actas processed',
  'actas-counted': '{pct} % of actas counted',
} as const;

/** What the figures are, in one line: kind, % of actas (and which), cut, source, and why when final short of 100 %. */
export function statusLine(st: ServedResults['status']): string {
  const parts = [
    codeWords(st.kind),
    // the % and what it is of are set together (statusOf): both or neither
    ...(st.pctCounted === null || st.pctOf === null
      ? []
      : [say(PCT_OF[st.pctOf], { pct: decimal(st.pctCounted) })]),
    ...(st.cut === null
      ? []
      : st.cutImport === undefined
        ? [say('cut {cut}', { cut: st.cut })]
        : // a rehearsal's imports are cut by the replay itself (cifra replay), not by the source
          st.rehearsal === null
          ? [say('cut {cut} (of import #{id})', { cut: st.cut, id: st.cutImport })]
          : [say("rehearsal's cut {cut} (of import #{id})", { cut: st.cut, id: st.cutImport })]),
    ...(st.source === null ? [] : [say('source {source}', { source: inRunLanguage(st.source) })]),
  ];
  return `${parts.join(' · ')}${st.note === null ? '' : `\n${inRunLanguage(st.note)}`}`;
}

/**
 * One unit's actas: processed of total, under review (Peru: at the JEE), pending, electors to
 * come — on a final count, the electors of the actas its release leaves unresolved for good (ONPE
 * 2021: 20 EN PROCESO), none of them "still to come" beside "final" (session 30).
 */
function actasLine(u: Unit, w: AuthorityWords, final: boolean): string {
  if (u.actas === null)
    return say('{name}: actas — (the source gives no acta counts)', { name: u.name });
  const a = u.actas;
  const unresolved = final && (u.eligibleRemaining ?? 0) > 0;
  return say(
    unresolved
      ? '{name}: actas {processed} / {total} processed ({pct} %); {atReview} {jee}; pending {pending}{withFigures}; eligible voters of the unresolved actas {remaining}'
      : '{name}: actas {processed} / {total} processed ({pct} %); {atReview} {jee}; pending {pending}{withFigures}; eligible voters still to come {remaining}',
    {
      name: u.name,
      atReview: inSentence(w.atReview),
      processed: thousands(a.processed),
      total: thousands(a.total),
      pct: decimalOr(a.pctProcessed),
      jee: thousands(a.jee),
      pending: thousands(a.pending),
      withFigures: a.pendingWithFigures
        ? say(' ({n} with figures: already among the processed)', {
            n: thousands(a.pendingWithFigures),
          })
        : '',
      remaining: figure(u.eligibleRemaining),
    },
  );
}

/**
 * A unit's actas at the JEE by their observation (the source's word: ILEGIBLE 7, SIN FIRMAS 5),
 * and its conflicted actas: each line only where there are any.
 */
function flagLines(u: Unit, w: AuthorityWords): string[] {
  const jee = u.jeeObservations ?? [];
  const reasons = jee.map((o) =>
    o.observation === null
      ? say('{n} with no observation given', { n: thousands(o.actas) })
      : `${o.observation} ${thousands(o.actas)}`,
  );
  const n = jee.reduce((sum, o) => sum + o.actas, 0);
  const conflicted = u.actasConflicted ?? 0;
  return [
    ...(n === 0
      ? []
      : [
          say('{atReview}: {n} actas — {reasons}', {
            atReview: w.atReview,
            n: thousands(n),
            reasons: reasons.join(', '),
          }),
        ]),
    ...(conflicted === 0
      ? []
      : [
          say('{n} actas with a conflict: a later version not applied (cifra acta shows both)', {
            n: thousands(conflicted),
          }),
        ]),
  ];
}

/**
 * Eligible voters and participation, each with its base: a count's participation is over the
 * electors of the mesas processed (the API's `eligibleProcessed`), not over every mesa's; a
 * published source's is over the electors it gives. While a count with a universe is partial, the
 * document's `eligible` is the universe's (the electors of every mesa it expects, loaded or not:
 * docs/elections.md), and the line says so.
 */
function turnoutOf(u: Unit, partialOfUniverse: boolean): string {
  const values = { eligible: figure(u.eligible), participation: percent(u.participation) };
  if (u.eligibleProcessed === null || u.eligibleProcessed === undefined)
    return say('eligible {eligible} · participation {participation} (emitted / eligible)', values);
  const processed = thousands(u.eligibleProcessed);
  return partialOfUniverse
    ? say(
        'eligible {eligible} (every mesa the universe expects) · participation {participation} (emitted / {processed} eligible at the mesas processed)',
        { ...values, processed },
      )
    : say(
        'eligible {eligible} (all mesas) · participation {participation} (emitted / {processed} eligible at the mesas processed)',
        { ...values, processed },
      );
}

/** One unit's totals: valid, blank, null, impugned, emitted, eligible, participation. */
function totalsLine(u: Unit, partialOfUniverse: boolean): string {
  return say(
    'valid {valid} · blank {blank} ({blankPct}) · null {null} ({nullPct}){blankAndNull} · impugned {impugned} · emitted {emitted} · {turnout}',
    {
      valid: figure(u.valid),
      blank: figure(u.blank),
      blankPct: percent(u.blankPctEmitted),
      null: figure(u.null),
      nullPct: percent(u.nullPctEmitted),
      blankAndNull:
        u.blankAndNull === undefined
          ? ''
          : say(' · blank and null {n}', { n: thousands(u.blankAndNull) }),
      impugned: figure(u.impugned),
      emitted: figure(u.emitted),
      turnout: turnoutOf(u, partialOfUniverse),
    },
  );
}

/**
 * The votes held under review (Peru: at the JEE) beside the leader's margin, in the dashboard's
 * words: whether they alone could tie or reverse it (leaders.ts jeeHeld) — arithmetic, never a
 * prediction. None where no acta is there.
 */
function jeeLine(u: Unit, election: LeaderChoices, w: AuthorityWords): string | null {
  const held = jeeHeld(election, u.choices, u.jeeVoters);
  if (held === null) return null;
  const line = say(
    "{atReview}: {n} voters of its actas (an acta's electors where it states none: an upper bound), not in the count.",
    { atReview: inSentence(w.atReview), n: thousands(held.voters) },
  );
  if (held.reaches === null) return line;
  // the dashboard's sentences, one source (leaders.ts)
  return `${line} ${inRunLanguage(JEE_REACH_WORDS[held.reaches ? 'reaches' : 'short'])}`;
}

/** Why a mesa's votes are not counted for any choice, by its acta's state. */
function notCountedLine(u: Unit, w: AuthorityWords): string {
  switch (u.mesaState) {
    case 'annulled':
      return inSentence(w.annulled(figure(u.null)));
    case 'not_installed':
      return say('mesa not installed: nobody voted here, so there are no votes (not zeros)');
    case 'jee':
      return say('not counted yet: no figures ({atReview})', { atReview: inSentence(w.atReview) });
    // a counted or resolved acta's votes count: only a pending one (or a unit of old) is here
    case 'pending':
    case 'counted':
    case 'resolved':
    case undefined:
      return say('not counted yet: no figures (pending)');
  }
}

type Unit = ServedResults['units'][number];

/** What `cifra results` reads beside the document to print it. */
export interface ResultsView {
  /** The election's manifest declares a universe (docs/elections.md): a provisional count is part of it. */
  readonly universe?: boolean;
  readonly discrepancies?: Discrepancies;
  /** The election's choices, for the leader rule (leaders.ts: "Otras listas" leads nothing). */
  readonly election?: LeaderChoices;
  /** What the manifest says the figures need to be read right (`resultsNote`), one line. */
  readonly note?: Note | undefined;
  /** The jurisdiction's bodies (jurisdiction-words.ts); absent: neutral words. */
  readonly words?: AuthorityWords;
  /** The CSV's choice columns: the election's (resultsCsv), counted or not. */
  readonly columns?: readonly ChoiceColumn[];
  /** The election's definition, for its label and level names in the run's language (titleOf). */
  readonly definition?: ElectionDef;
}

/** A results document as `cifra results` prints it: one unit in full, or a level's table. */
export function renderResults(
  doc: ServedResults,
  format: OutputFormat,
  o: ResultsView = {},
): string {
  if (format === 'json') return JSON.stringify(doc, null, 2);
  if (format === 'csv') return resultsCsv(doc, o.columns ?? []);
  const w = o.words ?? authorityWords(runLanguage(), null);
  const [only] = doc.units;
  const body = doc.units.length === 1 && only ? unitLines(doc, only, o, w) : levelLines(doc, o, w);
  return [
    titleOf(o.definition ?? { label: doc.label, jurisdiction: null }, doc.level),
    statusLine(doc.status),
    ...body,
    // the same base under every unit's % as under the nation's
    ...(o.note === undefined ? [] : [inRunLanguage(o.note)]),
  ].join('\n');
}

/** One unit: its actas, its choices (or why none count), its totals, the votes under review. */
function unitLines(doc: ServedResults, u: Unit, o: ResultsView, w: AuthorityWords): string[] {
  const out = [actasLine(u, w, doc.status.kind === 'final'), ...flagLines(u, w)];
  // a mesa not counted: why, in words, not a table of zeros (the document's choices are none)
  if (u.votesCounted === false) out.push(notCountedLine(u, w));
  else
    out.push(
      renderTable(
        ['candidate / list', 'party', 'votes', '% valid', '% emitted'],
        [...u.choices]
          .sort((a, b) => b.votes - a.votes)
          .map((c) => [
            c.label,
            c.party,
            thousands(c.votes),
            decimalOr(c.pctValid),
            decimalOr(c.pctEmitted),
          ]),
      ),
    );
  out.push(totalsLine(u, o.universe === true && doc.status.kind === 'provisional'));
  const jee = jeeLine(u, o.election ?? { choices: [] }, w);
  if (jee !== null) out.push(jee);
  // the national figures the sources publish differently, as the dashboard lists them
  if (doc.level === 'national') out.push(...discrepancyLines(o.discrepancies ?? []));
  return out;
}

/** A level: one row a unit, and what its column on the votes under review means. */
function levelLines(doc: ServedResults, o: ResultsView, w: AuthorityWords): string[] {
  const election = o.election ?? { choices: [] };
  const review = { atReview: inSentence(w.atReview), short: w.reviewShort };
  const out = [
    renderTable(
      [
        'code',
        'name',
        // a finished count has no leader, only who got the most votes (review 21 L10)
        doc.status.kind === 'final' ? 'most voted' : 'leader',
        '% valid',
        'valid',
        'emitted',
        say('voters {atReview}', review),
        say('{short} ≥ margin', review),
        'participation',
        '% actas',
      ],
      doc.units.map((u) => levelRow(u, election)),
    ),
  ];
  if (doc.units.some((u) => jeeHeld(election, u.choices, u.jeeVoters) !== null))
    out.push(
      say(
        "{short} ≥ margin: whether the voters of a unit's actas {atReview} (an acta's electors where it states none: an upper bound) alone could tie or reverse its leader's margin; arithmetic, not a prediction.",
        review,
      ),
    );
  return out;
}

/** A unit's row of a level's table. */
function levelRow(u: Unit, election: LeaderChoices): (string | null)[] {
  // no leader without votes (review 5 saw ballot position 1 "lead" units at 0 %), nor one named
  // by order where the first two are level
  const [lead, next] = leadersOf(election, u.choices);
  const none = lead === undefined || lead.votes === 0;
  const tie = !none && next !== undefined && next.votes === lead.votes;
  const reaches = jeeReach(election, u.choices, u.jeeVoters);
  return [
    u.code,
    u.name,
    none ? '—' : tie ? `${lead.label} = ${next.label}` : lead.label,
    none ? '—' : decimalOr(lead.pctValid),
    figure(u.valid),
    figure(u.emitted),
    figure(u.jeeVoters ?? null),
    reaches === null ? '—' : say(reaches ? 'yes' : 'no'),
    decimalOr(u.participation),
    decimalOr(u.actas?.pctProcessed),
  ];
}

type Discrepancies = NonNullable<NonNullable<ElectionDef['manifest']>['discrepancies']>;

/** Each figure the sources publish differently: both values with their sources, and why. */
function discrepancyLines(list: Discrepancies): string[] {
  if (list.length === 0) return [];
  return [
    say('Figures the sources publish differently (both kept):'),
    ...list.map(
      (d) =>
        `  ${say(d.figure)}: ${d.values
          .map((v) => `${thousands(v.value)} (${inRunLanguage(v.source)})`)
          .join(' · ')}. ${inRunLanguage(d.note)}`,
    ),
  ];
}

export async function runResults(store: Store, args: ResultsArgs, io: CliIo): Promise<number> {
  const { election, getResults } = await service();
  // a mesa's name says its place code's word in the run's language (Spain: "INE municipality code")
  // in a table; JSON and CSV stay the API's documents, word for word
  const lang = args.format === 'table' ? runLanguage() : 'es';
  const r = await getResults(store, args.election, args.level, args.code, lang);
  if (!r.ok) return failed(io, r.issues);
  const e = await election(store, r.value.election);
  const universe = e.ok && !e.value.published && e.value.manifest?.universe !== undefined;
  const discrepancies = e.ok ? (e.value.manifest?.discrepancies ?? []) : [];
  const leaders = e.ok ? { election: e.value } : {};
  const note = e.ok ? e.value.manifest?.resultsNote : undefined;
  const columns = e.ok ? e.value.choices : [];
  const words = jurisdictionWords(e.ok ? e.value : undefined);
  io.out(
    renderResults(r.value, args.format, {
      ...(e.ok ? { definition: e.value } : {}),
      universe,
      discrepancies,
      ...leaders,
      note,
      words,
      columns,
    }),
  );
  return EXIT_OK;
}

export async function runActa(
  store: Store,
  args: { mesa: string; election?: string | undefined; format: OutputFormat },
  io: CliIo,
): Promise<number> {
  const { election, getActa } = await service();
  const e = await election(store, args.election);
  if (!e.ok) return failed(io, e.issues);
  const r = await getActa(store, e.value.id, args.mesa);
  if (args.format === 'json') {
    if (!r.ok) return failed(io, r.issues);
    return (io.out(JSON.stringify(r.value, null, 2)), EXIT_OK);
  }
  if (!r.ok) return failed(io, r.issues);
  const doc = r.value;
  const { renderQuarantined, renderVersionFigures, renderVersionSources } =
    await import('./acta-versions.js');
  // a mesa only ever quarantined: its refused rows are the whole story (the service's document,
  // as the API and the static site give it)
  if (doc.current === null && doc.history.length === 0) {
    io.out(
      say('acta {mesa} — {election}: no version stored; every row for this mesa was quarantined', {
        mesa: doc.mesa,
        election: electionLabel(e.value),
      }),
    );
    io.out(renderQuarantined(doc.quarantined));
    return EXIT_OK;
  }
  io.out(renderActa(doc, e.value));
  if (doc.history.length > 0) {
    io.out(renderVersionFigures(doc.history, e.value));
    io.out(renderVersionSources(doc.history));
  }
  if (doc.quarantined.length > 0) io.out(renderQuarantined(doc.quarantined));
  return EXIT_OK;
}

/** An acta state in the run's language, an observed acta's in the jurisdiction's words. */
function stateWord(state: ActaState, w: AuthorityWords): string {
  if (state === 'jee') return w.atReview;
  if (state === 'resolved') return w.resolved;
  return ACTA_STATE_WORDS[state][runLanguage()];
}

/** An acta as text: its current values and state, then every version with its source. */
export function renderActa(doc: ActaDocument, e: ElectionDef): string {
  const { current, place, history } = doc;
  const w = jurisdictionWords(e);
  const out: string[] = [];
  if (current) {
    const noVote = current.state === 'not_installed';
    out.push(`acta ${doc.mesa} — ${electionLabel(e)}`);
    out.push(
      say('ubigeo {ubigeo}{place} · state {state}{label} · version {version}{conflict}', {
        ubigeo: current.ubigeo,
        place: place ? ` (${place.district}, ${place.province}, ${place.department})` : '',
        // cifra's state in the run's language, the source's own label in brackets if it adds one
        state: inSentence(stateWord(current.state, w)),
        label: labelAfter(current, runLanguage(), stateWord(current.state, w)),
        version: current.version,
        conflict: current.conflict ? conflictNow(history, current.version) : '',
      }),
    );
    // why it was observed (sent to the JEE), in the source's word: not translated
    if (current.observation !== undefined)
      out.push(say('observation: {observation}', { observation: current.observation }));
    out.push(
      say(
        'eligible {eligible} · voters {voters} · blank {blank} · null {null} · impugned {impugned}',
        {
          eligible: current.eligible,
          voters: noVote ? '—' : (current.voters ?? '—'),
          // no figures yet (a pending acta) or none at all (not installed): never 0
          blank: noVote ? '—' : (current.blank ?? '—'),
          null: noVote ? '—' : (current.null ?? '—'),
          impugned: noVote ? '—' : (current.impugned ?? '—'),
        },
      ),
    );
    if (noVote)
      out.push(say('mesa not installed: nobody voted here, so there are no votes (not zeros)'));
    const open = current.state === 'pending' || current.state === 'jee';
    // an open acta's figures: in the totals or not, said, never left to guess (review 26 H4)
    if (open && current.votes !== null)
      out.push(
        say(
          current.counts
            ? "its figures are in the totals already (this election's publication counts a pending acta's figures)"
            : 'its figures are not in the totals yet: they count once the acta is counted or resolved',
        ),
      );
    const annulled = current.state === 'annulled';
    // the null votes the totals book: its voters, else its cells' sum (bookedFigures)
    if (annulled)
      out.push(inSentence(w.annulled(figure(annulledNullOf(current, e.choices.length)))));
    // an annulled acta's list votes, where it carries any, are shown as not counted; its zeros
    // (ONPE books the voters as null) are no count of anything
    const carried = annulled ? (current.votes ?? []).some((v) => v > 0) : !noVote;
    if (current.votes && carried)
      out.push(
        renderTable(
          ['choice', 'candidate / list', annulled ? 'votes (not counted)' : 'votes'],
          e.choices.map((c, i) => [c.id, c.label, current.votes?.[i] ?? 0]),
        ),
      );
    // each warning as the sentence it is, with its figures (the code for docs/errors.md)
    for (const warning of current.warnings)
      out.push(
        say('warning {code}: {sentence}', {
          code: warning.code,
          sentence: issueSentence(warning, runLanguage(), thousands),
        }),
      );
  }
  out.push(historyTable(history, w));
  return out.join('\n');
}

/**
 * The current acta's conflict, by its latest conflict's reason (s31: it said only that there was
 * one, whichever); the words of before where the history gives no reason.
 */
function conflictNow(history: ActaDocument['history'], current: number): string {
  const reason = currentConflictReason(history, current);
  if (reason === null)
    return say(
      ' · CONFLICT: a later import brought another version, not applied (other figures, or an earlier state than the one held: a counted acta reported open again, one at the JEE reported pending)',
    );
  return say(' · CONFLICT: {why}', { why: ACTA_CONFLICT_NOW_WORDS[reason][runLanguage()] });
}

/**
 * Every version of an acta: its kind, state, voters, the import and row it came from; a conflict
 * says why it was kept, as the document records it (against the version held then: a stale
 * file's earlier state stays one after a correction moves the acta back too).
 */
function historyTable(history: ActaDocument['history'], w: AuthorityWords): string {
  return renderTable(
    // the time is cifra's import, not ONPE's reception of the acta: said in the header
    ['version', 'kind', 'state', 'voters', 'import', 'row', 'recorded by cifra', 'current'],
    history.map((h) => [
      h.version,
      versionKindWords(h, runLanguage()),
      `${stateWord(h.acta.state, w)}${labelAfter(h.acta, runLanguage(), stateWord(h.acta.state, w))}`,
      h.acta.voters ?? '—',
      h.sha256 ? `#${h.importId} ${h.sha256.slice(0, 12)}` : '—',
      h.row ?? '—',
      h.recordedAt,
      h.current ? '✓' : '',
    ]),
  );
}

export async function runExport(
  store: Store,
  args: {
    level: Level;
    election?: string | undefined;
    format: 'csv' | 'json';
    out: string;
    unit?: string | undefined;
  },
  io: CliIo,
): Promise<number> {
  // the nation's mesas as CSV: written as read, a page at a time (the API's `?level=mesa&format=csv`)
  if (args.level === 'mesa' && args.unit === undefined && args.format === 'csv')
    return exportMesasCsv(store, args, io);
  // a unit's mesas (a poll-watcher's district) as the API's `?level=mesa&unit=` gives them
  const r =
    args.unit === undefined
      ? await (await service()).getResults(store, args.election, args.level)
      : await (
          await import('../../results/unit-mesas.js')
        ).getUnitMesas(store, args.election, args.unit);
  if (!r.ok) return failed(io, r.issues);
  const e = await (await service()).election(store, r.value.election);
  const columns = e.ok ? e.value.choices : [];
  const tmp = `${args.out}.tmp-${process.pid}`;
  writeFileSync(tmp, renderResults(r.value, args.format, { columns }) + '\n');
  renameSync(tmp, args.out);
  io.out(
    say('wrote {units} {level} units of {election} to {out}', {
      units: thousands(r.value.units.length),
      level: args.level,
      election: r.value.election,
      out: args.out,
    }),
  );
  return EXIT_OK;
}

async function exportMesasCsv(
  store: Store,
  args: { election?: string | undefined; out: string },
  io: CliIo,
): Promise<number> {
  const { getMesasCsv } = await import('../../results/unit-mesas.js');
  const r = await getMesasCsv(store, args.election);
  if (!r.ok) return failed(io, r.issues);
  const tmp = `${args.out}.tmp-${process.pid}`;
  try {
    await pipeline(Readable.from(r.value.lines), createWriteStream(tmp));
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  renameSync(tmp, args.out);
  io.out(
    say('wrote {units} {level} units of {election} to {out}', {
      units: thousands(r.value.count),
      level: 'mesa',
      election: r.value.election,
      out: args.out,
    }),
  );
  return EXIT_OK;
}

/** A count of the import log, grouped as the bytes beside it; empty where it was not counted. */
const count = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : thousands(n);

export async function runElections(store: Store, io: CliIo): Promise<number> {
  const { getImports, listElections } = await service();
  const imports = await getImports(store, undefined);
  if (!imports.ok) return failed(io, imports.issues);
  const count = new Map<string, number>();
  for (const i of imports.value.imports) count.set(i.election, (count.get(i.election) ?? 0) + 1);
  io.out(
    renderTable(
      ['election', 'label', 'status', 'choices', 'imports'],
      (await listElections(store)).map((e) => [
        e.id,
        electionLabel(e),
        e.status === undefined ? '—' : codeWords(e.status),
        e.choices,
        count.get(e.id) ?? 0,
      ]),
    ),
  );
  return EXIT_OK;
}

export async function runImports(
  store: Store,
  election: string | undefined,
  io: CliIo,
): Promise<number> {
  const r = await (await service()).getImports(store, election);
  if (!r.ok) return failed(io, r.issues);
  io.out(
    renderTable(
      [
        '#',
        'election',
        'file',
        'sha256',
        'bytes',
        'rows',
        'new',
        'unchanged',
        'changed',
        'observation changes',
        'corrected',
        'conflicts',
        'quarantined',
        'source cut',
        'finished',
      ],
      r.value.imports.map((i, at, all) => [
        i.id,
        i.election,
        i.fileName,
        i.sha256.slice(0, 16),
        thousands(i.size),
        ...rowsAndUnchanged(i, all.slice(0, at)),
        count(i.stateChanges),
        // before migration 15 an import did not count them apart (they are in `changed`)
        count(i.observationChanges),
        count(i.corrected),
        count(i.conflicts),
        count(i.quarantined),
        // the source's own time of the file (--cut), beside cifra's time of the import
        i.cut ?? '—',
        i.finishedAt ?? i.status,
      ]),
    ),
  );
  return EXIT_OK;
}

type ImportRow = ImportsDocument['imports'][number];

/**
 * An import's rows, new and unchanged columns. A re-read read no row: its file is byte for byte
 * an earlier import's (the same sha256, the latest one), so its rows are that import's, and every
 * row that import accepted is unchanged now (session 30: it showed unchanged 0).
 */
function rowsAndUnchanged(
  i: ImportRow,
  before: readonly ImportRow[],
): [string | number, string | number, string | number] {
  if (i.mode !== 'reread') return [count(i.rowsRead), count(i.new), count(i.unchanged)];
  const same = before.findLast(
    // the import it repeats: a snapshot's, never a correction's (findImport, againOf skip those)
    (b) => b.mode === 'import' && b.sha256 === i.sha256 && b.election === i.election,
  );
  if (same === undefined) return [say('re-read'), count(i.new), count(i.unchanged)];
  return [
    say('re-read of #{id} ({n})', { id: same.id, n: thousands(same.rowsRead ?? 0) }),
    count(0),
    count(same.accepted),
  ];
}

/** The file's size, 0 when it cannot be read (the ingest reports that). */
function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
