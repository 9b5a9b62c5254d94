// The ERM view (regional and municipal elections): the national picture by organisation, a map of
// governors, the regional runoffs, and a drill to any council with its hemicycle and the majority
// bonus in one line, with the what-if "without the bonus" (the API's ?bonus=off). It reads the
// multi-contest documents (/api/v1/contests/…json), which `cifra publish` also writes; the
// what-if needs the server, so a static site offers no bonus switch.
import { percent } from './bars.js';
import { BUNDLED_CONTESTS } from '../src/core/model/bundled-contests.js';
import { noSeatAllocated } from '../src/core/pipeline/unallocated-reason.js';
import { typeInferred } from '../src/core/model/organisation-type.js';
import { geoMercator, geoPath } from 'd3-geo';
import { api, type Contest, type ContestsElection, type MapShape } from './api-client.js';
import { ERM_NONE, ERM_OTHERS, ermColors, ermTop } from './erm-colors.js';
import { drawHemicycle, openSeatsNote } from './hemicycle.js';
import {
  focusHeading,
  $,
  $input,
  $select,
  $svg,
  cardTable,
  decimalText,
  el,
  fmt,
  norm,
  state,
  svgEl,
  t,
  inLang,
} from './ui.js';
import { cutText } from './live.js';
import {
  bonusLine,
  councilOpen,
  noMayorWords,
  orgSeats,
  typeSeats,
  unallocatedLine,
} from './erm-seats.js';
import { searchIn, searchIndex, type SearchIndex } from './search-match.js';
import { readErmView, writeErmView, type ErmView } from './url.js';

type Org = ContestsElection['national']['organisations'][number];
type ContestBrief = ContestsElection['contests'][number];
type Council = Extract<Contest, { type: 'council' }>;

/** The jurisdiction of the ERM elections (Peru's): the link to this view shows on its elections only. */
export const ERM_JURISDICTION = 'pe';
const seg = encodeURIComponent;

const erm: {
  doc: ContestsElection | null;
  colors: Map<string, string>;
  view: ErmView | null;
  seq: number;
  /** served by a static host (`cifra publish`): no what-if */
  serverless: boolean;
} = { doc: null, colors: new Map(), view: null, seq: 0, serverless: false };

/** The election document drawn (render loads it before any panel). */
function ermDoc(): ContestsElection {
  if (!erm.doc) throw new Error('no ERM election loaded');
  return erm.doc;
}

/** A select's or input's value from a change event. */
const valueOf = (e: Event): string =>
  e.target instanceof HTMLSelectElement || e.target instanceof HTMLInputElement
    ? e.target.value
    : '';

/** An organisation's colour: its own, else by rank (web/erm-colors.ts); grey past the palette. */
function colorOf(party: string): string {
  return erm.colors.get(party) ?? ERM_OTHERS;
}

const sum = (r: Readonly<Record<string, number>>): number =>
  Object.values(r).reduce((a, b) => a + b, 0);

/** The status of the figures, as the manifest gives it: never "official" for a capture. */
function statusLine(doc: ContestsElection): string {
  const s = doc.status;
  if (s.kind === 'provisional')
    // the cut in the jurisdiction's time (the document's timeZone, its jurisdiction.json's), as
    // on the elections' pages: its instant, when the manifest gives one
    return `${t('ermProvisional')} · ${s.pctCounted === null || s.pctCounted === undefined ? '?' : decimalText(s.pctCounted)} % ${t('actasWord')} · ${t('ermCut')} ${cutText(s.cutTime ?? s.cut, doc.timeZone)}`;
  if (s.kind === 'third-party') return `${t('ermThirdParty')}: ${inLang(s.publisher)}`;
  if (s.kind === 'final') return t('ermFinal');
  return `${t('ermComputed')}: ${inLang(s.from)}`;
}

/** An election's name in the selector: "Regionales y municipales 2022", not its id. */
function ermName(id: string): string {
  const year = /-(\d{4})$/.exec(id)?.[1];
  return year === undefined ? id : `${t('ermShortName')} ${year}`;
}

