// The headline: what is known, said as such. An outcome (winner, runoff pair) only once the
// summary says the count settles it; until then who leads, by how many votes, how many are still
// to count, and the projection's probabilities — labelled as an estimate, and only from the share
// of actas the calibration measured them at (below it, a sentence says so in their place).
import type { Projection, ResultUnit, Summary } from './api-client.js';
import { percent, remainderIds } from './bars.js';
import { decimalText, el, fmt, state, t, choiceLabel } from './ui.js';
import { votesStillOut } from '../src/core/rules/settled.js';
import { countPctText } from './count-pct.js';

const labelOf = (id: string): string =>
  choiceLabel(state.choices.find((c) => c.id === id) ?? { id, label: id });

/** A probability while actas remain: never 100 % or 0 %, the count is not over. */
export function probText(prob: number): string {
  if (prob > 0.99) return '> 99 %';
  if (prob < 0.01) return '< 1 %';
  return `${fmt(100 * prob, 1)} %`;
}

/**
 * A runoff pair that only the source's ranking settles, said so: the unitemised remainder has at
 * least the pair's second's votes, so the count alone cannot rule out one of its candidates
 * between them (the summary settles the pair only when the manifest says the source ranks them
 * all below: `rankedBelow`). Empty when the votes settle it, or without the national figures.
 */
function rankedPairText(pair: readonly string[], national: ResultUnit | undefined): string {
  if (!national) return '';
  const rest = remainderIds();
  const votesOf = (id: string): number => national.choices.find((c) => c.id === id)?.votes ?? 0;
  const second = pair.reduce((a, b) => (votesOf(b) < votesOf(a) ? b : a));
  const over = national.choices.filter((c) => rest.has(c.id) && c.votes >= votesOf(second));
  if (over.length === 0) return '';
  // one remainder in every bundled election; several (never seen) add up for display only
  const pct =
    over.length === 1
      ? (over[0]?.pctValid ?? null)
      : over.reduce((a, c) => a + Number(c.pctValid ?? 0), 0).toFixed(3);
  const secondPct = national.choices.find((c) => c.id === second)?.pctValid ?? null;
  return t('runoffBySourceRank')(
    over.map((c) => labelOf(c.id)).join(' + '),
    percent(pct),
    `${labelOf(second)} (${percent(secondPct)})`,
  );
}

/** The actas a complete count leaves unresolved and their electors; null: none, or not known. */
function unresolvedOf(s: Summary): { actas: number; electors: number } | null {
  const { complete, actasTotal, actasProcessed, votesRemaining } = s.count;
  const actas = actasTotal - actasProcessed;
  if (!complete || actas <= 0 || votesRemaining === null || votesRemaining === 0) return null;
  return { actas, electors: votesRemaining };
}

/**
 * Why an outcome settled by the bound is one: a final count's unresolved actas (and its impugned
 * votes at the JEE, when it has any), every acta in with impugned votes at the JEE (no "votes still
 * to count" then), else the count.
 */
function decidedWords(s: Summary, national?: ResultUnit): string {
  const u = unresolvedOf(s);
  const impugned = national?.impugned ?? 0;
  // both out: both named, never the actas alone (s36)
  if (u && impugned > 0)
    return t('decidedUnresolvedImpugned')(fmt(u.actas), fmt(u.electors), fmt(impugned));
  if (u) return t('decidedUnresolved')(fmt(u.actas), fmt(u.electors));
  if (s.count.complete && impugned > 0) return t('decidedImpugned')(fmt(impugned));
  return t('decidedBeforeEnd');
}

function outcomeText(
  s: Summary,
  o: NonNullable<Summary['outcome']>,
  national?: ResultUnit,
): string {
  const how = s.settledBy === 'decided' ? ` (${decidedWords(s, national)})` : '';
  if (o.kind === 'runoff')
    return `${t('runoff')(labelOf(o.pair[0]), labelOf(o.pair[1]))}${how}${rankedPairText(o.pair, national)}`;
  if (o.kind === 'winner')
    return `${o.round === 'first' ? t('winnerFirst') : t('winnerRunoff')}: ${labelOf(o.winner)}${how}`;
  return `${t('tie')} (${o.candidates.map(labelOf).join(', ')})`;
}

/** Who leads, or that nobody does yet: no vote counted, or the first two level (both named). */
function leaderText(s: Summary, a: Summary['leaders'][number], b: Summary['leaders'][number]) {
  if (a.votes === 0) return t('noVotesYet');
  // ballot order picks the first of two level choices: a tie names both, neither "leads"
  if (s.margin === 0) return t('tiedAt')(choiceLabel(a), choiceLabel(b), fmt(a.votes));
  return t('leadsBy')(choiceLabel(a), fmt(s.margin ?? 0), choiceLabel(b));
}

