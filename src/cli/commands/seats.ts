import { existsSync } from 'node:fs';
import { bothLanguages } from '../../core/model/note.js';
import type { KieswetStep } from '../../core/allocation/kieswet.js';
import { hasErrors, issue, type Issue } from '../../core/issues.js';
import type { Ratio } from '../../core/ratio.js';
import type { WhatIf } from '../../core/rulesets/overrides.js';
import { computeSeats, type SeatResult, type TierReport } from '../../core/pipeline/seats.js';
import { loadRuleset, readRulesetSource } from '../../elections/rulesets.js';
import { builtInElectionIds } from '../../elections/manifests.js';
import { dataPath } from '../../io/paths.js';
import type { SeatDiff } from '../../core/pipeline/seat-diff.js';
import {
  getResults,
  getSeats,
  type ListSeatsDocument,
  type SeatsDocument,
} from '../../results/service.js';
import { getSummary } from '../../results/summary.js';
import { seatsFrom } from '../../results/seats.js';
import { parseWhatIfBody, whatIfSeats } from '../../results/what-if.js';
import type { Store } from '../../store/store.js';
import {
  codeWords,
  decimal,
  decimalOr,
  header,
  renderTable,
  runNumberLocale,
  say,
  thousands,
  tieWords,
  unresolvedTieWords,
} from '../format.js';
import { EXIT_ISSUES, EXIT_OK, EXIT_USAGE, type CliIo, type OutputFormat } from '../io.js';
import { printIssues } from '../messages.js';
import { useJurisdictionLocale } from '../jurisdiction-words.js';
import { loadCandidates, loadDistricts, loadParties, loadVotes } from '../../io/seat-files.js';
import type { Note } from '../../core/model/note.js';
import { seatsOpen, type Coverage } from '../../core/pipeline/seats-open.js';
import { lotHoldsEverySeat } from '../../core/pipeline/unallocated-reason.js';
import { statusLine } from './actas.js';
import type { FiguresStatus } from '../../results/status.js';
import { seatResultCsv, seatsDocumentCsv } from './seats-csv.js';

/** The language of `--lang`: the notes' half to print and the issue messages'. */
export type Lang = keyof Note;

export interface SeatsArgs {
  readonly rules: string;
  readonly votes: string;
  readonly districts?: string | undefined;
  readonly candidates?: string | undefined;
  readonly parties?: string | undefined;
  readonly seed?: number | undefined;
  readonly format: OutputFormat;
  readonly options: Readonly<Record<string, string>>;
  /** What-if: the method of multi-seat districts, the valla's share, the house size. */
  readonly whatIf?: WhatIf | undefined;
  readonly lang?: Lang | undefined;
}

export { printIssues };

/** `cifra seats`: a ruleset (built-in id or file), what-if changes, the vote files → seats. */
export function runSeats(args: SeatsArgs, io: CliIo): number {
  const lang = args.lang ?? 'en';
  const rs = loadRuleset(args.rules, args.options, args.whatIf ?? {});
  if (!rs.ok) {
    printIssues(io, rs.error, lang);
    return EXIT_ISSUES;
  }
  if (rs.value.kind !== 'list') {
    printIssues(io, [issue('not_a_list_election', ['rules'], { rules: args.rules })], lang);
    return EXIT_ISSUES;
  }
  useJurisdictionLocale(rs.value);
  const votes = loadVotes(args.votes);
  const districts = args.districts ? loadDistricts(args.districts) : undefined;
  const candidates = args.candidates ? loadCandidates(args.candidates) : undefined;
  const parties = args.parties ? loadParties(args.parties) : undefined;
  const fileIssues = [
    ...votes.issues,
    ...(districts?.issues ?? []),
    ...(candidates?.issues ?? []),
    ...(parties?.issues ?? []),
  ];
  const files = {
    votes: args.votes,
    candidates: args.candidates,
    districts: args.districts,
    parties: args.parties,
  };
  if (hasErrors(fileIssues)) {
    printIssues(io, inFiles(fileIssues, files, []), lang);
    return EXIT_ISSUES;
  }
  const computed = computeSeats(
    rs.value,
    {
      votes: votes.rows,
      districts: districts?.rows,
      candidates: candidates?.rows,
      parties: parties?.rows.map((p) => p.party),
      tags: parties ? Object.fromEntries(parties.rows.map((p) => [p.party, p.tags])) : undefined,
    },
    { seed: args.seed },
  );
  // the districts a row may name: the --districts file's, else the ruleset's
  const known = (districts?.rows ?? rs.value.districts).map((d) =>
    'district' in d ? d.district : d.name,
  );
  const result = { ...computed, issues: inFiles(computed.issues, files, known) };
  printIssues(io, result.issues, lang);
  // a votes file's status is not known: its CSV's status cells are empty; any lever, a what-if
  const whatIf = Object.values(args.whatIf ?? {}).some((v) => v !== undefined);
  io.out(
    args.format === 'csv'
      ? seatResultCsv(result, whatIf ? 'what-if' : 'computed-by-cifra', null)
      : renderSeats(result, args.format, lang),
  );
  return hasErrors(result.issues) ? EXIT_ISSUES : EXIT_OK;
}