/** Enters the ERM view: hides the elections dashboard, draws the view the URL holds. */
export async function startErm(applyStrings: () => void): Promise<void> {
  document.body.classList.add('erm-mode');
  $('erm').hidden = false;
  // the first tab stop here too: the election selector, the view's first control (the dashboard's
  // search box is not on this view); focused by script so no fragment enters the shared URL
  const skip = $('skip-search');
  skip.dataset['i18n'] = 'ermSkip';
  skip.textContent = t('ermSkip');
  skip.setAttribute('href', '#erm-election');
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    $select('erm-election').focus();
  });
  // past the map's shapes to the drill, whose department list offers each of them
  $('erm-skip-map').addEventListener('click', (e) => {
    e.preventDefault();
    focusHeading($('erm-drill-title'));
  });
  // a static host serves no what-if: the switch is withdrawn rather than silently ignored
  erm.serverless = (await api.site())?.kind === 'static';
  $input('erm-bonus').disabled = erm.serverless;
  $('erm-bonus').closest('label')?.toggleAttribute('hidden', erm.serverless);
  $('erm-election').replaceChildren(
    ...BUNDLED_CONTESTS.map((id) => el('option', { value: id }, ermName(id))),
  );
  $('erm-election').addEventListener('change', (e) =>
    go({ erm: valueOf(e), dep: null, contest: null, bonus: null }, true),
  );
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'es' ? 'en' : 'es';
    applyStrings();
    go({}, true).catch(unavailable);
  });
  $('erm-dep').addEventListener('change', (e) =>
    go({ dep: valueOf(e) || null, contest: null }, true),
  );
  $('erm-search').addEventListener('input', () => renderCouncilList());
  $('erm-map-kind').addEventListener('change', (e) =>
    go({ map: valueOf(e) === 'governor' ? null : valueOf(e) }, true),
  );
  $('erm-bonus').addEventListener('change', () =>
    go({ bonus: $input('erm-bonus').checked ? 'off' : null }, true),
  );
  window.addEventListener('popstate', () => render().catch(unavailable));
  await render().catch(unavailable);
}

/** The contests did not load (not published, or the server did not answer): say so rather than a blank page. */
function unavailable(e: unknown): void {
  $('erm-status').textContent = t('ermUnavailable');
  document.body.dataset.error = String(e);
  document.body.dataset.ready = 'true';
}

/**
 * A new view: written to the URL (a history entry when `push`), then drawn; `heading`: the new
 * content's heading, where the keyboard and the screen reader go (the link or shape that asked for
 * it is replaced or far away: focus fell to the page's top, review 22 M2).
 */
async function go(change: Partial<ErmView>, push: boolean, heading?: string): Promise<void> {
  writeErmView({ ...readErmView(), ...change }, push);
  await render();
  const h = heading === undefined ? null : document.getElementById(heading);
  if (h === null || h.closest('[hidden]') !== null) return;
  focusHeading(h);
}

async function render(): Promise<void> {
  const view = readErmView();
  // an election the server holds beyond the bundled list (a deployment's own manifest) is kept
  const id = view.erm && /^[a-z0-9][a-z0-9-]*$/.test(view.erm) ? view.erm : BUNDLED_CONTESTS[0];
  if (!$('erm-election').querySelector(`option[value="${id}"]`))
    $('erm-election').append(el('option', { value: id }, ermName(id)));
  // the names in the chosen language (the language button redraws through here)
  for (const o of $('erm-election').querySelectorAll('option')) o.textContent = ermName(o.value);
  const seq = ++erm.seq;
  if (erm.doc?.id !== id) {
    const doc = await api.contests(id);
    if (seq !== erm.seq) return;
    erm.doc = doc;
    erm.colors = ermColors(doc.national.organisations);
  }
  erm.view = view;
  $select('erm-election').value = id;
  const doc = ermDoc();
  renderHeader(doc);
  renderNational(doc);
  await Promise.all([renderMap(doc, view.map), renderRunoffs(doc, seq)]);
  const shown = doc.contests.find((c) => c.id === view.contest);
  renderDepartments(doc, view.dep ?? shown?.region ?? null);
  await renderCouncil(view.contest, view.bonus === 'off' && !erm.serverless, seq);
  document.body.dataset.ready = 'true';
}

