// The cifra dashboard: plain ES modules, no build step. Every number comes from the read documents
// at query-free paths (web/paths.js, as the API and a static site built by `cifra publish` serve
// them) and is shown as given; maps use d3-geo (loaded as /vendor/d3-geo.js).
import { renderCongress } from './congress.js';
import { setupCrossCheck, wireCrossCheck } from './crosscheck.js';
import { headline, probText } from './headline.js';
import { freshness, pollInterval, tickFreshness } from './live.js';
import { PATHS } from './paths.js';
import { startErm } from './erm.js';
import { crumbsTo, setupSearch } from './search.js';
import { $, el, fmt, getJson, PALETTE, state, t, tryJson } from './ui.js';
import { readErmView, readView, writeView } from './url.js';
import { setupWhatIf, wireWhatIf } from './what-if.js';

const doc = (name) => getJson(PATHS.document(state.election, name));
const results = (level) => getJson(PATHS.results(state.election, level));
const remainderIds = () => new Set(state.choices.filter((c) => c.remainder).map((c) => c.id));

function applyStrings() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]'))
    node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]'))
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  $('lang').textContent = t('langButton');
  $('lang').setAttribute('aria-label', t('langLabel'));
}

/** The unit's leader among the itemised choices ("Otras listas" leads nothing). */
function leader(unit) {
  const rest = remainderIds();
  return [...unit.choices].filter((c) => !rest.has(c.id)).sort((a, b) => b.votes - a.votes)[0];
}

/** A count's percentage as shown: never "100" while actas are still out. */
function pctShown(pct, done, total) {
  return pct === '100.000' && done < total ? '99.999' : pct;
}

async function loadElection(id, view = {}) {
  state.election = id;
  state.revision = null;
  state.mesa = null;
  const [cands, places] = await Promise.all([
    doc('candidates'),
    tryJson(PATHS.document(id, 'places')),
  ]);
  state.choices = cands.choices;
  state.colors = new Map(
    cands.choices.map((c, i) => [c.id, c.color ?? PALETTE[i % PALETTE.length]]),
  );
  state.places = places;
  setupSearch(
    places,
    (crumbs) => drill(crumbs, true),
    (mesa) => openMesa(mesa, true),
  );
  await refresh();
  const crumbs = view.level && view.code && places ? crumbsTo(places, view.level, view.code) : [];
  await drill(crumbs, false);
  if (view.mesa) await openMesa(view.mesa, false);
}

/** Every panel that moves with the count; the drill is redrawn by the caller. */
async function refresh() {
  const summary = await doc('summary');
  state.revision = summary.revision;
  state.summary = summary;
  const projection = summary.count.complete
    ? null
    : await tryJson(PATHS.document(state.election, 'projection'));
  await Promise.all([
    renderProgress(summary),
    renderSummary(summary, projection),
    renderMap(),
    renderProjection(projection),
    renderCourse(),
  ]);
}

/** One poll: an unchanged summary is a 304 from the browser's cache; a new revision redraws. */
async function poll() {
  const id = state.election;
  if (!id || state.polling) return;
  state.polling = true;
  try {
    const s = await doc('summary').catch(() => null);
    if (s && id === state.election && s.revision !== state.revision) {
      await refresh();
      await drill(state.crumbs, false);
      if (state.mesa) await openMesa(state.mesa, false);
    }
  } finally {
    state.polling = false;
  }
}

/** What the figures are: final, provisional at a cut, computed by cifra, or a third party's — always with the source. */
function statusText(about, pub) {
  const st = about?.status ?? { kind: pub?.status ?? 'final' };
  const head =
    st.kind === 'provisional'
      ? `${t('provisional')} · ${st.pctCounted ?? pub?.pctCounted ?? '—'} % ${t('counted')}${(st.cut ?? pub?.asOf) ? ` · ${t('snapshot')}: ${st.cut ?? pub?.asOf}` : ''}`
      : st.kind === 'computed-by-cifra'
        ? `${t('computedByCifra')}: ${st.from}`
        : st.kind === 'third-party'
          ? `${t('thirdParty')}: ${st.publisher}`
          : `${t('final')} · ${t('asOf')} ${about?.asOf ?? pub?.asOf ?? '—'}`;
  const source = about ? about.sources.join('; ') : (pub?.source ?? '');
  return `${head} · ${t('sourceLabel')}: ${source}`;
}