/** The files of `cifra seats`, as a row's issue's path names them. */
const SEAT_FILES = ['votes', 'candidates', 'districts', 'parties'] as const;
type SeatFile = (typeof SEAT_FILES)[number];

/**
 * A row's issue (path `votes.9.…`, the file's 9th data row, 1-based as ingest's rows) with the
 * file it is in and its row; an unknown district with the districts it could name, as
 * ruleset_district_unmatched lists them (review s36: the path alone, no file, no districts).
 */
function inFiles(
  issues: readonly Issue[],
  files: Readonly<Record<SeatFile, string | undefined>>,
  known: readonly string[],
): Issue[] {
  return issues.map((i) => {
    const [what, row] = i.path;
    const file = SEAT_FILES.includes(what as SeatFile) ? files[what as SeatFile] : undefined;
    if (file === undefined || typeof row !== 'number') return i;
    const districts = i.code === 'unknown_district' ? { known } : {};
    return { ...i, details: { ...i.details, file, row, ...districts } };
  });
}

/**
 * `cifra seats --election ID`: the seats of an election in the store, as the API serves them —
 * cifra's computation with the election's ruleset (from its actas, or from published units that
 * are its districts) with any reported composition beside it, or the seats a source published.
 */
export async function runElectionSeats(
  store: Store,
  args: { election: string; seed?: number | undefined; format: OutputFormat; lang?: Lang },
  io: CliIo,
): Promise<number> {
  const lang = args.lang ?? 'en';
  const found = await getSeats(store, args.election, args.seed);
  if (!found.ok) return (printIssues(io, found.issues, lang), EXIT_ISSUES);
  const doc = found.value;
  if (doc.kind === 'presidential' && args.format === 'csv') {
    // a round has no seats: its sentence under --format csv read as the CSV (review s36)
    io.err(
      say(
        'error: {election} is a presidential round, with no seats to write as CSV; use --format table or json',
        {
          election: doc.election,
        },
      ),
    );
    return EXIT_USAGE;
  }
  const issues = doc.kind === 'list' ? doc.result.issues : [];
  printIssues(io, issues, lang);
  const held = await heldOut(store, doc);
  io.out(
    args.format === 'json'
      ? JSON.stringify(doc, null, 2)
      : renderSeatsDocument(doc, args.format, lang, held),
  );
  return hasErrors(issues) ? EXIT_ISSUES : EXIT_OK;
}

/** What a final count settled by the bound still holds out: its unresolved actas, impugned votes. */
interface HeldOut {
  /** Actas the final count leaves unresolved, and their electors (0 and 0: none). */
  readonly actas: number;
  readonly electors: number;
  /** Impugned votes awaiting the JEE's ruling (null: the figures do not say). */
  readonly impugned: number | null;
}

/**
 * A presidential round a complete count settles by the bound (`decided`): what it holds out, as
 * the summary and the national figures give it (the "why" of its settled line); null otherwise.
 */
