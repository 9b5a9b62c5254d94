// The national bars and totals: each choice's votes as given, the unitemised remainder ("Otras
// listas") apart and last, and only the figures the source has.
import { leadersOf } from '../src/results/leaders.js';
import type { ResultUnit } from './api-client.js';
import { colorOfChoice, decimalText, el, fmt, state, t, choiceLabel } from './ui.js';

type ResultChoice = ResultUnit['choices'][number];

/** The choices that stand for several lists ("Otras listas"): shown apart, never a leader. */
export const remainderIds = (): Set<string> =>
  new Set(state.choices.filter((c) => c.remainder).map((c) => c.id));

/** The unit's leader among the itemised choices ("Otras listas" leads nothing: leaders.ts). */
export function leader(unit: ResultUnit): ResultChoice | undefined {
  return leadersOf(state, unit.choices)[0];
}

/** A percentage as shown: "12.345 %", or a dash where there is none (a figure not given, a zero base). */
export const percent = (p: string | null): string => (p === null ? '—' : `${decimalText(p)} %`);

/** The itemised choices past the first eight: how many, and their votes together (a line, not bars). */
function moreLine(more: readonly ResultChoice[]): HTMLLIElement[] {
  if (more.length === 0) return [];
  const votes = more.reduce((a, c) => a + c.votes, 0);
  return [
    el(
      'li',
      { class: 'more', 'data-count': more.length },
      t('moreChoices')(more.length, fmt(votes)),
    ),
  ];
}

/**
 * The bars: the first eight itemised choices by votes, a line for the rest (so the bars add up to
 * what the page says), then the unitemised remainder ("Otras listas") apart, last.
 */
export function barsOf(unit: ResultUnit): HTMLLIElement[] {
  const rest = remainderIds();
  const sorted = [...unit.choices].sort((a, b) => b.votes - a.votes);
  const itemised = sorted.filter((c) => !rest.has(c.id));
  const top = itemised.slice(0, 8);
  const more = itemised.slice(8).filter((c) => c.votes > 0);
  const others = sorted.filter((c) => rest.has(c.id) && c.votes > 0);
  const bars = (list: readonly ResultChoice[]): HTMLLIElement[] =>
    list.map((c) =>
      el(
        'li',
        { 'data-choice': c.id, class: rest.has(c.id) ? 'remainder' : '' },
        el(
          'div',
          { class: 'bar-label' },
          el('span', {}, choiceLabel(c)),
          el(
            'span',
            {},
            el('strong', { class: 'pct' }, percent(c.pctValid)),
            ' · ',
            el('span', { class: 'votes', 'data-votes': c.votes }, fmt(c.votes)),
          ),
        ),
        el(
          'div',
          { class: 'bar', role: 'presentation' },
          el('span', { style: `width:${c.pctValid ?? 0}%;background:${colorOfChoice(c.id)}` }),
        ),
      ),
    );
  return [...bars(top), ...moreLine(more), ...bars(others)];
}

/** A figure the source may not give: a dash, never 0 (docs/elections.md). */
export const figure = (n: number | null): string => (n === null ? '—' : fmt(n));

export function totalsOf(n: ResultUnit): HTMLElement[] {
  const row = (key: string, value: string, id?: string): HTMLElement[] => [
    el('dt', {}, t(key)),
    el('dd', id ? { id } : {}, value),
  ];
  // show only the figures the source has (published aggregates may lack electors or blank/null)
  const figures = state.published?.figures ?? 'complete';
  return [
    ...row('valid', figure(n.valid), 'total-valid'),
    ...(figures === 'blank-null-combined'
      ? [
          ...row('blankAndNull', figure(n.blankAndNull ?? null), 'total-blank-null'),
          ...row('emitted', figure(n.emitted), 'total-emitted'),
        ]
      : figures !== 'valid-only'
        ? [
            ...row('blank', `${figure(n.blank)} (${percent(n.blankPctEmitted)})`),
            ...row('null', `${figure(n.null)} (${percent(n.nullPctEmitted)})`),
            ...row('emitted', figure(n.emitted), 'total-emitted'),
          ]
        : []),
    ...(figures === 'complete' ? electorsRows(n, row) : []),
  ];
}

/**
 * Eligible voters and participation on one stated base: participation is over the actas
 * processed, so while some are out the eligible of those actas (the API's) stand beside it and
 * the eligible of all actas are labelled as such.
 */
function electorsRows(
  n: ResultUnit,
  row: (key: string, value: string, id?: string) => HTMLElement[],
): HTMLElement[] {
  const processed = n.eligibleProcessed ?? null;
  if (processed === null || !n.eligibleRemaining)
    return [
      ...row('eligible', figure(n.eligible), 'total-eligible'),
      ...row('participation', percent(n.participation), 'participation'),
    ];
  return [
    ...row('eligibleProcessed', fmt(processed), 'eligible-processed'),
    ...row('participationProcessed', percent(n.participation), 'participation'),
    ...row('eligibleAll', figure(n.eligible), 'total-eligible'),
  ];
}
