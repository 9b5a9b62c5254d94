// The cifra dashboard: TypeScript modules bundled by esbuild (npm run build:web). Every number
// comes from the read documents at query-free paths (src/api/paths.ts, as the API and a static
// site built by `cifra publish` serve them), through the typed client (api-client.ts), and is
// shown as given.
import { PATHS } from '../src/api/paths.js';
import { lacksAbroad } from './abroad.js';
import { auditUnchecked, drawAuditHead } from './audit-head.js';
import {
  api,
  drawPinned,
  type Api,
  readAll,
  type Choice,
  type Election,
  type Progress,
  type Projection,
  type ResultUnit,
  type Seats,
  type Summary,
} from './api-client.js';
import { barsOf, percent, totalsOf } from './bars.js';
import { renderCongress } from './congress.js';
import { renderCourse } from './course.js';
import { setupCrossCheck, wireCrossCheck } from './crosscheck.js';
import { loadCut } from './cut.js';
import {
  drill,
  drillPaths,
  navigationsSoFar,
  nationName,
  onCutMoved,
  openMesa,
  sameCrumbs,
  unitDrawnAt,
} from './drill.js';
import { statusLine } from './figures-status.js';
import { ERM_JURISDICTION, startErm } from './erm.js';
import { headline, liveLead, projectionOdds } from './headline.js';
import { freshness, pollInterval, shownCut, tickFreshness, zoneTime } from './live.js';
import { hasLevel, mapPaths, renderMap, resultsIfLevel } from './map.js';
import { heardAfter, newsOf, type NewsParts } from './news.js';
import { renderProjection } from './projection.js';
import {
  connectionAfter,
  noticeText,
  sameConnection,
  UNANSWERED,
  type Connection,
  type Heard,
} from './server-notice.js';
import { crumbsTo, searchesSoFar, setupSearch, wireSkipLink } from './search.js';
import {
  $,
  $select,
  decimalText,
  el,
  electionId,
  electionTitle,
  fmt,
  paletteColor,
  state,
  t,
  inLang,
  choiceLabel,
  type Crumb,
} from './ui.js';
import { readErmView, readView, writeLang, type View } from './url.js';
import { setupWhatIf, wireWhatIf } from './what-if.js';

type About = NonNullable<Progress['about']>;

function applyStrings(): void {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    node.textContent = t(node.dataset['i18n'] ?? '');
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-aria-label]'))
    node.setAttribute('aria-label', t(node.dataset['i18nAriaLabel'] ?? ''));
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-placeholder]'))
    node.setAttribute('placeholder', t(node.dataset['i18nPlaceholder'] ?? ''));
  // texts from the data in both languages (the election picker's labels)
  for (const node of document.querySelectorAll<HTMLElement>('[data-es][data-en]'))
    node.textContent = node.dataset[state.lang] ?? '';
  $('lang').textContent = t('langButton');
  $('lang').setAttribute('aria-label', t('langLabel'));
  drawServerNotice();
  drawAuditHead(state.site);
  // the regional and municipal view keeps the language chosen (Spanish is the URL's default)
  $('erm-link').setAttribute(
    'href',
    state.lang === 'es' ? '?view=erm' : `?view=erm&lang=${state.lang}`,
  );
}

/** Each load of a view's number: a later one (a second back press) supersedes an earlier one. */
let loads = 0;

/**
 * Loads an election at a view (the URL's, or none); `data-loading` on the body counts the loads
 * under way, a superseded one's too, so a test knows when the last one has had its say.
 */
async function loadElection(id: string, view: Partial<View> = {}): Promise<void> {
  const body = document.body.dataset;
  body['loading'] = String(Number(body['loading'] ?? 0) + 1);
  try {
    await loadView(id, view);
  } finally {
    body['loading'] = String(Number(body['loading']) - 1);
  }
}