/** The provenance, proclamation, figures that differ between sources, and a published final beside the count. */
function renderAbout(about, choices) {
  const box = $('about');
  if (!about) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const label = (id) => choices.find((c) => c.id === id)?.label ?? id;
  box.replaceChildren(
    ...(about.proclamation ? [el('p', {}, `${t('proclamation')}: ${about.proclamation}`)] : []),
    ...(about.reported
      ? [
          el('h3', {}, t('reported')),
          el(
            'p',
            { id: 'reported' },
            Object.entries(about.reported.votes)
              .map(([id, v]) => `${label(id)}: ${fmt(v)}`)
              .join(' · '),
            ` — ${about.reported.source}. ${about.reported.note}`,
          ),
        ]
      : []),
    ...(about.discrepancies?.length
      ? [
          el('h3', {}, t('discrepancies')),
          el(
            'ul',
            { id: 'discrepancies' },
            ...about.discrepancies.map((d) =>
              el(
                'li',
                {},
                `${t(d.figure)}: `,
                d.values.map((v) => `${fmt(v.value)} (${v.source})`).join(' · '),
                `. ${d.note}`,
              ),
            ),
          ),
        ]
      : []),
    el('p', { class: 'hint' }, `${t('provenanceLabel')}: ${about.provenance}`),
  );
}

async function renderProgress(summary) {
  const p = await doc('progress');
  state.published = p.published ?? null;
  state.about = p.about ?? null;
  const notice = $('provisional');
  renderAbout(p.about, state.choices);
  await setupCrossCheck(state.site?.kind === 'static' ? null : p.about, (m) => openMesa(m, true));
  notice.hidden = !p.about && !p.published;
  // a manifest copied onto a count in progress (a replay) says "final": the count says otherwise
  const about =
    p.about && !summary.count.complete && p.about.status.kind === 'final'
      ? { ...p.about, status: { kind: 'provisional', pctCounted: summary.status.pctCounted } }
      : p.about;
  if (!notice.hidden) notice.textContent = statusText(about, p.published);
  const fresh = freshness(summary);
  if (p.published) {
    const pub = p.published;
    $('progress').replaceChildren(
      el(
        'span',
        {},
        `${t('actasProcessed')}: `,
        el('strong', { id: 'pct-actas' }, `${pub.pctCounted ?? '—'} %`),
      ),
      ...fresh,
    );
    return;
  }
  const a = p.actas;
  $('progress').replaceChildren(
    el(
      'span',
      {},
      `${t('actasProcessed')}: `,
      el('strong', { id: 'pct-actas' }, `${pctShown(a.pctProcessed, a.processed, a.total)} %`),
      ` (${fmt(a.processed)} / ${fmt(a.total)})`,
    ),
    el('span', {}, `${t('atJee')}: `, el('strong', {}, fmt(a.jee))),
    el('span', {}, `${t('pending')}: `, el('strong', {}, fmt(a.pending))),
    el('span', {}, `${t('remaining')}: `, el('strong', {}, fmt(p.eligibleRemaining))),
    ...fresh,
  );
}

/** The bars: itemised choices by votes, the unitemised remainder ("Otras listas") apart, last. */
function barsOf(unit) {
  const rest = remainderIds();
  const sorted = [...unit.choices].sort((a, b) => b.votes - a.votes);
  const top = sorted.filter((c) => !rest.has(c.id)).slice(0, 8);
  const others = sorted.filter((c) => rest.has(c.id) && c.votes > 0);
  return [...top, ...others].map((c) =>
    el(
      'li',
      { 'data-choice': c.id, class: rest.has(c.id) ? 'remainder' : '' },
      el(
        'div',
        { class: 'bar-label' },
        el('span', {}, c.label),
        el(
          'span',
          {},
          el('strong', { class: 'pct' }, `${c.pctValid} %`),
          ' · ',
          el('span', { class: 'votes', 'data-votes': c.votes }, fmt(c.votes)),
        ),
      ),
      el(
        'div',
        { class: 'bar', role: 'presentation' },
        el('span', { style: `width:${c.pctValid}%;background:${state.colors.get(c.id)}` }),
      ),
    ),
  );
}

