// The what-if panel of the Congress view: the common levers (valla share, seat minimum, how the
// two combine, the method) over the election's own ruleset, sent to POST /api/v1/what-if; every
// seat that moves is shown against cifra's seats under the election's rules. The levers live in
// the URL (?election=…&valla=4&min=7&comb=all&method=sainte-lague), so a result can be shared.
import { exclusionText, partyColor, signed } from './congress.js';
import { drawHemicycle } from './hemicycle.js';
import { $, el, state, t } from './ui.js';

const METHODS = ['dhondt', 'sainte-lague', 'modified-sainte-lague', 'hare', 'droop', 'imperiali'];
const PARAMS = ['valla', 'min', 'comb', 'method'];

const SOURCE = 'what-if (cifra dashboard)';

/** A ruleset node with its option switches resolved to the options' defaults. */
function resolved(node, defaults) {
  if (Array.isArray(node)) return node.map((x) => resolved(x, defaults));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$option === 'string') {
    const chosen = node.cases?.[defaults[node.$option]];
    return chosen === '$omit' ? undefined : resolved(chosen, defaults);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolved(v, defaults)]));
}

/** The levers as the ruleset sets them: the first share and seat minimum of its valla, its method. */
export function leversOf(file) {
  const defaults = Object.fromEntries((file.options ?? []).map((o) => [o.name, o.default]));
  const th = resolved(file.threshold, defaults);
  const flat = [];
  const walk = (c) => {
    if (!c) return;
    if (c.kind === 'all' || c.kind === 'any') c.conditions.forEach(walk);
    else flat.push(c);
  };
  walk(th);
  const share = flat.find((c) => c.kind === 'share' && typeof c.share === 'string');
  const min = flat.find((c) => c.kind === 'preliminary-seats');
  return {
    valla: share ? String(parseFloat(share.share)) : '0',
    min: min ? String(min.min) : '0',
    comb: th?.kind === 'any' ? 'any' : 'all',
    method: typeof file.method === 'string' ? file.method : '',
    threshold: th ?? null,
  };
}

/** The request body for levers that differ from the ruleset's (none: the election's own rules). */
export function whatIfBody(election, levers, base) {
  const body = { election };
  const vallaChanged = ['valla', 'min', 'comb'].some((k) => levers[k] !== base[k]);
  if (vallaChanged) {
    const conditions = [
      ...(Number(levers.valla) > 0
        ? [{ kind: 'share', share: `${levers.valla}%`, base: 'valid', source: SOURCE }]
        : []),
      ...(Number(levers.min) > 0
        ? [{ kind: 'preliminary-seats', min: Number(levers.min), source: SOURCE }]
        : []),
    ];
    const threshold =
      conditions.length === 0
        ? null
        : conditions.length === 1
          ? conditions[0]
          : { kind: levers.comb, conditions };
    // a merge patch (RFC 7386): the valla in force loses every key the new one does not have
    if (threshold !== null && base.threshold)
      for (const k of Object.keys(base.threshold)) if (!(k in threshold)) threshold[k] = null;
    body.rules = { threshold };
  }
  if (levers.method && levers.method !== base.method) body.whatIf = { method: levers.method };
  return body;
}

let base = null;

/** Sets up the panel for a list election whose seats cifra computes; hidden otherwise. */
export async function setupWhatIf(seats) {
  const box = $('what-if');
  if (seats.kind !== 'list') {
    box.hidden = true;
    return;
  }
  const res = await fetch(`/api/v1/rulesets/${encodeURIComponent(seats.result.rules)}`);
  if (!res.ok) {
    box.hidden = true;
    return;
  }
  base = leversOf(await res.json());
  box.hidden = false;
  const methods = [...new Set([base.method, ...METHODS].filter(Boolean))];
  $('wi-method').replaceChildren(
    ...methods.map((m) => el('option', { value: m }, t(`method:${m}`))),
  );
  const url = new URLSearchParams(location.search);
  const asked = PARAMS.some((k) => url.has(k));
  for (const k of PARAMS) $(`wi-${k}`).value = url.get(k) ?? base[k];
  $('wi-result').replaceChildren();
  $('wi-result-figure').hidden = true;
  if (asked && url.get('election') === state.election) await run();
}