function renderHeader(doc: ContestsElection): void {
  $('erm-title').textContent = doc.label[state.lang] ?? doc.label.es;
  $('erm-status').textContent = statusLine(doc);
  // the source's own words for its cut, a hover away
  if (doc.status.kind === 'provisional') $('erm-status').title = doc.status.cut;
  else $('erm-status').removeAttribute('title');
  $('erm-notes').replaceChildren(...doc.notes.map((n) => el('li', {}, inLang(n))));
}

/**
 * Whether the election has councils in its data: a governors-only one (ERM 2026) has none, and its
 * council columns would say "0" for figures it has no data for (review s34), as `cifra contests`.
 */
const hasCouncils = (n: ContestsElection['national']): boolean =>
  n.seatsTotal > 0 || n.unassigned.unknownSizeCouncils > 0;

function renderNational(doc: ContestsElection): void {
  const n = doc.national;
  const inferred = n.classificationBasis === 'inferred';
  const councils = hasCouncils(n);
  // a type not read from a registry says so, in the totals and on each organisation (review s33)
  const mark = (type: Org['type']): string =>
    typeInferred(n.classificationBasis, type) ? ` (${t('ermInferred')})` : '';
  const typeName = (type: Org['type']): string =>
    t(type === 'party' ? 'ermParties' : 'ermMovements') + mark(type);
  const oneType = (type: Org['type']): string =>
    t(type === 'party' ? 'ermPartyOne' : 'ermMovementOne') + mark(type);
  renderByType(doc, typeName, councils);
  const split = n.organisations.map((o) => orgSeats(doc, o));
  const won = split.reduce((a, b) => a + b.decided, 0);
  const open = split.reduce((a, b) => a + b.open, 0);
  $('erm-seats-note').textContent = councils
    ? t('ermSeatsNote')(fmt(won), fmt(open))
    : t('ermSeatsNoData');
  renderUnassigned(n);
  $('erm-classification').textContent =
    `${t(inferred ? 'ermInferredNote' : 'ermRegistryNote')}: ${inLang(n.classification)}`;
  // a second round's winner is counted as the governor (its office), not as a column of its own
  const kinds = doc.sets.map((s) => s.kind).filter((k) => k !== 'governor-runoff');
  const top = ermTop(n.organisations);
  $('erm-orgs').replaceChildren(
    el('caption', {}, t('ermOrgsCaption')),
    el(
      'tr',
      {},
      colHead(t('ermOrg')),
      ...kinds.map((k) => colHead(t(`ermKind-${k}`))),
      ...(councils ? [colHead(t('ermSeats'), t('ermSeatsWonTitle'))] : []),
      colHead(t('ermRunoffs')),
      // a short header (the table must fit a desktop's box, not turn to cards); the title says it whole
      colHead(t('ermLeadingShort'), t('ermLeading')),
    ),
    ...top.map((o) =>
      el(
        'tr',
        {},
        rowHead(swatch(o.party), o.party, el('small', {}, ` · ${oneType(o.type)}`)),
        ...kinds.map((k) => el('td', {}, fmt(o.heads[k] ?? 0))),
        ...(councils ? [el('td', {}, ...seatsCell(orgSeats(doc, o)))] : []),
        el('td', {}, fmt(o.runoffs)),
        el('td', {}, fmt(sum(o.leading))),
      ),
    ),
  );
  cardTable($('erm-orgs'));
}

/**
 * Organisations, offices won, council seats, runoffs and leads by type; without councils in the
 * data, the offices are the governors' and there is no seats column.
 */
function renderByType(
  doc: ContestsElection,
  typeName: (type: Org['type']) => string,
  councils: boolean,
): void {
  const n = doc.national;
  $('erm-bytype').replaceChildren(
    el('caption', {}, t('ermByTypeCaption')),
    councils
      ? colHeads('ermType', 'ermOrgs', 'ermHeads', 'ermSeatsWon', 'ermRunoffs', 'ermLeading')
      : colHeads('ermType', 'ermOrgs', 'ermHeadsGovernors', 'ermRunoffs', 'ermLeading'),
    ...n.byType.map((b) =>
      el(
        'tr',
        { 'data-type': b.type },
        rowHead(typeName(b.type)),
        // seats decided by the page's one rule (web/erm-seats.ts), as each council's view says
        ...[
          b.organisations,
          b.heads,
          ...(councils ? [typeSeats(doc, n.organisations, b.type).decided] : []),
          b.runoffs,
          b.leading,
        ].map((x) => num(x)),
      ),
    ),
  );
  cardTable($('erm-bytype'));
}