async function heldOut(store: Store, doc: SeatsDocument): Promise<HeldOut | null> {
  if (doc.kind !== 'presidential' || doc.settledBy !== 'decided') return null;
  if (doc.status.kind === 'provisional') return null;
  const [summary, national] = [
    await getSummary(store, doc.election),
    await getResults(store, doc.election, 'national'),
  ];
  if (!summary.ok) return null;
  const { actasTotal, actasProcessed, votesRemaining } = summary.value.count;
  const unit = national.ok ? national.value.units[0] : undefined;
  return {
    actas: Math.max(0, actasTotal - actasProcessed),
    electors: votesRemaining ?? 0,
    impugned: unit?.impugned ?? null,
  };
}

function renderSeatsDocument(
  doc: SeatsDocument,
  format: 'table' | 'csv',
  lang: Lang,
  held: HeldOut | null = null,
): string {
  const csv = format === 'csv' ? seatsDocumentCsv(doc) : null;
  if (csv !== null) return csv;
  switch (doc.kind) {
    case 'list':
      return renderListSeats(doc, lang);
    case 'official':
    case 'third-party': {
      const r = doc.result;
      return [
        say('{election} — {seats} seats as published ({kind}: {source})', {
          election: doc.election,
          seats: r.totalSeats,
          kind: codeWords(doc.kind),
          source: bothLanguages(r.source)[lang],
        }),
        // a source's table rests on its own counted share of actas
        ...openLine({ kind: doc.kind, pctCounted: r.pctCounted }, 'actas-counted'),
        renderTable(['party', 'seats'], Object.entries(r.seats)),
        ...(r.valla ? [`valla: ${r.valla[lang]}`] : []),
      ].join('\n');
    }
    case 'presidential':
      return renderPresidential(doc, held);
  }
}

/**
 * Why a round has no outcome yet: impugned votes at the JEE on a count whose actas are all in (its
 * status is no longer provisional), a final count's unresolved actas, else a count that does not
 * settle it yet.
 */
function openWords(doc: Extract<SeatsDocument, { kind: 'presidential' }>, counted: string): string {
  if (doc.openReason === 'impugned_at_jee')
    return say(
      'no outcome yet: every acta processed, but the impugned votes awaiting the JEE could still change it',
    );
  if (doc.openReason === 'unresolved_actas')
    return say(
      'no outcome yet: a final count whose unresolved actas could still change it ({kind}{counted})',
      { kind: codeWords(doc.status.kind), counted },
    );
  return doc.status.kind === 'provisional'
    ? say('no outcome yet: the count does not settle it (provisional{counted})', { counted })
    : say('no outcome yet: these figures do not settle it ({kind}{counted})', {
        kind: codeWords(doc.status.kind),
        counted,
      });
}

/** The round's outcome once the count settles it; before that, who leads and by how much. */
function renderPresidential(
  doc: Extract<SeatsDocument, { kind: 'presidential' }>,
  held: HeldOut | null,
): string {
  const o = doc.result.outcome;
  const { pctCounted: pct, pctOf } = doc.status;
  // what the % is of, as the status says it (a count's processed actas, a release's counted)
  const words = pctOf === 'actas-processed' ? ', {pct} % processed' : ', {pct} % counted';
  const counted = pct === null ? '' : say(words, { pct: decimal(pct) });
  if (o === null) {
    const [first, second] = [...doc.result.candidates].sort((a, b) => b.votes - a.votes);
    const lead =
      first === undefined || second === undefined
        ? ''
        : first.votes === second.votes
          ? say('; {first} and {second} tied at {votes} votes', {
              first: first.candidate,
              second: second.candidate,
              votes: thousands(first.votes),
            })
          : say('; {first} leads {second} by {margin} votes', {
              first: first.candidate,
              second: second.candidate,
              margin: thousands(first.votes - second.votes),
            });
    return `${doc.election} — ${openWords(doc, counted)}${lead}`;
  }
  const text =
    o.kind === 'winner'
      ? say('winner ({round}): {winner}', { round: header(o.round), winner: o.winner })
      : o.kind === 'runoff'
        ? say('runoff: {pair}', { pair: o.pair.join(' · ') })
        : say('tie ({stage}): {candidates}', {
            stage: tieWords(o.stage),
            candidates: o.candidates.join(', '),
          });
  const why =
    doc.status.kind === 'provisional'
      ? say(
          ' (provisional count{counted}: settled, the lead is larger than all votes still to count)',
          { counted },
        )
      : doc.settledBy === 'decided'
        ? heldWhy(codeWords(doc.status.kind), counted, held)
        : '';
  return `${doc.election} — ${text}${why}`;
}