function totalsOf(n) {
  const row = (key, value, id) => [el('dt', {}, t(key)), el('dd', id ? { id } : {}, value)];
  // show only the figures the source has (published aggregates may lack electors or blank/null)
  const figures = state.published?.figures ?? 'complete';
  return [
    ...row('valid', fmt(n.valid), 'total-valid'),
    ...(figures === 'blank-null-combined'
      ? [
          ...row('blankAndNull', fmt(n.blankAndNull ?? 0), 'total-blank-null'),
          ...row('emitted', fmt(n.emitted), 'total-emitted'),
        ]
      : figures !== 'valid-only'
        ? [
            ...row('blank', `${fmt(n.blank)} (${n.blankPctEmitted} %)`),
            ...row('null', `${fmt(n.null)} (${n.nullPctEmitted} %)`),
            ...row('emitted', fmt(n.emitted), 'total-emitted'),
          ]
        : []),
    ...(figures === 'complete'
      ? [
          ...row('eligible', fmt(n.eligible)),
          ...row('participation', `${n.participation} %`, 'participation'),
        ]
      : []),
  ];
}

async function renderSummary(summary, projection) {
  const [national, seats] = await Promise.all([results('national'), doc('seats')]);
  const n = national.units[0];
  $('outcome').replaceChildren(...(n ? headline(summary, projection) : []));
  $('bars').replaceChildren(...(n ? barsOf(n) : []));
  $('totals').replaceChildren(...(n ? totalsOf(n) : []));
  renderCongress(seats);
  // the what-if recomputes on the server: a static site has none
  await setupWhatIf(state.site?.kind === 'static' ? { kind: 'none' } : seats);
}

/** The map's legend: each colour on it and whose it is, most units first. */
function legendOf(leads) {
  const count = new Map();
  for (const l of leads) if (l) count.set(l.id, (count.get(l.id) ?? 0) + 1);
  const label = (id) => state.choices.find((c) => c.id === id)?.label ?? id;
  return [...count]
    .sort((a, b) => b[1] - a[1])
    .map(([id, k]) =>
      el(
        'li',
        { 'data-choice': id },
        el('span', { class: 'swatch', style: `background:${state.colors.get(id)}` }),
        `${label(id)} (${k})`,
      ),
    );
}

async function renderMap() {
  const [geo, deps, circ, ambito] = await Promise.all([
    getJson(PATHS.geography()),
    results('department'),
    results('circunscripcion'),
    results('ambito'),
  ]);
  const units = new Map([
    ...deps.units.map((u) => [`department:${u.code}`, u]),
    ...circ.units.map((u) => [`circunscripcion:${u.code}`, u]),
  ]);
  // a source by circunscripción only (a Congress): each department shape shows the circunscripción
  // of the same name (the codes differ: the ONPE's for circunscripciones, RENIEC's for departments)
  const byCirc = deps.units.length === 0 && circ.units.length > 0;
  const norm = (x) =>
    x
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .trim();
  const circByName = new Map(circ.units.map((u) => [norm(u.name), u]));
  const svg = $('map');
  $('map-section').querySelector('.hint').textContent = byCirc
    ? t('mapHintCirc')
    : deps.units.length === 0
      ? t('noMap')
      : t('mapHint');
  const projection = d3.geoMercator().fitSize([400, 560], geo);
  const path = d3.geoPath(projection);
  svg.replaceChildren();
  const leads = [];
  for (const f of geo.features) {
    const p = f.properties;
    // Lima's two shapes use circunscripción results; a source without them falls back to the department
    const unit =
      units.get(`${p.level}:${p.code}`) ??
      (p.level === 'circunscripcion' ? units.get(`department:${p.reniec}`) : undefined) ??
      (byCirc ? circByName.get(norm(p.name)) : undefined);
    const lead = unit && unit.valid > 0 ? leader(unit) : null;
    leads.push(lead);
    const node = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    node.setAttribute('d', path(f));
    node.setAttribute('fill', lead ? state.colors.get(lead.id) : '#ccc');
    node.setAttribute(
      'fill-opacity',
      lead ? String(0.35 + Math.min(0.65, Number(lead.pctValid) / 60)) : '0.5',
    );
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'button');
    node.dataset.code = p.code;
    node.dataset.level = p.level;
    const counted = unit ? ` · ${unit.actas.pctProcessed} % ${t('actasWord')}` : '';
    node.setAttribute(
      'aria-label',
      `${p.name}${lead ? `: ${lead.label} ${t('leads')} ${lead.pctValid} %` : ''}${counted}`,
    );
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = node.getAttribute('aria-label');
    node.append(title);
    const open = () =>
      byCirc
        ? unit && drill([{ level: 'circunscripcion', code: unit.code, name: unit.name }], true)
        : p.level === 'department'
          ? drill([{ level: 'department', code: p.code, name: p.name }], true)
          : p.code === '15'
            ? drill(crumbsOf('province', '1401', p.name), true)
            : drill([{ level: 'department', code: '14', name: 'LIMA' }], true);
    node.addEventListener('click', open);
    node.addEventListener(
      'keydown',
      (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open()),
    );
    svg.append(node);
  }
  $('map-legend').replaceChildren(...legendOf(leads));
  // the note "abroad is missing" only where the source splits Peru from abroad and lacks abroad
  const split = ambito.units.some((u) => u.code === 'PERU');
  renderAbroad(
    ambito.units.find((u) => u.code === 'EXTRANJERO'),
    split,
  );
}