/**
 * The council seats no list holds yet, by why (a lot, nothing counted, no eligible list), and the
 * councils of unknown size, next to every seat: decided + on the count + these = the total.
 */
function renderUnassigned(n: ContestsElection['national']): void {
  const u = n.unassigned;
  const box = $('erm-unassigned');
  // a governors-only election (ERM 2026) has no council seat to account for
  box.hidden = n.seatsTotal === 0 && u.unknownSizeCouncils === 0;
  const part = (key: string, text: string): HTMLSpanElement =>
    el('span', { 'data-unassigned': key }, text);
  const parts = [
    ...(u.lot.seats > 0
      ? [part('lot', t('ermUnassignedLot')(fmt(u.lot.seats), fmt(u.lot.councils)))]
      : []),
    ...(u.notCounted.seats > 0
      ? [
          part(
            'not-counted',
            t('ermUnassignedNotCounted')(fmt(u.notCounted.seats), fmt(u.notCounted.councils)),
          ),
        ]
      : []),
    ...(u.noEligibleList.seats > 0
      ? [
          part(
            'no-eligible-list',
            t('ermUnassignedNoList')(fmt(u.noEligibleList.seats), fmt(u.noEligibleList.councils)),
          ),
        ]
      : []),
    ...(u.unknownSizeCouncils > 0
      ? [part('unknown-size', t('ermUnassignedUnknown')(fmt(u.unknownSizeCouncils)))]
      : []),
  ];
  const listed =
    parts.length === 0
      ? [t('ermUnassignedNone')]
      : parts.flatMap((p, i) => (i === 0 ? [p] : [' · ', p]));
  box.replaceChildren(
    `${t('ermUnassignedLead')}: `,
    ...listed,
    '; ',
    part('total', t('ermSeatsTotal')(fmt(n.seatsTotal))),
  );
}

const num = (x: number): HTMLTableCellElement => el('td', { class: 'num' }, fmt(x));
/** A column's header, for a screen reader's table navigation; `title`: its whole name if shortened. */
const colHead = (text: string, title?: string): HTMLTableCellElement =>
  el('th', { scope: 'col', ...(title === undefined ? {} : { title }) }, text);
/** A table's header row of the given strings' keys. */
const colHeads = (...keys: string[]): HTMLTableRowElement =>
  el('tr', {}, ...keys.map((k) => colHead(t(k))));
/** The cell that names its row (an organisation, a region): read before each of the row's figures. */
const rowHead = (...content: (Node | string)[]): HTMLTableCellElement =>
  el('th', { scope: 'row' }, ...content);
/** Seats decided, and those on the votes counted beside them, said apart: "12 +5 sin decidir". */
const seatsCell = (s: { decided: number; open: number }): (HTMLElement | string)[] => [
  fmt(s.decided),
  ...(s.open > 0
    ? [el('small', { class: 'open-seats' }, ` +${fmt(s.open)} ${t('ermSeatsOpenShort')}`)]
    : []),
];
const swatch = (party: string): HTMLSpanElement =>
  el('span', { class: 'swatch', style: `background:${colorOf(party)}` });
/** A lead not decided: the leader's colour, pale (the map's fill-opacity). */
const LEADS_OPACITY = 0.4;
const paleSwatch = (party: string): HTMLSpanElement =>
  el('span', {
    class: 'swatch leads',
    style: `background:${colorOf(party)};opacity:${LEADS_OPACITY}`,
  });

/**
 * The contest a map shape stands for: its governor (Lima Metropolitana has no regional
 * government), or the mayor of its capital's provincial council (Lima Metropolitana's own).
 */
function contestOf(
  doc: ContestsElection,
  p: MapShape['properties'],
  kind: string,
): ContestBrief | null {
  const limaMet = p.level === 'circunscripcion' && p.code === '15';
  const name = p.level === 'circunscripcion' ? 'LIMA' : norm(p.name);
  if (kind === 'governor' && limaMet) return null;
  if (kind !== 'governor' && p.level === 'circunscripcion')
    return limaMet
      ? (doc.contests.find((c) => c.id === 'provincial-council/140100') ?? null)
      : null;
  return doc.contests.find((c) => c.kind === kind && norm(c.region) === name) ?? null;
}

