import type { ContestResult } from '../../core/pipeline/contests.js';
import { seatsCase } from '../../core/pipeline/council-seats-case.js';
import { noSeatAllocated } from '../../core/pipeline/unallocated-reason.js';
import { typeInferred } from '../../core/model/organisation-type.js';
import { addContestsFile } from '../../elections/contests.js';
import {
  getContest,
  getContestsElection,
  type ContestsElectionDocument,
} from '../../results/contests.js';
import {
  codeWords,
  decimal,
  inRunLanguage,
  renderTable,
  runLanguage,
  say,
  thousands,
  tieWords,
} from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo } from '../io.js';
import { printIssues } from './seats.js';

export interface ContestsArgs {
  readonly election: string;
  readonly contest?: string | undefined;
  readonly kind?: string | undefined;
  readonly seed?: number | undefined;
  /** `off`: the what-if without the majority bonus (the ruleset option majority-bonus). */
  readonly bonus?: 'on' | 'off' | undefined;
  readonly format: 'table' | 'json';
}

/**
 * `cifra contests <election>`: a bundled multi-contest election (ERM) computed in one pass — the
 * national picture and the governors, or one contest (`--contest provincial-council/140100`).
 * The same documents as GET /api/v1/contests/{election}[/{kind}/{key}].
 */
export function runContests(given: ContestsArgs, io: CliIo): number {
  // a manifest file (not bundled) is read and then served under its id
  let args = given;
  if (given.election.endsWith('.json')) {
    const added = addContestsFile(given.election);
    if (!added.ok) return (printIssues(io, added.error), EXIT_ISSUES);
    args = { ...given, election: added.value };
  }
  if (args.contest !== undefined) return oneContest(args, args.contest, io);
  const r = getContestsElection(args.election, {
    seed: args.seed,
    kind: args.kind,
    bonus: args.bonus,
  });
  if (!r.ok) return (printIssues(io, r.issues), EXIT_ISSUES);
  const d = r.value;
  if (args.format === 'json') return (io.out(JSON.stringify(d, null, 2)), EXIT_OK);
  io.out(`${d.id}: ${d.label[runLanguage()]} (${d.date})`);
  // what the figures are, before any winner is named (review 21 M5: none was said)
  io.out(figuresHeader(d));
  io.out(
    d.sets
      .map(
        (s) =>
          `${thousands(s.contests)} × ${codeWords(s.kind)} (${s.rules}${statusNote(s.status, d.status)})`,
      )
      .join(' · '),
  );
  io.out(nationalTables(d.national));
  for (const c of d.contests.filter((x) => x.kind === 'governor')) io.out(governorLine(c));
  io.out(
    say('{n} contests not decided; {issues} issues (--format json lists them)', {
      n: thousands(d.national.open.length),
      issues: thousands(d.issues.length),
    }),
  );
  return EXIT_OK;
}

/**
 * Posts by type, every seat accounted for (seatsSummary), then by organisation (the 15 with most).
 */
function nationalTables(n: ContestsElectionDocument['national']): string {
  type Type = ContestsElectionDocument['national']['byType'][number]['type'];
  // a type not read from a registry carries the mark, as the dashboard's (core typeInferred)
  const typeWords = (type: Type): string =>
    typeInferred(n.classificationBasis, type)
      ? say('{type} (inferred)', { type: codeWords(type) })
      : codeWords(type);
  const sum = (x: Readonly<Record<string, number | undefined>>): number =>
    Object.values(x).reduce<number>((a, b) => a + (b ?? 0), 0);
  const byType = renderTable(
    [
      '',
      'organisations',
      'offices',
      'leading',
      'seats decided',
      'seats on the count',
      'in runoffs',
    ],
    n.byType.map((t) => [
      typeWords(t.type),
      ...[t.organisations, t.heads, t.leading, t.seats, t.seatsOpen, t.runoffs].map(thousands),
    ]),
  );
  const byOrganisation = renderTable(
    [
      'organisation',
      'type',
      'governors',
      'mayors',
      'leading',
      'seats decided',
      'seats on the count',
      'runoffs',
    ],
    n.organisations
      .slice(0, 15)
      .map((o) => [
        o.party,
        typeWords(o.type),
        ...[
          o.heads.governor ?? 0,
          sum(o.heads) - (o.heads.governor ?? 0),
          sum(o.leading),
          sum(o.seats),
          sum(o.seatsOpen),
          o.runoffs,
        ].map(thousands),
      ]),
  );
  return [byType, seatsSummary(n), byOrganisation, classificationLine(n)].join('\n');
}