async function loadView(id: string, view: Partial<View>): Promise<void> {
  // a drill or an acta the user asks for while the election loads is theirs: the URL's view
  // (back, forward, a shared link) must not draw over it once its documents arrive
  const since = navigationsSoFar();
  // a search the user made while this election's view loads keeps its results (session 36: a
  // back/forward's restore, ending after it, cleared them); another election's load clears them
  const keepHits = state.election === id ? searchesSoFar() : null;
  // two back presses: the first's reads may answer after the second's; its view is no longer the
  // URL's, so it stops there and draws nothing
  const load = ++loads;
  const superseded = (): boolean => load !== loads;
  state.election = id;
  state.revision = null;
  state.mesa = null;
  $('unit-unknown').hidden = true;
  // another election or language: its first draw is read as a page, not announced
  heard = null;
  $('live-news').textContent = '';
  const [cands, places] = await Promise.all([
    api.document(id, 'candidates'),
    api.tryDocument(id, 'places'),
  ]);
  if (superseded()) return;
  state.choices = cands.choices;
  state.colors = new Map(cands.choices.map((c, i) => [c.id, c.color ?? paletteColor(i)]));
  state.places = places;
  // the regional and municipal view is Peru's: no link to it from another jurisdiction's election
  $('erm-link').hidden = places !== null && places.jurisdiction.id !== ERM_JURISDICTION;
  setupSearch(
    places,
    (crumbs) => drill(crumbs, true),
    (mesa) => openMesa(mesa, true),
    keepHits !== null && searchesSoFar() !== keepHits,
  );
  const crumbs = view.level && view.code && places ? unitCrumbs(places, view.level, view.code) : [];
  await refresh(crumbs, undefined, since);
  if (superseded()) return;
  // the user's acta (a drill back to its unit cleared it), else the URL's
  const mesa = navigationsSoFar() === since ? view.mesa : state.mesa;
  if (mesa) await openMesa(mesa, false);
}

/** The first figures are on the page (or there are none to wait for): no longer "loading". */
function loaded(): void {
  $('loading').hidden = true;
  document.querySelector('main')?.setAttribute('aria-busy', 'false');
}

/**
 * The drill to a unit a URL names; one the election does not have (a shared link's typo,
 * `code=99`) is said, and the national view shown instead of an empty page.
 */
function unitCrumbs(places: NonNullable<typeof state.places>, level: string, code: string) {
  const known = places.units.some((u) => u.level === level && u.code === code);
  const box = $('unit-unknown');
  box.hidden = known;
  if (known) return crumbsTo(places, level, code);
  const levelName = places.levels.find((l) => l.id === level)?.labels[state.lang] ?? level;
  box.textContent = t('unitUnknown')(`${levelName} ${code}`, nationName());
  return [];
}

/** Redraws one at a time: two at once would share the page. */
let redraws: Promise<void> = Promise.resolve();

/**
 * Every panel that moves with the count and the drill at `crumbs`, from one cut of the count
 * (web/cut.ts): the summary (the poll's, if it has one) and every document the view reads, all of
 * its revision. Read across an import, they are read again; failing that, the view stays as drawn.
 */
function refresh(
  crumbs: Crumb[],
  polled?: Summary,
  drills: number = navigationsSoFar(),
): Promise<void> {
  const id = electionId();
  // another election chosen before its turn: that election's own redraw is queued
  // a drill or acta the user begins after `drills` is theirs: the redraw leaves the drill to it
  const drawn = redraws.then(() =>
    id === state.election ? redraw(id, crumbs, drills, polled) : null,
  );
  redraws = drawn.then(
    () => undefined,
    () => undefined,
  );
  // the panels the server computes apart from the count, once the cut is drawn (outside the
  // queue: a slow cross-check must not hold the next cut back)
  return drawn.then((seats) => (seats === null ? undefined : setupApart(seats)));
}

/** Draws one cut; its seats, or null when none was drawn (another election, or the view kept). */
async function redraw(
  id: string,
  crumbs: Crumb[],
  drills: number,
  polled?: Summary,
): Promise<Seats | null> {
  const cut = await loadCut(
    polled,
    () => api.document(id, 'summary'),
    (s) => cutDocuments(id, s, crumbs),
  );
  // another election chosen meanwhile: its own redraw follows
  if (id !== state.election) return null;
  const notice = $('cut-notice');
  notice.hidden = 'summary' in cut;
  // the last consistent view stays, said to be updating; the next poll reads again
  if (!('summary' in cut)) {
    notice.textContent = t(cut.kept === 'unread' ? 'cutUnread' : 'cutMoving');
    return null;
  }
  const { drawn, strays } = await drawPinned(cut.docs, (reader) =>
    drawCut(reader, cut.summary, crumbs, drills),
  );
  // a document of the count drawn without being read ahead: the list below misses it (a bug)
  if (strays.length > 0) fail(new Error(`drawn outside its cut: ${strays.join(', ')}`));
  return drawn;
}