/** Crumbs to a unit through places.json when the election has it, else the unit alone. */
function crumbsOf(level, code, name) {
  return state.places ? crumbsTo(state.places, level, code) : [{ level, code, name: name ?? code }];
}

/** Abroad: its leader once it has votes; with none counted, says so (never "X 0.000 %"). */
function renderAbroad(abroad, split) {
  const lead = abroad && abroad.valid > 0 ? leader(abroad) : null;
  // a source without the vote abroad says so: its electors are still out, not zero
  const text = !abroad
    ? t('abroadMissing')
    : lead
      ? `${t('abroad')}: ${lead.label} ${lead.pctValid} % · ${fmt(abroad.valid)} ${t('valid').toLowerCase()} · ${abroad.actas.pctProcessed} % ${t('actasWord')}`
      : `${t('abroad')}: ${t('noneCounted')} (${fmt(abroad.actas.total)} ${t('actasWord')})`;
  $('abroad').replaceChildren(
    !abroad
      ? split
        ? el('p', { class: 'hint', id: 'abroad-missing' }, text)
        : ''
      : el(
          'button',
          {
            type: 'button',
            onclick: () =>
              drill([{ level: 'ambito', code: 'EXTRANJERO', name: t('abroad') }], true),
          },
          text,
        ),
  );
}

/** Each drill's number: a slower, older drill must not draw over a newer one. */
let drillSeq = 0;

const CHILD_TITLE = {
  department: 'departments',
  province: 'provinces',
  district: 'districts',
  circunscripcion: 'circunscripcionesTitle',
};

/** A unit's children: its own document, else (a Congress by circunscripción) those. */
async function childrenOf(last) {
  const kids = await tryJson(PATHS.children(state.election, last.level, last.code));
  if (kids?.units.length) return kids.units;
  if (last.level !== 'national') return [];
  return (await results('circunscripcion')).units;
}

async function drill(crumbs, push) {
  const seq = ++drillSeq;
  state.crumbs = crumbs;
  if (push) state.mesa = null;
  writeView(push, state.mesa);
  // the old children go at once: a click on one while the new unit loads would drill from a
  // place the page has already left
  $('children').replaceChildren();
  const last = crumbs.at(-1) ?? { level: 'national', code: 'PE' };
  const [doc1, kids] = await Promise.all([
    tryJson(PATHS.unit(state.election, last.level, last.code)),
    last.level === 'district' ? Promise.resolve([]) : childrenOf(last),
  ]);
  if (seq !== drillSeq) return;
  const unit = doc1?.units[0];
  $('crumbs').replaceChildren(
    el('button', { type: 'button', onclick: () => drill([], true) }, t('peru')),
    ...crumbs
      .map((c, i) => [
        '›',
        el(
          'button',
          { type: 'button', onclick: () => drill(crumbs.slice(0, i + 1), true) },
          c.name ?? c.code,
        ),
      ])
      .flat(),
  );
  $('acta').replaceChildren();
  $('unit').replaceChildren(unit ? unitTable(unit) : '');
  if (push && crumbs.length > 0 && matchMedia('(max-width: 700px)').matches)
    $('detail').scrollIntoView({ block: 'start' });
  if (last.level === 'district') return renderMesas(last.code, seq);
  if (kids.length === 0) return;
  const level = kids[0].level;
  $('children').replaceChildren(
    el(
      'h3',
      {},
      // "departments and abroad" only when the continents are among them
      level === 'department' && !kids.some((u) => u.code.startsWith('9'))
        ? t('departmentsOnly')
        : t(CHILD_TITLE[level] ?? 'departments'),
    ),
    el(
      'div',
      { class: 'children' },
      ...kids.map((u) =>
        el(
          'button',
          {
            type: 'button',
            'data-code': u.code,
            onclick: () =>
              drill(
                [...crumbs, { level: u.level, code: u.code, name: u.name.split(',')[0] }],
                true,
              ),
          },
          u.name.split(',')[0],
          el('small', { class: 'pct-actas' }, ` ${u.actas.pctProcessed} %`),
        ),
      ),
    ),
  );
}

