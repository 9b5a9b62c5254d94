// The what-if panel of the Congress view: the common levers (valla share, seat minimum, how the
// two combine, the method) over the election's own ruleset, sent to POST /api/v1/what-if; every
// seat that moves is shown against cifra's seats under the election's rules. The levers live in
// the URL (?election=…&valla=4&min=7&comb=all&method=sainte-lague), so a result can be shared.
import { api, type RulesetFile, type Seats, type WhatIf } from './api-client.js';
import {
  exclusionText,
  openNote,
  partyColor,
  seatIssueText,
  signed,
  undecidedOf,
  undecidedText,
} from './congress.js';
import { drawHemicycle } from './hemicycle.js';
import { seatsOpen } from './undecided.js';
import {
  leversOf,
  PARAMS,
  whatIfBody,
  type Base,
  type Levers,
  type Param,
} from './what-if-levers.js';
import { $, cardTable, el, electionId, state, $svg, t, thead } from './ui.js';
import { drilled, go, onWritten } from './url.js';

let base: Base | null = null;

/**
 * Bumped by every setup and every run: an answer that comes after a newer one began (another
 * election chosen, Back to another scenario, a second Recompute) is dropped, never drawn over it.
 */
let generation = 0;

/** The methods the what-if offers: the ones the core knows (served with the rulesets), once. */
let known: Promise<readonly string[]> | null = null;
function knownMethods(): Promise<readonly string[]> {
  // an answer that did not come is asked again next time, not kept
  known ??= api.rulesets().then((r) => {
    if (r === null) known = null;
    return r?.methods ?? [];
  });
  return known;
}

/** A method's name on screen: its label where the page has one, else its id as the core says it. */
function methodLabel(m: string): string {
  const key = `method:${m}`;
  const label = t(key);
  return label === key ? m : label;
}

/** A lever's field of the form (an input or a select). */
function field(k: Param): HTMLInputElement | HTMLSelectElement {
  const node = $(`wi-${k}`);
  if (node instanceof HTMLInputElement || node instanceof HTMLSelectElement) return node;
  throw new Error(`#wi-${k}: not a form field`);
}

/**
 * The ruleset file a list election's seats are computed under, built-in or the user's own (the
 * election's ruleset.json: the server serves any it has loaded); null when cifra does not count.
 */
async function rulesetOf(seats: Seats | { kind: 'none' }): Promise<RulesetFile | null> {
  if (seats.kind !== 'list') return null;
  return api.tryDocument(seats.election, 'ruleset');
}

/**
 * Sets up the panel for a list election whose seats cifra computes; hidden otherwise. A static
 * copy cannot recompute: it says so, and says that a scenario in its URL is not what it shows.
 */
export async function setupWhatIf(
  seats: Seats | { kind: 'none' },
  staticSite = false,
): Promise<void> {
  const box = $('what-if');
  const mine = ++generation;
  $('what-if-form').hidden = staticSite;
  if (staticSite) {
    staticNotice(box, seats);
    return;
  }
  // the previous election's (or scenario's) word and link go at once: never shown under another
  clearResult();
  // nor can a recompute pressed while this election's ruleset loads send the previous one's base
  base = null;
  const [file, served] = await Promise.all([rulesetOf(seats), knownMethods()]);
  if (mine !== generation) return;
  if (!file) {
    box.hidden = true;
    return;
  }
  const b = leversOf(file);
  base = b;
  box.hidden = false;
  const methods = [...new Set([b.method, ...served].filter(Boolean))];
  $('wi-method').replaceChildren(...methods.map((m) => el('option', { value: m }, methodLabel(m))));
  const url = new URLSearchParams(location.search);
  const asked = PARAMS.some((k) => url.has(k));
  for (const k of PARAMS) field(k).value = url.get(k) ?? b[k];
  if (asked && url.get('election') === state.election) await run(false);
}

/** No scenario shown: no status, no link, no result. */
function clearResult(): void {
  $('wi-status').textContent = '';
  $('wi-link').replaceChildren();
  $('wi-result').replaceChildren();
  $('wi-result-figure').hidden = true;
}

/**
 * The static site's what-if: no form, a word that it is computed on the live site, and when the
 * URL asks for a scenario, that the seats shown are the election's rules' (review 20 M4).
 */
