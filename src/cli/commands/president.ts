import { issue } from '../../core/issues.js';
import { checkNullity } from '../../core/rules/nullity.js';
import { ratioPercent } from '../../core/ratio.js';
import { decidePresidentialRound, type PresidentialResult } from '../../core/rules/presidential.js';
import { loadRuleset } from '../../elections/rulesets.js';
import { loadCandidateVotes } from '../../io/seat-files.js';
import { header, renderTable, say, thousands } from '../format.js';
import { csvLine, EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { jurisdictionWords, useJurisdictionLocale } from '../jurisdiction-words.js';
import { printIssues } from './seats.js';

export interface PresidentArgs {
  readonly rules: string;
  readonly votes: string;
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
  const result = decidePresidentialRound({
    candidates,
    round: rs.value.round,
    emitted,
    winner: { share: rs.value.winnerShare, strict: rs.value.strict, base: rs.value.base },
  });
  const nullity =
    blank !== undefined && nul !== undefined && rs.value.nullity !== null
      ? checkNullity({ valid: result.valid, blank, null: nul }, rs.value.nullity)
      : null;
  if (result.outcome.kind === 'tie')
    printIssues(io, [
      issue('presidential_tie', ['outcome'], {
        stage: result.outcome.stage,
        candidates: result.outcome.candidates,
      }),
    ]);
  const outcome = describeOutcome(result, shareText(rs.value), jurisdictionWords(rs.value).tie);
  io.out(renderPresident(rs.value.id, result, nullity, args.format, outcome));
  return result.outcome.kind === 'tie' ? EXIT_ISSUES : EXIT_OK;
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
        stage: o.stage,
        candidates: o.candidates.join(', '),
      });
  }
}

function renderPresident(
  rules: string,
  r: PresidentialResult,
  nullity: ReturnType<typeof checkNullity> | null,
  format: OutputFormat,
  outcome: string,
): string {
  if (format === 'json') return JSON.stringify({ rules, ...r, nullity }, null, 2);
  if (format === 'csv')
    return [
      csvLine(['candidate', 'votes', 'pct_valid']),
      ...r.candidates.map((c) => csvLine([c.candidate, c.votes, c.pctValid])),
    ].join('\n');
  return [
    `${rules}: ${outcome}`,
    renderTable(
      ['candidate', 'votes', '% valid'],
      r.candidates.map((c) => [c.candidate, thousands(c.votes), c.pctValid]),
    ),
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