/** How the types were told, after the tables that mark the inferred ones (review s33). */
function classificationLine(n: ContestsElectionDocument['national']): string {
  const source = inRunLanguage(n.classification);
  return n.classificationBasis === 'inferred'
    ? say('types inferred, not taken from a registry: {source}', { source })
    : say(
        'parties from a registry; regional movements inferred (not found in the registry): {source}',
        { source },
      );
}

type Summary = ContestsElectionDocument['contests'][number];

/**
 * Every council seat, once: decided, on the votes counted (never said won, session 22), waiting
 * on a lot, with no list to fill it; then the total they add up to.
 */
export function seatsSummary(n: ContestsElectionDocument['national']): string {
  const sum = (k: 'seats' | 'seatsOpen'): number => n.byType.reduce((a, t) => a + t[k], 0);
  const { lot, notCounted, noEligibleList, unknownSizeCouncils } = n.unassigned;
  // a governors-only election (ERM 2026) has no seat to count: say so, not "0 decided"
  if (n.seatsTotal === 0 && unknownSizeCouncils === 0)
    return say('Seats: none, this election has no council contests (only single-winner offices)');
  const parts = [
    say('Seats: {decided} decided, {open} on the votes counted, can change', {
      decided: thousands(sum('seats')),
      open: thousands(sum('seatsOpen')),
    }),
  ];
  if (lot.seats > 0)
    parts.push(
      say('{n} waiting on a lot ({c} {c:council|councils})', {
        n: thousands(lot.seats),
        c: lot.councils,
      }),
    );
  if (notCounted.seats > 0)
    parts.push(
      say('{n} with no vote counted yet ({c} {c:council|councils})', {
        n: thousands(notCounted.seats),
        c: notCounted.councils,
      }),
    );
  if (noEligibleList.seats > 0)
    parts.push(
      say('{n} with no eligible list ({c} {c:council|councils})', {
        n: thousands(noEligibleList.seats),
        c: noEligibleList.councils,
      }),
    );
  const size =
    unknownSizeCouncils > 0
      ? say(' and {c} {c:council|councils} of unknown size', { c: unknownSizeCouncils })
      : '';
  return `${parts.join(', ')}; ${say('{total} in all', { total: thousands(n.seatsTotal) })}${size}`;
}
type Status = ContestsElectionDocument['status'];

/** A status's % in the run's locale, or ? where the source gives none. */
const pctOr = (p: string | null | undefined): string =>
  p === null || p === undefined ? '?' : decimal(p);

/** A set's own count status, when it differs from the election's (a later second round). */
function statusNote(s: Status, election: Status): string {
  if (JSON.stringify(s) === JSON.stringify(election)) return '';
  if (s.kind === 'provisional')
    return say('; provisional, {pct} % at {cut}', { pct: pctOr(s.pctCounted), cut: s.cut });
  return s.kind === 'third-party'
    ? say('; third party: {publisher}', { publisher: inRunLanguage(s.publisher) })
    : `; ${s.kind}`;
}

/**
 * The figures of each set when they differ (a final first round, its second round still
 * counting): the election's own status alone would say "final" over a provisional count.
 */
function figuresHeader(d: ContestsElectionDocument): string {
  const same = (s: Status): boolean => JSON.stringify(s) === JSON.stringify(d.status);
  if (d.sets.every((s) => same(s.status))) return figuresLine(d.status);
  const lines = new Map<string, string[]>();
  for (const s of d.sets) {
    const line = figuresLine(s.status);
    lines.set(line, [...(lines.get(line) ?? []), s.kind]);
  }
  return [...lines]
    .map(([line, kinds]) => `${line} (${kinds.map(codeWords).join(', ')})`)
    .join('\n');
}