/**
 * Why a complete count with votes still out is settled (`decided`): its lead is larger than what
 * it holds out — the unresolved actas' electors, the impugned votes at the JEE, each named (s36).
 */
function heldWhy(kind: string, counted: string, held: HeldOut | null): string {
  const impugned = held?.impugned ?? 0;
  const v = {
    kind,
    counted,
    actas: thousands(held?.actas ?? 0),
    electors: thousands(held?.electors ?? 0),
    impugned: thousands(impugned),
  };
  if (held !== null && held.actas > 0 && impugned > 0)
    return say(
      ' ({kind}{counted}: settled, the lead is larger than the {electors} {electors:elector|electors} of {actas} unresolved {actas:acta|actas} and the {impugned} impugned {impugned:vote|votes} at the JEE together)',
      v,
    );
  if (held !== null && held.actas > 0)
    return say(
      ' ({kind}{counted}: settled, the lead is larger than the {electors} {electors:elector|electors} of {actas} unresolved {actas:acta|actas})',
      v,
    );
  if (impugned > 0)
    return say(
      ' ({kind}{counted}: settled, the lead is larger than the {impugned} impugned {impugned:vote|votes} at the JEE)',
      v,
    );
  return say(' ({kind}{counted}: settled, the lead is larger than all votes still out)', v);
}

/**
 * Where the figures' provenance note is, as it is: a bundled manifest's note under data/, a user
 * manifest's file as its manifest names it (relative to the manifest), or the text itself.
 */
function provenanceOf(election: string, provenance: string): string {
  const bundledFile =
    /\.md$/i.test(provenance) &&
    builtInElectionIds().includes(election) &&
    existsSync(dataPath(provenance));
  return bundledFile ? `data/${provenance}` : provenance;
}

/**
 * What the party table's votes are for an election of several districts: every district's lists
 * summed, the Senate's national list and regional lists pooled (review 6: 3,769,896 beside ONPE's
 * 1,866,220 on the national list alone, unsaid). Printed right under that table.
 */
function summedVotes(r: SeatResult): string[] {
  if (r.districts.length <= 1) return [];
  return [
    say("votes and % valid: every district's lists summed ({n} valid votes in {d} districts)", {
      n: thousands(r.votes.reduce((a, v) => a + v.votes, 0)),
      d: r.districts.length,
    }),
  ];
}

/** A seats figure's % in words: of the actas a count processed, or those its source counted. */
const ON_PCT = {
  'actas-processed': ' on {pct} % of actas processed',
  'actas-counted': ' on {pct} % of actas counted',
} as const;

/**
 * Seats not settled, said before the table (the dashboard's rule, core seatsOpen: its rings): on a
 * provisional count, or a figure short of 100 % of actas, every seat is an allocation of the votes
 * counted so far.
 */
function openLine(f: Coverage, of: FiguresStatus['pctOf']): string[] {
  if (!seatsOpen(f)) return [];
  const pct =
    f.pctCounted === null || f.pctCounted === undefined || of === null
      ? ''
      : say(ON_PCT[of], { pct: decimal(f.pctCounted) });
  return [
    say('SEATS OPEN — {kind}{pct}: an allocation of the votes counted so far, not settled seats', {
      kind: codeWords(f.kind),
      pct,
    }),
  ];
}