/**
 * What a map shape says: a winner or a runoff only once decided (the source's 100 %, or a lead no
 * vote still out can undo); before that, who leads, drawn pale — never as won.
 */
const outcomeOf = (c: ContestBrief | null): string =>
  !c
    ? 'none'
    : c.winner
      ? 'winner'
      : c.runoff && (c.decided !== null || c.secondRound)
        ? 'runoff'
        : c.leader
          ? 'leads'
          : 'open';

/** How a decided outcome was decided, or why a lead is not one, in a few words. */
const decidedHow = (c: { decided: ContestBrief['decided'] }): string =>
  t(c.decided === null ? 'ermNotDecided' : `ermDecided-${c.decided}`);

function shapeLabel(c: ContestBrief | null, p: MapShape['properties'], kind: string): string {
  if (!c) return `${p.name}: ${t(kind === 'governor' ? 'ermNoGovernor' : 'ermNoCapital')}`;
  const where = kind === 'governor' ? c.region : `${c.region} · ${c.name}`;
  const outcome = outcomeOf(c);
  if (c.winner) return `${where}: ${t('ermElectedWord')} ${c.winner} (${decidedHow(c)})`;
  if (outcome === 'runoff') return `${where}: ${t('ermRunoff')} — ${c.runoff?.join(' / ') ?? ''}`;
  if (c.leader) return `${where}: ${t('ermLeads')} ${c.leader} (${decidedHow(c)})`;
  return `${where}: ${t('ermOpen')}`;
}

async function renderMap(doc: ContestsElection, mapKind: string | null): Promise<void> {
  const kinds = doc.sets.map((s) => s.kind);
  const kind = kinds.find((k) => k === mapKind) ?? 'governor';
  $('erm-map-kind').hidden = !kinds.includes('provincial-council');
  $select('erm-map-kind').value = kind;
  $('erm-map-title').textContent = t(kind === 'governor' ? 'ermMap' : 'ermMapMayors');
  const geo = await api.geography(ERM_JURISDICTION);
  const svg = $svg('erm-map');
  svg.replaceChildren(ermPattern());
  const path = geoPath(geoMercator().fitSize([400, 560], geo));
  const shown = new Set<string>();
  const leading = new Set<string>();
  for (const f of geo.features) {
    const c = contestOf(doc, f.properties, kind);
    const outcome = outcomeOf(c);
    if (c?.winner) shown.add(c.winner);
    const leads = outcome === 'leads' ? (c?.leader ?? null) : null;
    if (leads !== null) leading.add(leads);
    const label = shapeLabel(c, f.properties, kind);
    const node = svgEl('path', {
      d: path(f) ?? '',
      fill: c?.winner
        ? colorOf(c.winner)
        : leads !== null
          ? colorOf(leads)
          : outcome === 'runoff'
            ? 'url(#erm-runoff)'
            : ERM_NONE,
      // a lead not decided is drawn pale: never in a winner's full colour
      ...(leads !== null ? { 'fill-opacity': LEADS_OPACITY } : {}),
      tabindex: 0,
      role: 'button',
      'aria-label': label,
      'data-region': c ? c.region : '',
      'data-party': c?.winner ?? '',
      'data-leader': leads ?? '',
      'data-decided': c?.decided ?? '',
      'data-outcome': outcome,
    });
    node.append(svgEl('title', {}, label));
    const open = () => go({ dep: c ? c.region : 'LIMA', contest: null }, true, 'erm-drill-title');
    node.addEventListener('click', open);
    node.addEventListener(
      'keydown',
      (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), open()),
    );
    svg.append(node);
  }
  $('erm-legend').replaceChildren(
    ...[...shown].map((p) => el('li', { 'data-legend': 'elected' }, swatch(p), p)),
    ...[...leading].map((p) =>
      el('li', { 'data-legend': 'leads' }, paleSwatch(p), `${p} — ${t('ermLeadsLegend')}`),
    ),
    el('li', {}, el('span', { class: 'swatch runoff' }), t('ermRunoffLegend')),
    el('li', {}, el('span', { class: 'swatch none' }), t('ermNoneLegend')),
  );
}