function staticNotice(box: HTMLElement, seats: Seats | { kind: 'none' }): void {
  box.hidden = seats.kind !== 'list';
  const url = new URLSearchParams(location.search);
  const asked = PARAMS.filter((k) => url.has(k)).map((k) => `${k}=${url.get(k) ?? ''}`);
  $('wi-status').textContent =
    asked.length === 0 ? t('wiStatic') : `${t('wiStaticAsked')(asked.join(', '))} ${t('wiStatic')}`;
  $('wi-result').replaceChildren();
  $('wi-result-figure').hidden = true;
}

function levers(): Levers {
  return {
    valla: field('valla').value,
    min: field('min').value,
    comb: field('comb').value,
    method: field('method').value,
  };
}

/**
 * The shareable URL of the levers (the election's own value is left out). It opens at the seats
 * (#congress) from the national view; a drilled view's opens at its drill, as url.ts writes it.
 */
function shareUrl(l: Levers, b: Base): URL {
  const u = new URL(location.href);
  u.searchParams.set('election', electionId());
  for (const k of PARAMS)
    if (l[k] !== b[k]) u.searchParams.set(k, l[k]);
    else u.searchParams.delete(k);
  u.hash = drilled(u) ? '' : 'congress';
  return u;
}

/**
 * Recomputes the levers on the form. `push`: the user's scenario, a new history entry that Back
 * leaves (to the previous scenario, redrawn from its URL); else the URL's own, kept in place.
 */
async function run(push: boolean): Promise<void> {
  if (!base) return;
  const mine = ++generation;
  const l = levers();
  const u = shareUrl(l, base);
  go(u, push);
  $('wi-link').replaceChildren(el('a', { href: u.href, id: 'wi-share' }, t('shareLink')));
  $('wi-status').textContent = t('computing');
  const r = await api.whatIf(whatIfBody(electionId(), l, base));
  if (mine !== generation) return;
  if (!r.ok) {
    $('wi-status').textContent =
      // in words, as the seats panel says them ("Sur no tiene votos"), never codes and paths; a
      // refusal with no coded issue (a proxy's 502) keeps its status
      r.error.issues.length > 0
        ? `${t('whatIfRefused')}: ${r.error.issues.map(refusalText).join('; ')}.`
        : `${t('whatIfRefused')} (${r.error.error}).`;
    return;
  }
  const doc = r.doc;
  $('wi-status').textContent = t('whatIfDone')(doc.diff.lists.length, doc.diff.districts.length);
  renderResult(doc);
}

type RefusalIssue = Parameters<typeof seatIssueText>[0];

/**
 * The form's lever a refused value came from, by its path in the request (whatIfBody writes the
 * valla's share and seat minimum as conditions, the combination as its kind); null: none.
 */
function leverOf(path: readonly (string | number)[]): Param | null {
  if (path[0] === 'whatIf' && path[1] === 'method') return 'method';
  if (path[0] !== 'rules' || path[1] !== 'threshold') return null;
  const last = path[path.length - 1];
  if (path.length === 3 && last === 'kind') return 'comb';
  return last === 'min' ? 'min' : last === 'share' ? 'valla' : null;
}

const LEVER_LABELS = {
  valla: 'wiValla',
  min: 'wiMin',
  comb: 'wiComb',
  method: 'wiMethod',
} as const;

/**
 * A refusal's issue in words: one with its problem (a value the schema refused, review s36: "the
 * rules file does not fit the format", with neither the field nor what is wrong) names the
 * lever, else the field, and the problem in the page's language; a district's keeps its words.
 */
function refusalText(i: RefusalIssue): string {
  const d = (i.details ?? {}) as Record<string, unknown>;
  const problem =
    state.lang === 'es' && typeof d['problemEs'] === 'string' ? d['problemEs'] : d['problem'];
  if (typeof problem !== 'string') return seatIssueText(i);
  const lever = leverOf(i.path);
  const field = lever === null ? i.path.join('.') : t(LEVER_LABELS[lever]);
  return `${field}: ${problem}`;
}