/** cifra's seats, then the reported composition with the difference per party, then the note. */
function renderListSeats(doc: ListSeatsDocument, lang: Lang): string {
  const f = doc.figures;
  // "from the final figures as of 2 May 2026 (source)", as the seats document's note says it
  const locale = runNumberLocale();
  const locales = { es: locale, en: locale };
  const status = f === undefined ? '' : seatsFrom(f, locales)[lang];
  const from = status ? (lang === 'es' ? ` a partir de ${status}` : ` from ${status}`) : '';
  const out = [
    `${doc.election} — ${lang === 'es' ? 'escaños calculados por cifra' : 'seats computed by cifra'}${from}`,
    ...(f
      ? [
          say('source: {source} ({asOf}; {provenance})', {
            source: f.source[lang],
            asOf: f.asOf,
            provenance: provenanceOf(doc.election, f.provenance),
          }),
        ]
      : []),
    ...openLine(doc.status, doc.status.pctOf),
    renderSeats(doc.result, 'table', lang, summedVotes(doc.result)),
  ];
  if (doc.reported !== undefined)
    out.push(
      say('reported composition ({kind}: {source})', {
        kind: codeWords(doc.reported.kind),
        source: bothLanguages(doc.reported.source)[lang],
      }),
      renderTable(
        ['party', 'cifra', 'reported', 'difference'],
        (doc.differences ?? []).map((d) => [
          d.party,
          d.computed,
          d.reported,
          d.difference > 0 ? `+${d.difference}` : d.difference,
        ]),
      ),
    );
  if (doc.note !== undefined) out.push(`${lang === 'es' ? 'nota' : 'note'}: ${doc.note[lang]}`);
  return out.join('\n');
}

export interface ElectionSeatsArgs {
  readonly election: string;
  /** A ruleset (built-in id or file): a whole file replaces the election's, a partial one patches it. */
  readonly rules?: string | undefined;
  readonly seed?: number | undefined;
  readonly format: OutputFormat;
  readonly options: Readonly<Record<string, string>>;
  readonly whatIf?: WhatIf | undefined;
  readonly lang?: Lang | undefined;
}

/**
 * `cifra seats --election ID --rules …` (or --method, --threshold, --seats, --option): a stored election's current votes through other rules
 * ruleset, with the difference from its own — the service behind `POST /api/v1/what-if`.
 */
export async function runElectionWhatIf(
  store: Store,
  args: ElectionSeatsArgs,
  io: CliIo,
): Promise<number> {
  const lang = args.lang ?? 'en';
  const src = args.rules === undefined ? null : readRulesetSource(args.rules);
  if (src !== null && !src.ok) {
    printIssues(io, src.error, lang);
    return EXIT_ISSUES;
  }
  const w = args.whatIf ?? {};
  const body = parseWhatIfBody({
    election: args.election,
    rules: src?.value.json ?? {},
    options: args.options,
    whatIf: Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
  });
  const r = body.ok ? await whatIfSeats(store, body.value) : body;
  if (!r.ok) {
    printIssues(io, r.issues, lang);
    return EXIT_ISSUES;
  }
  const { result, diff, status } = r.value;
  printIssues(io, result.issues, lang);
  // a what-if is computed by cifra from the election's figures: which ones, as the plain
  // command says them (review 21 M6: the table alone read like the election's seats)
  const head = [
    `${args.election} — ${say('what-if: seats computed by cifra from these figures')}`,
    statusLine(status),
    // the same votes as the plain command: short of 100 % of actas, its seats are as open (review s33)
    ...openLine(status, status.pctOf),
  ].join('\n');
  // the API's what-if document as it is (whatIfDocument): the seat result under `result`
  io.out(
    args.format === 'json'
      ? JSON.stringify(r.value, null, 2)
      : args.format === 'csv'
        ? seatResultCsv(result, 'what-if', status)
        : `${head}\n${renderSeats(result, 'table', lang, summedVotes(result))}\n${renderDiff(diff)}`,
  );
  return hasErrors(result.issues) ? EXIT_ISSUES : EXIT_OK;
}