/** Stripes for a department still in a runoff: shown as such, never as won. */
function ermPattern(): SVGElement {
  const defs = svgEl('defs');
  const p = svgEl('pattern', {
    id: 'erm-runoff',
    width: 8,
    height: 8,
    patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)',
  });
  p.append(svgEl('rect', { width: 8, height: 8, fill: '#ffffff' }));
  p.append(svgEl('rect', { width: 3, height: 8, fill: '#555555' }));
  defs.append(p);
  return defs;
}

type SingleWinner = Extract<Contest, { type: 'single-winner' }>;

/** The first's lead over the second in points of the valid vote, '?' without two candidates. */
function marginPp(a?: { pctValid: string | null }, b?: { pctValid: string | null }): string {
  const [x, y] = [a?.pctValid ?? null, b?.pctValid ?? null];
  return x !== null && y !== null ? fmt(Number(x) - Number(y), 2) : '?';
}

/**
 * The runoffs: the pair, their first-round shares of valid votes and the margin between them;
 * then, where the data hold it, the second-round count (Ley 27683 art. 5: simple majority).
 */
async function renderRunoffs(doc: ContestsElection, seq: number): Promise<void> {
  const runoffs = doc.contests.filter((c) => c.kind === 'governor' && c.runoff);
  const [full, second] = await Promise.all([
    Promise.all(runoffs.map((c) => api.contest(doc.id, c.id, false))),
    Promise.all(
      runoffs.map((c) => (c.secondRound ? api.contest(doc.id, c.secondRound.id, false) : null)),
    ),
  ]);
  if (seq !== erm.seq) return;
  const counted = secondRoundStatus(doc);
  const of = doc.contests.filter((c) => c.kind === 'governor').length;
  // at a provisional cut the pair can still change: said beside the count, not only at the top
  const prov = doc.status.kind === 'provisional' ? ` · ${t('ermProvisional')}` : '';
  // pairs the votes still out could change are counted apart (their rows say so)
  const settled = runoffs.filter((c) => c.decided !== null || c.secondRound).length;
  const undecided = runoffs.length - settled;
  $('erm-runoffs-count').textContent =
    `${t('ermRunoffsOf')(settled, of)}${undecided > 0 ? ` · ${t('ermRunoffsOpen')(undecided)}` : ''}${prov}`;
  $('erm-runoffs').replaceChildren(
    colHeads('ermRegion', 'ermFirst', 'ermSecond', 'ermMargin'),
    ...full.flatMap((c, i) => {
      if (c.type !== 'single-winner') return [];
      const [a, b] = c.result.candidates;
      const margin = marginPp(a, b);
      const cell = (x: { candidate: string; pctValid: string | null }): HTMLTableCellElement =>
        el('td', {}, swatch(x.candidate), `${x.candidate} · ${percent(x.pctValid)}`);
      const s = second[i] ?? null;
      // a pair on a count that could still change it is said as such, row by row
      const open = c.decided === null && !c.secondRound;
      return [
        el(
          'tr',
          { 'data-region': c.region, 'data-decided': c.decided ?? '' },
          rowHead(c.region, ...(open ? [el('small', {}, ` · ${t('ermPairOpen')}`)] : [])),
          a ? cell(a) : el('td'),
          b ? cell(b) : el('td'),
          el('td', {}, `${margin} ${t('ermPoints')}`),
        ),
        // the second round's count, under its region's first-round row (full width)
        ...(s ? [el('tr', { 'data-second-of': c.region }, secondRoundCell(s, counted))] : []),
      ];
    }),
  );
  cardTable($('erm-runoffs'));
}

/** The second round's count status (its set's own), as the status line says it. */
function secondRoundStatus(doc: ContestsElection): string {
  const set = doc.sets.find((s) => s.kind === 'governor-runoff');
  return set ? statusLine({ ...doc, status: set.status }) : '';
}

/**
 * A region's second-round count: both formulas' votes and shares, the margin, and the winner only
 * when the core settled it (complete count, or a lead larger than the votes still out).
 */