/** The cross-check and the what-if: computed by the server on request, not part of a cut. */
async function setupApart(seats: Seats): Promise<void> {
  const apart = await Promise.allSettled([
    setupCrossCheck(state.about, (m) => openMesa(m, true), state.site?.kind === 'static'),
    // the what-if recomputes on the server: a static site says it has none
    setupWhatIf(seats, state.site?.kind === 'static'),
  ]);
  for (const d of apart) if (d.status === 'rejected') fail(d.reason);
}

/** Whether the page asks for a projection: the summary says one exists (no request for a 404). */
const projected = (s: Summary): boolean => !s.count.complete && s.projection !== false;

/** Every document the view draws, read after its summary `s` (which is among them). */
async function cutDocuments(
  id: string,
  s: Summary,
  crumbs: readonly Crumb[],
): Promise<Map<string, unknown>> {
  const [map, drilled] = await Promise.all([mapPaths(), drillPaths(crumbs)]);
  const doc = (name: Parameters<typeof PATHS.document>[1]): string => PATHS.document(id, name);
  const docs = await readAll([
    doc('progress'),
    doc('seats'),
    doc('count-course'),
    ...(projected(s) ? [doc('projection'), doc('projection-history')] : []),
    PATHS.results(id, 'national'),
    ...(hasLevel('ambito') ? [PATHS.results(id, 'ambito')] : []),
    ...map,
    ...drilled,
  ]);
  return docs.set(doc('summary'), s);
}

/**
 * Draws one cut (`reader` reads its documents, pinned): the panels, then the drill, without waiting on
 * the server in between, so no frame shows part of the page redrawn. Returns the cut's seats (the
 * what-if's).
 */
async function drawCut(
  reader: Api,
  summary: Summary,
  crumbs: Crumb[],
  drills: number,
): Promise<Seats> {
  const id = electionId();
  state.revision = summary.revision;
  state.summary = summary;
  const projection = projected(summary) ? await reader.tryDocument(id, 'projection') : null;
  // each panel on its own: one that fails (a missing document) leaves the others drawn
  const drawn = await Promise.allSettled([
    renderProgress(reader, summary),
    renderSummary(reader, summary, projection),
    renderMap(reader),
    renderProjection(reader, projection, summary.status.pctCounted),
    renderCourse(reader),
  ]);
  for (const d of drawn) if (d.status === 'rejected') fail(d.reason);
  // a user's drill since the redraw was asked for stands (it checks its own cut, drill.ts); the
  // crumbs the redraw was asked with would undo it (review of pass 18 MEDIUM)
  // (an acta opened in the very unit drawn: the drill redraws it, and the caller reopens the acta)
  if (navigationsSoFar() === drills || sameCrumbs(crumbs, state.crumbs))
    await drill(crumbs, false, reader);
  // the user's unit stands, but drawn from an older cut it is drawn again, read from the server
  // (a newer cut there moves the whole view); the caller reopens the acta (review 23 M5)
  else if (unitDrawnAt() !== summary.revision) await drill(state.crumbs, false);
  // the national figures the headline was drawn with (read with the cut): the same sentence spoken
  const national = await reader.results(id, 'national').then(
    (r) => r.units[0],
    () => undefined,
  );
  announce(summary, national, projection);
  loaded();
  return reader.document(id, 'seats');
}

/** The figures last announced (null: none yet for this election and language). */
let heard: NewsParts | null = null;

/**
 * Says in #live-news what this revision changed: the actas processed, the lead (and that it is not
 * a result yet) or the outcome, and the projection's odds when they are news (web/news.ts).
 */