/** The election's figures: final, provisional with % and cut, or a third party's, and whose. */
function figuresLine(s: Status): string {
  if (s.kind === 'provisional')
    return say('figures: provisional, {pct} % of actas at {cut}', {
      pct: pctOr(s.pctCounted),
      cut: s.cut,
    });
  if (s.kind === 'third-party')
    return say('figures: a third party’s, not official: {publisher}', {
      publisher: inRunLanguage(s.publisher),
    });
  return say('figures: {kind}', { kind: codeWords(s.kind) });
}

/** A region's governor: elected in the first round, in a settled second round, or still open. */
function governorLine(c: Summary): string {
  const pair = c.runoff ? `${c.runoff[0]} – ${c.runoff[1]}` : '';
  if (c.secondRound)
    return c.secondRound.winner
      ? say('{region}: {winner} (decided in the second round: {pair})', {
          region: c.region,
          winner: c.secondRound.winner,
          pair,
        })
      : say('{region}: second round {pair} counting, not settled (--contest {id})', {
          region: c.region,
          pair,
          id: c.secondRound.id,
        });
  if ((c.winner ?? null) !== null) return `${c.region}: ${c.winner}`;
  // a standing the votes still out could change is a lead, never a result (review 20 L10)
  if (c.decided === null && c.leader !== null)
    return say('{region}: {leader} leads, not decided', { region: c.region, leader: c.leader });
  return c.runoff
    ? say('{region}: runoff {pair}', { region: c.region, pair })
    : say('{region}: TIE (reported)', { region: c.region });
}

function oneContest(args: ContestsArgs, id: string, io: CliIo): number {
  const r = getContest(args.election, id, args.seed, args.bonus);
  if (!r.ok) return (printIssues(io, r.issues), EXIT_ISSUES);
  const c = r.value;
  if (args.format === 'json') io.out(JSON.stringify(c, null, 2));
  else io.out(renderContest(c, args.bonus === 'off'));
  const open = c.type === 'council' ? c.head === null : c.result.outcome.kind === 'tie';
  return open ? EXIT_ISSUES : EXIT_OK;
}

function renderContest(c: ContestResult, bonusOff: boolean): string {
  const head = `${c.id} — ${c.name} (${c.region}), ${c.rules}`;
  if (c.type === 'single-winner') {
    const o = c.result.outcome;
    const line =
      c.decided === null
        ? say('not settled: {leader} leads, by no more than the votes still out', {
            leader: c.result.candidates[0]?.candidate ?? '—',
          })
        : c.secondRound
          ? say('decided in the second round ({id}): {winner}', {
              id: c.secondRound.id,
              winner: c.secondRound.winner ?? say('not settled yet'),
            })
          : o.kind === 'winner'
            ? say('{winner} wins', { winner: o.winner })
            : o.kind === 'runoff'
              ? say('second round: {a} – {b}', { a: o.pair[0], b: o.pair[1] })
              : say('TIE ({stage}) between {candidates}', {
                  stage: tieWords(o.stage),
                  candidates: o.candidates.join(', '),
                });
    const rows = c.result.candidates.map((x) => [x.candidate, thousands(x.votes), x.pctValid]);
    return [head, line, renderTable(['list', 'votes', '% valid'], rows)].join('\n');
  }
  // a council no seat of which is allocated yet (a lot, nothing counted) shows no list's seats
  const none = noSeatAllocated(c);
  const rows = c.votes.map((v) => [
    v.party,
    thousands(v.votes),
    none ? '—' : (c.seats[v.party] ?? 0),
  ]);
  const bonus = c.bonus
    ? say(
        'majority bonus: {party} {before} → {after} (⌈n/2⌉ + 1 beats its cifra repartidora result)',
        { party: c.bonus.party, before: c.bonus.before, after: c.bonus.after },
      )
    : say(
        bonusOff
          ? 'without the majority bonus (--bonus off, a what-if): cifra repartidora alone'
          : c.head === null
            ? 'majority bonus: not applied yet, no list is the most-voted one yet'
            : 'no bonus needed: the winning list already has its cifra repartidora result',
      );
  return [
    head,
    mayorLine(c),
    seatsLine(c),
    renderTable(['list', 'votes', 'seats'], rows),
    bonus,
  ].join('\n');
}