/**
 * Who leads (or the outcome, once settled) in one sentence: the headline's fact and what the live
 * announcement says, one text for both (a pair the source's ranking settles says so to a screen
 * reader too); `national`: the national figures.
 */
export function leadLine(s: Summary, national?: ResultUnit): string {
  if (s.settled) return s.outcome ? outcomeText(s, s.outcome, national) : '';
  const [a, b] = s.leaders;
  return a && b && s.margin !== null ? leaderText(s, a, b) : '';
}

/**
 * What is still out when the source gives no votes remaining: the actas of its own units not yet
 * counted and the units it lacks (the summary's `absent`: electors and actas, never votes).
 */
function stillOut(s: Summary, pct: string, abroadMissing: boolean): string {
  const left = s.count.actasTotal - s.count.actasProcessed;
  const actas =
    s.count.actasTotal > 0
      ? t('actasLeft')(decimalText(pct), fmt(left))
      : t('remainingUnknown')(decimalText(pct));
  const a = s.absent;
  if (a === null) return `${actas}.${abroadMissing ? ` ${t('pctWithoutAbroad')}` : ''}`;
  const names = a.units.map((u) => u.name).join(', ');
  const absent = t(abroadMissing ? 'abroadAbsent' : 'unitsAbsent')(
    names,
    fmt(a.actasTotal),
    fmt(a.eligible),
  );
  return `${actas}. ${absent}`;
}

/**
 * A first round's race for the runoff's second place, the one that decides the pair (review s27
 * M3: "Fujimori leads by 813,247" while Sánchez led López Aliaga by 15,086); '' otherwise.
 */
function secondPlace(s: Summary): string {
  const [, b, c] = s.leaders;
  // no vote counted: nobody is anywhere yet ("no votes counted yet" says it)
  if (s.round !== 'first' || s.runoffMargin === null || !b || !c || s.valid === 0) return '';
  return `. ${
    s.runoffMargin === 0
      ? t('secondPlaceTied')(choiceLabel(b), choiceLabel(c))
      : t('secondPlaceBy')(choiceLabel(b), fmt(s.runoffMargin), choiceLabel(c))
  }`;
}

/** The lead as a share of the votes still out, to a tenth (never "0,0": "< 0,1"). */
function shareText(margin: number, remaining: number): string {
  const share = (100 * margin) / remaining;
  return share < 0.1 ? `< ${fmt(0.1, 1)}` : fmt(share, 1);
}

/**
 * The votes still out as the summary's decision reads them (core `votesStillOut`: the electors of
 * the actas not in plus the impugned votes awaiting the JEE), the impugned among them, and whether
 * it bounds anything (not while pending actas' figures count provisionally): diff review s33-2, 1.
 */
function stillOutOf(
  s: Summary,
  national: ResultUnit | undefined,
): { votes: number | null; impugned: number; bound: boolean } {
  const rem = s.count.votesRemaining;
  if (rem === null || national === undefined) return { votes: rem, impugned: 0, bound: true };
  const votes = votesStillOut({
    eligibleRemaining: rem,
    impugned: national.impugned,
    pendingWithFigures: national.actas?.pendingWithFigures,
  });
  return votes === null
    ? { votes: rem, impugned: 0, bound: false }
    : { votes, impugned: national.impugned ?? 0, bound: true };
}

/** The lead as a fact of the count so far, and the votes still to count beside it. */
export function leadText(s: Summary, abroadMissing: boolean, national?: ResultUnit): string {
  const [a, b] = s.leaders;
  if (!a || !b || s.margin === null) return '';
  const lead = `${leaderText(s, a, b)}${secondPlace(s)}`;
  const out = stillOutOf(s, national);
  const rem = out.votes;
  const pct = s.status.pctCounted;
  // a final count held open by the actas it leaves unresolved: their electors, never "to count"
  const u = s.openReason === 'unresolved_actas' ? unresolvedOf(s) : null;
  if (u) {
    const jee = out.impugned > 0 ? t('finalUnresolvedImpugned')(fmt(out.impugned)) : '';
    return `${lead}. ${t('finalUnresolved')(fmt(u.actas), fmt(u.electors))}${jee}.`;
  }
  // every acta in, the outcome held open by the impugned votes alone: no "votes still to count"
  if (s.openReason === 'impugned_at_jee' && out.impugned > 0)
    return `${lead}. ${t('completeImpugned')(fmt(out.impugned))}.`;
  if (pct !== null && rem === null) return `${lead}. ${stillOut(s, pct, abroadMissing)}`;
  const impugned = out.impugned > 0 ? t('remainingImpugned')(fmt(out.impugned)) : '';
  const still =
    pct === null
      ? t('remainingNoPct')
      : `${t('remainingVotes')(fmt(rem ?? 0), decimalText(pct))}${impugned}`;
  // the source's % is of the actas it covers: without the vote abroad it is not the country's
  const scope = abroadMissing ? ` ${t('pctWithoutAbroad')}` : '';
  // the lead against what is still out: a small share of it can still be overturned (no share
  // where nothing bounds it)
  const share =
    out.bound && rem !== null && rem > 0 && s.margin > 0
      ? ` (${t('marginShare')(shareText(s.margin, rem))})`
      : '';
  return `${lead}. ${still}${share}.${scope}`;
}