/** A district's mesas with their state (counted, pending, at the JEE…), filterable by number. */
async function renderMesas(district, seq) {
  const list = await tryJson(PATHS.mesas(state.election, district));
  if (seq !== drillSeq || !list) return;
  const byState = new Map();
  for (const m of list.mesas) byState.set(m.state, (byState.get(m.state) ?? 0) + 1);
  const filter = el('input', {
    type: 'search',
    id: 'mesa-filter',
    inputmode: 'numeric',
    placeholder: t('filterMesas'),
    'aria-label': t('filterMesas'),
  });
  const box = el(
    'div',
    { class: 'children mesas' },
    ...list.mesas.map((m) =>
      el(
        'button',
        {
          type: 'button',
          'data-mesa': m.mesa,
          'data-state': m.state,
          class: `mesa state-${m.state}`,
          title: t(`state:${m.state}`),
          onclick: () => openMesa(m.mesa, true),
        },
        m.mesa,
        m.conflict ? ' ⚠' : '',
      ),
    ),
  );
  filter.addEventListener('input', () => {
    for (const b of box.children) b.hidden = !b.dataset.mesa.includes(filter.value.trim());
  });
  $('children').replaceChildren(
    el('h3', {}, `${t('mesas')} (${fmt(list.mesas.length)})`),
    el(
      'p',
      { class: 'mesa-states' },
      [...byState].map(([s, k]) => `${t(`state:${s}`)}: ${fmt(k)}`).join(' · '),
    ),
    filter,
    box,
  );
}

/** Opens a mesa's acta and puts it in the URL. */
async function openMesa(mesa, push) {
  state.mesa = mesa;
  writeView(push, mesa);
  await showActa(mesa);
  if (push) $('acta').scrollIntoView({ block: 'nearest' });
}

function unitTable(u) {
  const rest = remainderIds();
  const rows = [...u.choices].sort((a, b) => b.votes - a.votes).filter((c) => c.votes > 0);
  const ranked = rows.filter((c) => !rest.has(c.id));
  const margin = ranked.length > 1 ? ranked[0].votes - ranked[1].votes : null;
  const counted = state.published
    ? u.actas.total > 0
      ? u.actas.pctProcessed
      : (state.published.pctCounted ?? '—')
    : pctShown(u.actas.pctProcessed, u.actas.processed, u.actas.total);
  const facts = [
    `${t('actasProcessed')}: ${counted} %`,
    `${t('valid')}: ${fmt(u.valid)}`,
    ...(margin !== null ? [`${t('marginWord')}: ${fmt(margin)}`] : []),
    ...(!state.published && u.eligibleRemaining > 0
      ? [`${t('remaining')}: ${fmt(u.eligibleRemaining)}`]
      : []),
    ...(!state.published ? [`${t('participation')}: ${u.participation} %`] : []),
  ];
  return el(
    'div',
    {},
    el('h3', { id: 'unit-name' }, u.name),
    el('p', { id: 'unit-facts' }, facts.join(' · ')),
    el(
      'div',
      { class: 'scroll' },
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', {}, t('candidate')),
            el('th', { class: 'num' }, t('votes')),
            el('th', { class: 'num' }, t('pctValid')),
          ),
        ),
        el(
          'tbody',
          {},
          ...[...ranked, ...rows.filter((c) => rest.has(c.id))].map((c) =>
            el(
              'tr',
              {},
              el('td', {}, c.label),
              el('td', { class: 'num' }, fmt(c.votes)),
              el('td', { class: 'num' }, `${c.pctValid} %`),
            ),
          ),
        ),
      ),
    ),
  );
}