function announce(s: Summary, national: ResultUnit | undefined, p: Projection | null): void {
  const c = s.count;
  const pct = s.status.pctCounted;
  const actas =
    c.actasTotal > 0
      ? `${t('actasProcessed')}: ${fmt(c.actasProcessed)} / ${fmt(c.actasTotal)}`
      : pct === null
        ? ''
        : // a published release's % is of the actas its source counted (status.pctOf)
          `${t(s.status.pctOf === 'actas-counted' ? 'actasCounted' : 'actasProcessed')}: ${percent(pct)}`;
  // a settled count shows no projection: none is said either
  const odds = s.settled ? null : projectionOdds(p);
  const next = { actas, lead: liveLead(s, national), projection: odds };
  const said = newsOf(heard, next);
  heard = heardAfter(heard, next);
  if (said !== '') $('live-news').textContent = said;
}

/** Where the page stands with the server (web/server-notice.ts); drawn by drawServerNotice alone. */
let connection: Connection = UNANSWERED;

/** What a request found: the notice is redrawn when the connection's state changes. */
function hear(h: Heard): void {
  const next = connectionAfter(connection, h);
  if (sameConnection(next, connection)) return;
  connection = next;
  drawServerNotice();
}

/** The server notice as the connection's state and the page's language say it. */
function drawServerNotice(): void {
  const text = noticeText(connection, state.lang, zoneTime);
  const box = $('server-notice');
  box.hidden = text === '';
  box.textContent = text;
}

/** One poll: an unchanged summary is a 304 from the browser's cache; a new revision redraws. */
async function poll(): Promise<void> {
  if (state.polling) return;
  state.polling = true;
  try {
    // no election yet (a page opened before the first import): ask for the list again
    if (!state.election) {
      const list = await api.elections().catch(() => null);
      if (list !== null && list.elections.length > 0) {
        // a page whose first requests met no server has no site document yet
        state.site ??= await api.site().catch(() => null);
        electionOptions(list.elections);
      }
      hear(list === null ? { silentAt: Date.now() } : { elections: list.elections.length });
      if (list !== null && list.elections.length > 0) await restore(list.elections);
      return;
    }
    const id = state.election;
    const s = await api.document(id, 'summary').catch(() => null);
    hear(s === null ? { silentAt: Date.now() } : { elections: $select('election').options.length });
    if (s && id === state.election && s.revision !== state.revision) {
      // the audit head moved with the store (a re-publish, for a static copy): read it again
      state.site = (await api.site().catch(() => null)) ?? state.site;
      await refresh(state.crumbs, s);
      if (state.mesa) await openMesa(state.mesa, false);
    } else if (s && auditUnchecked(state.site)) {
      // the server's check of its head ends after the read that started it: asked again
      state.site = (await api.site().catch(() => null)) ?? state.site;
      drawAuditHead(state.site);
    }
  } finally {
    state.polling = false;
  }
}

/** The election picker's options, in the page's language. */
function electionOptions(elections: readonly Election[]): void {
  $('election').replaceChildren(
    ...elections.map((e) =>
      el(
        'option',
        { value: e.id, 'data-es': e.labels.es, 'data-en': e.labels.en },
        electionTitle(e),
      ),
    ),
  );
}

/**
 * The note a published final carries describes the complete release (its unresolved actas, its
 * totals): said beside a complete count only; beside a partial one the reference is worded as such,
 * with how far the count here is (review s34: "20 actas are still EN PROCESO" beside 34.7 %).
 */
function reportedNote(rep: NonNullable<About['reported']>, summary: Summary): string {
  if (summary.count.complete) return inLang(rep.note);
  const pct = summary.status.pctCounted;
  return pct === null ? t('reportedBesidePartial') : t('reportedBesidePct')(decimalText(pct));
}

/** The provenance, proclamation, figures that differ between sources, and a published final beside the count. */
function renderAbout(about: About | null, choices: readonly Choice[], summary: Summary): void {
  const box = $('about');
  if (!about) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const label = (id: string): string =>
    choiceLabel(choices.find((c) => c.id === id) ?? { id, label: id });
  box.replaceChildren(
    ...(about.proclamation
      ? [el('p', {}, `${t('proclamation')}: ${inLang(about.proclamation)}`)]
      : []),
    ...(about.reported
      ? [
          el('h3', {}, t('reported')),
          el(
            'p',
            { id: 'reported' },
            Object.entries(about.reported.votes)
              .map(([id, v]) => `${label(id)}: ${fmt(v)}`)
              .join(' · '),
            ` — ${inLang(about.reported.source)}. ${reportedNote(about.reported, summary)}`,
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
                d.values.map((v) => `${fmt(v.value)} (${inLang(v.source)})`).join(' · '),
                `. ${inLang(d.note)}`,
              ),
            ),
          ),
        ]
      : []),
    provenanceLine(about.provenance),
  );
}