/** The projection's likeliest outcome: who (a winner, or a runoff pair), its odds, in words. */
export interface ProjectionOdds {
  readonly favourite: string;
  readonly probability: number;
  readonly text: string;
}

/**
 * Below the share of actas the calibration starts at (core ODDS_CALIBRATED_FROM: 1/10), the
 * sentence said in the probabilities' place; null at or above it, or without a projection.
 */
export function uncalibratedText(p: Projection | null): string | null {
  if (!p || p.odds.withinCalibration) return null;
  const { numerator, denominator } = p.odds.calibratedFrom;
  // the page's one % of this count (count-pct.ts), cut only where it would round up to the floor
  const now = countPctText(p.actasProcessed, p.actasTotal, p.odds.calibratedFrom) ?? fmt(0);
  return t('oddsUncalibrated')(fmt((100 * numerator) / denominator), now);
}

/**
 * The projection's odds (first round: the likeliest pair; runoff: the winner); null: none, or
 * none shown (below the calibrated range: `uncalibratedText` says so instead).
 */
export function projectionOdds(p: Projection | null): ProjectionOdds | null {
  if (!p || !p.odds.withinCalibration) return null;
  const best = <T extends { probability: number }>(rows: readonly T[]): T | undefined =>
    [...rows].sort((x, y) => y.probability - x.probability)[0];
  const w = best(p.winner ?? []);
  if (w)
    return {
      favourite: w.choice,
      probability: w.probability,
      text: t('projWinner')(w.choice, probText(w.probability)),
    };
  const r = best(p.runoffPairs ?? []);
  if (r) {
    const pair = r.choices.join(' – ');
    const text = t('projPair')(pair, probText(r.probability));
    return { favourite: pair, probability: r.probability, text };
  }
  return null;
}

const projectionLine = (p: Projection | null): string =>
  uncalibratedText(p) ?? projectionOdds(p)?.text ?? '';

/**
 * What the live announcement says of the lead: the headline's sentence, and while the count goes
 * on that it is not a result yet, as the headline says beside it (review 22 M1: a listener heard
 * only "A leads").
 */
export function liveLead(s: Summary, national?: ResultUnit): string {
  const lead = leadLine(s, national);
  if (lead === '' || s.settled) return lead;
  const sentence = /[.!?]$/.test(lead) ? lead : `${lead}.`;
  return `${sentence} ${t(notFinalWord(s.status))}`;
}

/**
 * Which "not a result" a count short of its end says: the past of an archived capture (a cut the
 * manifest or the published source gives: no `cutImport`), the present of a count being ingested
 * (its cut is its latest import's, `cifra ingest --cut`) or of one without a cut. The status says
 * which, not the cut's age: a store ingesting an old file is still a count going on (night review 1).
 */
export function notFinalWord(
  st: Pick<Summary['status'], 'cut' | 'cutImport'>,
): 'notFinal' | 'notFinalAtCut' {
  return st.cut !== null && st.cutImport === undefined ? 'notFinalAtCut' : 'notFinal';
}

/**
 * The headline's nodes from the summary document and the projection (null when none);
 * `abroadMissing`: the source splits Peru from abroad and lacks abroad; `national`: the national
 * figures (a runoff pair the source's ranking settles says so).
 */
export function headline(
  s: Summary,
  projection: Projection | null,
  abroadMissing = false,
  national?: ResultUnit,
): HTMLElement[] {
  if (s.settled && s.outcome) return [el('strong', { id: 'outcome-fact' }, leadLine(s, national))];
  if (s.settled) return [];
  const proj = projectionLine(projection);
  return [
    el('span', { id: 'lead' }, leadText(s, abroadMissing, national)),
    // a capture's cut is past: what was true at it; the present for a count going on
    el('span', { class: 'not-final' }, ` ${t(notFinalWord(s.status))}`),
    ...(proj ? [el('span', { id: 'headline-projection', class: 'estimate' }, ` ${proj}`)] : []),
  ];
}