async function showActa(mesa) {
  const a = await getJson(PATHS.acta(state.election, mesa));
  const c = a.current;
  $('acta').replaceChildren(
    el('h3', { id: 'acta-title' }, `${t('acta')} ${a.mesa}`),
    c
      ? el(
          'p',
          {},
          `${t('state')}: `,
          el('span', { class: 'badge', id: 'acta-state' }, c.stateLabel),
          ` · ${t('version')} ${c.version} · ${t('eligible')}: ${fmt(c.eligible)} · ${t('emitted')}: ${c.voters === null ? '—' : fmt(c.voters)}`,
          c.conflict ? el('span', { class: 'badge warn' }, t('conflict')) : '',
        )
      : '',
    c && c.votes
      ? el(
          'table',
          {},
          el(
            'tbody',
            {},
            ...state.choices.map((ch, i) =>
              el(
                'tr',
                {},
                el('td', {}, ch.label),
                el('td', { class: 'num' }, fmt(c.votes[i] ?? 0)),
              ),
            ),
            el('tr', {}, el('td', {}, t('blank')), el('td', { class: 'num' }, fmt(c.blank))),
            el('tr', {}, el('td', {}, t('null')), el('td', { class: 'num' }, fmt(c.null))),
          ),
        )
      : '',
    el('h4', {}, t('history')),
    el(
      'ol',
      {},
      ...a.history.map((h) =>
        el(
          'li',
          {},
          `v${h.version} · ${h.kind} · ${h.acta.stateLabel} · ${h.recordedAt}${h.sha256 ? ` · sha256 ${h.sha256.slice(0, 12)}` : ''}`,
        ),
      ),
    ),
  );
}