function secondRoundCell(c: Contest | null, counted: string): HTMLTableCellElement {
  if (c === null || c.type !== 'single-winner')
    return el('td', { 'data-second': 'none', colspan: 4 }, t('ermSecondNone'));
  const r: SingleWinner['result'] = c.result;
  const [a, b] = r.candidates;
  const line = (x: { candidate: string; votes: number; pctValid: string | null }): HTMLElement =>
    el('div', {}, swatch(x.candidate), `${x.candidate} · ${fmt(x.votes)} · ${percent(x.pctValid)}`);
  const margin = marginPp(a, b);
  const o = r.outcome;
  const verdict =
    c.decided !== null && o.kind === 'winner'
      ? `${t('ermElected')}: ${o.winner}`
      : c.decided !== null && o.kind === 'tie'
        ? t('ermSecondTie')
        : t('ermNotSettled');
  return el(
    'td',
    { 'data-second': c.decided === null ? 'open' : 'decided', colspan: 4 },
    el('div', {}, el('em', {}, t('ermSecondCount'))),
    ...(a ? [line(a)] : []),
    ...(b ? [line(b)] : []),
    el('div', {}, `${t('ermMargin')}: ${margin} ${t('ermPoints')} · ${counted}`),
    el('strong', {}, verdict),
  );
}

function renderDepartments(doc: ContestsElection, dep: string | null): void {
  const regions = [...new Set(doc.contests.map((c) => c.region))].sort((a, b) =>
    norm(a).localeCompare(norm(b)),
  );
  $('erm-dep').replaceChildren(
    el('option', { value: '' }, t('ermPickDep')),
    ...regions.map((r) => el('option', { value: r }, r)),
  );
  // a link written with another spelling (dep=ANCASH) lands on the department's one name
  const picked = dep === null ? undefined : regions.find((r) => norm(r) === norm(dep));
  $select('erm-dep').value = picked ?? '';
  const gov = doc.contests.find((c) => c.kind === 'governor' && c.region === picked);
  $('erm-governor').textContent = gov ? governorLine(gov) : '';
  $('erm-governor').dataset['decided'] = gov?.decided ?? '';
  const councils = doc.contests.filter(isCouncil);
  $('erm-councils-block').hidden = councils.length === 0;
  renderCouncilList();
}

/** A region's governor: elected (and how that is settled), a decided runoff, or who leads. */
function governorLine(gov: ContestBrief): string {
  if (gov.winner && gov.secondRound)
    return `${t('ermGovernor')}: ${gov.winner} (${t('ermDecidedSecond')})`;
  if (gov.winner)
    return `${t('ermGovernor')}: ${t('ermElectedWord')} ${gov.winner} (${decidedHow(gov)})`;
  if (gov.runoff && (gov.decided !== null || gov.secondRound))
    return `${t('ermGovernor')}: ${t('ermRunoff')} — ${gov.runoff.join(' / ')}`;
  if (!gov.leader) return `${t('ermGovernor')}: ${t('ermOpen')}`;
  const pair = gov.runoff ? ` · ${t('ermRunoff')}? ${gov.runoff.join(' / ')}` : '';
  return `${t('ermGovernor')}: ${t('ermLeads')} ${gov.leader}${pair} (${decidedHow(gov)})`;
}

/** A council in the list: its mayor once decided, else who leads. */
const councilVerdict = (c: ContestBrief): string =>
  c.winner
    ? `${t('ermElectedWord')} ${c.winner}`
    : c.leader
      ? `${t('ermLeads')} ${c.leader}`
      : t('ermOpen');

/** Councils only: not a governor's first or second round. */
const isCouncil = (c: ContestBrief): boolean => c.kind.endsWith('-council');

/** The councils searched, by the words of their name and their ubigeo: built once per document. */
const councilIndex = new WeakMap<ContestsElection, SearchIndex<ContestBrief>>();

/**
 * The councils of the department picked, or matching the search anywhere: each word of the query
 * starts a word of the name (a number whole) or the ubigeo, accents and case aside (web/search-match.ts, the
 * dashboard's search), so "san jose" finds SAN JOSÉ and "1401" Lima's districts.
 */