function renderResult(doc: WhatIf): void {
  $('wi-result-figure').hidden = false;
  const undecided = undecidedOf(doc.result);
  const seated = Object.entries(doc.result.seats)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // the same votes as the main hemicycle's, read by the same rule: a partial count's seats are open
  const open = seatsOpen(doc.status);
  drawHemicycle($svg('wi-hemicycle'), seated, partyColor, t('whatIf'), undecided, open);
  $('wi-result-cap').replaceChildren(t('whatIf'), ...openNote(open, seated));
  const changed = new Map(doc.diff.lists.map((c) => [c.party, c]));
  const reasons = new Map<string, WhatIf['result']['excluded']>();
  for (const x of doc.result.excluded) reasons.set(x.party, [...(reasons.get(x.party) ?? []), x]);
  const parties = [
    ...new Set([
      ...Object.keys(doc.result.seats).filter((p) => (doc.result.seats[p] ?? 0) > 0),
      ...doc.diff.lists.map((c) => c.party),
    ]),
  ].sort((a, b) => (doc.result.seats[b] ?? 0) - (doc.result.seats[a] ?? 0) || a.localeCompare(b));
  const entered = new Set(doc.diff.entered);
  const left = new Set(doc.diff.left);
  const tie = undecidedText(undecided, doc.result.unplaced);
  $('wi-result').replaceChildren(
    ...(tie ? [el('p', { id: 'wi-ties', class: 'tie-note' }, tie)] : []),
    el(
      'table',
      { id: 'wi-table' },
      thead(
        el('th', {}, t('party')),
        el('th', { class: 'num' }, t('seatsElectionRules')),
        el('th', { class: 'num' }, t('whatIf')),
        el('th', { class: 'num' }, t('difference')),
      ),
      el(
        'tbody',
        {},
        ...parties.map((p) => {
          const c = changed.get(p);
          const after = doc.result.seats[p] ?? 0;
          const before = c ? c.before : after;
          const note = entered.has(p) ? t('enters') : left.has(p) ? t('leaves') : '';
          return el(
            'tr',
            { 'data-party': p, class: c ? 'changed' : '' },
            el('td', {}, el('span', { class: 'chip', style: `background:${partyColor(p)}` }), p),
            el('td', { class: 'num' }, String(before)),
            el('td', { class: 'num after' }, String(after)),
            el(
              'td',
              { class: 'num diff' },
              signed(after - before),
              // a space before the word: read aloud "+7 entra", not "+7entra"
              note ? ' ' : '',
              note ? el('span', { class: 'badge' }, note) : '',
              left.has(p) && reasons.has(p)
                ? el(
                    'span',
                    { class: 'hint' },
                    ` ${(reasons.get(p) ?? []).map(exclusionText).join('; ')}`,
                  )
                : '',
            ),
          );
        }),
      ),
    ),
    ...districtsChanged(doc),
  );
  cardTable($('wi-table'));
}

/** The circunscripciones whose seats move, each with its lists' before → after (none: nothing). */
function districtsChanged(doc: WhatIf): HTMLElement[] {
  if (doc.diff.districts.length === 0) return [];
  return [
    el(
      'details',
      { id: 'wi-districts' },
      el('summary', {}, t('districtsChanged')(doc.diff.districts.length)),
      el(
        'ul',
        {},
        ...doc.diff.districts.map((d) =>
          el(
            'li',
            { 'data-district': d.district },
            `${d.district}: `,
            d.lists.map((c) => `${c.party} ${c.before} → ${c.after}`).join(', '),
          ),
        ),
      ),
    ),
  ];
}

/** Wires the form once: submit runs the what-if, reset goes back to the election's rules. */
export function wireWhatIf(): void {
  // a drill (or the language) after a recompute: the link shares the view as it is now, whose
  // URL still holds the levers of the result shown
  onWritten(() => {
    const link = document.getElementById('wi-share');
    if (!(link instanceof HTMLAnchorElement)) return;
    const u = new URL(location.href);
    u.hash = drilled(u) ? '' : 'congress';
    link.href = u.href;
  });
  $('what-if-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run(true).catch((x) => ($('wi-status').textContent = String(x)));
  });
  $('wi-reset').addEventListener('click', () => {
    if (!base) return;
    for (const k of PARAMS) field(k).value = base[k];
    // back to the election's rules is a step of its own: Back returns to the scenario left
    ++generation;
    go(shareUrl(base, base), true);
    clearResult();
  });
}