/**
 * Where the provenance note is: a file by its path, said to be in cifra's repository only when it
 * is a bundled one (data/…); a user's note is beside their manifest (review 6).
 */
function provenanceLine(p: string): HTMLElement {
  if (!/\.md$/i.test(p))
    return el('p', { class: 'hint', id: 'provenance' }, `${t('provenanceLabel')}: ${p}`);
  return el(
    'p',
    { class: 'hint', id: 'provenance' },
    `${t('provenanceLabel')}: `,
    el('code', {}, p),
    ` ${t(/^data\//.test(p) ? 'provenanceInRepo' : 'provenanceBeside')}`,
  );
}

/** The provisional notice above the count: the figures' status, said as the summary serves it. */
function renderStatusNotice(p: Progress, summary: Summary): void {
  const notice = $('provisional');
  renderAbout(p.about ?? null, state.choices, summary);
  notice.hidden = !p.about && !p.published;
  // the status as the summary serves it: the page derives none (src/results/status.ts)
  const cut = shownCut(summary.status);
  if (notice.hidden) return;
  notice.textContent = statusLine(
    summary.status,
    p.about ?? null,
    cut?.text,
    state.lang,
    decimalText,
  );
  notice.append(...sourceLinks(p.about ?? null));
  if (cut?.verbatim) notice.title = cut.verbatim;
  else notice.removeAttribute('title');
}

/**
 * Where the figures' source can be fetched, when its manifest says (Spain's Infoelectoral zip): a
 * link named by its host after the status line's source; none without a URL (ONPE's captures).
 */
function sourceLinks(about: Progress['about'] | null): (Node | string)[] {
  return (about?.sourceLinks ?? []).flatMap((s) => {
    const url = URL.canParse(s.url) ? new URL(s.url) : null;
    // only a web address is a link (a manifest's text is data, never a script)
    if (url === null || !/^https?:$/.test(url.protocol)) return [];
    return [
      ` · ${t('sourceLink')}: `,
      el(
        'a',
        { href: url.href, rel: 'noopener', class: 'source-link', title: inLang(s.publisher) },
        url.host,
      ),
    ];
  });
}

/** A published release's count strip: the source's own %, or "final" without acta counts. */
function publishedProgress(pub: NonNullable<Progress['published']>, summary: Summary): Node[] {
  // a final release without acta counts is said final, never a made-up 100 % (review 6); final
  // as the summary serves it (one status rule, review 7)
  const finalOnly = pub.pctCounted === null && summary.status.kind === 'final';
  return [
    el(
      'span',
      {},
      // the source's own % (a capture's, a computation's inputs): said as the source's
      `${t(pub.pctCounted === null ? 'actasProcessed' : 'actasBySource')}: `,
      el('strong', { id: 'pct-actas' }, percent(pub.pctCounted)),
      ...(finalOnly ? [` · ${t('final')} ${t('noActaCounts')}`] : []),
    ),
  ];
}