/** The count's course: the leader's margin after each published update, and where the lead changed hands. */
async function renderCourse() {
  const box = $('course');
  const c = await doc('count-course');
  if (c.points.length < 2) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const [a, b] = c.points[c.points.length - 1].votes;
  // the margin of the final leader's rival over time is drawn as a - b: above zero, a leads
  const margin = (p) => p.votes[0].votes - p.votes[1].votes;
  const W = 320;
  const H = 160;
  const xs = c.points.map((p) => Number(p.pctCounted));
  const ms = c.points.map(margin);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const m = Math.max(...ms.map(Math.abs), 1);
  const sx = (x) => 30 + ((x - x0) / Math.max(x1 - x0, 1e-9)) * (W - 40);
  const sy = (v) => H / 2 - (v / m) * (H / 2 - 14);
  const svg = $('course-chart');
  for (const old of svg.querySelectorAll('path, line, circle, text')) old.remove();
  const ns = 'http://www.w3.org/2000/svg';
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  add('line', { x1: 30, x2: W - 10, y1: sy(0), y2: sy(0), class: 'zero' });
  add('path', {
    d: c.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(xs[i])},${sy(ms[i])}`).join(''),
    class: 'margin',
    'data-points': c.points.length,
  });
  for (const ch of c.leadChanges) {
    const i = c.points.findIndex((p) => p.time === ch.time);
    add('circle', { cx: sx(xs[i]), cy: sy(0), r: 4, class: 'lead-change', 'data-time': ch.time });
  }
  add('text', { x: 32, y: 12 }, `${a.label} ${t('leads')}`);
  add('text', { x: 32, y: H - 4 }, `${b.label} ${t('leads')}`);
  add('text', { x: 30, y: H / 2 - 4, class: 'axis' }, `${x0.toFixed(1)} %`);
  add('text', { x: W - 50, y: H / 2 - 4, class: 'axis' }, `${x1.toFixed(1)} %`);
  const last = c.points[c.points.length - 1];
  $('course-meta').textContent =
    `${t('courseHint')}. ${c.leadChanges.length} × ${t('leadChange')}; ${fmt(last.margin)} — ${last.pctCounted} % (${c.source ?? ''})`;
}

// The projection panel: always apart from the official count and labelled as an estimate; none
// once the count is complete (the count is the result).
async function renderProjection(p) {
  const section = $('projection');
  if (!p || p.pctCounted >= 100) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  $('projection-meta').textContent =
    t('projectionMeta')({
      pct: p.pctCounted.toFixed(2),
      sims: fmt(p.sims),
      seed: p.seed,
      method: p.method,
    }) + (p.note ? ` · ${p.note}` : '');
  const top = p.choices.slice(0, 8);
  const colorOf = (label) =>
    state.colors.get(state.choices.find((c) => c.label === label)?.id) ?? '#777';
  $('projection-bars').replaceChildren(...intervalBars(top, colorOf));
  $('projection-odds').replaceChildren(...oddsTables(p));
  $('projection-seats').replaceChildren(...projectedSeats(p));
  const history = await tryJson(PATHS.document(state.election, 'projection-history'));
  renderProjectionHistory(
    history?.points ?? [],
    top.slice(0, 3).map((c) => c.choice),
    colorOf,
  );
}

function intervalBars(top, colorOf) {
  const max = Math.max(...top.map((c) => c.hi90), 1);
  const x = (v) => `${(100 * v) / max}%`;
  return top.map((c) => {
    const track = el('span', { class: 'track' });
    const band90 = el('span', { class: 'band90' });
    band90.style.left = x(c.lo90);
    band90.style.width = `calc(${x(c.hi90)} - ${x(c.lo90)})`;
    const band80 = el('span', { class: 'band80' });
    band80.style.left = x(c.lo80);
    band80.style.width = `calc(${x(c.hi80)} - ${x(c.lo80)})`;
    band80.style.background = colorOf(c.choice);
    const mark = el('span', { class: 'median' });
    mark.style.left = x(c.median);
    track.append(band90, band80, mark);
    return el(
      'li',
      { 'data-choice': c.choice },
      el('span', { class: 'bar-label' }, c.choice),
      track,
      el(
        'span',
        { class: 'interval-text', title: t('interval90') },
        `${c.median.toFixed(2)} % [${c.lo90.toFixed(2)}–${c.hi90.toFixed(2)}]`,
      ),
    );
  });
}

function oddsTables(p) {
  const oddsTable = (title, rows) =>
    el(
      'table',
      { class: 'odds' },
      el('caption', {}, title),
      el(
        'tbody',
        {},
        rows.map(([label, prob]) =>
          el('tr', {}, el('td', {}, label), el('td', { class: 'num' }, probText(prob))),
        ),
      ),
    );
  const odds = [];
  if (p.runoffPairs)
    odds.push(
      oddsTable(
        t('runoffPairs'),
        p.runoffPairs.slice(0, 4).map((r) => [r.choices.join(' – '), r.probability]),
      ),
    );
  if (p.outright && p.outright.length > 0)
    odds.push(
      oddsTable(
        t('outrightWin'),
        p.outright.map((r) => [r.choice, r.probability]),
      ),
    );
  if (p.winner)
    odds.push(
      oddsTable(
        t('winProbability'),
        p.winner.map((r) => [r.choice, r.probability]),
      ),
    );
  return odds;
}

function projectedSeats(p) {
  if (!p.seats) return [];
  return [
    el('caption', {}, t('projectedSeats')),
    el(
      'tbody',
      {},
      p.seats.parties
        .filter((s) => s.hi90 > 0 || s.pValla > 0)
        .map((s) =>
          el(
            'tr',
            {},
            el('td', {}, s.party),
            el('td', { class: 'num' }, `${s.median} [${s.lo90}–${s.hi90}]`),
            el('td', { class: 'num', title: t('pValla') }, `${(100 * s.pValla).toFixed(0)} %`),
          ),
        ),
    ),
  ];
}

function renderProjectionHistory(points, choices, colorOf) {
  const figure = $('projection-history-figure');
  const svg = $('projection-history');
  svg.querySelectorAll('g').forEach((g) => g.remove());
  if (points.length < 2) {
    figure.hidden = true;
    return;
  }
  figure.hidden = false;
  const W = 320;
  const H = 160;
  const m = { l: 30, r: 8, t: 8, b: 22 };
  const series = choices.map((choice) => ({
    choice,
    pts: points
      .map((pt) => ({ pct: pt.pctCounted, c: pt.choices.find((c) => c.choice === choice) }))
      .filter((d) => d.c),
  }));
  const ys = series.flatMap((s) => s.pts.flatMap((d) => [d.c.lo90, d.c.hi90]));
  const y0 = Math.floor(Math.min(...ys));
  const y1 = Math.ceil(Math.max(...ys));
  const sx = (v) => m.l + ((W - m.l - m.r) * v) / 100;
  const sy = (v) => H - m.b - ((H - m.t - m.b) * (v - y0)) / Math.max(1e-9, y1 - y0);
  const ns = 'http://www.w3.org/2000/svg';
  const g = document.createElementNS(ns, 'g');
  const add = (tag, attrs) => {
    const n = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
    g.append(n);
    return n;
  };
  add('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: 'axis' });
  for (const v of [0, 25, 50, 75, 100]) {
    const tx = add('text', { x: sx(v), y: H - 6, class: 'tick', 'text-anchor': 'middle' });
    tx.textContent = `${v}%`;
  }
  for (const v of [y0, y1]) {
    const tx = add('text', { x: m.l - 4, y: sy(v) + 3, class: 'tick', 'text-anchor': 'end' });
    tx.textContent = `${v}`;
  }
  for (const s of series) {
    const color = colorOf(s.choice);
    const band = d3
      .area()
      .x((d) => sx(d.pct))
      .y0((d) => sy(d.c.lo90))
      .y1((d) => sy(d.c.hi90))(s.pts);
    add('path', { d: band, fill: color, 'fill-opacity': 0.18, stroke: 'none' });
    const line = d3
      .line()
      .x((d) => sx(d.pct))
      .y((d) => sy(d.c.median))(s.pts);
    const path = add('path', { d: line, fill: 'none', stroke: color, 'stroke-width': 2 });
    path.setAttribute('data-choice', s.choice);
  }
  svg.append(g);
}

/**
 * The election to open with: the latest final presidential result the store has (the election
 * a visitor most likely comes for), else one counted from actas, else the first.
 */
function defaultElection(elections) {
  const finals = elections.filter((e) => e.status === 'final' && e.kind === 'presidential');
  const latest = finals.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0];
  return latest ?? elections.find((e) => !e.status) ?? elections[0];
}

async function main() {
  const view = readView();
  if (view.lang === 'en' || view.lang === 'es') state.lang = view.lang;
  applyStrings();
  // the regional and municipal elections have a view of their own (web/erm.js)
  if (readErmView().view === 'erm') return startErm(applyStrings);
  $('lang').addEventListener('click', async () => {
    state.lang = state.lang === 'es' ? 'en' : 'es';
    applyStrings();
    writeView(true, state.mesa);
    await loadElection(state.election, readView());
  });
  wireWhatIf();
  wireCrossCheck();
  const [{ elections }, site] = await Promise.all([
    getJson(PATHS.elections()),
    tryJson(PATHS.site()),
  ]);
  state.site = site;
  $('election').replaceChildren(...elections.map((e) => el('option', { value: e.id }, e.label)));
  $('election').addEventListener('change', async (e) => {
    // a new election: its own URL, without the previous one's what-if levers or drill
    const u = new URL(location.href);
    for (const k of [...u.searchParams.keys()])
      if (k !== 'lang' && k !== 'poll') u.searchParams.delete(k);
    u.searchParams.set('election', e.target.value);
    u.hash = '';
    history.pushState(null, '', u);
    state.crumbs = [];
    await loadElection(e.target.value);
  });
  // back/forward: the view the URL holds, redrawn (the election and language too)
  window.addEventListener('popstate', () => restore().catch(fail));
  await restore(elections);
  if (location.hash === '#congress' && !$('congress').hidden) $('congress').scrollIntoView();
  setInterval(() => poll().catch(fail), pollInterval());
  setInterval(tickFreshness, 30_000);
  document.body.dataset.ready = 'true';
}

/** Draws the view in the URL: its election and language, its drill and mesa. */
async function restore(elections) {
  const view = readView();
  const lang = view.lang === 'en' ? 'en' : 'es';
  if (lang !== state.lang) {
    state.lang = lang;
    applyStrings();
  }
  const ids = elections ?? [...$('election').options].map((o) => ({ id: o.value }));
  const first =
    ids.find((e) => e.id === view.election) ?? (elections ? defaultElection(elections) : ids[0]);
  if (!first) return;
  $('election').value = first.id;
  await loadElection(first.id, view);
}

function fail(e) {
  document.body.dataset.error = String(e);
  console.error(e);
}

main().catch(fail);
