// The cifra dashboard: plain ES module, no build step. Every number comes from the API
// (/api/v1/...) and is shown as the API gives it; maps use d3-geo (loaded as /vendor/d3-geo.js).
import { renderCongress } from './congress.js';
import { setupCrossCheck, wireCrossCheck } from './crosscheck.js';
import { $, api, el, fmt, PALETTE, state, t } from './ui.js';
import { setupWhatIf, wireWhatIf } from './what-if.js';

function applyStrings() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll('[data-i18n]'))
    node.textContent = t(node.dataset.i18n);
  $('lang').textContent = t('langButton');
  $('lang').setAttribute('aria-label', t('langLabel'));
}

function leader(unit) {
  return [...unit.choices].sort((a, b) => b.votes - a.votes)[0];
}

async function loadElection(id) {
  state.election = id;
  const cands = await api('candidates');
  state.choices = cands.choices;
  state.colors = new Map(
    cands.choices.map((c, i) => [c.id, c.color ?? PALETTE[i % PALETTE.length]]),
  );
  await Promise.all([
    renderProgress(),
    renderSummary(),
    renderMap(),
    renderProjection(),
    renderCourse(),
  ]);
  await drill([]);
}

/** What the figures are: final, provisional at a cut, computed by cifra, or a third party's — always with the source. */
function statusText(about, pub) {
  const st = about?.status ?? { kind: pub?.status ?? 'final' };
  const head =
    st.kind === 'provisional'
      ? `${t('provisional')} · ${st.pctCounted ?? pub?.pctCounted ?? '—'} % ${t('counted')} · ${t('snapshot')}: ${st.cut ?? pub?.asOf ?? '—'}`
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

async function renderProgress() {
  const p = await api('progress');
  state.published = p.published ?? null;
  state.about = p.about ?? null;
  const notice = $('provisional');
  renderAbout(p.about, state.choices);
  await setupCrossCheck(p.about, showActa);
  if (p.about && !p.published) {
    notice.hidden = false;
    notice.textContent = statusText(p.about, null);
  }
  if (p.published) {
    const pub = p.published;
    notice.hidden = false;
    notice.textContent = statusText(p.about, pub);
    $('progress').replaceChildren(
      el(
        'span',
        {},
        `${t('actasProcessed')}: `,
        el('strong', { id: 'pct-actas' }, `${pub.pctCounted ?? '—'} %`),
      ),
      el('span', {}, `${t('snapshot')}: `, el('strong', {}, pub.asOf)),
    );
    return;
  }
  if (!p.about) notice.hidden = true;
  const a = p.actas;
  $('progress').replaceChildren(
    el(
      'span',
      {},
      `${t('actasProcessed')}: `,
      el('strong', { id: 'pct-actas' }, `${a.pctProcessed} %`),
      ` (${fmt(a.processed)} / ${fmt(a.total)})`,
    ),
    el('span', {}, `${t('atJee')}: `, el('strong', {}, fmt(a.jee))),
    el('span', {}, `${t('pending')}: `, el('strong', {}, fmt(a.pending))),
    el('span', {}, `${t('remaining')}: `, el('strong', {}, fmt(p.eligibleRemaining))),
    el('span', {}, `${t('snapshot')}: `, el('strong', {}, p.snapshotTime ?? '—')),
  );
}

async function renderSummary() {
  const [doc, seats] = await Promise.all([api('results?level=national'), api('seats')]);
  const n = doc.units[0];
  if (!n) {
    // a source with seats but no votes (a seat projection): only the hemicycle
    $('bars').replaceChildren();
    $('totals').replaceChildren();
    $('outcome').textContent = '';
    renderCongress(seats);
    await setupWhatIf(seats);
    return;
  }
  const top = [...n.choices].sort((a, b) => b.votes - a.votes).slice(0, 8);
  $('bars').replaceChildren(
    ...top.map((c) =>
      el(
        'li',
        { 'data-choice': c.id },
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
    ),
  );
  const o = seats.kind === 'presidential' ? seats.result.outcome : null;
  const provisional = state.published?.status === 'provisional';
  $('outcome').textContent = !o
    ? ''
    : o.kind === 'runoff'
      ? `${t('runoff')} ${o.pair[0]} · ${o.pair[1]}${provisional ? ` (${t('provisional').toLowerCase()})` : ''}`
      : o.kind === 'winner'
        ? provisional
          ? `${t('leadsProvisionally')}: ${o.winner}`
          : `${o.round === 'first' ? t('winnerFirst') : t('winnerRunoff')}: ${o.winner}`
        : t('tie');
  const row = (key, value, id) => [el('dt', {}, t(key)), el('dd', id ? { id } : {}, value)];
  // show only the figures the source has (published aggregates may lack electors or blank/null)
  const figures = state.published?.figures ?? 'complete';
  $('totals').replaceChildren(
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
  );
  renderCongress(seats);
  await setupWhatIf(seats);
}

async function renderMap() {
  const [geo, deps, circ, ambito] = await Promise.all([
    fetch('/geo/peru.json').then((r) => r.json()),
    api('results?level=department'),
    api('results?level=circunscripcion'),
    api('results?level=ambito'),
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
  for (const f of geo.features) {
    const p = f.properties;
    // Lima's two shapes use circunscripción results; a source without them falls back to the department
    const unit =
      units.get(`${p.level}:${p.code}`) ??
      (p.level === 'circunscripcion' ? units.get(`department:${p.reniec}`) : undefined) ??
      (byCirc ? circByName.get(norm(p.name)) : undefined);
    const lead = unit ? leader(unit) : null;
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
    node.setAttribute(
      'aria-label',
      `${p.name}${lead ? `: ${lead.label} ${t('leads')} ${lead.pctValid} %` : ''}`,
    );
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = node.getAttribute('aria-label');
    node.append(title);
    const open = () =>
      byCirc
        ? unit && drill([{ level: 'circunscripcion', code: unit.code, name: unit.name }])
        : p.level === 'department'
          ? drill([{ level: 'department', code: p.code, name: p.name }])
          : p.code === '15'
            ? drill([{ level: 'province', code: '1401', name: p.name }])
            : drill([{ level: 'department', code: '14', name: 'LIMA' }]);
    node.addEventListener('click', open);
    node.addEventListener(
      'keydown',
      (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open()),
    );
    svg.append(node);
  }
  const abroad = ambito.units.find((u) => u.code === 'EXTRANJERO');
  const lead = abroad ? leader(abroad) : null;
  $('abroad').replaceChildren(
    abroad
      ? el(
          'button',
          { type: 'button', onclick: () => drill([{ level: 'ambito', code: 'EXTRANJERO' }]) },
          `${t('abroad')}: ${lead?.label ?? ''} ${lead?.pctValid ?? ''} % · ${fmt(abroad.valid)} ${t('valid').toLowerCase()}`,
        )
      : '',
  );
}

const CHILD = {
  national: 'department',
  ambito: 'department',
  department: 'province',
  province: 'district',
};

/** Each drill's number: a slower, older drill must not draw over a newer one. */
let drillSeq = 0;

async function drill(crumbs) {
  const seq = ++drillSeq;
  state.crumbs = crumbs;
  // the old children go at once: a click on one while the new unit loads would drill from a
  // place the page has already left
  $('children').replaceChildren();
  const last = crumbs.at(-1) ?? { level: 'national', code: 'PE' };
  const doc = await api(
    `results?level=${last.level}${last.level === 'national' ? '' : `&code=${last.code}`}`,
  );
  if (seq !== drillSeq) return;
  const unit = doc.units[0];
  $('crumbs').replaceChildren(
    el('button', { type: 'button', onclick: () => drill([]) }, t('peru')),
    ...crumbs
      .map((c, i) => [
        '›',
        el(
          'button',
          { type: 'button', onclick: () => drill(crumbs.slice(0, i + 1)) },
          c.name ?? c.code,
        ),
      ])
      .flat(),
  );
  $('acta').replaceChildren();
  $('unit').replaceChildren(unit ? unitTable(unit) : '');
  if (last.level === 'district') {
    const list = await api(`mesas?district=${last.code}`);
    if (seq !== drillSeq) return;
    $('children').replaceChildren(
      el('h3', {}, t('mesas')),
      el(
        'div',
        { class: 'children' },
        ...list.mesas.map((m) =>
          el(
            'button',
            { type: 'button', 'data-mesa': m.mesa, onclick: () => showActa(m.mesa) },
            m.mesa,
            m.conflict ? ' ⚠' : '',
          ),
        ),
      ),
    );
    return;
  }
  let childLevel = CHILD[last.level];
  if (childLevel === undefined) {
    $('children').replaceChildren();
    return;
  }
  let childDoc = await api(`results?level=${childLevel}`);
  // a source by circunscripción only (a Congress): the nation's children are its circunscripciones
  if (last.level === 'national' && childDoc.units.length === 0) {
    childLevel = 'circunscripcion';
    childDoc = await api('results?level=circunscripcion');
  }
  if (seq !== drillSeq) return;
  const prefix =
    last.level === 'ambito'
      ? last.code === 'EXTRANJERO'
        ? '9'
        : ''
      : last.level === 'national'
        ? ''
        : last.code;
  const kids = childDoc.units.filter((u) => u.code.startsWith(prefix));
  if (kids.length === 0) {
    $('children').replaceChildren();
    return;
  }
  $('children').replaceChildren(
    el(
      'h3',
      {},
      t(
        childLevel === 'province'
          ? 'provinces'
          : childLevel === 'district'
            ? 'districts'
            : childLevel === 'circunscripcion'
              ? 'circunscripcionesTitle'
              : 'departments',
      ),
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
              drill([...crumbs, { level: childLevel, code: u.code, name: u.name.split(',')[0] }]),
          },
          u.name.split(',')[0],
        ),
      ),
    ),
  );
}

function unitTable(u) {
  const rows = [...u.choices].sort((a, b) => b.votes - a.votes).filter((c) => c.votes > 0);
  return el(
    'div',
    {},
    el('h3', { id: 'unit-name' }, u.name),
    el(
      'p',
      {},
      state.published
        ? `${t('actasProcessed')}: ${u.actas.total > 0 ? u.actas.pctProcessed : (state.published.pctCounted ?? '—')} % · ${t('valid')}: ${fmt(u.valid)}`
        : `${t('actasProcessed')}: ${u.actas.pctProcessed} % · ${t('valid')}: ${fmt(u.valid)} · ${t('participation')}: ${u.participation} %`,
    ),
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
        ...rows.map((c) =>
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
  );
}

async function showActa(mesa) {
  const a = await api(`actas/${mesa}`);
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

// The projection panel: always apart from the official count and labelled as an estimate.
/** The count's course: the leader's margin after each published update, and where the lead changed hands. */
async function renderCourse() {
  const box = $('course');
  const c = await api('count-course');
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

/** A probability while actas remain: never 100 % or 0 %, the count is not over. */
function probText(prob) {
  if (prob > 0.99) return '> 99 %';
  if (prob < 0.01) return '< 1 %';
  return `${(100 * prob).toFixed(1)} %`;
}

async function renderProjection() {
  const section = $('projection');
  const res = await fetch(`/api/v1/projection?election=${encodeURIComponent(state.election)}`);
  if (!res.ok) {
    section.hidden = true;
    return;
  }
  const p = await res.json();
  // nothing left to project once every acta is counted: the count is the result
  if (p.pctCounted >= 100) {
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
  const max = Math.max(...top.map((c) => c.hi90), 1);
  const x = (v) => `${(100 * v) / max}%`;
  const colorOf = (label) =>
    state.colors.get(state.choices.find((c) => c.label === label)?.id) ?? '#777';
  $('projection-bars').replaceChildren(
    ...top.map((c) => {
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
    }),
  );
  const odds = [];
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
  $('projection-odds').replaceChildren(...odds);
  const seats = p.seats
    ? [
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
      ]
    : [];
  $('projection-seats').replaceChildren(...seats);
  const history = await fetch(
    `/api/v1/projection/history?election=${encodeURIComponent(state.election)}`,
  ).then((r) => (r.ok ? r.json() : { points: [] }));
  renderProjectionHistory(
    history.points,
    top.slice(0, 3).map((c) => c.choice),
    colorOf,
  );
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
  const saved = new URLSearchParams(location.search).get('lang');
  if (saved === 'en' || saved === 'es') state.lang = saved;
  applyStrings();
  $('lang').addEventListener('click', async () => {
    state.lang = state.lang === 'es' ? 'en' : 'es';
    applyStrings();
    await loadElection(state.election);
  });
  wireWhatIf();
  wireCrossCheck();
  const { elections } = await (await fetch('/api/v1/elections')).json();
  $('election').replaceChildren(...elections.map((e) => el('option', { value: e.id }, e.label)));
  $('election').addEventListener('change', (e) => {
    // a new election: its own URL, without the previous one's what-if levers
    const u = new URL(location.href);
    u.search = '';
    u.hash = '';
    u.searchParams.set('election', e.target.value);
    if (state.lang !== 'es') u.searchParams.set('lang', state.lang);
    history.replaceState(null, '', u);
    return loadElection(e.target.value);
  });
  const asked = new URLSearchParams(location.search).get('election');
  const first = elections.find((e) => e.id === asked) ?? defaultElection(elections);
  if (first) {
    $('election').value = first.id;
    await loadElection(first.id);
    if (location.hash === '#congress' && !$('congress').hidden) $('congress').scrollIntoView();
  }
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.error = String(e);
  console.error(e);
});