/** The actas' count strip: processed, at the JEE, pending, not loaded, electors remaining. */
function actaProgress(p: Progress, a: NonNullable<Progress['actas']>, complete: boolean): Node[] {
  return [
    el(
      'span',
      {},
      `${t('actasProcessed')}: `,
      el('strong', { id: 'pct-actas' }, percent(a.pctProcessed)),
      ` (${fmt(a.processed)} / ${fmt(a.total)})`,
    ),
    // Peru's JEE: only where the jurisdiction's sources have that state
    ...(state.places && !state.places.jurisdiction.states.includes('jee')
      ? []
      : [el('span', { id: 'at-jee' }, `${t('atJee')}: `, el('strong', {}, fmt(a.jee)))]),
    // pending actas whose figures the rules count (ONPE's 2021 "EN PROCESO"): already in the %
    el(
      'span',
      { id: 'pending' },
      `${t('pending')}: `,
      el('strong', {}, fmt(a.pending)),
      a.pendingWithFigures > 0 ? ` (${t('pendingWithFigures')(fmt(a.pendingWithFigures))})` : '',
    ),
    // no universe: the total is the actas the files brought, not the election's (never "all of it")
    ...(p.universe === 'none' ? [el('span', { id: 'no-universe' }, t('noUniverse'))] : []),
    // a partial file: the universe's actas no file has brought yet, in the total and in no state
    ...(p.actasNotLoaded !== null && p.actasNotLoaded > 0
      ? [
          el(
            'span',
            { id: 'not-loaded' },
            `${t('notLoaded')}: `,
            el('strong', {}, fmt(p.actasNotLoaded)),
          ),
        ]
      : []),
    // a complete count with electors out is a final release leaving actas unresolved for good:
    // their electors are not "still to count" beside "Final result" (session 30)
    el(
      'span',
      { id: 'remaining' },
      `${t(complete ? 'remainingUnresolved' : 'remaining')}: `,
      el('strong', {}, p.eligibleRemaining === null ? '—' : fmt(p.eligibleRemaining)),
    ),
  ];
}

async function renderProgress(reader: Api, summary: Summary): Promise<void> {
  const p = await reader.document(electionId(), 'progress');
  state.published = p.published ?? null;
  state.about = p.about ?? null;
  renderStatusNotice(p, summary);
  const fresh = freshness(summary);
  const strip = p.published
    ? publishedProgress(p.published, summary)
    : p.actas === null
      ? // a source with no acta counts: the count strip says so, never "0 / 0"
        [el('span', {}, `${t('actasProcessed')}: `, el('strong', { id: 'pct-actas' }, '—'))]
      : actaProgress(p, p.actas, summary.count.complete);
  $('progress').replaceChildren(...strip, ...fresh);
  // in the page's zone, known once the places are read
  drawAuditHead(state.site);
}

async function renderSummary(
  reader: Api,
  summary: Summary,
  projection: Projection | null,
): Promise<void> {
  const id = electionId();
  const [national, ambito, seats] = await Promise.all([
    reader.results(id, 'national'),
    resultsIfLevel(reader, 'ambito'),
    reader.document(id, 'seats'),
  ]);
  const n = national.units[0];
  const abroadMissing = lacksAbroad(ambito.units.map((u) => u.code));
  $('outcome').replaceChildren(...(n ? headline(summary, projection, abroadMissing, n) : []));
  $('bars').replaceChildren(...(n ? barsOf(n) : []));
  // what the manifest says the bars' figures need to be read right (Spain's % base), beside them
  const note = summary.note ?? null;
  $('results-note').textContent = note === null ? '' : inLang(note);
  $('results-note').hidden = note === null;
  $('totals').replaceChildren(...(n ? totalsOf(n) : []));
  renderCongress(seats, n?.valid ?? null);
}

/**
 * The election to open with: the latest final presidential result the store has (the election
 * a visitor most likely comes for), else one counted from actas, else the first.
 */
function defaultElection(elections: readonly Election[]): Election | undefined {
  const finals = elections.filter((e) => e.status === 'final' && e.kind === 'presidential');
  const latest = finals.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0];
  return latest ?? elections.find((e) => !e.status) ?? elections[0];
}