/** A council's size and its mayor: the head of the winning list, the leader, or why neither. */
export function mayorLine(c: ContestResult & { readonly type: 'council' }): string {
  const seats = c.totalSeats ?? '?';
  if (c.head === null)
    return say('{seats} seats; mayor: undecided — {why}', { seats, why: say(noHeadWhy(c)) });
  return c.decided === null
    ? say('{seats} seats; mayor: not decided — {head} leads on the votes counted', {
        seats,
        head: c.head,
      })
    : say('{seats} seats; mayor: the head of {head}', { seats, head: c.head });
}

/**
 * Why a council has no head yet, by its case (council-seats-case.ts `seatsCase`), never read again
 * from the votes: nothing counted is not a tie (ERM 2022: 3 councils at 0 % of actas), and
 * neither is a council no list may take a seat of (the valla, or every vote blank or null).
 */
function noHeadWhy(c: ContestResult & { readonly type: 'council' }): string {
  const k = seatsCase(c);
  switch (k.kind) {
    case 'unknown-size':
      return 'the council’s size is unknown in the data';
    case 'not-counted':
      return 'no vote counted yet';
    case 'valla':
      return 'no list may take a seat (none passed the threshold)';
    case 'blank-or-null':
      return 'no list has a vote (every vote counted was blank or null)';
    case 'lot-holds-all':
      return 'a tie: give --seed';
    case 'most-voted-lot':
    case 'last-seat-lot':
      return k.lot === 'open' ? 'a tie: give --seed' : 'no list is the most-voted one';
    // a drawn lot or none names a head: not reached while the engine names one
    case 'allocated':
      return 'no list is the most-voted one';
  }
}

/**
 * Whether a council's seats are won or only the allocation of the votes counted, by its case
 * (`seatsCase`): seats the seat engine left unallocated first, with its reason (a lot for the
 * mayor holds every seat back); a last-seat lot on a finished count leaves the other seats decided
 * when the core says so (contest-seats-decided.ts `lotKeepsAllocated`), not the mayor's verdict.
 */
export function seatsLine(c: ContestResult & { readonly type: 'council' }): string {
  const k = seatsCase(c);
  switch (k.kind) {
    case 'lot-holds-all':
      return say(
        'seats: none assigned, {n:its|all} {n} {n:waits|wait} on the lot for the most-voted list (the majority bonus goes to the list it names; give --seed)',
        { n: k.seats },
      );
    case 'not-counted':
      return say(
        'seats: none assigned, {n:its|all} {n} {n:waits|wait} on the count (no vote counted yet)',
        { n: k.seats },
      );
    // the nullity says whether a council whose every vote was blank or null is void
    case 'valla':
      return say('seats: none assigned, no list may take one (none passed the threshold)');
    case 'blank-or-null':
      return say(
        'seats: none assigned, no list has a vote (every vote counted was blank or null; see the nullity)',
      );
    case 'last-seat-lot':
      if (k.lot === 'open')
        return say(
          k.othersDecided
            ? 'seats: {n} {n:waits|wait} on a lot (give --seed); the others are decided (the source’s count is over)'
            : 'seats on the votes counted: {n} {n:waits|wait} on a lot (give --seed); the others can change',
          { n: k.seats },
        );
      return decidedLine(c);
    case 'unknown-size':
    case 'most-voted-lot':
    case 'allocated':
      return decidedLine(c);
  }
}

/** Every seat allocated: decided by the source's final count, by the figures, or not yet. */
function decidedLine(c: ContestResult & { readonly type: 'council' }): string {
  if (c.seatsDecided === 'source-final') return say('seats decided: the source’s count is over');
  if (c.seatsDecided === 'mathematically')
    return say('seats decided: no split of the votes still out can move one');
  return say('seats on the votes counted: not decided, they can change');
}