/** The difference from the election's own ruleset, for terminals. */
function renderDiff(d: SeatDiff): string {
  const head = say('against {rules} ({seats} seats): ', {
    rules: d.baseline.rules,
    seats: d.baseline.totalSeats,
  });
  if (d.lists.length === 0 && d.districts.length === 0) return `${head}${say('no seat changes')}`;
  const moved = (c: SeatDiff['lists'][number]): string => `${c.party} ${c.before} → ${c.after}`;
  return [
    `${head}${d.lists.map(moved).join(', ')}`,
    ...(d.entered.length > 0 ? [say('entered: {lists}', { lists: d.entered.join(', ') })] : []),
    ...(d.left.length > 0 ? [say('left: {lists}', { lists: d.left.join(', ') })] : []),
    renderTable(
      ['district', 'seats', 'changes'],
      d.districts.map((x) => [
        x.district,
        x.before === x.after ? x.after : `${x.before} → ${x.after}`,
        x.lists.map(moved).join(', '),
      ]),
    ),
  ].join('\n');
}

const fraction = (r: Ratio): string =>
  r.denominator === 1 ? `${r.numerator}` : `${r.numerator}/${r.denominator}`;

function kieswetStepText(s: KieswetStep): string {
  const lot = (l: { drawn: string; options: readonly string[] } | null): string =>
    l === null ? '' : `, drawn by lot from ${l.options.join(', ')}`;
  switch (s.kind) {
    case 'residual-seat': {
      const tied =
        s.tied.length > 1 && s.lot === null ? `, tied with ${s.tied.slice(1).join(', ')}` : '';
      return `residual seat ${s.seat}: ${s.party} (${s.rule} ${fraction(s.value)}${tied}${lot(s.lot)})`;
    }
    case 'absolute-majority':
      return `P 9: a seat moves from ${s.from} to ${s.to}${lot(s.lot)}`;
    case 'exhaustion-removal':
      return `P 10: ${s.party} gives back a ${s.seat} seat (no candidate left)`;
  }
}

/** The Kieswet's quota and steps in a district: which rule gave each residual seat, P 9, P 10. */
function renderKieswet(
  district: string,
  k: NonNullable<SeatResult['districts'][number]['kieswet']>,
): string[] {
  const quota = k.quota === null ? '—' : fraction(k.quota);
  return [
    `Kieswet in ${district}: quota ${quota}`,
    ...k.steps.map((s) => `  ${kieswetStepText(s)}`),
  ];
}

/**
 * A district's seats no list took, by the reason the core gives: nothing counted, no eligible list,
 * tied, or vacant.
 */
function leftOver(
  d: SeatResult['districts'][number],
  unplaced: SeatResult['unplaced'] = [],
): string[] {
  const open = {
    not_counted: '{n} unallocated (no vote counted yet)',
    no_eligible_list: '{n} unallocated (no eligible list)',
    tie: '{n} tied',
    biproportional_unsettled: '{n} unallocated (apportionment not settled)',
  }[d.unallocatedReason ?? 'biproportional_unsettled'];
  return [
    ...(d.unallocated === 0 ? [] : [say(open, { n: d.unallocated })]),
    ...((d.vacant ?? 0) > 0 ? [say('{n} vacant', { n: d.vacant ?? 0 })] : []),
    // a pooled seat tied between districts is in none of them: each tied district says so
    ...unplaced.flatMap((u) =>
      u.stage === 'placement' && u.districts.includes(d.district)
        ? [say("tied for {n} of {party}'s pooled seats", { n: u.seats, party: u.party })]
        : [],
    ),
  ];
}

/** Pooled seats no district holds (SeatResult.unplaced): a list's, tied between districts, or no list's. */
function unplacedLines(r: SeatResult): string[] {
  return (r.unplaced ?? []).map((u) =>
    u.stage === 'placement'
      ? say('{party}: {n} pooled seats in no district yet — {districts} tie for {n:it|them}', {
          party: u.party,
          n: u.seats,
          districts: u.districts.join(', '),
        })
      : say('{n} pooled seats of no list yet — {lists} tie for {n:it|them}', {
          n: u.seats,
          lists: u.lists.join(', '),
        }),
  );
}