async function main(): Promise<void> {
  const view = readView();
  if (view.lang === 'en' || view.lang === 'es') state.lang = view.lang;
  applyStrings();
  // the regional and municipal elections have a view of their own (web/erm.js)
  if (readErmView().view === 'erm') {
    loaded();
    return startErm(applyStrings);
  }
  $('lang').addEventListener('click', async () => {
    state.lang = state.lang === 'es' ? 'en' : 'es';
    applyStrings();
    sayUnknownElection();
    writeLang();
    await loadElection(electionId(), readView());
  });
  wireWhatIf();
  wireCrossCheck();
  wireSkipLink();
  // a server that does not answer yet is said, and the poll asks again (state.election stays null)
  const first = await Promise.all([api.elections(), api.site()]).catch(() => null);
  const elections = first?.[0].elections ?? [];
  state.site = first?.[1] ?? null;
  drawAuditHead(state.site);
  electionOptions(elections);
  hear(first === null ? { silentAt: Date.now() } : { elections: elections.length });
  $('election').addEventListener('change', async () => {
    const chosen = $select('election').value;
    // an election chosen: the URL's unknown id is behind us
    unknownElection = null;
    sayUnknownElection();
    // a new election: its own URL, without the previous one's what-if levers or drill
    const u = new URL(location.href);
    for (const k of [...u.searchParams.keys()])
      if (k !== 'lang' && k !== 'poll') u.searchParams.delete(k);
    u.searchParams.set('election', chosen);
    u.hash = '';
    history.pushState(null, '', u);
    state.crumbs = [];
    await loadElection(chosen);
  });
  wireHistory();
  await restore(elections);
  if (location.hash === '#congress' && !$('congress').hidden) $('congress').scrollIntoView();
  else toRestoredDetail(false);
  setInterval(() => poll().catch(fail), pollInterval());
  setInterval(tickFreshness, 30_000);
  document.body.dataset.ready = 'true';
}

/**
 * Back/forward: the view the URL holds, redrawn (the election and language too), and scrolled to
 * its detail only while that view is still what the page shows once drawn: not after another
 * back/forward or election, nor under a drill, an acta or a search the user began meanwhile
 * (session 36: live-static's walk searched during a restore that, ending later, glided the page
 * away from the user's results).
 */
function wireHistory(): void {
  window.addEventListener('popstate', () => {
    const [drills, searched] = [navigationsSoFar(), searchesSoFar()];
    const restoring = restore();
    const load = loads;
    restoring
      .then(() => {
        const still =
          load === loads && navigationsSoFar() === drills && searchesSoFar() === searched;
        if (still) toRestoredDetail(true);
      })
      .catch(fail);
  });
}

/**
 * A view restored from the URL (a shared link, back/forward) opens at what it points to: the acta,
 * else the drilled unit's detail, not a phone's screens above it under the map; the national view
 * stays where it is. Only when that heading is out of sight; back/forward glide there unless the
 * reader asked for less motion, a link opened jumps.
 */
function toRestoredDetail(glide: boolean): void {
  const acta = state.mesa === null ? null : document.getElementById('acta-title');
  if (acta === null && state.crumbs.length === 0) return;
  const heading = acta ?? document.getElementById('unit-name');
  if (heading === null) return;
  const r = heading.getBoundingClientRect();
  if (r.top >= 0 && r.bottom <= window.innerHeight) return;
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  (acta ?? $('detail')).scrollIntoView({
    block: 'start',
    behavior: glide && !still ? 'smooth' : 'auto',
  });
}

/** The election id the URL asked for that the server does not have (null: none). */
let unknownElection: string | null = null;

/** Says which election id is unknown and which is shown instead, in the page's language. */
function sayUnknownElection(): void {
  const box = $('election-unknown');
  box.hidden = unknownElection === null;
  if (unknownElection !== null)
    box.textContent = t('electionUnknown')(
      unknownElection,
      $select('election').selectedOptions[0]?.textContent ?? '',
    );
}

/** Draws the view in the URL: its election and language, its drill and mesa. */
async function restore(elections?: readonly Election[]): Promise<void> {
  const view = readView();
  const lang = view.lang === 'en' ? 'en' : 'es';
  if (lang !== state.lang) {
    state.lang = lang;
    applyStrings();
  }
  const ids = elections ?? [...$select('election').options].map((o) => ({ id: o.value }));
  const asked = ids.find((e) => e.id === view.election);
  const first = asked ?? (elections ? defaultElection(elections) : ids[0]);
  // no election yet (or no server): the notices say why, not an endless "loading"
  if (!first) return loaded();
  $select('election').value = first.id;
  // an id the server does not have is said, not silently replaced by the default
  unknownElection = view.election && asked === undefined ? view.election : null;
  sayUnknownElection();
  await loadElection(first.id, view);
}

// a drill that met a newer cut redraws the whole view there (after any redraw under way)
onCutMoved((crumbs) => {
  refresh(crumbs).catch(fail);
  return Promise.resolve();
});

function fail(e: unknown): void {
  document.body.dataset.error = String(e);
  console.error(e);
}

main().catch(fail);