function levers() {
  return Object.fromEntries(PARAMS.map((k) => [k, String($(`wi-${k}`).value)]));
}

/** The shareable URL of the levers (the election's own value is left out). */
function shareUrl(l) {
  const u = new URL(location.href);
  u.searchParams.set('election', state.election);
  for (const k of PARAMS)
    if (l[k] !== base[k]) u.searchParams.set(k, l[k]);
    else u.searchParams.delete(k);
  u.hash = 'congress';
  return u;
}

async function run() {
  const l = levers();
  const u = shareUrl(l);
  history.replaceState(null, '', u);
  $('wi-link').replaceChildren(el('a', { href: u.href, id: 'wi-share' }, t('shareLink')));
  $('wi-status').textContent = t('computing');
  const res = await fetch('/api/v1/what-if', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(whatIfBody(state.election, l, base)),
  });
  const doc = await res.json();
  if (!res.ok) {
    $('wi-status').textContent =
      `${t('whatIfRefused')}: ${(doc.issues ?? []).map((i) => `${i.code} ${i.message ?? ''}`).join('; ')}`;
    return;
  }
  $('wi-status').textContent = t('whatIfDone')(doc.diff.lists.length, doc.diff.districts.length);
  renderResult(doc);
}

function renderResult(doc) {
  $('wi-result-figure').hidden = false;
  drawHemicycle(
    $('wi-hemicycle'),
    Object.entries(doc.seats)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    partyColor,
    t('whatIf'),
  );
  const changed = new Map(doc.diff.lists.map((c) => [c.party, c]));
  const reasons = new Map();
  for (const x of doc.excluded) reasons.set(x.party, [...(reasons.get(x.party) ?? []), x]);
  const parties = [
    ...new Set([
      ...Object.keys(doc.seats).filter((p) => doc.seats[p] > 0),
      ...doc.diff.lists.map((c) => c.party),
    ]),
  ].sort((a, b) => (doc.seats[b] ?? 0) - (doc.seats[a] ?? 0) || a.localeCompare(b));
  const entered = new Set(doc.diff.entered);
  const left = new Set(doc.diff.left);
  $('wi-result').replaceChildren(
    el(
      'table',
      { id: 'wi-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, t('party')),
          el('th', { class: 'num' }, t('seatsElectionRules')),
          el('th', { class: 'num' }, t('whatIf')),
          el('th', { class: 'num' }, t('difference')),
        ),
      ),
      el(
        'tbody',
        {},
        ...parties.map((p) => {
          const c = changed.get(p);
          const after = doc.seats[p] ?? 0;
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
              note ? el('span', { class: 'badge' }, note) : '',
              left.has(p) && reasons.has(p)
                ? el('span', { class: 'hint' }, ` ${reasons.get(p).map(exclusionText).join('; ')}`)
                : '',
            ),
          );
        }),
      ),
    ),
    ...(doc.diff.districts.length > 0
      ? [
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
        ]
      : []),
  );
}

/** Wires the form once: submit runs the what-if, reset goes back to the election's rules. */
export function wireWhatIf() {
  $('what-if-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run().catch((x) => ($('wi-status').textContent = String(x)));
  });
  $('wi-reset').addEventListener('click', () => {
    for (const k of PARAMS) $(`wi-${k}`).value = base[k];
    const u = shareUrl(base);
    history.replaceState(null, '', u);
    $('wi-link').replaceChildren();
    $('wi-status').textContent = '';
    $('wi-result').replaceChildren();
    $('wi-result-figure').hidden = true;
  });
}