/** The seat result as JSON, CSV or tables; `underParties`: lines that describe the party table. */
export function renderSeats(
  r: SeatResult,
  format: OutputFormat,
  lang: Lang = 'en',
  underParties: readonly string[] = [],
): string {
  if (format === 'json') {
    const { issues, ...rest } = r;
    return JSON.stringify({ ...rest, issues }, null, 2);
  }
  // what a CSV row rests on is its caller's to say: a votes file's, a stored election's status
  if (format === 'csv') return seatResultCsv(r, 'computed-by-cifra', null);
  const out = [
    say('{rules} — {seats} seats', { rules: r.rules, seats: r.totalSeats }),
    renderTable(
      // the valla is Peru's word: an English table says threshold (format.ts gives "valla")
      [
        'party',
        'votes',
        '% valid',
        ...(r.preliminarySeats ? ['prelim.'] : []),
        'seats',
        'threshold',
      ],
      partyRows(r),
    ),
    ...underParties,
  ];
  if (r.districts.length > 1) out.push(districtsTable(r));
  out.push(...noteLines(r, lang));
  return out.join('\n');
}

/** Why a list is excluded, in words: below the share, below the votes, or short of seats. */
function exclusionText(e: SeatResult['excluded'][number]): string {
  if (e.reason === 'below_share')
    // a district scope: the figures are of the district where the list came closest, not the
    // only one that counted (review s30)
    return `< ${decimal(e.required)} (${thousands(e.votes)} / ${thousands(e.total)}${e.district ? say(' in its best district, {district}', { district: e.district }) : ''})`;
  if (e.reason === 'below_votes')
    return say('{votes} votes < {required}', {
      votes: thousands(e.votes),
      required: thousands(e.required),
    });
  // both halves of a seat condition, met or not (review 6 read "7 < 7 in ≥ 2 districts" for a
  // list with its 7 seats in one district)
  return (
    say('prelim. seats {seats} ({required} required)', { seats: e.seats, required: e.required }) +
    (e.requiredDistricts > 1
      ? say(', in {won} districts ({districts} required)', {
          won: e.districtsWon,
          districts: e.requiredDistricts,
        })
      : '')
  );
}

/** The party table's rows: votes, share, seats, and whether each passed the threshold. */
function partyRows(r: SeatResult): (string | number | null)[][] {
  const passed = new Set(r.passed);
  const reasons = new Map<string, string[]>();
  for (const e of r.excluded)
    reasons.set(e.party, [...(reasons.get(e.party) ?? []), exclusionText(e)]);
  return r.votes.map((v) => [
    v.party,
    thousands(v.votes),
    decimalOr(v.pctValid),
    ...(r.preliminarySeats ? [r.preliminarySeats[v.party] ?? 0] : []),
    r.seats[v.party] ?? 0,
    passed.has(v.party)
      ? header('passed')
      : reasons.has(v.party)
        ? say('excluded: {reasons}', { reasons: (reasons.get(v.party) ?? []).join('; ') })
        : // no valla reason: the seats were not allocated (the issues above say why)
          '—',
  ]);
}

/** Each district's seats and their allocation, most seats first. */
function districtsTable(r: SeatResult): string {
  return renderTable(
    ['district', 'seats', 'allocation'],
    r.districts.map((d) => [
      d.district,
      d.totalSeats,
      Object.entries(d.seats)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([p, s]) => `${p} ${s}`)
        .concat(leftOver(d, r.unplaced))
        .join(', '),
    ]),
  );
}

/**
 * Whether a tie is the lot for the most-voted list that holds back every seat of its council (the
 * majority bonus goes to the list the lot names): its seats in contention are the council's.
 */
function holdsCouncil(r: SeatResult, t: SeatResult['ties'][number]): boolean {
  if (t.stage !== 'most-voted' || t.resolution !== 'unresolved') return false;
  const d = r.districts.find((x) => x.district === t.district);
  return d !== undefined && lotHoldsEverySeat(d);
}

/**
 * The tie-break steps an unresolved tie in `district` ran through, from its tie_unresolved issue
 * (undefined where none says): who decides it is the policy's to say, not always the lot.
 */
function tiePolicy(r: SeatResult & { issues?: readonly Issue[] }, district: string) {
  const i = (r.issues ?? []).find(
    (x) => x.code === 'tie_unresolved' && x.path[0] === 'district' && x.path[1] === district,
  );
  const p = i?.details?.['policy'];
  return Array.isArray(p) ? p.map(String) : undefined;
}