function renderCouncilList(): void {
  const doc = ermDoc();
  const dep = $select('erm-dep').value;
  const q = $input('erm-search').value;
  let index = councilIndex.get(doc);
  if (index === undefined) {
    index = searchIndex(
      doc.contests.filter(isCouncil),
      (c) => [c.name],
      (c) => [c.id.split('/')[1] ?? ''],
    );
    councilIndex.set(doc, index);
  }
  const typed = q.trim() !== '';
  // every hit, then the department's: the count says how many the list leaves out
  const hits = (typed ? searchIn(index, q, Infinity).hits : index.items).filter(
    (c) => dep === '' || c.region === dep,
  );
  const shown = dep === '' && !typed ? [] : hits.slice(0, 60);
  $('erm-council-list').replaceChildren(
    ...shown.map((c) =>
      el(
        'li',
        {},
        el(
          'a',
          {
            href: `?view=erm&erm=${seg(doc.id)}&contest=${seg(c.id)}`,
            'data-contest': c.id,
            onclick: (e: Event) => {
              e.preventDefault();
              go({ contest: c.id, dep: c.region }, true, 'erm-council-title').catch(unavailable);
            },
          },
          `${c.name} (${c.id.split('/')[1] ?? c.id})`,
        ),
        ` · ${councilVerdict(c)}`,
      ),
    ),
  );
  $('erm-council-count').textContent =
    shown.length < hits.length ? `${shown.length} / ${hits.length}` : `${hits.length}`;
}

/** One council: the hemicycle, the seats, and the bonus in one line (or the what-if without it). */
async function renderCouncil(cid: string | null, bonusOff: boolean, seq: number): Promise<void> {
  const box = $('erm-council');
  box.hidden = !cid;
  $input('erm-bonus').checked = bonusOff;
  if (!cid) return;
  const c = await api.contest(ermDoc().id, cid, bonusOff);
  if (seq !== erm.seq) return;
  $('erm-council-title').textContent = `${c.name} · ${c.region}`;
  if (c.type !== 'council') {
    $('erm-council-title').textContent = `${t('ermGovernor')} · ${c.region}`;
    $('erm-council-verdict').textContent = '';
    return;
  }
  $('erm-council-verdict').textContent = mayorLine(c);
  $('erm-council-verdict').dataset['decided'] = c.decided ?? '';
  const order = c.votes.map((v) => v.party).filter((p) => (c.seats[p] ?? 0) > 0);
  // seats on the votes counted, not decided, are drawn and said as such (rings, "N aún abiertos")
  const open = councilOpen(ermDoc(), c);
  drawHemicycle(
    $svg('erm-hemicycle'),
    order.map((p) => [p, c.seats[p] ?? 0] as const),
    colorOf,
    c.name,
    // seats no list holds yet (a lot, nothing counted) keep the council's size, hatched
    c.unallocated > 0
      ? [{ seats: c.unallocated, label: unallocatedLine(c, open, t, fmt) ?? '' }]
      : [],
    open,
  );
  const note = openSeatsNote(open ? sum(c.seats) : 0);
  $('erm-seats-open').replaceChildren(...note);
  $('erm-seats-open').hidden = note.length === 0;
  $('erm-bonus-line').textContent = bonusLine(c, bonusOff, t);
  const decided = open ? null : (c.seatsDecided ?? 'source-final');
  $('erm-seats-status').textContent =
    unallocatedLine(c, open, t, fmt) ?? t(`ermSeatsStatus-${decided ?? 'open'}`);
  $('erm-seats-status').dataset['decided'] = decided ?? '';
  $('erm-seats-status').dataset['unallocated'] = c.unallocatedReason ?? '';
  // no seat allocated yet (a lot for the mayor, nothing counted): no list's seats, not zeros
  const none = noSeatAllocated(c);
  $('erm-seats').replaceChildren(
    el('caption', {}, `${t('ermSeatsCaption')} · ${c.name}`),
    colHeads('ermOrg', 'ermVotes', 'ermSeats'),
    ...c.votes.map((v) =>
      el(
        'tr',
        { 'data-party': v.party },
        rowHead(swatch(v.party), v.party),
        num(v.votes),
        none ? el('td', { class: 'num' }, '—') : num(c.seats[v.party] ?? 0),
      ),
    ),
  );
  cardTable($('erm-seats'));
}

/** The mayor: elected (and how that is settled) only once decided, else who leads. */
function mayorLine(c: Council): string {
  if (c.head === null) return `${t('ermMayor')}: ${noMayorWords(c, t)}`;
  const verb = c.decided === null ? t('ermLeads') : t('ermElectedWord');
  return `${t('ermMayor')}: ${verb} ${c.head} (${decidedHow(c)})`;
}
