import { issue } from '../../core/issues.js';
import { checkNullity } from '../../core/rules/nullity.js';
import { percentDown, percentUp, ratioPercent } from '../../core/ratio.js';
import { decidePresidentialRound, type PresidentialResult } from '../../core/rules/presidential.js';
import {
  settlePresidentialRound,
  votesStillOut,
  wins,
  type Settlement,
  type WinnerRule,
} from '../../core/rules/settled.js';
import { loadRuleset } from '../../elections/rulesets.js';
import { loadCandidateVotes } from '../../io/seat-files.js';
import { decimal, header, renderTable, say, thousands, tieWords } from '../format.js';
import { csvLine, EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { jurisdictionWords, useJurisdictionLocale } from '../jurisdiction-words.js';
import { printIssues } from './seats.js';

export interface PresidentArgs {
  readonly rules: string;
  readonly votes: string;
  /** The count is still going: at most this many votes remain (absent: the figures are final). */
  readonly remaining?: number;
  /** Impugned votes awaiting the JEE's ruling, counted apart (absent: none). */
  readonly impugned?: number;
  /** Electors of the actas a final count leaves unresolved (absent: none; not with `remaining`). */
  readonly unresolved?: number;
  readonly format: OutputFormat;
}

/**
 * `cifra winner` (alias `cifra president`): a single-winner round under its ruleset — outright
 * winner or runoff pair from `candidate,votes` (BLANK / NULL rows optional).
 */
export function runPresident(args: PresidentArgs, io: CliIo): number {
  const rs = loadRuleset(args.rules);
  if (!rs.ok) return (printIssues(io, rs.error), EXIT_ISSUES);
  if (rs.value.kind !== 'presidential') {
    printIssues(io, [issue('not_a_presidential_election', ['rules'], { rules: args.rules })]);
    return EXIT_ISSUES;
  }
  useJurisdictionLocale(rs.value);
  const { candidates, blank, null: nul, issues } = loadCandidateVotes(args.votes);
  if (issues.length > 0) return (printIssues(io, issues), EXIT_ISSUES);
  const emitted =
    blank !== undefined && nul !== undefined
      ? candidates.reduce((a, c) => a + c.votes, 0) + blank + nul
      : undefined;
  const winner = { share: rs.value.winnerShare, strict: rs.value.strict, base: rs.value.base };
  const round = rs.value.round;
  const result = decidePresidentialRound({ candidates, round, emitted, winner });
  // a count still going states an outcome only when the votes to come cannot change it (review
  // s27 H1: 90 % of the 2021 runoff's actas read "Fujimori wins"; Castillo won); a complete one
  // too, while impugned votes wait at the JEE (the core decides both: one rule)
  const complete = args.remaining === undefined;
  const remaining = complete
    ? null
    : votesStillOut({ eligibleRemaining: args.remaining, impugned: args.impugned ?? 0 });
  const settlement = settlePresidentialRound({
    round,
    candidates,
    ...(emitted === undefined ? {} : { emitted }),
    winner,
    complete,
    remaining,
    impugned: args.impugned ?? 0,
    unresolved: args.unresolved ?? 0,
    decided: result.outcome,
  });
  const nullity =
    blank !== undefined && nul !== undefined && rs.value.nullity !== null
      ? checkNullity({ valid: result.valid, blank, null: nul }, rs.value.nullity)
      : null;
  // a tie the count settles: the rules leave it to the authority (open while the JEE may break it)
  const tie = result.outcome.kind === 'tie' && settlement.by === 'complete';
  if (tie)
    printIssues(io, [
      issue('presidential_tie', ['outcome'], {
        stage: result.outcome.stage,
        candidates: result.outcome.candidates,
      }),
    ]);
  // the votes the first-round share is of (emitted ones when the rule says so and they are given)
  const base = winner.base === 'emitted' ? (emitted ?? result.valid) : result.valid;
  const share = { rule: winner, base, round };
  const out = { impugned: args.impugned ?? null, unresolved: args.unresolved ?? null };
  const count = { complete, remaining, ...out, settlement, share };
  const words = { share: shareText(rs.value), tie: jurisdictionWords(rs.value).tie };
  io.out(renderPresident(rs.value.id, result, nullity, args.format, words, count));
  return tie ? EXIT_ISSUES : EXIT_OK;
}

/** The outcome's words: the first-round share ("> 50 %…") and who settles a tie. */
interface OutcomeWords {
  readonly share: string;
  readonly tie: string;
}

/** Whether the figures are the whole count, and if not what the votes still out leave open. */
interface CountState {
  /** The figures are taken as the complete count (no --remaining). */
  readonly complete: boolean;
  /** The votes still out (--remaining and the impugned ones); null on a complete count. */
  readonly remaining: number | null;
  /** --impugned: the votes awaiting the JEE's ruling; null when not given. */
  readonly impugned: number | null;
  /** --unresolved: the electors of the actas a final count leaves unresolved; null when not given. */
  readonly unresolved: number | null;
  readonly settlement: Settlement;
  /** The first-round rule, the votes its share is of, and the round (the rule is the first's). */
  readonly share: {
    readonly rule: WinnerRule;
    readonly base: number;
    readonly round: 'first' | 'runoff';
  };
}

/** The outcome line: the rules' outcome on final figures; on a count still going, only if settled. */
function outcomeLine(r: PresidentialResult, words: OutcomeWords, count: CountState): string {
  if (count.settlement.by === 'complete')
    return `${describeOutcome(r, words.share, words.tie)}\n${say('(the figures taken as the complete count; for a count still going give --remaining N)')}`;
  if (count.complete) return heldLine(r, words, count);
  const remaining = thousands(count.remaining ?? 0);
  if (count.settlement.settled)
    return say(
      '{outcome} — decided: no way of adding the {remaining} votes still to count changes it',
      {
        outcome: describeOutcome(
          { ...r, outcome: count.settlement.outcome },
          words.share,
          words.tie,
        ),
        remaining,
      },
    );
  const [a, b, c] = r.candidates;
  const lead = (x: typeof a, y: typeof a): string => thousands((x?.votes ?? 0) - (y?.votes ?? 0));
  return [
    say('NOT DECIDED: {a} leads {b} by {lead} votes, with up to {remaining} votes still to count', {
      a: a?.candidate ?? '',
      b: b?.candidate ?? '',
      lead: lead(a, b),
      remaining,
    }),
    ...(r.outcome.kind !== 'winner' && c !== undefined
      ? [
          say('second place: {b} over {c} by {lead} votes', {
            b: b?.candidate ?? '',
            c: c.candidate,
            lead: lead(b, c),
          }),
        ]
      : []),
  ].join('\n');
}

/**
 * What a complete count still has out, in words, and how many (the verb after it agrees): the
 * impugned votes at the JEE, the electors of the actas a final count leaves unresolved, or both —
 * each named, never one for the two (s36).
 */
function stillOutWords(count: CountState): { readonly text: string; readonly n: number } {
  const impugned = count.impugned ?? 0;
  const electors = count.unresolved ?? 0;
  if (electors === 0)
    return {
      text: say(
        "every acta processed; {n} {n:impugned vote awaits|impugned votes await} the JEE's ruling",
        { n: thousands(impugned) },
      ),
      n: impugned,
    };
  const e = thousands(electors);
  if (impugned === 0)
    return {
      text: say('final count; {e} {e:elector|electors} of unresolved actas', { e }),
      n: electors,
    };
  return {
    text: say(
      'final count; {e} {e:elector|electors} of unresolved actas and {n} {n:impugned vote|impugned votes} before the JEE',
      { e, n: thousands(impugned) },
    ),
    n: electors + impugned,
  };
}

/**
 * A complete count still holding votes out — impugned ones at the JEE, unresolved actas'
 * electors: the outcome once they cannot change it, else who leads and that they could (LOE arts.
 * 282, 301, 311–312).
 */
function heldLine(r: PresidentialResult, words: OutcomeWords, count: CountState): string {
  const s = count.settlement;
  const out = stillOutWords(count);
  const jee = out.text;
  if (s.settled)
    return say('{outcome} — decided: {jee}, and {n:it cannot|they cannot} change it', {
      outcome: describeOutcome({ ...r, outcome: s.outcome }, words.share, words.tie),
      jee,
      n: thousands(out.n),
    });
  const [a, b, c] = r.candidates;
  const lead = (a?.votes ?? 0) - (b?.votes ?? 0);
  const names = { jee, a: a?.candidate ?? '', b: b?.candidate ?? '' };
  const first =
    lead === 0
      ? say('NOT DECIDED: {jee}; {a} and {b} tied at {votes} votes', {
          ...names,
          votes: thousands(a?.votes ?? 0),
        })
      : say('NOT DECIDED: {jee}; {a} leads {b} by {lead} votes', {
          ...names,
          lead: thousands(lead),
        });
  // a first round heading for a runoff: who goes with the leader may be what the votes can change
  const second =
    r.outcome.kind !== 'winner' && c !== undefined
      ? [
          say('second place: {b} over {c} by {lead} votes', {
            b: b?.candidate ?? '',
            c: c.candidate,
            lead: thousands((b?.votes ?? 0) - c.votes),
          }),
        ]
      : [];
  return [first, ...shareAtStake(r, words, count), ...second].join('\n');
}

/**
 * A first round whose winner's share the votes still out (impugned ones, unresolved actas'
 * electors) could change: the leader's share now and where they could take it — under it, every
 * one of them for others (a winner that may not be one), or over it, every one for the leader (a
 * runoff that may not be needed). Each share is rounded toward its side of the line (sideShare).
 * [] when the share is not at stake.
 */
function shareAtStake(r: PresidentialResult, words: OutcomeWords, count: CountState): string[] {
  const [a] = r.candidates;
  const n = (count.impugned ?? 0) + (count.unresolved ?? 0);
  if (a === undefined || n === 0 || r.outcome.kind === 'tie') return [];
  if (r.outcome.kind === 'winner' && r.outcome.round !== 'first') return [];
  const { rule, base } = count.share;
  const total = base + n;
  const now = {
    a: a.candidate,
    votes: thousands(a.votes),
    total: thousands(base),
    pct: decimal(sideShare(a.votes, base, rule)),
    n: thousands(n),
    share: words.share,
  };
  // impugned votes alone are named so; with unresolved actas' electors, the votes still out
  const impugnedOnly = (count.unresolved ?? 0) === 0;
  if (r.outcome.kind === 'winner')
    return wins(a.votes, total, rule)
      ? []
      : [
          say(
            impugnedOnly
              ? 'share at stake: {a} has {votes} of {total} votes ({pct} %); with the {n} impugned {n:vote|votes} for others, {low} % — not {share}'
              : 'share at stake: {a} has {votes} of {total} votes ({pct} %); with the {n} {n:vote|votes} still out for others, {low} % — not {share}',
            { ...now, low: decimal(sideShare(a.votes, total, rule)) },
          ),
        ];
  return wins(a.votes + n, total, rule)
    ? [
        say(
          impugnedOnly
            ? 'share at stake: {a} has {votes} of {total} votes ({pct} %); with the {n} impugned {n:vote|votes} for {a}, {high} % — {share}'
            : 'share at stake: {a} has {votes} of {total} votes ({pct} %); with the {n} {n:vote|votes} still out for {a}, {high} % — {share}',
          { ...now, high: decimal(sideShare(a.votes + n, total, rule)) },
        ),
      ]
    : [];
}

/**
 * `votes` of `total` as a % on the side of the rule's line it is on: rounded up when it passes,
 * down when not, so a share on or just over the line never reads as the other side (50.000 % for
 * 1,000,002 of 2,000,003 beside "> 50 %": diff review s35). Three decimals always suffice: up is
 * at least the share and down at most it, so each stays on the share's side of the line.
 */
export function sideShare(votes: number, total: number, rule: WinnerRule): string {
  if (total <= 0) return '0';
  const shown = wins(votes, total, rule) ? percentUp(votes, total) : percentDown(votes, total);
  return shown ?? '0';
}

/** The first-round rule in words: "> 50 %", "≥ 30 %" (of valid votes by default). */
export function shareText(rule: {
  readonly winnerShare: { readonly numerator: number; readonly denominator: number };
  readonly strict: boolean;
  readonly base: 'valid' | 'emitted';
}): string {
  const pct = ratioPercent(rule.winnerShare).replace(/\.?0+$/, '');
  return say('{comparison} {pct} % of {base} votes', {
    comparison: rule.strict ? '>' : '≥',
    pct,
    base: header(rule.base),
  });
}

/**
 * A round's outcome in a line; a tie names who settles it in the jurisdiction's words
 * (jurisdiction-words.ts: Peru's JNE, else the electoral authority).
 */
export function describeOutcome(r: PresidentialResult, share: string, tie: string): string {
  const o = r.outcome;
  switch (o.kind) {
    case 'winner':
      return o.round === 'first'
        ? say('{winner} wins in the first round ({share})', { winner: o.winner, share })
        : say('{winner} wins the runoff', { winner: o.winner });
    case 'runoff':
      return say('no one reached {share}: runoff between {a} and {b}', {
        share,
        a: o.pair[0],
        b: o.pair[1],
      });
    case 'tie':
      return say('{tie} — {stage}: {candidates}', {
        tie,
        stage: tieWords(o.stage),
        candidates: o.candidates.join(', '),
      });
  }
}

/**
 * One figure, two roundings, said once (s36): the table's "% valid" is ONPE's, half-up (as the
 * JSON, the CSV and the page give it); a share measured against the first-round line is rounded
 * toward its side of it (sideShare). When the leader's two differ and either a line states the
 * side's figure (share at stake) or the table's would read on the other side of the line than the
 * share (1,000,001 of 2,000,000 is 50.000 beside "> 50 %"), a line under the table says which is
 * which, so neither reads as a contradiction of the other. [] otherwise, and where the rule's
 * share is not of valid votes (another figure than the column).
 */
function roundingNote(r: PresidentialResult, words: OutcomeWords, count: CountState): string[] {
  const [a] = r.candidates;
  const { rule, base } = count.share;
  if (a === undefined || a.pctValid === null || count.share.round !== 'first' || base !== r.valid)
    return [];
  const side = sideShare(a.votes, base, rule);
  if (side === a.pctValid) return [];
  // the table's figure against the line, as `wins` compares the share with it (per 100,000)
  const lhs = BigInt(a.pctValid.replace('.', '')) * BigInt(rule.share.denominator);
  const rhs = 100_000n * BigInt(rule.share.numerator);
  const tableSide = rule.strict ? lhs > rhs : lhs >= rhs;
  const stated = shareAtStake(r, words, count).length > 0;
  if (!stated && tableSide === wins(a.votes, base, rule)) return [];
  return [
    say(
      "% valid is ONPE's half-up rounding: {a}'s {table} % is {votes} of {total} votes, {side} % against the line ({share}), rounded toward its side",
      {
        a: a.candidate,
        table: decimal(a.pctValid),
        votes: thousands(a.votes),
        total: thousands(base),
        side: decimal(side),
        share: words.share,
      },
    ),
  ];
}

function renderPresident(
  rules: string,
  r: PresidentialResult,
  nullity: ReturnType<typeof checkNullity> | null,
  format: OutputFormat,
  words: OutcomeWords,
  count: CountState,
): string {
  if (format === 'json') return JSON.stringify(presidentJson(rules, r, nullity, count), null, 2);
  if (format === 'csv')
    return [
      csvLine(['candidate', 'votes', 'pct_valid']),
      ...r.candidates.map((c) => csvLine([c.candidate, c.votes, c.pctValid])),
    ].join('\n');
  return [
    `${rules}: ${outcomeLine(r, words, count)}`,
    renderTable(
      ['candidate', 'votes', '% valid'],
      r.candidates.map((c) => [c.candidate, thousands(c.votes), c.pctValid]),
    ),
    ...roundingNote(r, words, count),
    say('valid votes: {valid}', { valid: thousands(r.valid) }),
    ...(nullity
      ? [
          say('blank {blank}, null {null}, emitted {emitted}; nullity (art. 184): {reached}', {
            blank: thousands(nullity.blank),
            null: thousands(nullity.null),
            emitted: thousands(nullity.emitted),
            reached: header(nullity.const184 ? 'REACHED' : 'no'),
          }),
        ]
      : []),
  ].join('\n');
}

/**
 * The JSON answer: on a count still going (`--remaining`), `outcome` is the settled outcome or
 * null — never the rules' outcome on figures that are not the whole count — and `count` says which.
 */
function presidentJson(
  rules: string,
  r: PresidentialResult,
  nullity: ReturnType<typeof checkNullity> | null,
  count: CountState,
): unknown {
  const s = count.settlement;
  return {
    rules,
    ...r,
    outcome: s.outcome,
    nullity,
    count: {
      complete: count.complete,
      remaining: count.remaining,
      ...(count.impugned === null ? {} : { impugned: count.impugned }),
      ...(count.unresolved === null ? {} : { unresolved: count.unresolved }),
      settled: s.settled,
      settledBy: s.by,
    },
  };
}