/** What the table does not show: tiers, clauses, the head office, ties, draws, nullity, quotas. */
function noteLines(r: SeatResult, lang: Lang): string[] {
  const out: string[] = [];
  for (const t of r.tiers ?? []) out.push(renderTier(t));
  out.push(...unplacedLines(r));
  for (const d of r.districts) if (d.kieswet) out.push(...renderKieswet(d.district, d.kieswet));
  for (const d of r.districts)
    for (const c of d.clauses ?? [])
      out.push(
        say('{clause} in {district}: {party} {before} → {after} seats', {
          clause: codeWords(c.clause),
          district: d.district,
          party: c.party,
          before: c.before,
          after: c.after,
        }) + (c.from ? say(' (one from {from})', { from: c.from }) : ''),
      );
  for (const d of r.districts) if (d.head) out.push(headLine(d.district, d.head, lang));
  for (const t of r.ties) {
    if (holdsCouncil(r, t)) {
      out.push(
        say(
          'tie for the most-voted list in {district}: {candidates} — {n:its|all} {n} {n:seat waits|seats wait} on the lot (give --seed)',
          { district: t.district, candidates: t.candidates.join(', '), n: t.seatsInContention },
        ),
      );
      continue;
    }
    out.push(
      say('tie ({stage}) in {district}: {candidates} for {seats} seats — {resolution}', {
        stage: tieWords(t.stage),
        district: `${t.district}${t.party ? ` / ${t.party}` : ''}`,
        candidates: t.candidates.join(', '),
        seats: t.seatsInContention,
        resolution:
          t.resolution === 'unresolved'
            ? unresolvedTieWords(tiePolicy(r, t.district))
            : tieWords(t.resolution),
      }),
    );
  }
  for (const d of r.draws)
    out.push(
      say('draw (seed {seed}) in {district}: {winners} from {candidates}', {
        seed: d.seed,
        district: d.district,
        winners: d.winners.join(', '),
        candidates: d.candidates.join(', '),
      }),
    );
  if (r.nullity) {
    out.push(
      say(
        'nullity: blank+null {spoiled} of {emitted} emitted — art. 184: {const184}; LOE 365: {loe365}',
        {
          spoiled: thousands(r.nullity.blank + r.nullity.null),
          emitted: thousands(r.nullity.emitted),
          const184: header(r.nullity.const184 ? 'REACHED' : 'no'),
          loe365: header(r.nullity.loe365 ? 'REACHED' : 'no'),
        },
      ),
    );
  }
  for (const q of r.listQuotas ?? []) {
    const where = q.where ? ` (${q.where})` : '';
    out.push(
      lang === 'es'
        ? `cuota de lista, no verificada: al menos ${q.share} ${q.group.es}${where} — ${q.source}`
        : `list quota, not checked: at least ${q.share} ${q.group.en}${where} — ${q.source}`,
    );
  }
  return out;
}

/** Who takes the head office (a mayor): the most-voted list's first candidate, or a draw. */
function headLine(
  district: string,
  head: NonNullable<SeatResult['districts'][number]['head']>,
  lang: Lang,
): string {
  const office = head.office[lang].toLowerCase();
  if (lang === 'es')
    return `${office} de ${district}: el primero de ${head.party ?? 'la lista más votada — empatadas: decide un sorteo (--seed)'}`;
  return `${office} of ${district}: the head of ${head.party ?? 'the most-voted list — tied: a draw of lots decides (--seed)'}`;
}

function renderTier(t: TierReport): string {
  const list = (m: Record<string, number>): string =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([p, n]) => `${p} ${n}`)
      .join(', ');
  switch (t.kind) {
    case 'compensation':
      return `compensation seats: ${list(t.seats) || 'none'} (entitlement ${list(t.entitlement)}${t.overhang.length > 0 ? `; overhang, left out: ${t.overhang.join(', ')}` : ''})`;
    case 'remainder-pooling':
      return `pooled remainder seats: ${list(t.seats) || 'none'}`;
    case 'biproportional':
      return `biproportional upper apportionment: ${list(t.upper)}`;
  }
}
